// The property and hostile-input tests with many more runs than `npm test` makes (SECURITY.md).
//
//   npm run fuzz                      # 2,000 runs per property, a fresh random seed
//   npm run fuzz -- --runs 20000      # longer
//   npm run fuzz -- --seed 1234567    # replay the seed a failure printed
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option("runs") ?? 2_000);
const seed = Number(option("seed") ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- [--runs N] [--seed N]");
  process.exit(1);
}

console.log(`fuzz: ${runs} runs per property, seed ${seed}`);
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const result = spawnSync(
  process.execPath,
  [vitest, "run", "test/properties", "test/hostile", "--testTimeout", String(runs * 500)],
  {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: "inherit",
    env: {
      ...process.env,
      SMART_APPROVAL_FUZZ_RUNS: String(runs),
      SMART_APPROVAL_FUZZ_SEED: String(seed),
    },
  },
);
if (result.status !== 0)
  console.error(`fuzz failed; replay with: npm run fuzz -- --runs ${runs} --seed ${seed}`);
process.exit(result.status ?? 1);
