import { describe, expect, it } from "vitest";
import { cycles, folderOf, importGraph } from "./import-graph.js";

// The house drawn from the imports (README, "Layout"). Each folder may import only from the
// folders on lower floors; folders on one floor do not import each other. `version.ts` is a leaf
// every floor may read; src/index.ts and src/entries/* are the package's entry points.
const FLOORS: readonly (readonly string[])[] = [
  ["validators"], // national codes, names, ages, plain dates: functions of texts
  ["model"], // the contracts (zod), from which the JSON Schemas are generated
  ["json"], // JSON with positions, JSON pointers, canonical JSON, schema paths, UTF-8
  ["calendar"], // working days and time limits on a calendar given as data
  ["evaluate"], // one matter version compiled, one application decided
  ["lint"], // what rule authors are warned of
  ["load"], // rule sources validated (texts in, issues out), bundles encoded and decoded
  ["rule-set"], // the front door: the version in force, decide
  ["guide", "report", "tester"], // what is made from rules and decisions
  ["diff", "browser", "one-thing"], // versions compared, with replay; the browser's rules and
  // their builder; 一件事 (combined applications decided member by member)
  ["node"], // the node edge: files, the bundled rules and calendar, node:crypto
  ["(entry)"], // the public entries: src/index.ts and src/entries/*
  ["precheck", "serve"], // the pre-check page (on the browser entry); the decision service
  ["cli"], // the command line
];

const floorOf = (module: string): number => {
  if (module === "version.ts") return -1;
  const folder =
    folderOf(module) === "" || folderOf(module) === "entries" ? "(entry)" : folderOf(module);
  const floor = FLOORS.findIndex((names) => names.includes(folder));
  if (floor < 0) throw new Error(`${module} is in no floor of the house: add its folder to FLOORS`);
  return floor;
};

// Only the edges touch the machine: the rest runs wherever JavaScript runs (a browser too).
const MAY_IMPORT_NODE = new Set(["node", "serve", "cli"]);

describe("the house drawn from the imports", () => {
  const graph = importGraph();

  it("has no import cycle at run time", () => {
    expect(cycles(graph)).toEqual([]);
    // The check sees a cycle where there is one: a module and one that imports it back.
    expect(
      cycles([
        { module: "a.ts", local: ["b.ts"], runtime: ["b.ts"], external: [] },
        { module: "b.ts", local: ["a.ts"], runtime: ["a.ts"], external: [] },
      ]),
    ).toEqual([["a.ts", "b.ts"]]);
  });

  it("has no import running back up or sideways between folders", () => {
    const wrong: string[] = [];
    for (const { module, local } of graph) {
      for (const target of local) {
        if (folderOf(module) === folderOf(target) && folderOf(module) !== "") continue;
        if (floorOf(target) >= floorOf(module) && target !== "version.ts") {
          wrong.push(`${module} → ${target}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("imports node: modules only at the node edge, the service and the CLI", () => {
    const wrong = graph.flatMap(({ module, external }) =>
      external
        .filter((name) => name.startsWith("node:"))
        .filter(() => !MAY_IMPORT_NODE.has(folderOf(module)))
        .map((name) => `${module} → ${name}`),
    );
    expect(wrong).toEqual([]);
  });

  it("knows every folder (a new folder is placed in the house on purpose)", () => {
    for (const { module } of graph) expect(() => floorOf(module)).not.toThrow();
  });

  it("finds the imports it checks (a graph read wrongly would pass every rule)", () => {
    const ruleSet = graph.find((m) => m.module === "rule-set/rule-set.ts");
    expect(ruleSet?.runtime).toContain("evaluate/front-door.ts");
    expect(ruleSet?.local).toContain("load/validated-rules.ts");
    expect(ruleSet?.runtime).not.toContain("load/validated-rules.ts");
    // A dynamic import loads a value, whatever statement came before it.
    expect(graph.find((m) => m.module === "cli/run.ts")?.runtime).toContain(
      "cli/commands/evaluate.ts",
    );
    expect(graph.find((m) => m.module === "node/rule-files.ts")?.external).toContain("node:fs");
    expect(graph.length).toBeGreaterThan(150);
  });
});
