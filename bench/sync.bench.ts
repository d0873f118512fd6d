// Graph sync benchmark: a 10,000-user simulated tenant with 30 days of sign-ins, served by
// the simulator server (bench/sync-server.ts, as `glidepath simulator serve`) in its own process with 50 ms latency per request, synced through the real
// Graph client into a fresh workspace. Reports wall time, requests, and the ratio to the ideal time:
//   ideal = max(requests × latency / concurrency, longest sequential page chain × latency)
// (a collection's pages follow opaque nextLinks one after another, so its chain cannot be parallelised).
// Run: npx tsx bench/sync.bench.ts [--users N] [--latency-ms L] [--concurrency C[,C...]] [--chosen C]

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SIMULATOR_TEST_TOKEN } from "../src/adapters/simulator/server/serve.js";
import { connectWorkspace } from "../src/app/connect.js";
import { SYNC_COLLECTIONS, syncWorkspace } from "../src/app/sync.js";
import { fmt, machine, peakRssMiB } from "./lib.js";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
}

const USERS = Number(arg("users", "10000"));
const LATENCY = Number(arg("latency-ms", "50"));
const CONCURRENCIES = arg("concurrency", "2,4,8").split(",").map(Number);
/** The concurrency the issue's target (ratio ≤ 1.3) is judged at; BENCHMARKS.md says why 2. */
const CHOSEN = Number(arg("chosen", "2"));
const NOW = "2026-03-01T00:00:00Z";
const DAYS = 30;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", resolve(import.meta.dirname, "sync-server.ts"), String(USERS), "bench", NOW, String(LATENCY)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((res, rej) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) res(m[1] as string);
    });
    child.on("exit", (code) => rej(new Error(`simulator exited with ${code}: ${out}`)));
  });
  return { url, child };
}

const t0 = performance.now();
const { url, child } = await startServer();
console.log(
  `simulator: ${USERS} users, ${DAYS} days, ${LATENCY} ms latency, ready in ${fmt((performance.now() - t0) / 1000, 1)} s (separate process)`,
);
console.log(machine());

/**
 * Warm the simulator (not the client): Graph is always warm, a freshly started simulator process is not,
 * and its first answers would be charged to the sync. Reads a few pages of each kind with plain fetch.
 */
async function warmServer(): Promise<void> {
  const h = { authorization: `Bearer ${SIMULATOR_TEST_TOKEN}` };
  const day = new Date(Date.parse(NOW) - 86_400_000).toISOString().replace(".000Z", "Z");
  const paths = [
    "/v1.0/users?$top=500",
    "/v1.0/groups/delta",
    "/beta/reports/authenticationMethods/userRegistrationDetails",
    `/beta/auditLogs/signIns?$top=1000&$filter=${encodeURIComponent(`createdDateTime ge ${day} and createdDateTime lt ${NOW}`)}`,
  ];
  for (let round = 0; round < 5; round++) {
    await Promise.all(paths.map(async (p) => (await fetch(`${url}${p}`, { headers: h })).arrayBuffer()));
  }
}
await warmServer();
const rows: string[] = [];
const chosenRatios: number[] = [];
try {
  // Every collection at each concurrency; then, for comparison, everything but sign-ins at the first one
  // (what the request pipeline costs when no bulk ingestion competes for the CPU).
  const runs: { concurrency: number; only?: string[] }[] = CONCURRENCIES.map((c) => ({ concurrency: c }));
  runs.push({ concurrency: CONCURRENCIES[0] ?? 8, only: SYNC_COLLECTIONS.filter((c) => c !== "signIns") });
  for (const { concurrency, only } of runs) {
    const dir = mkdtempSync(join(tmpdir(), "gp-bench-sync-"));
    await connectWorkspace(dir, { simulator: url });
    const load = loadavg()[0] ?? 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const r = await syncWorkspace(dir, { days: DAYS, now: new Date(NOW), concurrency, ...(only ? { only } : {}) });
    const wall = (performance.now() - start) / 1000;
    const cpuUsed = process.cpuUsage(cpu0);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
    const byConcurrency = (r.requests * LATENCY) / concurrency / 1000;
    const chain = (r.longestSlice.pages * LATENCY) / 1000;
    const ideal = Math.max(byConcurrency, chain);
    const ratio = wall / ideal;
    const line = `| ${concurrency}${only ? " (no sign-ins)" : ""} | ${fmt(r.requests)} | ${fmt(r.signIns.fetched)} | ${fmt(wall, 2)} s | ${fmt(ideal, 2)} s (${byConcurrency >= chain ? "requests × latency / concurrency" : `chain of ${r.longestSlice.pages} pages in ${r.longestSlice.key}`}) | **${fmt(ratio, 2)}** | ${fmt(cpu, 1)} s | ${fmt(load, 1)} |`;
    rows.push(line);
    if (!only && concurrency === CHOSEN) chosenRatios.push(ratio);
    console.log(
      `concurrency ${concurrency}${only ? " (no sign-ins)" : ""}: wall ${fmt(wall, 2)} s, ${r.requests} requests (${r.retries} retried), ${r.signIns.fetched} sign-ins, ideal ${fmt(ideal, 2)} s, ratio ${fmt(ratio, 2)}; client CPU ${fmt(cpu, 1)} s; load average ${fmt(load, 1)}; longest chain ${r.longestSlice.key} (${r.longestSlice.pages} pages)`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  child.kill("SIGTERM");
}
console.log(
  "\n| concurrency | requests | sign-ins | wall time | ideal time | ratio | sync CPU | load avg |\n|---|---|---|---|---|---|---|---|",
);
for (const r of rows) console.log(r);
console.log(`\npeak RSS of the syncing process: ${fmt(peakRssMiB())} MiB`);
if (chosenRatios.length > 0) {
  const worst = Math.max(...chosenRatios);
  console.log(
    `ratio at the chosen concurrency ${CHOSEN}: ${chosenRatios.map((x) => fmt(x, 2)).join(", ")} — target ≤ 1.3 met in ${chosenRatios.filter((x) => x <= 1.3).length} of ${chosenRatios.length} runs${worst <= 1.3 ? "" : " (NOT in every run)"}`,
  );
}
