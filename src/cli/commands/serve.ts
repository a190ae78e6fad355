import cluster, { type Worker } from "node:cluster";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { AggregatorRegistry } from "prom-client";
import { RuleFileError } from "../../load/rule-file-error.js";
import { displayName } from "../../node/rule-files.js";
import { formatIssues } from "../../report/issues.js";
import { decisionTokens } from "../../serve/admin-auth.js";
import {
  type DecisionEvent,
  DecisionLog,
  type MaskedDecisionEvent,
  maskEvent,
} from "../../serve/decision-log.js";
import { readMaskFile } from "../../serve/mask-file.js";
import { DEFAULT_MASK_SETTINGS, type MaskSettings } from "../../serve/masking.js";
import { type Problem, problem } from "../../serve/problem.js";
import { loadServedRules, type ServedRules } from "../../serve/rules-state.js";
import { createService, ProblemError, reloadProblem, type Service } from "../../serve/server.js";
import { type CliIo, EXIT, requirePath, UsageError } from "../io.js";
import { readTrustFile } from "../load-rules-or-report.js";

/** Messages between the primary and its workers (`--workers N`). */
type ToPrimary =
  | { type: "listening"; address: string; rulesSha256: string }
  | { type: "log"; events: MaskedDecisionEvent[]; dropped: number }
  | { type: "reload-all"; id: number }
  | { type: "answer"; id: number; ok: boolean; result: unknown }
  | { type: "metrics"; id: number }
  | { type: "metrics-json"; id: number; json: unknown };
type ToWorker =
  | { type: "prepare"; id: number; reload: number; path: string | undefined }
  | { type: "commit"; id: number; reload: number; path: string | undefined }
  | { type: "abort"; id: number; reload: number }
  | { type: "reload-all-done"; id: number; ok: boolean; result: unknown }
  | { type: "metrics-done"; id: number; text: string }
  | { type: "metrics-get"; id: number }
  | { type: "shutdown" };

/** The rules a worker starts on (set by the primary: the rules every worker serves now). */
const RULES_ENV = "SMART_APPROVAL_SERVE_RULES";
/** How long the primary waits for every worker to load new rules before it gives up. */
const RELOAD_TIMEOUT_MS = 120_000;
/** How long /metrics waits for a worker's metrics before it answers without them. */
const METRICS_TIMEOUT_MS = 2_000;

interface Settings {
  host: string;
  port: number;
  rulesPath: string | undefined;
  trust: string[] | undefined;
  logFile: string | undefined;
  mask: MaskSettings;
  replay: boolean;
}

/**
 * `serve [--rules PATH] [--host 127.0.0.1] [--port 8080] [--workers N] [--log FILE] [--mask FILE] [--trust FILE] [--replay]`:
 * the decision service (docs/service.md). Prints one line with the address when ready; SIGHUP
 * reloads the rules; SIGTERM (or SIGINT) stops accepting, finishes what is in flight and exits 0.
 * With `--workers N`, N processes share the port (node:cluster); the primary writes the log and
 * makes every worker reload.
 */
