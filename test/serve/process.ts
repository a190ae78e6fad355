import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { BUNDLED_RULES_DIR, buildRulesBundle } from "../../src/entries/authoring.js";
import { BIN, ROOT } from "../helpers.js";

// `smart-approval serve` run as its own process, the built command as the package ships it
// (with --replay: the test applications are archived ones of 2025), and what the tests need
// around it.

export const TOKEN = "cli-test-token";

export interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `smart-approval serve` as its own process and waits for its one ready line. */
export async function serve(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, "serve", "--replay", ...args], {
    cwd: ROOT,
    env: { ...process.env, SMART_APPROVAL_ADMIN_TOKEN: TOKEN },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  expect(stdout.trimEnd().split("\n")).toHaveLength(1);
  return { child, url, stderr: () => stderr, exited };
}

export async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function bundles(dir: string) {
  const { bundle: a } = await buildRulesBundle();
  // Other rules (one matter's title changed), so the two have different SHA-256s.
  const other = join(dir, "rules-b");
  cpSync(BUNDLED_RULES_DIR, other, { recursive: true });
  const file = join(other, "matters", "individual-business.establishment", "1.0.0.json");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace('"个体工商户设立登记"', '"个体工商户设立登记（乙）"'),
  );
  const { bundle: b } = await buildRulesBundle(other);
  const current = join(dir, "current.bundle");
  writeFileSync(current, a as string);
  return { a: a as string, b: b as string, current };
}

export function install(path: string, text: string) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/**
 * The process ids of a process's Node children (Linux /proc): the workers of a primary (not
 * the esbuild helper tsx may start now and then).
 */
export function childPids(parent: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === parent && command === "node";
      } catch {
        return false;
      }
    })
    .map(Number);
}

export const HAS_PROC = existsSync("/proc/self/stat");
