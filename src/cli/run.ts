import { parseArgs } from "node:util";
import { printable } from "../report/printable.js";
import { VERSION } from "../version.js";
import { type CliIo, EXIT, IoError, ioReason, isIoFailure, UsageError } from "./io.js";

/** One option of a command: its parse type, the value it takes (shown in help) and what it does. */
type OptionSpec =
  | { type: "string"; value: string; help: string; required?: true }
  | { type: "boolean"; help: string };

type Options = Record<string, string | boolean | undefined>;
/** The commands written when every option was a string take their options as strings only. */
type StringOptions = Record<string, string | undefined>;

/**
 * One command: its arguments, what it does, and its options. The same table parses the command
 * line (strictly: an option the command does not take is an error, not silently ignored) and
 * prints `<command> --help`, so the two cannot drift apart.
 */
interface CommandSpec {
  args: string;
  summary: string;
  options: Record<string, OptionSpec>;
  run(args: string[], options: Options, io: CliIo): Promise<number> | number;
}

const FORMAT = (values: string, help = "output format"): OptionSpec => ({
  type: "string",
  value: values,
  help,
});
const LOCALE: OptionSpec = { type: "string", value: "zh-CN|en", help: "language of the text" };
const RULES: OptionSpec = {
  type: "string",
  value: "PATH",
  help: "a rules directory, or a bundle written by `bundle` (default: the bundled rules)",
};
const TRUST: OptionSpec = {
  type: "string",
  value: "FILE",
  help: "Ed25519 public keys (PEM): load only a bundle signed by one of them",
};
const REPLAY: OptionSpec = {
  type: "boolean",
  help: "decide archived applications on the dates they state (the record says replay)",
};
const BACKDATE: OptionSpec = {
  type: "string",
  value: "N",
  help: "how many days before today appliedOn may be (default 1, China Standard Time)",
};

