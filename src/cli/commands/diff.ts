import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { diffMatters } from "../../diff/diff-matters.js";
import { formatDiff } from "../../diff/diff-text.js";
import { type CorpusLine, type ReplayResult, replayCorpus } from "../../diff/replay.js";
import { RuleFileError } from "../../load/rule-file-error.js";
import type { RuleSource } from "../../load/validate-sources.js";
import type { MatterFile } from "../../model/matter.js";
import { bundledCalendar } from "../../node/bundled-calendar.js";
import { readOneThingPair } from "../../node/one-thing-files.js";
import { BUNDLED_RULES_DIR } from "../../node/rule-files.js";
import { diffOneThings, formatOneThingDiff } from "../../one-thing/diff.js";
import { formatIssues } from "../../report/issues.js";
import { printableLines } from "../../report/printable.js";
import { RuleSet } from "../../rule-set/rule-set.js";
import { type CliIo, EXIT, IoError, ioReason, oneOf, UsageError } from "../io.js";
import { ProgressBar } from "../progress-bar.js";

/** Where the terminal is: a progress bar is drawn only on a terminal. */
export interface DiffEnvironment {
  stderrIsTTY: boolean;
}

/** The effective window given to both versions when replaying, so both apply to every date. */
const ALWAYS = { from: "1000-01-01" };

/**
 * `diff <old.json> <new.json> [--corpus applications.ndjson] [--rules DIR] [--format text|json]
 * [--locale zh-CN|en]`: what changed between two versions of a matter, in domain terms; with a
 * corpus, every application decided under both versions and the changed decisions grouped by
 * old → new outcome, with a progress bar on stderr when it is a terminal. Catalogs come from
 * `--rules`, else from the rules directory the old file sits in, else the bundled ones. With
 * `--exit-code` (which needs `--corpus`), exits 2 when any decision changed, as a CI gate.
 */
export async function diffCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  io: CliIo,
  env: DiffEnvironment = { stderrIsTTY: process.stderr.isTTY === true },
): Promise<number> {
  const format = oneOf("format", str(options.format), ["text", "json"], "text");
  const locale = oneOf("locale", str(options.locale), ["zh-CN", "en"], "zh-CN");
  const [oldPath, newPath, ...extra] = args.map((a) => resolve(io.cwd, a));
  if (oldPath === undefined || newPath === undefined || extra.length > 0) {
    throw new UsageError("diff needs two matter files: <old.json> <new.json>");
  }
  // Two versions of a 一件事: what changed in its terms (members, form, materials).
  const oneThings = readOneThingPair(oldPath, newPath);
  if (oneThings !== undefined) {
    // Replaying a corpus (and gating on it) and another rules directory are a matter's: say so
    // rather than leave them unread.
    const unused = ["corpus", "exit-code", "rules"].filter((o) => options[o] !== undefined);
    if (unused.length > 0) {
      throw new UsageError(
        `${unused.map((o) => `--${o}`).join(", ")}: for two matter files, not two 一件事 files`,
      );
    }
    const changes = diffOneThings(oneThings[0], oneThings[1]);
    io.stdout(
      format === "json" ? `${JSON.stringify(changes, null, 2)}\n` : formatOneThingDiff(changes),
    );
    return EXIT.ok;
  }
  const corpus = str(options.corpus) && resolve(io.cwd, str(options.corpus) as string);
  const exitCode = options["exit-code"] === true;
  if (exitCode && !corpus)
    throw new UsageError("--exit-code needs --corpus (it gates on changed decisions)");
  if (corpus && !existsSync(corpus))
    throw new IoError(`cannot read ${corpus}: no such file or directory`);
  const rulesDir = str(options.rules)
    ? resolve(io.cwd, str(options.rules) as string)
    : rulesDirOf(oldPath);
  const base = baseSources(rulesDir);
  const calendar = base.some((s) => /(^|[\\/])calendars[\\/]/.test(s.file))
    ? {}
    : { calendar: bundledCalendar() };
  const sources = [oldPath, newPath].map((path) => ({
    file: display(path, io.cwd),
    text: read(path),
  }));
  const loaded: RuleSet[] = [];
  try {
    for (const source of sources)
      loaded.push(await RuleSet.fromSources([...base, source], calendar));
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return EXIT.checksFailed;
  }
  const [before, after] = loaded.map(onlyVersion) as [Loaded, Loaded];
  if (before.file.matter !== after.file.matter) {
    throw new UsageError(
      `the two files are different matters: ${before.file.matter} and ${after.file.matter}`,
    );
  }
  const diff = diffMatters(before.file, after.file, { laws: after.laws, locale });
  let replay: ReplayResult | undefined;
  if (corpus) {
    const [oldRules, newRules] = await Promise.all(
      sources.map((source) => {
        const forced = { ...(JSON.parse(source.text) as MatterFile), effective: ALWAYS };
        return RuleSet.fromSources(
          [...base, { ...source, text: JSON.stringify(forced) }],
          calendar,
        );
      }),
    );
    const progress = env.stderrIsTTY ? progressReporter(corpus, io) : undefined;
    replay = await replayCorpus(corpusLines(corpus), {
      matter: after.file.matter,
      before: oldRules as RuleSet,
      after: newRules as RuleSet,
      ...(progress && { onProgress: progress.step }),
    });
    progress?.done();
  }
  io.stdout(
    format === "json"
      ? `${JSON.stringify(replay ? { ...diff, replay } : diff, null, 2)}\n`
      : printableLines(formatDiff(diff, replay)),
  );
  return exitCode && replay !== undefined && replay.changed > 0 ? EXIT.checksFailed : EXIT.ok;
}

type Loaded = NonNullable<ReturnType<RuleSet["versionInForce"]>>;

function onlyVersion(rules: RuleSet): Loaded {
  const [summary] = rules.matters();
  const version = summary && rules.versionInForce(summary.id, summary.versions[0]?.from ?? "");
  if (!version) throw new UsageError("a matter file must hold one matter version");
  return version;
}

async function* corpusLines(path: string): AsyncGenerator<CorpusLine> {
  const reader = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of reader) yield { line: ++line, text };
}

/** The progress bar of a replay, on a terminal only: bytes read measure the progress. */
function progressReporter(path: string, io: CliIo) {
  const bar = new ProgressBar((text) => io.stderr(text), {
    total: statSync(path).size,
    tty: true,
    unit: "application",
  });
  return {
    step: (entry: CorpusLine) => {
      bar.read(Buffer.byteLength(entry.text) + 1);
      bar.advance(entry.text.trim() === "" ? 0 : 1);
    },
    done: () => bar.finish(),
  };
}

/** `<dir>/matters/<matter>/<version>.json` → `<dir>`, when that directory has catalogs. */
function rulesDirOf(file: string): string {
  const dir = dirname(dirname(dirname(file)));
  return basename(dirname(dirname(file))) === "matters" && existsSync(join(dir, "catalogs"))
    ? dir
    : BUNDLED_RULES_DIR;
}

/** The catalogs and calendars of a rules directory, as sources. */
function baseSources(dir: string): RuleSource[] {
  return ["catalogs", "calendars"].flatMap((sub) => {
    const root = join(dir, sub);
    if (!existsSync(root)) return [];
    return readdirSync(root)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => ({ file: join(root, name), text: read(join(root, name)) }));
  });
}

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${ioReason(error)}`);
  }
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") ? path : rel;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
