import { parseArgs } from "node:util";
import { VERSION } from "../version.js";
import { type CliIo, EXIT, UsageError } from "./io.js";

const HELP = `smart-approval ${VERSION} — instant, rules-based approvals with legal citations

Usage:
  smart-approval evaluate <application.json>... [--format text|json] [--locale zh-CN|en] [--rules DIR] [--trust FILE] [--replay | --backdate-days N]
  smart-approval validate [paths...] [--format text|json|github] [--fail-on error|warning]
  smart-approval test [paths...] [--rules DIR] [--format text|json] [--coverage] [--threshold PERCENT]
  smart-approval diff <old.json> <new.json> [--corpus applications.ndjson] [--rules DIR] [--format text|json]
  smart-approval guide <matter> [--format md|html] [--locale zh-CN|en] [--rules DIR] [--date YYYY-MM-DD]
  smart-approval due <YYYY-MM-DD> <working-days> [--extension N] [--format text|json]
  smart-approval deadlines <decisions.ndjson> [--calendar FILE] [--date YYYY-MM-DD] [--format text|json]
  smart-approval batch <applications.ndjson|-> [--workers N] [--rules DIR] [--locale zh-CN|en] [--engine compiled|json-rules-engine] [--trust FILE] [--replay | --backdate-days N]
  smart-approval bundle [DIR] --out FILE [--sign KEY] [--format text|json|github]
  smart-approval serve [--rules PATH] [--host 127.0.0.1] [--port 8080] [--workers N] [--log FILE] [--trust FILE] [--replay]
  smart-approval log verify <FILE>

appliedOn must be today or at most --backdate-days (default 1) before it, China Standard Time;
--replay decides archived applications on the dates they state (the record says replay).

--rules takes a rules directory, or a bundle written by "bundle" (rules validated once, loaded
without validating them again). --trust FILE (evaluate, test, guide, batch) takes Ed25519 public
keys (PEM): only a bundle signed by one of them (bundle --sign KEY) is loaded.

Exit codes: 0 ok, 1 usage or I/O error, 2 checks failed (invalid rules or application, failing fixtures).
`;

/**
 * Runs the command line: parses arguments, calls the library, writes through the given
 * streams and returns the exit code. Never throws and never prints a stack trace: an
 * unexpected error is reported in one line with exit code 1.
 *
 * @example
 * const code = await run(["validate", "rules"], { stdout: console.log, stderr: console.error, cwd: process.cwd() });
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string" },
        locale: { type: "string" },
        rules: { type: "string" },
        "fail-on": { type: "string" },
        extension: { type: "string" },
        coverage: { type: "boolean" },
        threshold: { type: "string" },
        corpus: { type: "string" },
        date: { type: "string" },
        calendar: { type: "string" },
        workers: { type: "string" },
        engine: { type: "string" },
        out: { type: "string" },
        sign: { type: "string" },
        trust: { type: "string" },
        replay: { type: "boolean" },
        "backdate-days": { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        log: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
    const options = values as Record<string, string | undefined>;
    const [command, ...args] = positionals;
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (values.help || command === undefined || command === "help") {
      io.stdout(HELP);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    // Each command's modules are loaded when it runs: a CLI call starts with only its own.
    switch (command) {
      case "evaluate":
        return await (await import("./commands/evaluate.js")).evaluateCommand(args, options, io);
      case "validate":
        return (await import("./commands/validate.js")).validateCommand(args, options, io);
      case "test":
        return await (await import("./commands/test.js")).testCommand(args, options, io);
      case "due":
        return (await import("./commands/due.js")).dueCommand(args, options, io);
      case "deadlines":
        return (await import("./commands/deadlines.js")).deadlinesCommand(args, options, io);
      case "diff":
        return await (await import("./commands/diff.js")).diffCommand(args, options, io);
      case "guide":
        return await (await import("./commands/guide.js")).guideCommand(args, options, io);
      case "batch":
        return await (await import("./commands/batch.js")).batchCommand(args, options, io);
      case "bundle":
        return await (await import("./commands/bundle.js")).bundleCommand(args, options, io);
      case "serve":
        return await (await import("./commands/serve.js")).serveCommand(args, options, io);
      case "log":
        return (await import("./commands/log.js")).logCommand(args, options, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isArgError(error)) {
      io.stderr(
        `smart-approval: ${(error as Error).message}\nRun "smart-approval --help" for usage.\n`,
      );
    } else {
      io.stderr(
        `smart-approval: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    return EXIT.usage;
  }
}

function isArgError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
