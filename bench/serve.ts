// npm run bench:serve [-- --out FILE] [--workers N] [--connections C] [--requests N] [--rounds R]
//                      [--corpus N] [--seconds S] [--log] [--cpu-prof DIR] [--server-root DIR]
//
// The decision service against the library in-process, from the same run and the same corpus
// (bench/corpus.ts, decided against the bundled rules):
//
//   inProcessDecisionsPerSec  rules.decide in a loop on one thread
//   httpDecisionsPerSec       POST /v1/decisions to `smart-approval serve --workers N` on 127.0.0.1,
//                             C keep-alive connections (undici Pool)
//
// Both are measured in R alternating rounds after warm-up — S seconds in-process, then N/R
// requests over HTTP, and again — so that both see the same machine: on a machine others use
// at the same time, a figure measured a minute apart from the other says more about the
// neighbours than about the service. The totals are over all rounds; `rounds` gives each
// round's pair and ratio, `ratioMedian` their median.
//
// The client runs on the same machine and takes its share of the cores: the figure is a floor
// for a client on another host. p50/p99 are per request, as the client sees them, over all
// rounds. errors counts every response that is not a 200 with a decision, and every failed
// request. --log runs the service with a decision log (in a temporary directory), to measure
// its cost; --cpu-prof writes a V8 CPU profile of every server process into DIR on exit.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { loadRules } from "../src/index.js";
import { generateApplications } from "./corpus.js";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    workers: { type: "string", default: "2" },
    connections: { type: "string", default: "8" },
    requests: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
    log: { type: "boolean", default: false },
    corpus: { type: "string", default: "1000" },
    seconds: { type: "string", default: "2" },
    // Writes a V8 CPU profile of every server process (primary and workers) into DIR on exit.
    "cpu-prof": { type: "string" },
    // Runs the service from another checkout (e.g. an export of an older commit), to compare.
    "server-root": { type: "string" },
  },
});
const workers = Number(args.workers);
const connections = Number(args.connections);
const requests = Number(args.requests);
const ROOT = fileURLToPath(new URL("..", import.meta.url));

const corpus = generateApplications(Number(args.corpus));
const bodies = corpus.map((application) => JSON.stringify(application));

// In-process, one thread: the reference the service is measured against.
const rules = await loadRules();
let decided = 0;
const decideFor = async (ms: number) => {
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      await rules.decide(corpus[decided++ % corpus.length], { replay: true });
      count++;
    }
  }
  return count;
};
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const logDir = args.log ? mkdtempSync(join(tmpdir(), "sa-bench-serve-")) : undefined;