export async function serveCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<number> {
  if (args.length > 0) throw new UsageError(`serve takes no arguments (got "${args[0]}")`);
  const host = str(options.host) ?? "127.0.0.1";
  const port = integer("port", str(options.port) ?? "8080", 0, 65_535);
  const workers =
    str(options.workers) === undefined
      ? 0
      : integer("workers", str(options.workers) as string, 0, 256);
  const rulesPath =
    str(options.rules) === undefined ? undefined : resolve(io.cwd, str(options.rules) as string);
  if (rulesPath !== undefined) requirePath(`--rules ${str(options.rules)}`, rulesPath);
  const trustFile = str(options.trust);
  const trust = trustFile === undefined ? undefined : readTrustFile(trustFile, io.cwd);
  const logFile =
    str(options.log) === undefined ? undefined : resolve(io.cwd, str(options.log) as string);
  const maskFile = str(options.mask);
  if (maskFile !== undefined && logFile === undefined) {
    throw new UsageError("--mask applies to the decision log: give --log FILE too");
  }
  let mask = DEFAULT_MASK_SETTINGS;
  if (maskFile !== undefined) {
    requirePath(`--mask ${maskFile}`, resolve(io.cwd, maskFile));
    try {
      mask = readMaskFile(resolve(io.cwd, maskFile));
    } catch (error) {
      throw new UsageError(`--mask ${(error as Error).message}`);
    }
  }
  // An archive-replay instance decides each application on its own date (record.replay: true).
  const replay = options.replay === true;
  const settings: Settings = { host, port, rulesPath, trust, logFile, mask, replay };

  if (cluster.isWorker) return runWorker(settings, io);

  const load = () => loadServedRules(rulesPath, trust);
  if (workers > 0) return runPrimary(workers, settings, io);
  // The rules are checked before anything listens: a bad rules path is reported, not served.
  const initial = await loadOrReport(load, io);
  if (initial === undefined) return EXIT.checksFailed;
  const log = openLog(logFile, mask);

  let service: Service | undefined;
  service = await createService(initial, {
    load,
    replay,
    adminToken: process.env.SMART_APPROVAL_ADMIN_TOKEN,
    decisionTokens: decisionTokens(process.env.SMART_APPROVAL_TOKENS),
    onDecision:
      log &&
      ((event) => {
        if (!log.append(event)) service?.metrics.logDropped.inc();
      }),
  });
  const address = await service.app.listen({ host, port });
  io.stdout(`smart-approval serve: listening on ${address} (rules ${initial.sha256})\n`);
  const live = service;
  return await new Promise<number>((done) => {
    const onHup = () => {
      live.reload().then(
        (r) => io.stderr(`smart-approval serve: reloaded rules ${r.rulesSha256}\n`),
        (error) =>
          io.stderr(
            `smart-approval serve: reload refused, old rules keep serving: ${problemText(reloadProblem(error))}\n`,
          ),
      );
    };
    const onTerm = () => {
      process.off("SIGHUP", onHup);
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onTerm);
      live.app.close().then(() => {
        log?.close();
        io.stderr("smart-approval serve: stopped\n");
        done(EXIT.ok);
      });
    };
    process.on("SIGHUP", onHup);
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onTerm);
  });
}

async function loadOrReport(
  load: () => Promise<ServedRules>,
  io: CliIo,
): Promise<ServedRules | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return undefined;
  }
}

function openLog(logFile: string | undefined, mask: MaskSettings): DecisionLog | undefined {
  try {
    return logFile === undefined ? undefined : new DecisionLog(logFile, mask);
  } catch (error) {
    throw new UsageError(`--log: ${(error as Error).message}`);
  }
}