// Each command's modules are loaded when it runs: a CLI call starts with only its own.
const COMMANDS: Record<string, CommandSpec> = {
  evaluate: {
    args: "<application.json|->...",
    summary: "Decides each application and prints the decision with its legal citations.",
    options: {
      format: FORMAT("text|json"),
      locale: LOCALE,
      rules: RULES,
      trust: TRUST,
      replay: REPLAY,
      "backdate-days": BACKDATE,
      "fail-on": {
        type: "string",
        value: "refer|incomplete",
        help: "exit 2 when any decision has this outcome or a worse one (refer is worse than incomplete)",
      },
    },
    run: async (args, options, io) =>
      (await import("./commands/evaluate.js")).evaluateCommand(args, options as StringOptions, io),
  },
  validate: {
    args: "[paths...]",
    summary:
      "Checks rule files (default: the bundled rules): schema, semantic checks and lint, every issue located.",
    options: {
      format: FORMAT("text|json|github"),
      "fail-on": {
        type: "string",
        value: "error|warning",
        help: "exit 2 on any issue of this severity or worse (default error)",
      },
    },
    run: async (args, options, io) =>
      (await import("./commands/validate.js")).validateCommand(args, options as StringOptions, io),
  },
  test: {
    args: "[paths...]",
    summary: "Runs golden fixtures (default: fixtures/) against the rules.",
    options: {
      rules: RULES,
      trust: TRUST,
      format: FORMAT("text|json"),
      coverage: {
        type: "boolean",
        help: "report which standards, materials and referrals the fixtures exercise",
      },
      threshold: {
        type: "string",
        value: "PERCENT",
        help: "exit 2 when any matter version is covered less (implies --coverage)",
      },
    },
    run: async (args, options, io) =>
      (await import("./commands/test.js")).testCommand(args, options, io),
  },
  diff: {
    args: "<old.json> <new.json>",
    summary:
      "What changed between two versions of a matter (or of a 一件事); with --corpus, the decisions that change.",
    options: {
      corpus: {
        type: "string",
        value: "applications.ndjson",
        help: "decide every application under both versions",
      },
      "exit-code": {
        type: "boolean",
        help: "with --corpus, exit 2 when any decision changed (as git diff --exit-code)",
      },
      rules: { type: "string", value: "DIR", help: "where the catalogs come from" },
      format: FORMAT("text|json"),
      locale: LOCALE,
    },
    run: async (args, options, io) =>
      (await import("./commands/diff.js")).diffCommand(args, options, io),
  },
  guide: {
    args: "<matter>",
    summary:
      "Prints the public guide (办事指南) of a matter or a 一件事, from the rule files that decide it.",
    options: {
      format: FORMAT("md|html"),
      locale: LOCALE,
      rules: RULES,
      trust: TRUST,
      date: {
        type: "string",
        value: "YYYY-MM-DD",
        help: "the version in force on this date (default: the newest)",
      },
    },
    run: async (args, options, io) =>
      (await import("./commands/guide.js")).guideCommand(args, options, io),
  },
  precheck: {
    args: "<matter>",
    summary:
      "Writes the pre-check page (网上预审) of a matter: a static page that checks an application with no server or network.",
    options: {
      out: { type: "string", value: "DIR", help: "where to write the page", required: true },
      locale: LOCALE,
      rules: {
        type: "string",
        value: "DIR",
        help: "a rules directory (default: the bundled rules)",
      },
    },
    run: async (args, options, io) =>
      (await import("./commands/precheck.js")).precheckCommand(args, options, io),
  },
  due: {
    args: "<YYYY-MM-DD> <working-days>",
    summary: "The due date on the bundled calendar of working days.",
    options: {
      extension: { type: "string", value: "N", help: "working days of an extension" },
      format: FORMAT("text|json"),
    },
    run: async (args, options, io) =>
      (await import("./commands/due.js")).dueCommand(args, options as StringOptions, io),
  },
  deadlines: {
    args: "<decisions.ndjson>",
    summary: "The open decisions' deadlines, the overdue and the due soon first.",
    options: {
      calendar: {
        type: "string",
        value: "FILE",
        help: "a calendar file instead of the bundled one",
      },
      date: { type: "string", value: "YYYY-MM-DD", help: "today (default: today in Beijing)" },
      format: FORMAT("text|json"),
    },
    run: async (args, options, io) =>
      (await import("./commands/deadlines.js")).deadlinesCommand(
        args,
        options as StringOptions,
        io,
      ),
  },
  "one-thing-status": {
    args: "<combined-decision.json> [answers.json]",
    summary:
      "The joint status of a 一件事 from the departments' answers and the date, with the traffic light.",
    options: {
      date: { type: "string", value: "YYYY-MM-DD", help: "today (default: today in Beijing)" },
      "warn-days": {
        type: "string",
        value: "N",
        help: "yellow from N working days left (default 1)",
      },
      format: FORMAT("text|json"),
    },
    run: async (args, options, io) =>
      (await import("./commands/one-thing-status.js")).oneThingStatusCommand(
        args,
        options as StringOptions,
        io,
      ),
  },
  batch: {
    args: "<applications.ndjson|->",
    summary:
      "Decides one application per line and writes one NDJSON line per input line, in order.",
    options: {
      workers: {
        type: "string",
        value: "N",
        help: "worker threads (default: one per core; 0 decides on the main thread)",
      },
      rules: RULES,
      trust: TRUST,
      locale: LOCALE,
      evaluator: {
        type: "string",
        value: "compiled|json-rules-engine",
        help: "the evaluator of the conditions (json-rules-engine: the engine of record)",
      },
      replay: REPLAY,
      "backdate-days": BACKDATE,
    },
    run: async (args, options, io) =>
      (await import("./commands/batch.js")).batchCommand(args, options as StringOptions, io),
  },
  bundle: {
    args: "[DIR]",
    summary: "Validates a rules directory and writes a bundle that loads without validating again.",
    options: {
      out: { type: "string", value: "FILE", help: "where to write the bundle", required: true },
      sign: { type: "string", value: "KEY", help: "sign with this Ed25519 private key (PEM)" },
      format: FORMAT("text|json|github", "format of the issues found"),
    },
    run: async (args, options, io) =>
      (await import("./commands/bundle.js")).bundleCommand(args, options as StringOptions, io),
  },
  serve: {
    args: "",
    summary: "The decision service (docs/service.md).",
    options: {
      rules: RULES,
      trust: TRUST,
      host: { type: "string", value: "ADDRESS", help: "default 127.0.0.1" },
      port: { type: "string", value: "PORT", help: "default 8080" },
      workers: { type: "string", value: "N", help: "processes sharing the port (default 0)" },
      log: {
        type: "string",
        value: "FILE",
        help: "append every decision to this hash-chained log",
      },
      mask: {
        type: "string",
        value: "FILE",
        help: "keys and patterns the log masks besides the defaults (docs/service.md)",
      },
      replay: REPLAY,
    },
    run: async (args, options, io) =>
      (await import("./commands/serve.js")).serveCommand(args, options, io),
  },
  log: {
    args: "verify <FILE>",
    summary: "Checks a decision log's hash chain.",
    options: { format: FORMAT("text|json") },
    run: async (args, options, io) =>
      (await import("./commands/log.js")).logCommand(args, options, io),
  },
};

const HELP_OPTION: OptionSpec = { type: "boolean", help: "print this help" };

