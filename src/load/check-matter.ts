import type { Ajv } from "ajv";
import { DERIVED_FUNCTIONS } from "../evaluate/derived/registry.js";
import { ENUM_TITLES_KEYWORD } from "../evaluate/field-messages.js";
import { placeholders } from "../evaluate/messages.js";
import type { JsonDocument } from "../json/json-document.js";
import { toPointer } from "../json/json-pointer.js";
import { schemaHasPath } from "../json/schema-paths.js";
import type { Citation } from "../model/citation.js";
import {
  type Condition,
  type FactRef,
  FactRefSchema,
  isLeaf,
  type LeafCondition,
  UNARY_OPERATORS,
} from "../model/condition.js";
import type { Issue } from "../model/issue.js";
import type { DetailedMessage, MatterFile } from "../model/matter.js";
import { checkCommitment } from "./check-commitment.js";
import { inputSchemaProblems } from "./check-input-schema.js";
import { type RuleFileIssueCode, ruleFileIssue } from "./issue-codes.js";
import type { PartialMatter } from "./partial-matter.js";

/**
 * Checks what the schema cannot: every id unique, every citation naming a known law, every
 * referral code declared, every condition path present in the matter's input schema (a typo
 * would otherwise read as missing), every derived fact backed by a library function, the input
 * schemas valid in ajv's strict mode (each mistake at its keyword), and messages in every locale. Returns all problems found.
 *
 * @example
 * const issues = checkMatter(file, document, { laws: new Set(["civil-code"]), ajv });
 */
