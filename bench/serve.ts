// npm run bench:serve [-- --out FILE] [--workers N] [--connections C] [--requests N] [--corpus N] [--seconds S] [--cpu-prof DIR]
//
// The decision service against the library in-process, from the same run and the same corpus
// (bench/corpus.ts, decided against the bundled rules):
//
//   inProcessDecisionsPerSec  rules.decide in a loop on one thread, after warm-up
//   httpDecisionsPerSec       POST /v1/decisions to `smart-approval serve --workers N` on 127.0.0.1,
//                             C keep-alive connections (undici Pool), N requests, after warm-up
//
// The client runs on the same machine and takes its share of the cores: the figure is a floor
// for a client on another host. p50/p99 are per request, as the client sees them. errors counts
// every response that is not a 200 with a decision, and every failed request.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
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
    corpus: { type: "string", default: "1000" },
    seconds: { type: "string", default: "3" },
    // Writes a V8 CPU profile of every server process (primary and workers) into DIR on exit.
    "cpu-prof": { type: "string" },
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
const decideFor = async (ms: number) => {
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      await rules.decide(corpus[count % corpus.length], { replay: true });
      count++;
    }
  }
  return count;
};
await decideFor(1_000);
const seconds = Number(args.seconds);
const inProcessDecisionsPerSec = (await decideFor(seconds * 1_000)) / seconds;

// The service, as its own processes.
const server = spawn(
  process.execPath,
  [
    ...(args["cpu-prof"] === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${args["cpu-prof"]}`]),
    "--import",
    "tsx",
    "src/cli/main.ts",
    "serve",
    // The generated corpus is dated in the past: both sides replay it on its own dates.
    "--replay",
    "--port",
    "0",
    "--workers",
    String(workers),
  ],
  { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
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
  await load(Math.min(5_000, requests), false);
  const ms = await load(requests, true);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  const httpDecisionsPerSec = requests / (ms / 1_000);
  const result = {
    httpDecisionsPerSec: Math.round(httpDecisionsPerSec),
    inProcessDecisionsPerSec: Math.round(inProcessDecisionsPerSec),
    ratio: Number((httpDecisionsPerSec / inProcessDecisionsPerSec).toFixed(3)),
    p50Ms: Number(at(0.5).toFixed(3)),
    p99Ms: Number(at(0.99).toFixed(3)),
    errors,
    workers,
    settings: { connections, requests, corpus: corpus.length, cores: availableParallelism() },
  };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, text);
  process.stdout.write(text);
} finally {
  await pool.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}
