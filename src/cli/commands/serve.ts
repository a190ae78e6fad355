import cluster, { type Worker } from "node:cluster";
import { resolve } from "node:path";
import { AggregatorRegistry } from "prom-client";
import { RuleFileError } from "../../load/rule-file-error.js";
import { formatIssues } from "../../report/issues.js";
import { decisionTokens } from "../../serve/admin-auth.js";
import { type DecisionEvent, DecisionLog } from "../../serve/decision-log.js";
import type { Problem } from "../../serve/problem.js";
import { loadServedRules, type ServedRules } from "../../serve/rules-state.js";
import { createService, ProblemError, reloadProblem, type Service } from "../../serve/server.js";
import { type CliIo, EXIT, requirePath, UsageError } from "../io.js";
import { readTrustFile } from "../load-rules-or-report.js";

/** Messages between the primary and its workers (`--workers N`). */
type ToPrimary =
  | { type: "listening"; address: string }
  | { type: "log"; event: DecisionEvent }
  | { type: "log-dropped" }
  | { type: "reload-all"; id: number }
  | { type: "reloaded"; id: number; ok: boolean; result: unknown }
  | { type: "metrics"; id: number };
type ToWorker =
  | { type: "reload"; id: number }
  | { type: "reload-all-done"; id: number; ok: boolean; result: unknown }
  | { type: "metrics-done"; id: number; text: string }
  | { type: "shutdown" };

/**
 * `serve [--rules PATH] [--host 127.0.0.1] [--port 8080] [--workers N] [--log FILE] [--trust FILE] [--replay]`:
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
  const load = () => loadServedRules(rulesPath, trust);
  // An archive-replay instance decides each application on its own date (record.replay: true).
  const replay = options.replay === true;

  if (cluster.isWorker) return runWorker(load, host, port, io, replay);

  // The rules are checked before anything listens: a bad rules path is reported, not served.
  let initial: ServedRules;
  try {
    initial = await load();
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return EXIT.checksFailed;
  }
  let log: DecisionLog | undefined;
  try {
    log = logFile === undefined ? undefined : new DecisionLog(logFile);
  } catch (error) {
    throw new UsageError(`--log: ${(error as Error).message}`);
  }
  if (workers > 0) return runPrimary(workers, initial, log, io);

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
            `smart-approval serve: reload refused, old rules keep serving: ${problemText(error)}\n`,
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

async function runWorker(
  load: () => Promise<ServedRules>,
  host: string,
  port: number,
  io: CliIo,
  replay: boolean,
): Promise<number> {
  const send = (message: ToPrimary) => process.send?.(message);
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const metricsWaiting = new Map<number, (text: string) => void>();
  const service = await createService(await load(), {
    load,
    replay,
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
    onDecision: (event) => send({ type: "log", event }),
    // Every worker must swap, not only the one the admin request reached.
    reloadAll: () =>
      new Promise((resolvePromise, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolvePromise, reject });
        send({ type: "reload-all", id });
      }),
  });
  // Constructing one makes prom-client answer the primary's requests for this worker's metrics.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([service.metrics.registry]);
  process.on("message", (message: ToWorker) => {
    if (message.type === "reload") {
      service.reload().then(
        (result) => send({ type: "reloaded", id: message.id, ok: true, result }),
        (error) =>
          send({ type: "reloaded", id: message.id, ok: false, result: reloadProblem(error) }),
      );
    } else if (message.type === "reload-all-done") {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.result);
      else waiting?.reject(new ProblemError(message.result as Problem));
    } else if (message.type === "metrics-done") {
      metricsWaiting.get(message.id)?.(message.text);
      metricsWaiting.delete(message.id);
    } else if (message.type === "shutdown") {
      shutdown();
    }
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    service.app.close().then(() => process.disconnect?.());
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // SIGHUP goes to the primary, which makes every worker reload.
  process.on("SIGHUP", () => undefined);
  const address = await service.app.listen({ host, port });
  send({ type: "listening", address });
  void io;
  return EXIT.ok;
}

async function runPrimary(
  count: number,
  initial: ServedRules,
  log: DecisionLog | undefined,
  io: CliIo,
): Promise<number> {
  let dropped = 0;
  let stopping = false;
  let nextId = 0;
  const reloads = new Map<
    number,
    {
      left: number;
      results: Array<{ ok: boolean; result: unknown }>;
      done: (r: { ok: boolean; result: unknown }) => void;
    }
  >();

  /** Makes every worker reload; ok only if every worker swapped. */
  const reloadAll = () =>
    new Promise<{ ok: boolean; result: unknown }>((done) => {
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      const id = ++nextId;
      reloads.set(id, { left: live.length, results: [], done });
      for (const worker of live) worker.send({ type: "reload", id } satisfies ToWorker);
    });

  const aggregator = new AggregatorRegistry();
  let listening = 0;
  let printed = false;
  const onMessage = (worker: Worker, message: ToPrimary) => {
    switch (message.type) {
      case "listening":
        listening++;
        if (!printed && listening >= count) {
          printed = true;
          io.stdout(
            `smart-approval serve: listening on ${message.address} (rules ${initial.sha256}, ${count} workers)\n`,
          );
        }
        break;
      case "log":
        if (log && !log.append(message.event)) dropped++;
        break;
      case "reload-all":
        reloadAll().then(({ ok, result }) =>
          worker.send({ type: "reload-all-done", id: message.id, ok, result } satisfies ToWorker),
        );
        break;
      case "metrics":
        aggregator.clusterMetrics().then(
          (text) => worker.send({ type: "metrics-done", id: message.id, text } satisfies ToWorker),
          (error) =>
            worker.send({
              type: "metrics-done",
              id: message.id,
              text: `# metrics of the workers unavailable: ${(error as Error).message}\n`,
            } satisfies ToWorker),
        );
        break;
      case "reloaded": {
        const waiting = reloads.get(message.id);
        if (waiting === undefined) break;
        waiting.results.push({ ok: message.ok, result: message.result });
        if (--waiting.left === 0) {
          reloads.delete(message.id);
          waiting.done(
            waiting.results.find((r) => !r.ok) ??
              (waiting.results[0] as { ok: boolean; result: unknown }),
          );
        }
        break;
      }
    }
  };
  cluster.on("message", onMessage);
  const fork = () => cluster.fork();
  let failed: ((code: number) => void) | undefined;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    if (!printed) {
      // A worker that cannot even start would fail again: stop rather than fork forever.
      io.stderr(`smart-approval serve: worker ${worker.id} exited (${code}) before listening\n`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill();
      log?.close();
      failed?.(EXIT.usage);
      return;
    }
    io.stderr(`smart-approval serve: worker ${worker.id} exited (${code}); starting another\n`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  return await new Promise<number>((done) => {
    failed = done;
    const onHup = () => {
      reloadAll().then(({ ok, result }) =>
        io.stderr(
          ok
            ? `smart-approval serve: every worker reloaded rules ${(result as { rulesSha256: string }).rulesSha256}\n`
            : `smart-approval serve: reload refused, old rules keep serving: ${JSON.stringify(result)}\n`,
        ),
      );
    };
    const onTerm = () => {
      if (stopping) return;
      stopping = true;
      process.off("SIGHUP", onHup);
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      let left = live.length;
      const finish = () => {
        log?.close();
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
        // A worker the signal reached directly may have closed its channel already.
        if (worker.isConnected()) worker.send({ type: "shutdown" } satisfies ToWorker);
      }
    };
    process.on("SIGHUP", onHup);
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onTerm);
  });
}

function problemText(error: unknown): string {
  const problem = reloadProblem(error);
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
