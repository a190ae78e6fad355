import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { placeholders, renderDetailedMessage } from "../../src/evaluate/messages.js";
import type { Decision } from "../../src/index.js";
import type { DetailedMessage } from "../../src/model/matter.js";
import { bundledRules } from "../helpers.js";

/** Writes a matter file into a scratch rules tree (with no catalogs: the bundled ones apply). */
function writeMatterFile(text: string): string {
  const root = mkdtempSync(join(tmpdir(), "sa-rules-"));
  const dir = join(root, "matters", "individual-business.establishment");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "1.0.0.json"), text);
  return join(dir, "1.0.0.json");
}

describe("renderDetailedMessage", () => {
  const detail = (values: DetailedMessage["values"], zh: string, en?: string): DetailedMessage => ({
    text: en === undefined ? { "zh-CN": zh } : { "zh-CN": zh, en },
    values,
  });
  const words = { fact: "derived" as const, path: "name.words" };

  it("quotes and joins a list of texts in the notice's language", () => {
    const d = detail({ words }, "名称含有{words}，需人工审查", "The name contains {words}");
    const read = () => ["赌博", "彩票"];
    expect(renderDetailedMessage(d, read, "zh-CN")).toBe("名称含有“赌博”、“彩票”，需人工审查");
    expect(renderDetailedMessage(d, read, "en")).toBe("The name contains “赌博”, “彩票”");
  });

  it("formats items of objects with the first template whose fields they all have", () => {
    const items = [
      { "zh-CN": "“{character}”（应为“{standard}”）", en: "“{character}” (“{standard}”)" },
      { "zh-CN": "“{character}”", en: "“{character}”" },
    ];
    const d = detail(
      { characters: { fact: "derived", path: "name.chars", items } },
      "名称中的{characters}不是规范汉字",
      "Not standard: {characters}",
    );
    const read = () => [{ character: "國", standard: "国" }, { character: "A" }];
    expect(renderDetailedMessage(d, read, "zh-CN")).toBe(
      "名称中的“國”（应为“国”）、“A”不是规范汉字",
    );
    expect(renderDetailedMessage(d, read, "en")).toBe("Not standard: “國” (“国”), “A”");
  });

  it("localizes a field that is a localized text, and shows numbers and texts as they are", () => {
    const entries = {
      fact: "derived" as const,
      path: "scope.withTrue.preApproval",
      items: [{ "zh-CN": "“{title}”（{code}）", en: "“{title}” ({code})" }],
    };
    const d = detail(
      { entries, count: { fact: "derived", path: "scope.count" } },
      "{count}项中{entries}须经前置审批",
      "{entries} of {count} need approval",
    );
    const read = (ref: { path: string }) =>
      ref.path === "scope.count"
        ? 2
        : [{ code: "x", title: { "zh-CN": "危险化学品经营", en: "Hazardous chemicals" } }];
    expect(renderDetailedMessage(d, read, "zh-CN")).toBe("2项中“危险化学品经营”（x）须经前置审批");
    expect(renderDetailedMessage(d, read, "en")).toBe(
      "“Hazardous chemicals” (x) of 2 need approval",
    );
  });

  it("gives nothing (the plain message is shown) when a value is absent, empty or unformattable", () => {
    const d = detail({ words }, "名称含有{words}");
    for (const value of [undefined, null, [], "", [{}], [true], { a: 1 }, Number.NaN]) {
      expect(renderDetailedMessage(d, () => value, "zh-CN")).toBeUndefined();
    }
    // A placeholder with no value is never filled from nothing.
    expect(
      renderDetailedMessage(detail({}, "名称含有{words}"), () => ["x"], "zh-CN"),
    ).toBeUndefined();
  });

  it("names at most 20 items, and says there are more", () => {
    const d = detail({ words }, "{words}");
    const many = Array.from({ length: 25 }, (_, i) => `w${i}`);
    const text = renderDetailedMessage(d, () => many, "zh-CN") ?? "";
    expect(text.split("、")).toHaveLength(21);
    expect(text.endsWith("、…")).toBe(true);
  });

  it("lists a template's placeholders once each, in order", () => {
    expect(placeholders("{a}与{b}及{a}，{}与{1x}")).toEqual(["a", "b"]);
  });
});

describe("detailed messages in rule files", () => {
  it("are checked at load: unknown placeholders, unused values and bad paths, each located", () => {
    const m = JSON.parse(
      readFileSync(
        new URL(
          "../../rules/matters/individual-business.establishment/1.0.0.json",
          import.meta.url,
        ),
        "utf8",
      ),
    );
    const i = m.standards.findIndex((s: { id: string }) => s.id === "N-09-no-barred-content");
    const k = m.materials.findIndex((x: { id: string }) => x.id === "GT-M05");
    m.materials[k].detailedMessage = {
      text: { "zh-CN": "请提交{doc}" },
      values: { doc: { fact: "derived", path: "scope.withFalse" } },
    };
    m.standards[i].detailedMessage = {
      text: { "zh-CN": "名称含有{words}{colour}", en: "The name contains {wrods}" },
      values: {
        words: { fact: "derived", path: "businessName.forbiddenHitz" },
        extra: { fact: "data", path: "name" },
      },
    };
    const text = JSON.stringify(m, null, 2);
    const issues = validateRules([writeMatterFile(text)]);
    const at = (code: string) => issues.filter((x) => x.code === code).map((x) => x.pointer);
    const base = `/standards/${i}/detailedMessage`;
    expect(at("unknown-message-value").sort()).toEqual([`${base}/text/en`, `${base}/text/zh-CN`]);
    expect(at("unused-message-value")).toEqual([`${base}/values/extra`]);
    expect(at("unknown-path")).toEqual([
      `${base}/values/words/path`,
      `/materials/${k}/detailedMessage/values/doc/path`,
    ]);
    const unknownPath = issues.find((x) => x.code === "unknown-path");
    expect(unknownPath?.line).toBe(
      text.slice(0, text.indexOf('"businessName.forbiddenHitz"')).split("\n").length,
    );
  });
});