async function runWorker(settings: Settings, io: CliIo): Promise<number> {
  const { trust } = settings;
  const send = (message: ToPrimary) => process.send?.(message);
  // The primary names the rules every worker serves now (a private copy of --rules, see
  // runPrimary); without it (bundled rules) the worker loads what --rules names.
  const startPath = process.env[RULES_ENV] || settings.rulesPath;
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const metricsWaiting = new Map<number, (text: string) => void>();

  // Log entries are masked here, in parallel on every worker, and sent to the primary (the one
  // writer of the chain) in batches, one message per turn of the event loop rather than one per
  // decision — masked then too, after the responses have gone. Without --log nothing is sent.
  let batch: DecisionEvent[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const events: MaskedDecisionEvent[] = [];
    let dropped = 0;
    for (const event of batch) {
      const masked = maskEvent(event, settings.mask);
      if (masked === undefined) dropped++;
      else events.push(masked);
    }
    batch = [];
    if (dropped > 0) service?.metrics.logDropped.inc(dropped);
    send({ type: "log", events, dropped });
  };
  let service: Service | undefined;
  const onDecision =
    settings.logFile === undefined
      ? undefined
      : (event: DecisionEvent) => {
          if (batch.push(event) === 1) setImmediate(flush);
        };

  service = await createService(await loadServedRules(startPath, trust), {
    load: () => loadServedRules(startPath, trust),
    replay: settings.replay,
    adminToken: process.env.SMART_APPROVAL_ADMIN_TOKEN,
    decisionTokens: decisionTokens(process.env.SMART_APPROVAL_TOKENS),
    metricLabels: { worker: String(cluster.worker?.id ?? 0) },
    // Any worker answers /metrics for all: the primary gathers every worker's registry.
    metricsText: () =>
      new Promise((resolvePromise) => {
        const id = ++nextId;
        metricsWaiting.set(id, resolvePromise);
        send({ type: "metrics", id });
      }),
    onDecision,
    // Every worker must swap, not only the one the admin request reached.
    reloadAll: () =>
      new Promise((resolvePromise, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolvePromise, reject });
        send({ type: "reload-all", id });
      }),
  });
  const live = service;
  // Rules loaded for a reload, kept until the primary says commit (every worker has loaded
  // them) or abort (one could not): the swap happens everywhere or nowhere.
  const prepared = new Map<number, ServedRules>();
  const answer = (id: number, ok: boolean, result: unknown) =>
    send({ type: "answer", id, ok, result });
  process.on("message", (message: ToWorker) => {
    switch (message.type) {
      case "prepare":
        loadServedRules(message.path, trust).then(
          (rules) => {
            prepared.set(message.reload, rules);
            answer(message.id, true, { rulesSha256: rules.sha256 });
          },
          (error) => answer(message.id, false, reloadProblem(error)),
        );
        break;
      case "commit": {
        // A worker started after the prepare (it replaced one that exited) loads them now.
        const ready = prepared.get(message.reload);
        prepared.delete(message.reload);
        (ready ? Promise.resolve(ready) : loadServedRules(message.path, trust))
          .then((rules) => live.install(rules))
          .then(
            (result) => answer(message.id, true, result),
            (error) => answer(message.id, false, reloadProblem(error)),
          );
        break;
      }
      case "abort":
        // Refused on every worker, whether this one could load the new rules or not.
        prepared.delete(message.reload);
        live.refused();
        answer(message.id, true, undefined);
        break;
      case "reload-all-done": {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.result);
        else waiting?.reject(new ProblemError(message.result as Problem));
        break;
      }
      case "metrics-done":
        metricsWaiting.get(message.id)?.(message.text);
        metricsWaiting.delete(message.id);
        break;
      case "metrics-get":
        live.metrics.registry.getMetricsAsJSON().then((json) => {
          if (process.connected) send({ type: "metrics-json", id: message.id, json });
        });
        break;
      case "shutdown":
        shutdown();
        break;
    }
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    live.app.close().then(() => {
      // The last decisions' entries go before the channel closes.
      flush();
      process.disconnect?.();
    });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // SIGHUP goes to the primary, which makes every worker reload.
  process.on("SIGHUP", () => undefined);
  const address = await live.app.listen({ host: settings.host, port: settings.port });
  send({ type: "listening", address, rulesSha256: live.holder.current.sha256 });
  void io;
  return EXIT.ok;
}

type Answer = { ok: boolean; result: unknown };

/**
 * The primary of `--workers N`. It writes the log and runs reloads, in two phases so that a
 * reload happens on every worker or on none: every worker loads and checks the new rules
 * (prepare); only when all have, every worker swaps (commit); otherwise every worker drops
 * them (abort) and the old rules keep serving. A worker that exits or does not answer within
 * RELOAD_TIMEOUT_MS fails the reload, with a problem document naming it, and is replaced.
 *
 * With --rules, the workers load a private copy of it that the primary made (a snapshot),
 * never the path itself: a worker that replaces one that exited starts on exactly the rules
 * the others serve, even when the file on disk has changed since (a refused or failed reload
 * leaves the new file there), and two workers never read the path at different moments.
 */
