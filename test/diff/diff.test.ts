import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffCommand } from "../../src/cli/commands/diff.js";
import { progressFrame } from "../../src/cli/progress-bar.js";
import { run } from "../../src/cli/run.js";
import { approvable } from "../helpers.js";
import { indexOf, type MatterJson, pristine } from "../lint/planted.js";

const FAMILY_FIXTURE = new URL(
  "../../fixtures/individual-business.establishment/family-operation-relationship-verified-approve.json",
  import.meta.url,
);

/** GB 11643 check character (ISO 7064 MOD 11-2) for 17 digits. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
  return first17 + "10X98765432"[sum % 11];
}

/** The sample application with the operator born on a given date (applied on 2025-06-30). */
function bornOn(date: string, id: string) {
  const app = approvable();
  app.id = id;
  app.data.operator.document.number = residentId(`440305${date.replaceAll("-", "")}222`);
  // The real-name result names the person it verified.
  app.evidence.realName.operator.idNumber = app.data.operator.document.number;
  return app;
}

/** Version 1.1.0: adults from 20, a new family material, a fee, a longer time limit. */
function nextVersion(): MatterJson {
  const m = pristine();
  m.version = "1.1.0";
  m.effective = { from: "2026-01-01" };
  m.timeLimit.statutory.workingDays = 5;
  m.fee.amount = 10;
  m.standards[indexOf(m.standards, "GT-C02-adult")].require.value = 20;
  m.standards.splice(indexOf(m.standards, "GT-C14-no-risk"), 1);
  m.materials.push({
    id: "GT-M09",
    title: { "zh-CN": "家庭经营协议", en: "Family operation agreement" },
    basis: [{ ref: "market-entity-rules", articles: ["7"] }],
    requiredWhen: { fact: "data", path: "organization", operator: "equal", value: "family" },
    satisfiedBy: ["upload"],
  });
  return m;
}

/** Both versions in a rules tree of their own, and a corpus whose changed decisions are known. */
function scenario() {
  const root = mkdtempSync(join(tmpdir(), "sa-diff-"));
  const dir = join(root, "matters", "individual-business.establishment");
  mkdirSync(dir, { recursive: true });
  const before = { ...pristine(), effective: { from: "2022-11-01", until: "2025-12-31" } };
  writeFileSync(join(dir, "1.0.0.json"), JSON.stringify(before, null, 2));
  writeFileSync(join(dir, "1.1.0.json"), JSON.stringify(nextVersion(), null, 2));
  const family = JSON.parse(readFileSync(FAMILY_FIXTURE, "utf8")).application;
  const corpus = [
    bornOn("1985-03-15", "adult-40"), // 1: approve → approve
    bornOn("2006-05-01", "aged-19"), // 2: approve → refer (R-AGE-16-17): adults now from 20
    bornOn("2007-01-15", "aged-18"), // 3: approve → refer
    bornOn("2008-03-03", "aged-17"), // 4: refer → refer, same referral: unchanged
    family, // 5: approve → incomplete (GT-M09 missing)
    "{ not json", // 6: skipped
    { ...approvable(), matter: "sole-proprietorship.establishment" }, // 7: skipped
    bornOn("2005-01-01", "aged-20"), // 8: approve → approve
  ]
    .map((line) => (typeof line === "string" ? line : JSON.stringify(line)))
    .join("\n");
  writeFileSync(join(root, "applications.ndjson"), `${corpus}\n\n`);
  return {
    root,
    before: join(dir, "1.0.0.json"),
    after: join(dir, "1.1.0.json"),
    corpus: join(root, "applications.ndjson"),
  };
}

function io(cwd: string) {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), cwd },
  };
}

