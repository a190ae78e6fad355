import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { startService } from "./helpers.js";

// The Java 11 example of docs/service.md, as written there, run by a real JVM against the
// service on a socket (Java's single-file launcher compiles it: `java Decide.java`). Only the
// address changes: the test's service listens on a free port instead of 8080. Runs where a
// JDK of 11 or later is installed; CI's machine has none, and says so by skipping.

const JAVA = spawnSync("java", ["-version"], { encoding: "utf8" });
const HAS_JAVA = JAVA.status === 0;

/** The ```java block of docs/service.md. */
function javaExample(): string {
  const doc = readFileSync(join(ROOT, "docs/service.md"), "utf8");
  const match = /```java\n([\s\S]*?)```/.exec(doc);
  if (match === null) throw new Error("docs/service.md has no java example");
  return match[1] as string;
}

function runJava(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("java", [file], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!HAS_JAVA)("the Java 11 client of docs/service.md", () => {
  it("decides the example application over HTTP, with the rules' hash", async () => {
    const { service, url } = await startService();
    try {
      const source = javaExample();
      expect(source).toContain('URI.create("http://127.0.0.1:8080/v1/decisions")');
      const dir = mkdtempSync(join(tmpdir(), "sa-java-"));
      const file = join(dir, "Decide.java");
      writeFileSync(file, source.replaceAll("http://127.0.0.1:8080", url));
      const { code, stdout, stderr } = await runJava(file);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      // "<rules SHA-256> <decision JSON>", as the example prints a decision.
      const [rules, ...rest] = stdout.trimEnd().split(" ");
      expect(rules).toMatch(/^[0-9a-f]{64}$/);
      const decision = JSON.parse(rest.join(" "));
      expect(decision.outcome).toBe("approve");
      expect(decision.matter.id).toBe("individual-business.establishment");
    } finally {
      await service.app.close();
    }
  }, 120_000);
});