async function runPrimary(count: number, settings: Settings, io: CliIo): Promise<number> {
  const { rulesPath, trust } = settings;
  const snapshots = rulesPath === undefined ? undefined : new Snapshots(rulesPath);
  let committed: string | undefined;
  // The rules are checked before anything listens: a bad rules path is reported, not served.
  let initial: ServedRules | undefined;
  try {
    committed = snapshots?.take();
    initial = await loadOrReport(() => loadServedRules(committed ?? rulesPath, trust), {
      cwd: io.cwd,
      stdout: (text) => io.stdout(text),
      stderr: (text) => io.stderr(snapshots?.unmap(text) ?? text),
    });
  } catch (error) {
    snapshots?.removeAll();
    throw error;
  }
  if (initial === undefined) {
    snapshots?.removeAll();
    return EXIT.checksFailed;
  }
  let committedSha = initial.sha256;
  let log: DecisionLog | undefined;
  try {
    log = openLog(settings.logFile, settings.mask);
  } catch (error) {
    snapshots?.removeAll();
    throw error;
  }

  let dropped = 0;
  let stopping = false;
  let nextId = 0;
  let reloadCount = 0;
  /** Workers that have said they listen (a reload asks these; others start on `committed`). */
  const ready = new Set<number>();
  const starting = new Set<number>();

  /** Questions to every ready worker, each answered, or failed by an exit or the timeout. */
  const asks = new Map<number, { left: Set<number>; answers: Answer[]; done: () => void }>();
  const answered = (id: number, workerId: number, answer: Answer) => {
    const ask = asks.get(id);
    if (ask === undefined || !ask.left.delete(workerId)) return;
    ask.answers.push(answer);
    if (ask.left.size === 0) ask.done();
  };
  const ask = (message: (id: number) => ToWorker): Promise<Answer[]> =>
    new Promise((resolvePromise) => {
      const id = ++nextId;
      const workers = liveWorkers().filter((w) => ready.has(w.id) && w.isConnected());
      const entry = {
        left: new Set(workers.map((w) => w.id)),
        answers: [] as Answer[],
        done: () => {
          clearTimeout(timer);
          asks.delete(id);
          resolvePromise(entry.answers);
        },
      };
      const timer = setTimeout(() => {
        for (const workerId of [...entry.left]) {
          const detail = `worker ${workerId} did not answer within ${RELOAD_TIMEOUT_MS / 1000} s`;
          io.stderr(`smart-approval serve: ${detail}; stopping it\n`);
          cluster.workers?.[workerId]?.kill();
          answered(id, workerId, { ok: false, result: reloadFailed(detail) });
        }
      }, RELOAD_TIMEOUT_MS);
      asks.set(id, entry);
      if (workers.length === 0) entry.done();
      for (const worker of workers) worker.send(message(id));
    });

  /** One reload on every worker, or none: see runPrimary. */
  const reloadOnce = async (): Promise<Answer> => {
    let path: string | undefined;
    try {
      path = snapshots?.take();
    } catch (error) {
      return { ok: false, result: reloadProblem(error) };
    }
    const unmap = (answer: Answer): Answer => ({
      ok: answer.ok,
      result: snapshots === undefined ? answer.result : snapshots.unmapValue(answer.result),
    });
    const reload = ++reloadCount;
    const prepare = await ask((id) => ({ type: "prepare", id, reload, path }));
    const failed = prepare.find((a) => !a.ok);
    const shas = new Set(prepare.map((a) => (a.result as { rulesSha256?: string }).rulesSha256));
    if (failed !== undefined || prepare.length === 0 || shas.size !== 1) {
      await ask((id) => ({ type: "abort", id, reload }));
      if (path !== undefined) snapshots?.remove(path);
      return unmap(
        failed ??
          ({
            ok: false,
            result: reloadFailed("no worker could take the new rules"),
          } satisfies Answer),
      );
    }
    // From here a worker that starts (replacing one that exits) starts on the new rules.
    const previous = committed;
    committed = path;
    committedSha = [...shas][0] as string;
    const commit = await ask((id) => ({ type: "commit", id, reload, path }));
    if (starting.size === 0 && previous !== undefined) snapshots?.remove(previous);
    const wrong = commit.find((a) => !a.ok);
    if (wrong !== undefined) {
      // Only a worker that exited between its prepare and the commit gets here; the others
      // serve the new rules and its replacement starts on them.
      io.stderr(
        `smart-approval serve: a worker failed to swap: ${problemText(wrong.result as Problem)}\n`,
      );
    }
    return unmap(commit.find((a) => a.ok) ?? (wrong as Answer));
  };
  let reloads: Promise<unknown> = Promise.resolve();
  /** Reloads run one after another, never two at once. */
  const reloadAll = (): Promise<Answer> => {
    const next = reloads.then(reloadOnce, reloadOnce);
    reloads = next;
    return next;
  };

  /**
   * The metrics of every worker that listens, summed by label (each worker's carry its own
   * `worker` label): one that is still starting is not asked, and one that has not answered
   * within METRICS_TIMEOUT_MS is left out and named, rather than the whole answer failing.
   */
  const gathering = new Map<number, { left: Set<number>; parts: unknown[]; done: () => void }>();
  const gatherMetrics = (): Promise<string> =>
    new Promise((resolvePromise) => {
      const id = ++nextId;
      const workers = liveWorkers().filter((w) => ready.has(w.id) && w.isConnected());
      const entry = {
        left: new Set(workers.map((w) => w.id)),
        parts: [] as unknown[],
        done: () => {
          clearTimeout(timer);
          gathering.delete(id);
          const late = [...entry.left];
          const note =
            late.length === 0
              ? ""
              : `# no metrics from worker ${late.join(", ")} within ${METRICS_TIMEOUT_MS / 1000} s\n`;
          AggregatorRegistry.aggregate(
            entry.parts as Parameters<typeof AggregatorRegistry.aggregate>[0],
          )
            .metrics()
            .then(
              (text) => resolvePromise(`${text}${note}`),
              (error: unknown) =>
                resolvePromise(
                  `# metrics of the workers unavailable: ${(error as Error).message}\n`,
                ),
            );
        },
      };
      const timer = setTimeout(() => entry.done(), METRICS_TIMEOUT_MS);
      gathering.set(id, entry);
      if (workers.length === 0) entry.done();
      for (const worker of workers) worker.send({ type: "metrics-get", id } satisfies ToWorker);
    });
  let printed = false;
  const onMessage = (worker: Worker, message: ToPrimary) => {
    switch (message.type) {
      case "listening":
        failedStarts = 0;
        starting.delete(worker.id);
        ready.add(worker.id);
        // A worker forked just before a commit may have started on the rules replaced since.
        if (message.rulesSha256 !== committedSha) {
          worker.send({ type: "commit", id: 0, reload: 0, path: committed } satisfies ToWorker);
        }
        if (!printed && ready.size >= count) {
          printed = true;
          io.stdout(
            `smart-approval serve: listening on ${message.address} (rules ${committedSha}, ${count} workers)\n`,
          );
        }
        break;
      case "log":
        dropped += message.dropped;
        if (log) for (const event of message.events) log.appendMasked(event);
        break;
      case "reload-all":
        reloadAll().then(({ ok, result }) => {
          // The worker that asked may have exited meanwhile (or been stopped by the timeout).
          if (worker.isConnected()) {
            worker.send({ type: "reload-all-done", id: message.id, ok, result } satisfies ToWorker);
          }
        });
        break;
      case "metrics":
        gatherMetrics().then((text) => {
          if (worker.isConnected()) {
            worker.send({ type: "metrics-done", id: message.id, text } satisfies ToWorker);
          }
        });
        break;
      case "metrics-json": {
        const entry = gathering.get(message.id);
        if (entry?.left.delete(worker.id)) {
          entry.parts.push(message.json);
          if (entry.left.size === 0) entry.done();
        }
        break;
      }
      case "answer":
        answered(message.id, worker.id, { ok: message.ok, result: message.result });
        break;
    }
  };
  cluster.on("message", onMessage);
  const fork = () => {
    const worker = cluster.fork(committed === undefined ? {} : { [RULES_ENV]: committed });
    starting.add(worker.id);
  };
  let failed: ((code: number) => void) | undefined;
  // Replacements that exit before they listen are started again ever more slowly (up to 30 s
  // apart), rather than in a tight loop that would take the cores from the workers serving.
  let failedStarts = 0;
  const restarts = new Set<ReturnType<typeof setTimeout>>();
  cluster.on("exit", (worker, code) => {
    const neverListened = starting.has(worker.id);
    ready.delete(worker.id);
    starting.delete(worker.id);
    // A reload waiting for this worker fails: it can no longer load, nor swap.
    for (const id of [...asks.keys()]) {
      answered(id, worker.id, {
        ok: false,
        result: reloadFailed(`worker ${worker.id} exited (${code}) during the reload`),
      });
    }
    if (stopping) return;
    if (!printed) {
      // A worker that cannot even start would fail again: stop rather than fork forever.
      io.stderr(`smart-approval serve: worker ${worker.id} exited (${code}) before listening\n`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill();
      log?.close();
      snapshots?.removeAll();
      failed?.(EXIT.usage);
      return;
    }
    failedStarts = neverListened ? failedStarts + 1 : 0;
    const delay = failedStarts === 0 ? 0 : Math.min(30_000, 500 * 2 ** failedStarts);
    io.stderr(
      `smart-approval serve: worker ${worker.id} exited (${code}); starting another${delay > 0 ? ` in ${delay / 1000} s` : ""}\n`,
    );
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delay);
    restarts.add(timer);
  });
  for (let i = 0; i < count; i++) fork();

  return await new Promise<number>((done) => {
    failed = done;
    const onHup = () => {
      reloadAll().then(({ ok, result }) =>
        io.stderr(
          ok
            ? `smart-approval serve: every worker reloaded rules ${(result as { rulesSha256: string }).rulesSha256}\n`
            : `smart-approval serve: reload refused, old rules keep serving: ${problemText(result as Problem)}\n`,
        ),
      );
    };
    const onTerm = () => {
      if (stopping) return;
      stopping = true;
      process.off("SIGHUP", onHup);
      const live = liveWorkers();
      let left = live.length;
      const finish = () => {
        for (const timer of restarts) clearTimeout(timer);
        log?.close();
        snapshots?.removeAll();
        if (dropped > 0)
          io.stderr(`smart-approval serve: ${dropped} log entries dropped (could not be masked)\n`);
        io.stderr("smart-approval serve: stopped\n");
        done(EXIT.ok);
      };
      if (left === 0) finish();
      for (const worker of live) {
        worker.once("exit", () => {
          if (--left === 0) finish();
        });
        // A worker still starting has no handler for the message yet: the signal stops it.
        if (!ready.has(worker.id)) worker.process.kill("SIGTERM");
        // A worker the signal reached directly may have closed its channel already.
        else if (worker.isConnected()) worker.send({ type: "shutdown" } satisfies ToWorker);
      }
    };
    process.on("SIGHUP", onHup);
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onTerm);
  });
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
}

