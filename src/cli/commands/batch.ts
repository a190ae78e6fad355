import { createReadStream, fstatSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { EVALUATOR_KINDS, type EvaluatorKind } from "../../evaluate/condition-evaluator.js";
import { RuleFileError } from "../../load/rule-file-error.js";
import type { Issue } from "../../model/issue.js";
import { buildRulesBundle } from "../../node/load-rules.js";
import { formatIssues } from "../../report/issues.js";
import { dateOptions } from "../date-options.js";
import { type CliIo, EXIT, IoError, ioReason, oneOf, requirePath, UsageError } from "../io.js";
import { readTrustFile } from "../load-rules-or-report.js";
import { ProgressBar } from "../progress-bar.js";
import { MAX_INPUT_BYTES } from "../read-text.js";
import {
  type BatchCounts,
  type BatchSettings,
  type ChunkRequest,
  decideLines,
  emptyCounts,
  errorRecord,
  loadBatchRules,
  type WorkerMessage,
} from "./batch-worker.js";

/** Lines sent to a worker at a time, and chunks a worker may have queued. */
const CHUNK_LINES = 200;
const CHUNKS_PER_WORKER = 4;

/**
 * `batch <applications.ndjson> [--workers N] [--rules DIR] [--locale zh-CN|en]
 * [--evaluator compiled|json-rules-engine] [--replay | --backdate-days N]`: decides one application
 * per line (its dates bounded by today, as `evaluate`) and writes one NDJSON line per input
 * line to stdout, in input order — the decision, or an error record
 * `{ line, error: { code, message } }` for a line that cannot be decided. A progress bar and a
 * summary go to stderr. `--workers` worker threads decide (default: one per core; 0 decides on
 * the main thread). `-` reads stdin. Exit 0, or 2 when any line was an error record.
 */
export async function batchCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  if (args.length !== 1)
    throw new UsageError("batch needs exactly one NDJSON file (or - for stdin)");
  const file = args[0] as string;
  const workers = workerCount(options.workers);
  const settings: BatchSettings = {
    rules: options.rules ? resolve(io.cwd, options.rules) : undefined,
    locale: oneOf("locale", options.locale, ["zh-CN", "en"], "zh-CN"),
    dates: dateOptions(options),
    evaluator: options.evaluator
      ? oneOf<EvaluatorKind>("evaluator", options.evaluator, EVALUATOR_KINDS, "compiled")
      : undefined,
    ...(options.trust !== undefined && { trust: readTrustFile(options.trust, io.cwd) }),
  };
  if (settings.rules !== undefined) requirePath(`--rules ${options.rules}`, settings.rules);
  const { input, size, streaming } = openInput(file, io.cwd);
  const started = performance.now();
  const progress = new ProgressBar((text) => io.stderr(text), {
    total: size,
    tty: process.stderr.isTTY === true,
    unit: "line",
  });
  const pool =
    workers === 0 ? await InProcess.start(settings) : await WorkerPool.start(settings, workers);
  if ("issues" in pool) {
    input.destroy();
    io.stderr(formatIssues(pool.issues, "text"));
    return EXIT.checksFailed;
  }
  const totals = emptyCounts();
  const done = new Map<number, { out: string; counts: BatchCounts; lines: number }>();
  let written = 0;
  const flush = () => {
    for (let next = done.get(written); next !== undefined; next = done.get(written)) {
      done.delete(written);
      written++;
      io.stdout(next.out);
      for (const key of Object.keys(totals) as Array<keyof BatchCounts>)
        totals[key] += next.counts[key];
      progress.advance(next.lines);
    }
  };
  let sent = 0;
  let line = 1;
  const send = async (lines: string[]) => {
    const request: ChunkRequest = { id: sent++, first: line, lines };
    line += lines.length;
    await pool.submit(request, (result) => {
      done.set(request.id, { ...result, lines: lines.length });
      flush();
    });
    await stdoutDrained();
  };
  try {
    let rest = "";
    let chunk: string[] = [];
    let first = true;
    for await (const piece of input as AsyncIterable<string>) {
      progress.read(Buffer.byteLength(piece));
      let text = rest + piece;
      if (first) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      const parts = text.split("\n");
      rest = parts.pop() as string;
      // A line without end (a stream of bytes with no newline) must not grow without limit: no
      // application is anywhere near this long (see MAX_INPUT_BYTES).
      if (rest.length > MAX_INPUT_BYTES) {
        throw new IoError(
          `cannot read ${file}: line ${line + parts.length + chunk.length} is longer than ${MAX_INPUT_BYTES.toLocaleString("en")} characters (the limit for one application)`,
        );
      }
      for (const part of parts) {
        chunk.push(part.endsWith("\r") ? part.slice(0, -1) : part);
        if (chunk.length === CHUNK_LINES) {
          await send(chunk);
          chunk = [];
        }
      }
      // From a pipe, a line may be all there is for a while (a long-lived producer asking for
      // one decision at a time): decide what has arrived now rather than wait for a full chunk.
      // Under load a pipe delivers many lines per read, so chunks stay large.
      if (streaming && chunk.length > 0) {
        await send(chunk);
        chunk = [];
      }
    }
    if (rest !== "") chunk.push(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
    if (chunk.length > 0) await send(chunk);
    await pool.drain();
  } finally {
    await pool.close();
  }
  flush();
  const seconds = (performance.now() - started) / 1000;
  progress.finish(summary(totals, seconds));
  return totals.error > 0 ? EXIT.checksFailed : EXIT.ok;
}

function workerCount(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256) {
    throw new UsageError(`--workers must be a whole number from 0 to 256 (got "${value}")`);
  }
  return n;
}

