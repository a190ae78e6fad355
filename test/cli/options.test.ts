import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const COMMANDS = [
  "evaluate",
  "validate",
  "test",
  "diff",
  "guide",
  "due",
  "deadlines",
  "batch",
  "bundle",
  "serve",
  "log",
] as const;

describe("each command's own options", () => {
  it.each(COMMANDS)(
    "%s --help prints that command's usage and flags, not the global help",
    async (command) => {
      const { code, stdout, stderr } = await cli(command, "--help");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout.startsWith(`Usage: smart-approval ${command} `)).toBe(true);
      expect(stdout).toContain("-h, --help");
      // The global help lists every command; a command's help lists only its own.
      const others = COMMANDS.filter((c) => c !== command && c !== "test" && c !== "log");
      for (const other of others) expect(stdout).not.toContain(`smart-approval ${other}`);
    },
  );

  it("lists exactly the flags a command takes", async () => {
    const evaluate = (await cli("evaluate", "-h")).stdout;
    for (const flag of [
      "--format",
      "--locale",
      "--rules",
      "--trust",
      "--replay",
      "--backdate-days",
    ])
      expect(evaluate).toContain(flag);
    expect(evaluate).not.toContain("--out");
    expect(evaluate).not.toContain("--workers");
    const bundle = (await cli("help", "bundle")).stdout;
    expect(bundle).toMatch(/--out FILE +where to write the bundle \(required\)/);
    expect(bundle).toContain("--sign KEY");
  });

  it("refuses a flag the command does not take: one clear line, exit 1", async () => {
    const out = await cli(
      "evaluate",
      "examples/1-approve-convenience-store.json",
      "--out",
      "x.json",
    );
    expect(out).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'smart-approval: evaluate does not take --out\nRun "smart-approval evaluate --help" for usage.\n',
    });
    const workers = await cli("validate", "--workers", "2");
    expect(workers.code).toBe(1);
    expect(workers.stderr.split("\n")[0]).toBe("smart-approval: validate does not take --workers");
    const missing = await cli("due", "2026-01-05", "3", "--extension");
    expect(missing.code).toBe(1);
    expect(missing.stderr.split("\n")[0]).toBe(
      "smart-approval: Option '--extension <value>' argument missing",
    );
  });

  it("keeps the global help, version and unknown-command answers", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toContain(`  smart-approval ${command} `);
    expect(help.stdout).toContain("<command> --help");
    expect((await cli("--version")).code).toBe(0);
    const unknown = await cli("evalute", "x.json");
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr.split("\n")[0]).toBe('smart-approval: unknown command "evalute"');
    const first = await cli("--format", "json", "evaluate", "x.json");
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("the command comes first");
  });
});