export function checkMatter(
  matter: MatterFile | PartialMatter,
  document: JsonDocument,
  context: { laws: ReadonlySet<string>; catalogs: ReadonlySet<string>; ajv: Ajv },
): Issue[] {
  const issues: Issue[] = [];
  const at = (segments: (string | number)[]) => toPointer(segments);
  const error = (code: RuleFileIssueCode, message: string, segments: (string | number)[]) =>
    issues.push(ruleFileIssue(document, code, message, at(segments)));

  // Each mistake at the keyword at fault (strict mode), not one message at the top of input.
  for (const key of ["data", "evidence"] as const) {
    for (const problem of inputSchemaProblems(matter.input[key], context.ajv)) {
      error("invalid-input-schema", problem.message, ["input", key, ...problem.segments]);
    }
  }

  enumTitles(matter.input.data, ["input", "data"], error);

  duplicates(
    matter.standards.map((s) => s?.id),
    "standards",
    error,
  );
  duplicates(
    matter.materials.map((m) => m?.id),
    "materials",
    error,
  );
  duplicates(
    matter.referrals.map((r) => r?.code),
    "referrals",
    error,
    "code",
  );

  const citations = (basis: readonly Citation[], segments: (string | number)[]) =>
    basis.forEach((citation, i) => {
      if (!context.laws.has(citation.ref)) {
        error("unknown-law", `"${citation.ref}" is not in the laws catalog`, [
          ...segments,
          i,
          "ref",
        ]);
      }
    });
  citations(matter.basis, ["basis"]);
  citations(matter.dataBasis, ["dataBasis"]);
  citations(matter.timeLimit.basis, ["timeLimit", "basis"]);
  citations(matter.fee.basis, ["fee", "basis"]);
  for (const list of ["referrals", "standards", "materials"] as const) {
    matter[list].forEach((item, i) => {
      if (item) citations(item.basis, [list, i, "basis"]);
    });
  }

  const codes = new Set(matter.referrals.map((r) => r?.code));
  if (matter.unknownEvidenceReferral && !codes.has(matter.unknownEvidenceReferral)) {
    error(
      "unknown-referral-code",
      `"${matter.unknownEvidenceReferral}" is not declared in referrals`,
      ["unknownEvidenceReferral"],
    );
  }

  const checkPath = (fact: string, path: string, segments: (string | number)[]) => {
    const problem = pathProblem(matter, fact, path);
    if (problem) error(problem.code, problem.message, segments);
  };
  for (const [id, derived] of Object.entries(matter.derived)) {
    if (!DERIVED_FUNCTIONS.has(derived.function)) {
      const known = [...DERIVED_FUNCTIONS.keys()].join(", ");
      error(
        "unknown-derived-function",
        `unknown function "${derived.function}" (known: ${known})`,
        ["derived", id, "function"],
      );
    }
    for (const message of DERIVED_FUNCTIONS.get(derived.function)?.checkOptions?.(
      derived.options,
      context.catalogs,
    ) ?? []) {
      error("invalid-derived-options", message, ["derived", id, "options"]);
    }
    const inputs: Array<[FactRef, (string | number)[]]> = [
      [derived.input, ["derived", id, "input", "path"]],
      ...Object.entries(derived.with ?? {}).map(([name, ref]): [FactRef, (string | number)[]] => [
        ref,
        ["derived", id, "with", name, "path"],
      ]),
    ];
    for (const [ref, segments] of inputs) {
      checkPath(ref.fact, ref.path, segments);
      // Derived facts are computed in the order declared: one may read only those before it.
      const declared = Object.keys(matter.derived);
      const source = ref.path.split(".")[0] ?? "";
      if (ref.fact === "derived" && declared.indexOf(source) >= declared.indexOf(id)) {
        error(
          "derived-cycle",
          `derived fact "${id}" reads "${source}", which is not declared before it (itself or later)`,
          segments,
        );
      }
    }
  }
  const checkCondition = (condition: Condition, segments: (string | number)[]) =>
    walk(condition, segments, (leaf, leafAt) => {
      checkPath(leaf.fact, leaf.path, [...leafAt, "path"]);
      const ref = leaf.value;
      if (typeof ref === "object" && ref !== null && !Array.isArray(ref) && "fact" in ref) {
        // A value with `fact` is a fact reference, never a literal: it must be a valid one.
        const parsed = FactRefSchema.safeParse(ref);
        if (parsed.success)
          checkPath(parsed.data.fact, parsed.data.path, [...leafAt, "value", "path"]);
        else {
          for (const issue of parsed.error.issues) {
            const at = [
              ...leafAt,
              "value",
              ...issue.path.map((p) => (typeof p === "number" ? p : String(p))),
            ];
            error("invalid-fact-reference", `invalid fact reference: ${issue.message}`, at);
          }
        }
      }
      const unary = UNARY_OPERATORS.has(leaf.operator);
      if (unary && leaf.value !== undefined) {
        error("unexpected-value", `operator "${leaf.operator}" takes no value`, [
          ...leafAt,
          "value",
        ]);
      } else if (!unary && leaf.value === undefined) {
        error("missing-value", `operator "${leaf.operator}" needs a value`, leafAt);
      }
    });
  // A detailed message's values must be facts that exist, and its placeholders its values.
  const checkDetail = (detail: DetailedMessage, at: (string | number)[]) => {
    for (const [name, value] of Object.entries(detail.values)) {
      checkPath(value.fact, value.path, [...at, "values", name, "path"]);
      if (!placeholders(detail.text["zh-CN"]).includes(name)) {
        error("unused-message-value", `{${name}} is not used by the zh-CN text`, [
          ...at,
          "values",
          name,
        ]);
      }
    }
    for (const [locale, text] of Object.entries(detail.text)) {
      for (const name of placeholders(text ?? "")) {
        if (!Object.hasOwn(detail.values, name)) {
          error("unknown-message-value", `{${name}} is not one of the values`, [
            ...at,
            "text",
            locale,
          ]);
        }
      }
    }
  };
  matter.standards.forEach((standard, i) => {
    if (standard === undefined) return;
    if (standard.when) checkCondition(standard.when, ["standards", i, "when"]);
    checkCondition(standard.require, ["standards", i, "require"]);
    if (standard.onFail.outcome === "refer" && !codes.has(standard.onFail.code)) {
      error("unknown-referral-code", `"${standard.onFail.code}" is not declared in referrals`, [
        "standards",
        i,
        "onFail",
        "code",
      ]);
    }
    if (standard.onUnknownEvidence !== undefined && !codes.has(standard.onUnknownEvidence)) {
      error(
        "unknown-referral-code",
        `"${standard.onUnknownEvidence}" is not declared in referrals`,
        ["standards", i, "onUnknownEvidence"],
      );
    }
    if (standard.onFail.outcome === "correct") {
      checkPath("data", standard.onFail.field, ["standards", i, "onFail", "field"]);
    }
    if (standard.detailedMessage) {
      checkDetail(standard.detailedMessage, ["standards", i, "detailedMessage"]);
    }
  });
  matter.materials.forEach((material, i) => {
    if (material?.requiredWhen)
      checkCondition(material.requiredWhen, ["materials", i, "requiredWhen"]);
    if (material?.detailedMessage) {
      checkDetail(material.detailedMessage, ["materials", i, "detailedMessage"]);
    }
  });
  checkCommitment(matter, { error, citations, checkCondition, codes });

  for (const pointer of untranslated(document.value)) {
    issues.push(ruleFileIssue(document, "missing-locale", 'no "en" text beside "zh-CN"', pointer));
  }
  return issues;
}