/**
 * The input and its size when known. `streaming` when it is standard input other than a
 * regular file (a pipe, a socket, a terminal): lines are decided as they arrive.
 */
function openInput(
  file: string,
  cwd: string,
): { input: Readable; size: number | undefined; streaming: boolean } {
  if (file === "-") {
    process.stdin.setEncoding("utf8");
    let regular = false;
    try {
      regular = fstatSync(0).isFile();
    } catch {
      // Not a file descriptor that can be inspected: treat it as a stream.
    }
    return { input: process.stdin, size: undefined, streaming: !regular };
  }
  const path = resolve(cwd, file);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new IoError(`cannot read ${file}: is a directory`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new IoError(`cannot read ${file}: ${ioReason(error)}`);
  }
  return {
    input: createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }),
    size,
    streaming: false,
  };
}

/** Waits while the real stdout holds a large unwritten buffer (CliIo has no backpressure). */
async function stdoutDrained(): Promise<void> {
  const stdout = process.stdout;
  if (stdout.writableLength > 16 << 20 && stdout.writableNeedDrain) {
    await new Promise((resolve) => stdout.once("drain", resolve));
  }
}

function summary(totals: BatchCounts, seconds: number): string {
  const decided = totals.approve + totals.incomplete + totals.refer + totals.pending;
  const lines = decided + totals.error;
  const rate = seconds > 0 ? Math.round(lines / seconds) : lines;
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    `${n(lines)} lines in ${seconds.toFixed(1)} s (${n(rate)}/s): ` +
    `${n(totals.approve)} approve, ${n(totals.incomplete)} incomplete, ${n(totals.refer)} refer, ` +
    (totals.pending > 0 ? `${n(totals.pending)} pending (with a department), ` : "") +
    `${n(totals.error)} error${totals.error === 1 ? "" : "s"}\n`
  );
}

type OnResult = (result: { out: string; counts: BatchCounts }) => void;

interface Deciders {
  /** Hands a chunk over; resolves once there is room for another. */
  submit(request: ChunkRequest, onResult: OnResult): Promise<void>;
  /** Resolves when every submitted chunk has come back. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** `--workers 0`: decide on the main thread, one chunk after the other. */
class InProcess implements Deciders {
  readonly #rules: Awaited<ReturnType<typeof loadBatchRules>>;
  readonly #settings: BatchSettings;

  private constructor(rules: Awaited<ReturnType<typeof loadBatchRules>>, settings: BatchSettings) {
    this.#rules = rules;
    this.#settings = settings;
  }

  static async start(settings: BatchSettings): Promise<InProcess | { issues: Issue[] }> {
    try {
      return new InProcess(await loadBatchRules(settings), settings);
    } catch (error) {
      if (error instanceof RuleFileError) return { issues: [...error.issues] };
      throw error;
    }
  }

