// Issue 15, "the documents, tried literally": every shell command in the README must run as
// written from the root of a fresh clone. This reads the README's ```sh blocks, checks that
// every file a command reads exists in the repository (or was written by a command before it:
// `> file`, `--out file`, `--log file`, openssl's `-out`), that every `npm run` script exists,
// and runs the `smart-approval` commands that read only files of the repository and write
// none, in process, with the exit code their comment states (2 where it says "exit 2", else
// 0) and the dates it promises in their output.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const SCRIPTS = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts);

interface Command {
  readonly line: number;
  readonly text: string;
  readonly words: readonly string[];
  readonly comment: string;
}

/** Splits a command line into words as a POSIX shell would (quotes, no expansion), and its comment. */
function split(text: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "#" && word === undefined) {
      return { words, comment: text.slice(i + 1).trim() };
    } else if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return { words, comment: "" };
}

/** Every command of the README's sh / bash / shell code blocks, with its line number. */
function readmeCommands(): Command[] {
  const commands: Command[] = [];
  const lines = README.split("\n");
  let inShell = false;
  let inOther = false;
  lines.forEach((text, index) => {
    const fence = /^```(\w*)/.exec(text);
    if (fence) {
      if (inShell || inOther) [inShell, inOther] = [false, false];
      else if (["sh", "bash", "shell"].includes(fence[1] as string)) inShell = true;
      else inOther = true;
      return;
    }
    if (!inShell || text.trim() === "") return;
    const { words, comment } = split(text);
    if (words.length > 0) commands.push({ line: index + 1, text, words, comment });
  });
  return commands;
}

/** Files a command writes: after `>`, `--out`, `-out` and `--log`. */
function outputs(words: readonly string[]): string[] {
  return words.flatMap((w, i) =>
    [">", "--out", "-out", "--log"].includes(words[i - 1] ?? "") ? [w] : [],
  );
}

/** Whether a word names a file or directory: it has a slash, or ends as one of ours do. */
function isPath(word: string): boolean {
  if (word.startsWith("-") || word.includes(":") || word.includes(" ")) return false;
  return word.includes("/") || /\.(json|ndjson|pem|bundle|html|md|ts)$/.test(word);
}

/** A shell glob's matches (only `*` in the last segment, which is all the README uses). */
function glob(pattern: string): string[] {
  if (!pattern.includes("*")) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp(`^${basename(pattern).replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
  return readdirSync(join(ROOT, dir))
    .filter((name) => re.test(name))
    .sort()
    .map((name) => join(dir, name));
}

const commands = readmeCommands();

describe("the README's commands, tried literally", () => {
  it("finds the commands (the extraction works)", () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.some((c) => c.words.join(" ") === "npm ci && npm start")).toBe(true);
  });

  it("every file a command reads exists in a fresh clone, or an earlier command wrote it", () => {
    const written = new Set<string>();
    for (const { line, text, words } of commands) {
      const out = new Set(outputs(words));
      for (const word of words) {
        const path = word.replace(/^@/, "").replace(/\/$/, "");
        if (!isPath(word) || out.has(word) || written.has(path)) continue;
        const matches = glob(path);
        expect(
          matches.length,
          `README.md:${line}: ${word} matches nothing\n  ${text}`,
        ).toBeGreaterThan(0);
        for (const match of matches) {
          expect(
            existsSync(join(ROOT, match)),
            `README.md:${line}: ${match} does not exist\n  ${text}`,
          ).toBe(true);
        }
      }
      for (const file of out) written.add(file);
    }
  });

  it("every npm script it runs exists, and the command line runs through npx in a clone", () => {
    for (const { line, words } of commands) {
      for (const [i, word] of words.entries()) {
        if (word === "npm" && words[i + 1] === "run") {
          expect(SCRIPTS, `README.md:${line}`).toContain(words[i + 2]);
        }
        // A clone has no global smart-approval: every call goes through npx.
        if (word === "smart-approval" && i === 0) {
          expect.fail(`README.md:${line}: a clone runs smart-approval as npx smart-approval`);
        }
      }
    }
  });

  // npx links the clone's bin once, into its cache, and runs the file it points to: a build that
  // writes the command (package.json "bin") without the execute bit breaks every later npx call
  // ("Permission denied"). The build sets it; `npm test` builds before it runs the tests
  // (skipped unbuilt).
  const bin = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin["smart-approval"];
  const main = join(ROOT, bin);
  it.skipIf(!existsSync(main))("the built command line is executable, as npx needs it", () => {
    expect(statSync(main).mode & 0o111, `${bin} is not executable`).not.toBe(0);
  });

  it("names no file outside the repository", () => {
    // The README may not point to a sibling folder such as ../shared (not in a clone).
    expect(README).not.toMatch(/\]\(\.\.\/|`\.\.\/|https?:\/\/(?!localhost)/);
  });

  // The commands that read only files of the repository and write none, run in process: the
  // `test` command (every fixture; test/fixtures.test.ts runs them) and `serve` are left out.
  const runnable = commands.filter(
    ({ words }) =>
      words[0] === "npx" &&
      words[1] === "smart-approval" &&
      !["test", "serve", "log", "deadlines"].includes(words[2] as string) &&
      outputs(words).length === 0 &&
      !words.includes(">"),
  );

  it("runs the cheap ones (at least the notice, the JSON, due, the gates and the diff)", () => {
    expect(runnable.map((c) => c.words[2])).toEqual(
      expect.arrayContaining(["evaluate", "validate", "diff", "due"]),
    );
  });

  for (const { line, text, words, comment } of runnable) {
    it(`README.md:${line}: ${words.slice(1, 4).join(" ")} …`, async () => {
      const argv = words.slice(2).flatMap((w) => (isPath(w) ? glob(w) : [w]));
      const result = await cli(...argv);
      const expected = /\bexit 2\b/.test(comment) ? 2 : 0;
      expect(result.code, `${text}\n${result.stderr.slice(0, 500)}`).toBe(expected);
      for (const date of comment.match(/\d{4}-\d{2}-\d{2}/g) ?? []) {
        expect(result.stdout, text).toContain(date);
      }
    }, 60_000);
  }
});