function usageLine(name: string, spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([option, o]) =>
    o.type === "boolean"
      ? `[--${option}]`
      : o.required
        ? `--${option} ${o.value}`
        : `[--${option} ${o.value}]`,
  );
  return ["smart-approval", name, spec.args, ...flags].filter((s) => s !== "").join(" ");
}

function commandHelp(name: string, spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([option, o]) => [
    `${option === "help" ? "-h, " : ""}--${option}${o.type === "string" ? ` ${o.value}` : ""}`,
    o.type === "string" && o.required ? `${o.help} (required)` : o.help,
  ]);
  const width = Math.max(...rows.map(([flag]) => (flag as string).length));
  return `Usage: ${["smart-approval", name, spec.args, "[options]"].filter((s) => s !== "").join(" ")}

${spec.summary}

Options:
${rows.map(([flag, help]) => `  ${(flag as string).padEnd(width)}  ${help}`).join("\n")}

${EXIT_CODES}`;
}

const EXIT_CODES =
  "Exit codes: 0 ok, 1 usage or I/O error, 2 checks failed (invalid rules or application, failing fixtures, a --fail-on or --exit-code condition met).\n";

const HELP = `smart-approval ${VERSION} — instant, rules-based approvals with legal citations

Usage:
${Object.entries(COMMANDS)
  .map(([name, spec]) => `  ${usageLine(name, spec)}`)
  .join("\n")}

"smart-approval <command> --help" describes a command and its options.

appliedOn must be today or at most --backdate-days (default 1) before it, China Standard Time;
--replay decides archived applications on the dates they state (the record says replay).

--rules takes a rules directory, or a bundle written by "bundle" (rules validated once, loaded
without validating them again). --trust FILE (evaluate, test, guide, batch, serve) takes Ed25519
public keys (PEM): only a bundle signed by one of them (bundle --sign KEY) is loaded.

${EXIT_CODES}`;

/**
 * Runs the command line: parses arguments, calls the library, writes through the given
 * streams and returns the exit code. Never throws and never prints a stack trace: an
 * unexpected error is reported in one line with exit code 1.
 *
 * @example
 * const code = await run(["validate", "rules"], { stdout: console.log, stderr: console.error, cwd: process.cwd() });
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  const name = first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
  try {
    if (name === undefined) return globalCommand(argv, io);
    const spec = COMMANDS[name] as CommandSpec;
    const { values, positionals } = parseCommandLine(name, spec, rest);
    if (values.help === true) {
      io.stdout(commandHelp(name, spec));
      return EXIT.ok;
    }
    return await spec.run(positionals, values, io);
  } catch (error) {
    if (error instanceof IoError) {
      io.stderr(`smart-approval: ${printable(error.message)}\n`);
    } else if (isIoFailure(error)) {
      // A file operation no command anticipated: still one line naming the file, not errno text.
      const path = typeof error.path === "string" ? `${error.path}: ` : "";
      io.stderr(`smart-approval: ${printable(path)}${ioReason(error)}\n`);
    } else if (error instanceof UsageError) {
      const help = name === undefined ? "smart-approval --help" : `smart-approval ${name} --help`;
      io.stderr(`smart-approval: ${printable(error.message)}\nRun "${help}" for usage.\n`);
    } else {
      io.stderr(
        `smart-approval: unexpected error: ${printable(error instanceof Error ? error.message : String(error))}\n`,
      );
    }
    return EXIT.usage;
  }
}

/** No command first: `--help`, `--version`, `help [command]`, or a usage error. */
function globalCommand(argv: readonly string[], io: CliIo): number {
  const [first, second, ...extra] = argv;
  if (first === "--version" || first === "-v") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === undefined) {
    io.stdout(HELP);
    return EXIT.usage;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    if (second !== undefined && first === "help" && extra.length === 0) {
      const spec = Object.hasOwn(COMMANDS, second) ? COMMANDS[second] : undefined;
      if (spec === undefined) throw new UsageError(`unknown command "${second}"`);
      io.stdout(commandHelp(second, spec));
      return EXIT.ok;
    }
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (first.startsWith("-")) {
    throw new UsageError(
      `the command comes first: smart-approval <command> [options] (got "${first}")`,
    );
  }
  throw new UsageError(`unknown command "${first}"`);
}

/** Parses a command's arguments against its own table only; a mistake is one clear line. */
function parseCommandLine(name: string, spec: CommandSpec, args: string[]) {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const [option, o] of Object.entries(spec.options)) options[option] = { type: o.type };
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Options, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const option =
        /Unknown option '([^']*)'/.exec((error as Error).message)?.[1] ?? "that option";
      throw new UsageError(`${name} does not take ${option}`);
    }
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
}