/** The approvable fixture of a matter, with one name. */
function fixture(matter: string, file: string) {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/${matter}/${file}.json`, import.meta.url), "utf8"),
  ).application;
}

const BASELINES = [
  ["individual-business.establishment", "name-tc-a02-name-approve", "深圳市南山区丽华便利店"],
  [
    "sole-proprietorship.establishment",
    "tc-b01-investor-personal-property-approve",
    "贵阳市南明区明远咨询服务中心",
  ],
  [
    "single-shareholder-company.establishment",
    "name-full-llc-form-approve",
    "深圳市南山区明远科技有限责任公司",
  ],
] as const;

/** Each matter's pre-registration approval document (its `…-preapproval-valid` standard reads it). */
const PRE_APPROVAL: Record<string, string> = {
  "individual-business.establishment": "GT-M05",
  "sole-proprietorship.establishment": "GD-M05",
  "single-shareholder-company.establishment": "YX-M07",
};

const messages = (d: Decision) => [
  ...d.missing.map((m) => `${m.id}: ${m.message}`),
  ...d.referrals.map((r) => `${r.standard}: ${r.message}`),
];

describe.each(BASELINES)("notices of %s name the offending item", (matter, file, name) => {
  // biome-ignore lint/suspicious/noExplicitAny: tests reach into the application freely
  type App = Record<string, any>;
  const decide = async (change: (app: App) => void, locale?: "en") => {
    const app = fixture(matter, file);
    change(app);
    return (await bundledRules()).decide(app, { replay: true, ...(locale ? { locale } : {}) });
  };

  it("names the characters that are not 规范汉字, with their 规范汉字 (N-02)", async () => {
    const renamed = (app: App) => {
      app.data.name = name.replace("区", "區").replace(/^(..)/, "$1\u200B");
    };
    const zh = await decide(renamed);
    expect(messages(zh)).toContain(
      "N-02-standard-characters: 名称中的不可见字符U+200B、“區”（应为“区”）不是规范汉字（《通用规范汉字表》所收的字），请更正",
    );
    const en = await decide(renamed, "en");
    expect(messages(en).join("\n")).toContain(
      "the invisible character U+200B, “區” (standard form “区”)",
    );
  });

  it("names the barred and restricted words found in the folded name (N-09, N-10)", async () => {
    const d = await decide((app) => {
      app.data.name = name.replace(/^(.{3})/, "$1中國賭博");
    });
    const text = messages(d).join("\n");
    expect(text).toContain("N-09-no-barred-content: 名称含有“赌博”，可能属于禁止情形，需人工审查");
    expect(text).toContain("N-10-no-restricted-words: 名称含有“中国”");
  });

  it("names the business-scope entries that are not in the catalog", async () => {
    const d = await decide((app) => {
      app.data.scope.push({ code: "卖东西" }, { code: "zzz" });
    });
    expect(messages(d).join("\n")).toContain(
      "经营范围中的“卖东西”、“zzz”不在经营范围规范目录中，请按照目录选择规范表述更正",
    );
  });

  it("asks for the pre-registration approval naming the scope entries that need it", async () => {
    const d = await decide((app) => {
      app.data.scope.push({ code: "hazardous-chemicals" }, { code: "security-services" });
    });
    const item = d.missing.find((m) => m.id === PRE_APPROVAL[matter]);
    expect(item?.message).toMatch(
      /^请提交：.+（经营范围中的“危险化学品经营”、“保安服务”须经批准方可登记）$/,
    );
    const en = await decide((app) => {
      app.data.scope.push({ code: "hazardous-chemicals" });
    }, "en");
    expect(en.missing.find((m) => m.id === PRE_APPROVAL[matter])?.message).toContain(
      "the business scope includes “Trading in hazardous chemicals”, which must be approved",
    );
  });

  it("names the business-scope entries that need a pre-registration approval", async () => {
    const d = await decide((app) => {
      app.data.scope.push({ code: "hazardous-chemicals" });
      app.materials.push({ id: PRE_APPROVAL[matter], via: "upload" });
      app.evidence.preApproval = { verified: false };
    });
    expect(messages(d).join("\n")).toContain(
      "经营范围中的“危险化学品经营”（hazardous-chemicals）须取得前置批准文件；",
    );
  });
});