// The service, as its own processes: the command as the package ships it (the bundle,
// package.json "bin"; `npm run build` first), or from the sources when a checkout has no build
// (e.g. --server-root of an older commit).
const serverRoot = args["server-root"] ?? ROOT;
const shipped = join(
  serverRoot,
  JSON.parse(readFileSync(join(serverRoot, "package.json"), "utf8")).bin["smart-approval"],
);
const serverCommand = existsSync(shipped) ? [shipped] : ["--import", "tsx", "src/cli/main.ts"];
const server = spawn(
  process.execPath,
  [
    ...(args["cpu-prof"] === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${args["cpu-prof"]}`]),
    ...serverCommand,
    "serve",
    // The generated corpus is dated in the past: both sides replay it on its own dates.
    "--replay",
    "--port",
    "0",
    "--workers",
    String(workers),
    ...(logDir === undefined ? [] : ["--log", join(logDir, "decisions.ndjson")]),
  ],
  { cwd: serverRoot, stdio: ["ignore", "pipe", "inherit"] },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1] as string);
  });
  server.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
});

/**
 * CPU seconds (user + system) the service's processes — the primary and its workers — have
 * used so far, from /proc (Linux; undefined elsewhere). CPU time, unlike throughput, hardly
 * depends on what else the machine runs: it says what a decision costs the service.
 */
function serverCpuSeconds(): number | undefined {
  if (server.pid === undefined || !existsSync("/proc")) return undefined;
  const tick = 100; // USER_HZ, 100 on every Linux Node supports
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command (which may contain spaces) in parentheses: state ppid … utime stime.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    if (pid !== server.pid && Number(fields[1]) !== server.pid) continue;
    total += (Number(fields[11]) + Number(fields[12])) / tick;
  }
  return total;
}

const pool = new Pool(url, { connections, pipelining: 1 });
let errors = 0;
const latencies: number[] = [];
async function load(total: number, record: boolean): Promise<number> {
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < total) {
      const body = bodies[next % bodies.length] as string;
      next++;
      const t0 = performance.now();
      try {
        const response = await pool.request({
          path: "/v1/decisions",
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200 || !text.startsWith('{"outcome":')) {
          if (record) errors++;
        }
      } catch {
        if (record) errors++;
      }
      if (record) latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return performance.now() - started;
}

try {
  // Warm-up of both sides (JIT, every matter version compiled, connections open).
  await decideFor(1_000);
  await load(Math.min(5_000, requests), false);
  const perRound = Math.ceil(requests / rounds);
  const measured: Array<{ httpDecisionsPerSec: number; inProcessDecisionsPerSec: number }> = [];
  let inProcessCount = 0;
  let httpMs = 0;
  let inProcessCpu = 0;
  let serverCpu: number | undefined = 0;
  let clientCpu = 0;
  for (let round = 0; round < rounds; round++) {
    const cpu0 = process.cpuUsage();
    const count = await decideFor(seconds * 1_000);
    const cpu1 = process.cpuUsage(cpu0);
    inProcessCpu += (cpu1.user + cpu1.system) / 1e6;
    inProcessCount += count;
    const server0 = serverCpuSeconds();
    const client0 = process.cpuUsage();
    const ms = await load(perRound, true);
    const client1 = process.cpuUsage(client0);
    const server1 = serverCpuSeconds();
    clientCpu += (client1.user + client1.system) / 1e6;
    serverCpu =
      serverCpu === undefined || server0 === undefined || server1 === undefined
        ? undefined
        : serverCpu + (server1 - server0);
    httpMs += ms;
    measured.push({
      httpDecisionsPerSec: perRound / (ms / 1_000),
      inProcessDecisionsPerSec: count / seconds,
    });
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  const httpDecisionsPerSec = (perRound * rounds) / (httpMs / 1_000);
  const inProcessDecisionsPerSec = inProcessCount / (seconds * rounds);
  const ratios = measured
    .map((r) => r.httpDecisionsPerSec / r.inProcessDecisionsPerSec)
    .sort((a, b) => a - b);
  const result = {
    httpDecisionsPerSec: Math.round(httpDecisionsPerSec),
    inProcessDecisionsPerSec: Math.round(inProcessDecisionsPerSec),
    ratio: Number((httpDecisionsPerSec / inProcessDecisionsPerSec).toFixed(3)),
    ratioMedian: Number((ratios[Math.floor(ratios.length / 2)] as number).toFixed(3)),
    // What one decision costs in CPU, whatever else the machine runs (see serverCpuSeconds).
    cpuMsPerDecision: {
      inProcess: Number(((1_000 * inProcessCpu) / inProcessCount).toFixed(3)),
      service:
        serverCpu === undefined
          ? null
          : Number(((1_000 * serverCpu) / (perRound * rounds)).toFixed(3)),
      client: Number(((1_000 * clientCpu) / (perRound * rounds)).toFixed(3)),
    },
    p50Ms: Number(at(0.5).toFixed(3)),
    p99Ms: Number(at(0.99).toFixed(3)),
    errors,
    workers,
    rounds: measured.map((r) => ({
      httpDecisionsPerSec: Math.round(r.httpDecisionsPerSec),
      inProcessDecisionsPerSec: Math.round(r.inProcessDecisionsPerSec),
      ratio: Number((r.httpDecisionsPerSec / r.inProcessDecisionsPerSec).toFixed(3)),
    })),
    settings: {
      connections,
      requests: perRound * rounds,
      rounds,
      secondsInProcessPerRound: seconds,
      corpus: corpus.length,
      log: logDir !== undefined,
      cores: availableParallelism(),
    },
  };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, text);
  process.stdout.write(text);
} finally {
  await pool.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  if (logDir !== undefined) rmSync(logDir, { recursive: true, force: true });
}
