import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers.js";

// The shipped command decides on the rules the build validated and stored (dist/
// bundled-rules.json) only while every rule file is byte for byte what was validated: an
// edited rule file is validated again — and decided on if valid, refused if not — never
// shadowed by the stored copy. Run on a copy of the built package, edited.

const MATTER = "rules/matters/individual-business.establishment/1.0.0.json";
let copy: string;

/** A copy of what the package ships (dist, rules, package.json), with node_modules linked. */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "sa-stored-"));
  for (const part of ["dist", "rules", "package.json"]) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

function evaluate(dir: string) {
  const result = spawnSync(
    process.execPath,
    [
      join(dir, relative(ROOT, BIN)),
      "evaluate",
      join(ROOT, "examples/1-approve-convenience-store.json"),
      "--replay",
      "--format",
      "json",
    ],
    { cwd: dir, encoding: "utf8" },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!existsSync(BIN))("the stored bundled rules, after a rule file is edited", () => {
  beforeAll(() => {
    copy = packageCopy();
  }, 60_000);

  it("decide on the edited file, validated again, not on the stored copy", () => {
    const before = evaluate(copy);
    expect(before.status).toBe(0);
    const stored = JSON.parse(before.stdout).matter.sha256;
    // A valid edit: the matter's English title. The decision's rule-file hash must follow it.
    const file = join(copy, MATTER);
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.title.en = `${json.title.en} (edited)`;
    writeFileSync(file, JSON.stringify(json, null, 2));
    const after = evaluate(copy);
    expect(after.status, after.stderr).toBe(0);
    const decision = JSON.parse(after.stdout);
    expect(decision.outcome).toBe("approve");
    expect(decision.matter.sha256).not.toBe(stored);
  });

  it("are checked again at every load in one process (a service's reload)", () => {
    // The library as built, in a fresh copy: load, edit a rule file, load again.
    const dir = packageCopy();
    const script = join(dir, "reload.mjs");
    writeFileSync(
      script,
      `import { readFileSync, writeFileSync } from "node:fs";
       import { loadRules } from "./dist/index.js";
       const on = (rules) => rules.versionInForce("individual-business.establishment", "2025-06-30").sha256;
       const first = on(await loadRules());
       const file = ${JSON.stringify(join(dir, MATTER))};
       const json = JSON.parse(readFileSync(file, "utf8"));
       json.title.en += " (edited)";
       writeFileSync(file, JSON.stringify(json, null, 2));
       const second = on(await loadRules());
       console.log(JSON.stringify({ first, second }));`,
    );
    const result = spawnSync(process.execPath, [script], { cwd: dir, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const { first, second } = JSON.parse(result.stdout);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
  });

  it("refuse an edit that breaks the file, instead of deciding on the stored copy", () => {
    const file = join(copy, MATTER);
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.standards[0].require = { fact: "data", path: "operator", operator: "no-such-operator" };
    writeFileSync(file, JSON.stringify(json, null, 2));
    const result = evaluate(copy);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("1.0.0.json");
  });
});