function pathProblem(
  matter: MatterFile | PartialMatter,
  fact: string,
  path: string,
): { code: RuleFileIssueCode; message: string } | undefined {
  if (fact === "data" || fact === "evidence") {
    return schemaHasPath(matter.input[fact], path)
      ? undefined
      : { code: "unknown-path", message: `"${path}" is not described by input.${fact}` };
  }
  if (fact === "materials") {
    return matter.materials.some((m) => m?.id === path)
      ? undefined
      : { code: "unknown-path", message: `"${path}" is not a material of this matter` };
  }
  const [id = "", ...rest] = path.split(".");
  const derived = matter.derived[id];
  if (derived === undefined) {
    return {
      code: "unknown-derived-fact",
      message: `no derived fact "${id}" is declared in derived`,
    };
  }
  const fn = DERIVED_FUNCTIONS.get(derived.function);
  if (fn && rest.length > 0 && !Object.hasOwn(fn.outputs, rest[0] ?? "")) {
    const known = Object.keys(fn.outputs).join(", ");
    return {
      code: "unknown-path",
      message: `${derived.function} gives no "${rest[0]}" (it gives ${known})`,
    };
  }
  return undefined;
}

function walk(
  condition: Condition,
  segments: (string | number)[],
  visit: (leaf: LeafCondition, at: (string | number)[]) => void,
): void {
  if (isLeaf(condition)) {
    visit(condition, segments);
  } else if ("not" in condition) {
    walk(condition.not, [...segments, "not"], visit);
  } else {
    const [key, parts] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
    for (const [i, part] of parts.entries()) walk(part, [...segments, key, i], visit);
  }
}

function duplicates(
  ids: (string | undefined)[],
  list: string,
  error: (code: RuleFileIssueCode, message: string, segments: (string | number)[]) => void,
  key = "id",
): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else error("duplicate-id", `"${id}" is already used by ${list}[${first}]`, [list, i, key]);
  });
}

/** Pointers of localized texts that have zh-CN but no en. */
function untranslated(
  value: unknown,
  at: Array<string | number> = [],
  found: string[] = [],
): string[] {
  if (typeof value !== "object" || value === null) return found;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      at.push(i);
      untranslated(item, at, found);
      at.pop();
    });
    return found;
  }
  const record = value as Record<string, unknown>;
  if (typeof record["zh-CN"] === "string" && record.en === undefined) {
    found.push(toPointer(at));
    return found;
  }
  for (const [key, item] of Object.entries(record)) {
    at.push(key);
    untranslated(item, at, found);
    at.pop();
  }
  return found;
}

/**
 * The names of enum values for notices (`x-enumTitles`, field-messages.ts): a name for a value
 * the enum does not hold is a typo that would leave the real value unnamed (an error); a value
 * without a name in both locales is shown bare (a warning, as a missing locale elsewhere).
 */
function enumTitles(
  schema: unknown,
  segments: (string | number)[],
  report: (code: RuleFileIssueCode, message: string, segments: (string | number)[]) => void,
  depth = 0,
): void {
  if (depth > 64 || typeof schema !== "object" || schema === null) return;
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => {
      enumTitles(s, [...segments, i], report, depth + 1);
    });
    return;
  }
  const node = schema as Record<string, unknown>;
  const titles = node[ENUM_TITLES_KEYWORD];
  if (titles !== undefined) {
    const at = [...segments, ENUM_TITLES_KEYWORD];
    const values = Array.isArray(node.enum) ? node.enum.map(String) : undefined;
    if (typeof titles !== "object" || titles === null || Array.isArray(titles) || !values) {
      report(
        "invalid-enum-titles",
        `${ENUM_TITLES_KEYWORD} must be an object naming the values of this node's enum`,
        at,
      );
    } else {
      for (const [value, title] of Object.entries(titles)) {
        const named =
          typeof title === "string" ||
          (typeof title === "object" &&
            title !== null &&
            typeof (title as Record<string, unknown>)["zh-CN"] === "string");
        if (!values.includes(value)) {
          report("invalid-enum-titles", `"${value}" is not a value of the enum`, [...at, value]);
        } else if (!named) {
          report(
            "invalid-enum-titles",
            `the name of "${value}" must be a text or { "zh-CN", "en" }`,
            [...at, value],
          );
        }
      }
      for (const value of values) {
        const title = (titles as Record<string, unknown>)[value];
        if (
          title === undefined ||
          (typeof title === "object" &&
            title !== null &&
            typeof (title as Record<string, unknown>).en !== "string")
        ) {
          report("missing-locale", `the enum value "${value}" has no name in every locale`, at);
        }
      }
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (
      key !== ENUM_TITLES_KEYWORD &&
      key !== "enum" &&
      key !== "const" &&
      typeof value === "object"
    ) {
      enumTitles(value, [...segments, key], report, depth + 1);
    }
  }
}