describe("smart-approval diff", () => {
  const s = scenario();

  it("lists what changed in domain terms", async () => {
    const { out, io: cli } = io(s.root);
    expect(await run(["diff", s.before, s.after], cli)).toBe(0);
    expect(out.stdout).toBe(
      [
        "individual-business.establishment 1.0.0 → 1.1.0",
        "  in force",
        "    ~ effective: 2022-11-01 … 2025-12-31 → 2026-01-01 … open-ended",
        "  time limit",
        "    ~ statutory: 3 working days → 5 working days",
        "  fee",
        "    ~ amount: 0 CNY → 10 CNY",
        "  standards",
        "    ~ GT-C02-adult  经营者年满十八周岁（成年人为完全民事行为能力人）",
        "        require: 经营者身份证件（周岁年龄）不小于18",
        "               → 经营者身份证件（周岁年龄）不小于20",
        "    - GT-C14-no-risk  无危害国家安全、社会公共利益或冒名登记等风险",
        "  materials",
        "    + GT-M09  家庭经营协议",
        "",
      ].join("\n"),
    );
  });

  it("replays a corpus under both versions and groups the changed decisions by outcome", async () => {
    const { out, io: cli } = io(s.root);
    expect(
      await run(["diff", s.before, s.after, "--corpus", s.corpus, "--format", "json"], cli),
    ).toBe(0);
    const { replay, changes } = JSON.parse(out.stdout);
    expect(
      changes.map((c: { area: string; change: string; id?: string }) =>
        `${c.area} ${c.change} ${c.id ?? ""}`.trim(),
      ),
    ).toEqual([
      "effective changed",
      "time-limit changed",
      "fee changed",
      "standard changed GT-C02-adult",
      "standard removed GT-C14-no-risk",
      "material added GT-M09",
    ]);
    expect(replay).toMatchObject({ applications: 8, decided: 6, changed: 3, unchanged: 3 });
    expect(replay.skipped.map((x: { line: number }) => x.line)).toEqual([6, 7]);
    expect(replay.groups).toEqual([
      {
        before: "approve",
        after: "refer",
        count: 2,
        applications: [
          {
            line: 2,
            id: "aged-19",
            differences: ["outcome approve → refer", "+referral R-AGE-16-17"],
          },
          {
            line: 3,
            id: "aged-18",
            differences: ["outcome approve → refer", "+referral R-AGE-16-17"],
          },
        ],
      },
      {
        before: "approve",
        after: "incomplete",
        count: 1,
        applications: [
          { line: 5, differences: ["outcome approve → incomplete", "+missing GT-M09"] },
        ],
      },
    ]);
    expect(out.stderr).toBe("");
  });

  it("says so in words, and draws a progress bar only on a terminal", async () => {
    const { out, io: cli } = io(s.root);
    const code = await diffCommand([s.before, s.after], { corpus: s.corpus }, cli, {
      stderrIsTTY: true,
    });
    expect(code).toBe(0);
    expect(out.stdout).toContain(
      "replayed 6 of 8 applications: 3 decisions change, 3 unchanged, 2 skipped\n" +
        "  approve → refer: 2\n" +
        "    line 2 (aged-19): outcome approve → refer, +referral R-AGE-16-17\n" +
        "    line 3 (aged-18): outcome approve → refer, +referral R-AGE-16-17\n" +
        "  approve → incomplete: 1\n" +
        "    line 5: outcome approve → incomplete, +missing GT-M09\n" +
        "  skipped line 6: not JSON",
    );
    expect(out.stderr).toMatch(/^\r\[#*-*\] +\d+% \d+ applications?/);
    expect(out.stderr).toMatch(/100% 8 applications, [\d,]+\/s/);
    expect(out.stderr.endsWith("/s\r\u001b[K")).toBe(true);
  });

  it("reports an invalid version with located issues (exit 2) and refuses two different matters", async () => {
    const broken = pristine();
    broken.standards[0].require.operator = "approximately";
    const file = join(s.root, "broken.json");
    writeFileSync(file, JSON.stringify(broken, null, 2));
    const { out, io: cli } = io(s.root);
    expect(await run(["diff", s.before, file], cli)).toBe(2);
    expect(out.stderr).toMatch(/broken\.json:\d+:\d+: error: unknown operator/);

    const other = { ...pristine(), matter: "another.matter" };
    const otherFile = join(s.root, "other.json");
    writeFileSync(otherFile, JSON.stringify(other, null, 2));
    const second = io(s.root);
    expect(await run(["diff", s.before, otherFile], second.io)).toBe(1);
    expect(second.out.stderr).toContain("the two files are different matters");
  });
});

describe("progressFrame", () => {
  it("draws a bar, a percentage and a count on one overwritable line", () => {
    expect(progressFrame(450, 1000, 4500, 20)).toBe(
      "\r[#########-----------]  45% 4500 applications",
    );
    expect(progressFrame(0, 0, 1, 4)).toBe("\r[####] 100% 1 application");
  });
});
