// The sample corpus the README's commands run on (examples/corpus/<matter>.ndjson): one
// application per line, taken from the golden fixtures, so that a fresh clone has real input
// for `batch`, `diff --corpus` and `serve`. Also generates a larger corpus on demand.
//
//   npx tsx scripts/corpus.ts                 write examples/corpus/<matter>.ndjson from fixtures/
//   npx tsx scripts/corpus.ts --check         exit 1 if those files are not what fixtures/ gives
//   npx tsx scripts/corpus.ts --generated N [--seed S] > applications.ndjson
//                                             N generated 个体工商户 applications (bench/corpus.ts:
//                                             about 40% clean, the rest with one to three defects)
//
// The fixtures' applications are dated in the past: decide them as archived applications, on
// the dates they state (`batch --replay`; `diff --corpus` replays by itself).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateApplications } from "../bench/corpus.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "fixtures");
const CORPUS = join(ROOT, "examples", "corpus");

/**
 * The corpus files fixtures/ gives: for each matter (a folder of fixtures/), its file name and
 * the NDJSON text of every fixture's application, in file-name order.
 *
 * @example
 * corpusFiles().get("individual-business.establishment.ndjson"); // '{"matter":"individual-business.establishment",…}\n…'
 */
export function corpusFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const add = (name: string, dir: string) => {
    const lines = readdirSync(dir)
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => JSON.stringify(JSON.parse(readFileSync(join(dir, file), "utf8")).application));
    if (lines.length > 0) files.set(`${name}.ndjson`, `${lines.join("\n")}\n`);
  };
  for (const matter of readdirSync(FIXTURES).sort()) {
    // 一件事 fixtures are one folder per 一件事 under one-things/: a corpus of each.
    if (matter === "one-things") {
      for (const one of readdirSync(join(FIXTURES, matter)).sort()) {
        if (!one.endsWith(".json")) add(one, join(FIXTURES, matter, one));
      }
    } else add(matter, join(FIXTURES, matter));
  }
  return files;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean" },
      generated: { type: "string" },
      seed: { type: "string" },
    },
  });
  if (values.generated !== undefined) {
    const count = Number(values.generated);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (!Number.isInteger(count) || count < 0 || (seed !== undefined && !Number.isInteger(seed))) {
      console.error("--generated takes a whole number of applications, --seed a whole number");
      return 1;
    }
    for (const application of generateApplications(count, seed)) {
      process.stdout.write(`${JSON.stringify(application)}\n`);
    }
    return 0;
  }
  let stale = 0;
  for (const [name, text] of corpusFiles()) {
    const path = join(CORPUS, name);
    if (values.check) {
      let current: string | undefined;
      try {
        current = readFileSync(path, "utf8");
      } catch {
        current = undefined;
      }
      if (current !== text) {
        console.error(`examples/corpus/${name} is out of date: npx tsx scripts/corpus.ts`);
        stale += 1;
      }
    } else {
      writeFileSync(path, text);
      console.log(`examples/corpus/${name}: ${text.split("\n").length - 1} applications`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main();
}