/** A reload that failed for the service's sake (a worker exited or hung), not the rules'. */
function reloadFailed(detail: string): Problem {
  return problem("reload-failed", 503, `${detail}; every worker keeps the old rules`);
}

/**
 * Private copies of --rules (a bundle file or a directory), one per reload, in a directory of
 * their own under the system's temporary directory; removed when no worker needs them.
 */
class Snapshots {
  readonly #root = mkdtempSync(join(tmpdir(), "smart-approval-serve-"));
  #count = 0;

  constructor(readonly source: string) {}

  /** Copies the source now; returns the copy's path (same name, so the same SHA-256). */
  take(): string {
    const dir = join(this.#root, String(++this.#count));
    mkdirSync(dir);
    const target = join(dir, basename(this.source));
    if (statSync(this.source).isDirectory()) cpSync(this.source, target, { recursive: true });
    else copyFileSync(this.source, target);
    return target;
  }

  remove(path: string): void {
    rmSync(dirname(path), { recursive: true, force: true });
  }

  removeAll(): void {
    rmSync(this.#root, { recursive: true, force: true });
  }

  /** A message about a copy, naming the source instead (what the operator knows). */
  unmap(text: string): string {
    let out = text;
    for (const root of [this.#root, displayName(this.#root)]) {
      out = out.replace(
        new RegExp(
          `${escapeRegExp(root)}[/\\\\]\\d+[/\\\\]${escapeRegExp(basename(this.source))}`,
          "g",
        ),
        () => displayName(this.source),
      );
    }
    return out;
  }

  unmapValue(value: unknown): unknown {
    return JSON.parse(this.unmap(JSON.stringify(value)));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function problemText(problem: Problem): string {
  return [problem.detail, ...(problem.problems ?? []).map((p) => p.message)].join("; ");
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
