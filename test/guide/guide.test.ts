import { describe, expect, it } from "vitest";
import { MatterFileSchema } from "../../src/entries/authoring.js";
import { describeCondition } from "../../src/guide/condition-text.js";
import { buildGuide } from "../../src/guide/guide.js";
import { formatGuideHtml } from "../../src/guide/guide-html.js";
import { formatGuideMarkdown } from "../../src/guide/guide-markdown.js";
import { bundledRules, cli } from "../helpers.js";
import { indexOf, pristine } from "../lint/planted.js";

const MATTER = "individual-business.establishment";

async function guideOf(locale: "zh-CN" | "en") {
  const version = (await bundledRules()).versionInForce(MATTER, "2025-06-30");
  if (!version) throw new Error("no version");
  return {
    version,
    guide: buildGuide(version.file, { sha256: version.sha256, laws: version.laws, locale }),
  };
}

describe("the public guide (办事指南)", () => {
  it("publishes every standard, material and referral of the rule file that decides", async () => {
    const { version, guide } = await guideOf("zh-CN");
    const md = formatGuideMarkdown(guide);
    for (const s of version.file.standards) expect(md).toContain(`\`${s.id}\``);
    for (const m of version.file.materials) expect(md).toContain(`\`${m.id}\``);
    for (const r of version.file.referrals) expect(md).toContain(`\`${r.code}\``);
    expect(md).toContain(version.sha256);
    expect(md).toMatch(/^# 个体工商户设立登记 — 办事指南$/m);
    expect(md).toContain("- 法定办结时限：3 个工作日");
    expect(md).toContain("- 不收费");
  });

  it("says when each material is needed, from its requiredWhen", async () => {
    const { guide } = await guideOf("zh-CN");
    const premises = guide.sections.materials.items.find((m) => m.id === "GT-M03");
    expect(premises?.details).toContainEqual({ label: "何时需要", text: "仅使用网络经营场所：否" });
    expect(premises?.details).toContainEqual({
      label: "提交方式",
      text: "上传；共享数据调取；告知承诺",
    });
    const form = guide.sections.materials.items.find((m) => m.id === "GT-M01");
    expect(form?.details[0]).toEqual({ label: "何时需要", text: "所有申请" });
  });

  it("shows the 告知 of SPEC-2 §4.2 for each material that accepts commitment", async () => {
    const { version, guide } = await guideOf("zh-CN");
    const section = guide.sections.commitment;
    expect(section?.heading).toBe("告知承诺");
    expect(section?.items.map((i) => i.id)).toEqual(["GT-M03"]);
    const labels = section?.items[0]?.details.map((d) => d.label) ?? [];
    // 事项名称、设定依据、证明内容、承诺方式、不适用情形、核查、法律责任、公开 (太原 plan; 深圳 art 61).
    for (const label of [
      "事项名称",
      "设定依据",
      "证明内容（承诺内容）",
      "承诺方式",
      "不适用情形",
      "信用状况无法核实时",
      "核查",
      "不实承诺或者未履行承诺的法律责任",
      "承诺内容公开",
    ])
      expect(labels).toContain(label);
    const text = (label: string) =>
      section?.items[0]?.details
        .filter((d) => d.label === label)
        .map((d) => d.text)
        .join("\n") ?? "";
    expect(text("事项名称")).toBe("个体工商户设立登记");
    expect(text("不适用情形")).toContain("信用修复前不适用告知承诺制");
    expect(text("核查")).toContain("60 个工作日");
    expect(text("不实承诺或者未履行承诺的法律责任")).toContain("撤销登记");
    expect(text("不实承诺或者未履行承诺的法律责任")).toContain("信用记录");
    const md = formatGuideMarkdown(guide);
    expect(md).toContain("## 告知承诺");
    expect(formatGuideHtml(guide)).toContain('<section id="commitment">');
    // The material itself says what is committed to.
    const premises = guide.sections.materials.items.find((m) => m.id === "GT-M03");
    expect(premises?.details.find((d) => d.label === "告知承诺")?.text).toBe(
      version.file.materials.find((m) => m.id === "GT-M03")?.commitment?.content["zh-CN"],
    );
  });

  it("says why a matter that excludes commitment excludes it, and lists no 告知", async () => {
    const { version } = await guideOf("en");
    const file = {
      ...version.file,
      commitment: {
        available: false as const,
        reason: { "zh-CN": "涉及公共安全", en: "it concerns public safety" },
        basis: [{ ref: "commitment-system-opinion", articles: ["第二部分"] }],
      },
    };
    const guide = buildGuide(file, { sha256: version.sha256, laws: version.laws, locale: "en" });
    expect(guide.sections.commitment?.items).toEqual([]);
    expect(guide.sections.commitment?.intro).toMatch(
      /^Commitment is not available for this matter: it concerns public safety \(Basis: /,
    );
    const premises = guide.sections.materials.items.find((m) => m.id === "GT-M03");
    expect(premises?.details.map((d) => d.label)).not.toContain("Commitment");
  });

  it("words conditions in each locale", () => {
    const matter = MatterFileSchema.parse(pristine());
    const adult = {
      all: [
        {
          fact: "derived" as const,
          path: "operatorIdentity.holder",
          operator: "equal" as const,
          value: "mainland",
        },
        {
          fact: "derived" as const,
          path: "operatorIdentity.age",
          operator: "greaterThanInclusive" as const,
          value: 16,
        },
      ],
    };
    expect(describeCondition(adult, matter, "zh-CN")).toBe(
      "经营者身份证件（持证人身份）为内地居民，且经营者身份证件（周岁年龄）不小于16",
    );
    // An enum value of the data is named as the form names it (x-enumTitles), not as stored.
    const family = {
      fact: "data" as const,
      path: "organization",
      operator: "in" as const,
      value: ["family", "individual"],
    };
    expect(describeCondition(family, matter, "zh-CN")).toBe("组成形式为家庭经营、个人经营之一");
    expect(describeCondition(family, matter, "en")).not.toContain('"family"');
    expect(describeCondition(adult, matter, "en")).toBe(
      "operator.document (holder) is mainland resident and operator.document (age in full years) is at least 16",
    );
    expect(
      describeCondition(
        {
          any: [
            { fact: "materials", path: "GT-M04", operator: "present" },
            { not: { fact: "data", path: "agent", operator: "present" } },
          ],
        },
        matter,
        "zh-CN",
      ),
    ).toBe("已提交《委托书及代理人身份证明》；或并非已填写委托代理人");
  });

  it("escapes text from the rule file in HTML and Markdown", () => {
    const m = pristine();
    m.standards[indexOf(m.standards, "GT-C01-document-valid")].title["zh-CN"] =
      '<script>alert("x")</script> *粗体*';
    const file = MatterFileSchema.parse(m);
    const guide = buildGuide(file, { sha256: "0", laws: new Map(), locale: "zh-CN" });
    const html = formatGuideHtml(guide);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(formatGuideMarkdown(guide)).toContain('\\<script\\>alert("x")\\</script\\> \\*粗体\\*');
  });
});

describe("smart-approval guide", () => {
  it("prints the guide as Markdown, or as one HTML page", async () => {
    const md = await cli("guide", MATTER);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# 个体工商户设立登记 — 办事指南\n/);
    const html = await cli("guide", MATTER, "--format", "html", "--locale", "en");
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.stdout).toContain("<h2>Materials</h2>");
  });

  it("picks the version in force on --date, and says clearly when there is none (exit 1)", async () => {
    expect((await cli("guide", MATTER, "--date", "2025-06-30")).code).toBe(0);
    const none = await cli("guide", MATTER, "--date", "2020-01-01");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`no version of ${MATTER} is in force on 2020-01-01`);
    const unknown = await cli("guide", "no.such-matter");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown matter "no.such-matter"');
  });
});
