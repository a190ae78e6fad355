// Issue 15: docs/rule-authors.md's GitHub Actions recipe, tried literally. Its diff step is
// taken out of the document as written and run the way GitHub runs a `run:` script (bash -eo
// pipefail) in a temporary git repository whose pull request adds versions to a matter and a
// new matter's first version, last in the diff — which made the old loop exit 1. `npx` is a
// stub that records what it is asked to diff.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

const DOC = readFileSync(join(ROOT, "docs", "rule-authors.md"), "utf8");

/** The diff step's script: the `run: |` block after the pull-request condition, dedented. */
function diffStep(): string {
  const lines = DOC.split("\n");
  const start = lines.findIndex((l) => l.includes("if: github.event_name == 'pull_request'"));
  expect(start, "the diff step is in docs/rule-authors.md").toBeGreaterThan(0);
  expect(lines[start + 1]?.trim()).toBe("run: |");
  const indent = (l: string) => l.length - l.trimStart().length;
  const body: string[] = [];
  const base = indent(lines[start + 2] as string);
  for (const line of lines.slice(start + 2)) {
    if (line.trim() !== "" && indent(line) < base) break;
    body.push(line.slice(base));
  }
  // GitHub's expression for the pull request's base branch, as GitHub substitutes it.
  return body.join("\n").replaceAll(`$\{{ github.base_ref }}`, "main");
}

/** The loop as the document had it before (the control: it must fail where the new one passes). */
const OLD_STEP = `for file in $(git diff --name-only origin/main -- 'rules/matters/*/*.json'); do
  dir=$(dirname "$file")
  previous=$(ls "$dir" | sort -V | grep -B1 "$(basename "$file")" | head -n1)
  [ "$previous" != "$(basename "$file")" ] &&
    npx smart-approval diff "$dir/$previous" "$file" --rules rules --corpus samples/applications.ndjson
done`;

function repository(): { dir: string; log: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "rule-authors-ci-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], {
      cwd: dir,
      stdio: "pipe",
    });
  const write = (path: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), "{}\n");
  };
  git("init", "-q", "-b", "main");
  write("rules/matters/a/1.1.0.json");
  write("rules/matters/c/1.0.0.json");
  git("add", ".");
  git("commit", "-qm", "base");
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  git("checkout", "-qb", "change");
  write("rules/matters/a/1.2.0.json");
  write("rules/matters/a/1.10.0.json");
  write("rules/matters/z/1.0.0.json"); // a new matter's first version, last in the diff
  git("add", ".");
  git("commit", "-qm", "change");
  const bin = join(dir, ".bin");
  const log = join(dir, ".npx.log");
  mkdirSync(bin);
  writeFileSync(join(bin, "npx"), `#!/bin/sh\necho "$*" >> "${log}"\n`);
  chmodSync(join(bin, "npx"), 0o755);
  writeFileSync(log, "");
  return { dir, log, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } };
}

// The step runs git and bash, as GitHub's runners have them; skipped where either is missing.
const TOOLS = ["git", "bash"].every((tool) => spawnSync(tool, ["--version"]).status === 0);

describe.skipIf(!TOOLS)("docs/rule-authors.md, the GitHub Actions diff step", () => {
  it("passes under bash -eo pipefail, comparing each new version with the one before it", () => {
    const { dir, log, env } = repository();
    const run = spawnSync("bash", ["-eo", "pipefail", "-c", diffStep()], { cwd: dir, env });
    expect(run.status, run.stderr.toString()).toBe(0);
    expect(run.stdout.toString()).toContain("rules/matters/z/1.0.0.json: the first version");
    const corpus = "--rules rules --corpus samples/applications.ndjson";
    expect(readFileSync(log, "utf8").trim().split("\n").sort()).toEqual([
      `smart-approval diff rules/matters/a/1.1.0.json rules/matters/a/1.2.0.json ${corpus}`,
      `smart-approval diff rules/matters/a/1.2.0.json rules/matters/a/1.10.0.json ${corpus}`,
    ]);
  });

  it("the control: the loop the document had before exits 1 on the same repository", () => {
    const { dir, env } = repository();
    const run = spawnSync("bash", ["-eo", "pipefail", "-c", OLD_STEP], { cwd: dir, env });
    expect(run.status).toBe(1);
  });

  it("introduces the sample corpus it replays", () => {
    expect(DOC).toMatch(/> samples\/applications\.ndjson/);
  });
});
