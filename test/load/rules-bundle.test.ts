// Rules bundles: rules validated once (`smart-approval bundle`), loaded without validating
// again (`loadRules(file)`, `--rules FILE`), deciding exactly as the rules they were built from.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_RULES_DIR, validateRules } from "../../src/entries/authoring.js";
import { loadRules, RuleFileError } from "../../src/index.js";
import { buildRulesBundle } from "../../src/node/load-rules.js";
import { cli, ROOT } from "../helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const examples = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(ROOT, "examples", f), "utf8")));
const now = new Date("2025-07-01T08:00:00Z");

/** A rules directory with the bundled matters only: the bundled catalogs and calendar apply. */
function mattersOnly(): string {
  const dir = mkdtempSync(join(scratch, "rules-"));
  cpSync(join(BUNDLED_RULES_DIR, "matters"), join(dir, "matters"), { recursive: true });
  return dir;
}

async function bundleOf(dir: string): Promise<string> {
  const { issues, bundle } = await buildRulesBundle(dir);
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  const file = join(dir, "..", `${Math.random().toString(36).slice(2)}.bundle`);
  writeFileSync(file, bundle as string);
  return file;
}

async function loadError(file: string): Promise<RuleFileError> {
  const error = await loadRules(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleFileError);
  return error as RuleFileError;
}

describe("rules bundles", () => {
  it("decide every example exactly as the directory they were built from", async () => {
    const dir = mattersOnly();
    const fromDir = await loadRules(dir);
    const fromBundle = await loadRules(await bundleOf(dir));
    expect(fromBundle.matters()).toEqual(fromDir.matters());
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const outcomes = new Set<string>();
    for (const application of examples) {
      const expected = await fromDir.decide(application, { replay: true, now });
      outcomes.add(expected.outcome);
      expect(await fromBundle.decide(application, { replay: true, now })).toEqual(expected);
    }
    // The bundled calendar went into the bundle: time limits are counted in working days.
    expect(fromBundle.calendar?.covers).toEqual(fromDir.calendar?.covers);
    expect(outcomes).toEqual(new Set(["approve", "incomplete", "refer"]));
  });

  it("are not written when the rules have errors, and every issue is given", async () => {
    const dir = mattersOnly();
    const file = join(dir, "matters", "individual-business.establishment", "1.0.0.json");
    const matter = JSON.parse(readFileSync(file, "utf8"));
    matter.standards[0].basis = [{ law: "no-such-law", article: "1" }];
    matter.materials[0].basis = [{ law: "another-missing-law", article: "1" }];
    writeFileSync(file, JSON.stringify(matter, null, 2));
    const { issues, bundle } = await buildRulesBundle(dir);
    expect(bundle).toBeUndefined();
    expect(issues.filter((i) => i.severity === "error").length).toBeGreaterThanOrEqual(2);
  });

  it("refuse a bundle edited after it was built", async () => {
    const file = await bundleOf(mattersOnly());
    const [header, body] = readFileSync(file, "utf8").split("\n") as [string, string];
    // One character of the rules changed: a version number.
    expect(body).toContain('"version":"1.0.0"');
    writeFileSync(file, `${header}\n${body.replace('"version":"1.0.0"', '"version":"1.0.1"')}\n`);
    const error = await loadError(file);
    expect(error.issues).toMatchObject([{ code: "bundle-digest", line: 2 }]);
    // `validate` checks a bundle as loadRules takes it.
    expect(validateRules([file])).toMatchObject([{ code: "bundle-digest", line: 2 }]);
    expect(validateRules([await bundleOf(mattersOnly())])).toEqual([]);
  });

  it("refuse a bundle built by another version, and a file that is not a bundle", async () => {
    const file = await bundleOf(mattersOnly());
    const [header, ...rest] = readFileSync(file, "utf8").split("\n");
    const older = { ...JSON.parse(header as string), library: "0.0.1" };
    writeFileSync(file, [JSON.stringify(older), ...rest].join("\n"));
    expect((await loadError(file)).issues).toMatchObject([
      { code: "bundle-version", pointer: "/library" },
    ]);
    const notBundle = join(scratch, "matter.json");
    cpSync(join(BUNDLED_RULES_DIR, "catalogs", "laws.json"), notBundle);
    expect((await loadError(notBundle)).issues).toMatchObject([{ code: "not-a-bundle" }]);
  });

  it("are written by the CLI and used by --rules", async () => {
    const dir = mattersOnly();
    const out = join(scratch, "cli.bundle");
    const built = await cli("bundle", dir, "--out", out);
    expect(built).toMatchObject({ code: 0 });
    expect(existsSync(out)).toBe(true);
    const direct = await cli(
      "evaluate",
      "examples/3-refer-minor-operator.json",
      "--replay",
      "--format",
      "json",
    );
    const viaBundle = await cli(
      "evaluate",
      "examples/3-refer-minor-operator.json",
      "--replay",
      "--format",
      "json",
      "--rules",
      out,
    );
    expect(viaBundle.code).toBe(direct.code);
    const decision = (text: string) => {
      const { record, ...rest } = JSON.parse(text);
      return { ...rest, record: { ...record, decidedAt: "(clock)" } };
    };
    expect(decision(viaBundle.stdout)).toEqual(decision(direct.stdout));
    expect(await cli("bundle", dir)).toMatchObject({ code: 1 });
  });
});
