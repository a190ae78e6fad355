// Issue 7.2, the other side of the ReDoS lint: a regular expression the rule lint ACCEPTS must
// run in bounded time on the longest string an application may hold. Random patterns, attack
// strings built from their own characters; matching runs in a worker so that a pattern that
// does hang fails the test (the worker is stopped) instead of hanging it.
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { INPUT_LIMITS } from "../../src/evaluate/input-limits.js";
import { analyseRegex } from "../../src/lint/regex/redos.js";
import { runs, timeout } from "../properties/support.js";

/** Per attack string: quadratic matching of 4,000 characters takes about 15 ms. */
const SLOW_MS = 1_000;
/** The worker is stopped, and the pattern reported, after this long. */
const HANG_MS = 5_000;

const WORKER = `const { parentPort } = require("node:worker_threads");
  parentPort.on("message", ({ pattern, inputs }) => {
    const re = new RegExp(pattern, "u");
    const times = inputs.map((input) => {
      const start = performance.now();
      re.test(input);
      return performance.now() - start;
    });
    parentPort.postMessage(times);
  });`;

let worker = new Worker(WORKER, { eval: true });
afterAll(() => worker.terminate());

/** Times each match in the worker; a worker stuck for HANG_MS is replaced, and "hang" returned. */
function timeMatches(
  pattern: string,
  inputs: string[],
  hangMs = HANG_MS,
): Promise<number[] | "hang"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      worker.removeAllListeners("message");
      void worker.terminate();
      worker = new Worker(WORKER, { eval: true });
      resolve("hang");
    }, hangMs);
    worker.once("message", (times: number[]) => {
      clearTimeout(timer);
      resolve(times);
    });
    worker.postMessage({ pattern, inputs });
  });
}

const ATOMS = [
  "a",
  "b",
  "1",
  "x",
  ".",
  "\\d",
  "\\w",
  "\\s",
  "\\S",
  "[ab]",
  "[^a]",
  "[a-z]",
  "[0-9a]",
  " ",
];
const QUANTIFIERS = ["", "", "*", "+", "?", "{1,3}", "{2,}", "*?", "+?"];

const { node } = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)).map(([a, q]) => a + q),
    fc.tuple(tie("node"), tie("node")).map(([a, b]) => a + b),
    fc
      .tuple(tie("node"), tie("node"), fc.constantFrom(...QUANTIFIERS))
      .map(([a, b, q]) => `(?:${a}|${b})${q}`),
    fc.tuple(tie("node"), fc.constantFrom(...QUANTIFIERS)).map(([a, q]) => `(${a})${q}`),
  ),
}));

const pattern = fc
  .tuple(fc.boolean(), node, fc.boolean())
  .map(([start, body, end]) => `${start ? "^" : ""}${body}${end ? "$" : ""}`);

/** Attack strings of the longest allowed length, from the characters the patterns use. */
function attacks(): string[] {
  const n = INPUT_LIMITS.maxStringLength;
  return ["a", "b", "1", " ", "x", "ab", "a1", "1a", "a ", "xa"].flatMap((unit) => {
    const body = unit.repeat(Math.ceil(n / unit.length)).slice(0, n - 1);
    return [`${body}!`, `!${body}`];
  });
}

describe("patterns the ReDoS lint accepts run in bounded time", () => {
  it("the worker really stops a catastrophic pattern (the control)", async () => {
    expect(analyseRegex("^(a+)+$").ok).toBe(false);
    expect(await timeMatches("^(a+)+$", [`${"a".repeat(40)}!`], 500)).toBe("hang");
  }, 20_000);

  it("nested or alternating bounded repetitions, found by the property below", async () => {
    // Accepted by the lint when found: a bounded repetition is unrolled, so it has no loop to
    // flag, yet (a|a){1,30} can match 30 characters in 2^30 ways.
    const found = [
      "^(?:a|a){1,30}$",
      "^(?:a{1,20}){1,20}$",
      "^(?:(?: {1,4}){1,4}){1,4}$",
      "\\s(?:a|(?:a| {1,3}){1,3}){1,3}a",
    ];
    // 200 characters are enough to show it (the slowest takes minutes on 60).
    const inputs = attacks().map((s) => s.slice(0, 200));
    const hanging: string[] = [];
    for (const source of found) {
      if (!analyseRegex(source).ok) continue;
      const times = await timeMatches(source, inputs, SLOW_MS);
      if (times === "hang" || Math.max(...times) >= SLOW_MS) hanging.push(source);
    }
    expect(hanging, "accepted by the lint, yet slow").toEqual([]);
  }, 60_000);

  it(
    "random patterns: accepted ones match the longest strings an application may hold quickly",
    async () => {
      const inputs = attacks();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(pattern, async (source) => {
          fc.pre(analyseRegex(source).ok);
          accepted++;
          const times = await timeMatches(source, inputs);
          expect(times, `${source} hangs`).not.toBe("hang");
          const slowest = Math.max(...(times as number[]));
          expect(slowest, `${source}: ${Math.round(slowest)} ms`).toBeLessThan(SLOW_MS);
        }),
        { ...runs(150), maxSkipsPerRun: 1000 },
      );
      expect(accepted).toBeGreaterThan(0);
    },
    timeout(120_000),
  );
});
