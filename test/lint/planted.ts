import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MATTER_ID = "individual-business.establishment";

const MATTER_FILE = new URL(`../../rules/matters/${MATTER_ID}/1.0.0.json`, import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: rule files are edited freely to plant defects
export type MatterJson = Record<string, any>;

/** A fresh copy of the bundled 个体工商户设立登记 rule file. */
export function pristine(): MatterJson {
  return JSON.parse(readFileSync(MATTER_FILE, "utf8"));
}

/** The index of a standard or material by id (plants survive reordering of the bundled file). */
export function indexOf(list: Array<{ id: string }>, id: string): number {
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) throw new Error(`no ${id} in the bundled rule file`);
  return index;
}

/**
 * Writes matter files into a scratch rules tree outside the repository (no catalogs: the
 * bundled ones apply) and returns each file's path and text.
 */
export function writeRules(...matters: MatterJson[]): {
  root: string;
  files: Array<{ path: string; text: string }>;
} {
  const root = mkdtempSync(join(tmpdir(), "sa-lint-"));
  const files = matters.map((matter) => {
    const dir = join(root, "matters", String(matter.matter));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${matter.version}.json`);
    const text = JSON.stringify(matter, null, 2);
    writeFileSync(path, text);
    return { path, text };
  });
  return { root, files };
}

/** 1-based line of the first occurrence of `needle` in `text` (after `after`, if given). */
export function lineOf(text: string, needle: string, after = ""): number {
  const start = after === "" ? 0 : text.indexOf(after);
  const at = text.indexOf(needle, Math.max(start, 0));
  if (at < 0) throw new Error(`${needle} not found`);
  return text.slice(0, at).split("\n").length;
}

/** The bundled rule file with one defect of each kind the lint finds, each in its own place. */
export function plantedMatter(): MatterJson {
  const m = pristine();
  const standard = (id: string) => m.standards[indexOf(m.standards, id)];
  const material = (id: string) => m.materials[indexOf(m.materials, id)];

  // A `when` that can never hold: "company" is not in input.data's enum for organization.
  standard("GT-C07-family-members").when = {
    fact: "data",
    path: "organization",
    operator: "equal",
    value: "company",
  };
  // A `when` that can never be false: the enum allows only these two values.
  standard("GT-C09-single-premises").when = {
    fact: "data",
    path: "organization",
    operator: "in",
    value: ["family", "individual"],
  };
  // A `require` that can never hold: `valid` is a boolean.
  standard("GT-C01-document-valid").require = {
    fact: "derived",
    path: "operatorIdentity.valid",
    operator: "equal",
    value: "yes",
  };
  // Contradictory conditions inside one `require`.
  standard("GT-C02-at-least-16").require = {
    all: [
      {
        fact: "derived",
        path: "operatorIdentity.age",
        operator: "greaterThanInclusive",
        value: 18,
      },
      { fact: "derived", path: "operatorIdentity.age", operator: "lessThan", value: 16.5 },
    ],
  };
  // A `when` and a `require` that contradict each other.
  standard("GT-C08-address-given").when = {
    fact: "data",
    path: "premises.online",
    operator: "equal",
    value: false,
  };
  standard("GT-C08-address-given").require = {
    all: [
      { fact: "data", path: "premises.address", operator: "present" },
      { fact: "data", path: "premises.online", operator: "equal", value: true },
    ],
  };
  // A material no condition can require.
  material("GT-M03").requiredWhen = {
    fact: "data",
    path: "premises.online",
    operator: "equal",
    value: "no",
  };
  // A dead branch in an `any`.
  material("GT-M08").requiredWhen = {
    any: [
      { fact: "data", path: "premises.online", operator: "equal", value: true },
      { fact: "materials", path: "GT-M08", operator: "equal", value: "by-pigeon" },
    ],
  };
  // An operand the operator cannot use.
  standard("GT-C06-organization").require = {
    fact: "data",
    path: "organization",
    operator: "in",
    value: "individual",
  };
  // Regular expressions RE2 cannot run and invalid ones, in `matches` and in the input schema;
  // a pattern that backtracks catastrophically elsewhere is fine on RE2 and is not flagged.
  standard("GT-C04-liaison-real-name").require = {
    all: [
      { fact: "evidence", path: "realName.liaison.passed", operator: "equal", value: true },
      { fact: "data", path: "liaison.phone", operator: "matches", value: "^(a+)+$" },
      { fact: "data", path: "liaison.name", operator: "matches", value: "^(\\d)\\1+$" },
      { fact: "data", path: "operator.name", operator: "matches", value: "([unclosed" },
    ],
  };
  m.input.data.properties.liaison.properties.phone.pattern = "^(?!0)[0-9]+$";
  // A catalog field that does not exist (typo of preApproval).
  standard("GT-C11-preapproval-valid").when.all[0].path = "scope.anyTrue.preApprovl";
  // A catalog reference that does not exist (law) — the loader's own check.
  material("GT-M02").basis[0].ref = "no-such-law";
  // A message missing a locale — the loader's own check.
  delete standard("GT-C14-no-risk").message.en;
  return m;
}