  async submit(request: ChunkRequest, onResult: OnResult): Promise<void> {
    onResult(
      await decideLines(
        this.#rules,
        request.first,
        request.lines,
        this.#settings.locale,
        this.#settings.dates,
      ),
    );
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}

interface PoolWorker {
  worker: Worker;
  queued: Map<number, { request: ChunkRequest; onResult: OnResult }>;
}

/** Worker threads, each with its own loaded rules, fed chunks while they have room. */
class WorkerPool implements Deciders {
  readonly #settings: BatchSettings;
  readonly #workers: PoolWorker[] = [];
  #waiting: Array<() => void> = [];

  readonly #bundleDir: string | undefined;

  private constructor(settings: BatchSettings, bundleDir: string | undefined) {
    this.#settings = settings;
    this.#bundleDir = bundleDir;
  }

  /**
   * Starts `count` workers. A rules directory is validated once, here, into a bundle the
   * workers load without validating again (each would otherwise parse, validate and lint
   * every rule file on its own).
   */
  static async start(
    settings: BatchSettings,
    count: number,
  ): Promise<WorkerPool | { issues: Issue[] }> {
    let bundleDir: string | undefined;
    // With trusted keys a directory is refused by every worker as by loadRules: no bundle is
    // built for it, since one built here would be unsigned.
    if (
      settings.trust === undefined &&
      settings.rules !== undefined &&
      isDirectory(settings.rules)
    ) {
      const { issues, bundle } = await buildRulesBundle(settings.rules);
      if (bundle === undefined) return { issues };
      bundleDir = mkdtempSync(join(tmpdir(), "smart-approval-batch-"));
      const file = join(bundleDir, "rules.bundle");
      writeFileSync(file, bundle);
      settings = { ...settings, rules: file };
    }
    const pool = new WorkerPool(settings, bundleDir);
    const started = await Promise.all(Array.from({ length: count }, () => pool.#spawn()));
    const invalid = started.find((s) => s !== undefined);
    if (invalid !== undefined) {
      await pool.close();
      return invalid;
    }
    return pool;
  }

  /** Starts a worker; resolves when its rules are loaded, or with the rule-file issues. */
  #spawn(): Promise<{ issues: Issue[] } | undefined> {
    const worker = new Worker(new URL("./batch-worker.js", import.meta.url), {
      workerData: { smartApprovalBatch: this.#settings },
    });
    const entry: PoolWorker = { worker, queued: new Map() };
    return new Promise((resolve, reject) => {
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") {
          this.#workers.push(entry);
          resolve(undefined);
        } else if (message.type === "rules-invalid") resolve({ issues: message.issues });
        else if (message.type === "failed") reject(new Error(message.message));
        else {
          const job = entry.queued.get(message.id);
          entry.queued.delete(message.id);
          job?.onResult({ out: message.out, counts: message.counts });
          this.#wake();
        }
      });
      worker.on("error", (error) => {
        reject(error);
        this.#fail(entry, error);
      });
      worker.on("exit", (code) => {
        if (entry.queued.size > 0) this.#fail(entry, new Error(`worker exited with code ${code}`));
      });
    });
  }

  /** A worker died: its lines become error records, and a new worker takes its place. */
  #fail(entry: PoolWorker, error: Error): void {
    const index = this.#workers.indexOf(entry);
    if (index < 0) return;
    this.#workers.splice(index, 1);
    for (const { request, onResult } of entry.queued.values()) {
      const out = request.lines
        .map(
          (_, i) =>
            `${errorRecord(request.first + i, "internal-error", `worker failed: ${error.message}`)}\n`,
        )
        .join("");
      onResult({ out, counts: { ...emptyCounts(), error: request.lines.length } });
    }
    entry.queued.clear();
    void this.#spawn().then(
      () => this.#wake(),
      () => this.#wake(),
    );
  }

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }

  #next(): Promise<void> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async submit(request: ChunkRequest, onResult: OnResult): Promise<void> {
    for (;;) {
      const free = this.#workers
        .filter((w) => w.queued.size < CHUNKS_PER_WORKER)
        .sort((a, b) => a.queued.size - b.queued.size)[0];
      if (free !== undefined) {
        free.queued.set(request.id, { request, onResult });
        free.worker.postMessage(request);
        return;
      }
      if (this.#workers.length === 0) throw new Error("no batch worker is running");
      await this.#next();
    }
  }

  async drain(): Promise<void> {
    while (this.#workers.some((w) => w.queued.size > 0)) await this.#next();
  }

  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    if (this.#bundleDir !== undefined) rmSync(this.#bundleDir, { recursive: true, force: true });
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
