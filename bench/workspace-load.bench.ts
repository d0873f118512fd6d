// Issue #2 target: generate the 100,000-user simulated tenant with 30 days of sign-ins AND load it into a
// workspace, under 60 s and 2 GB together. Each run is a fresh child process so its peak RSS is its own.
// `GLIDEPATH_BENCH_USERS` changes the size, `GLIDEPATH_BENCH_RUNS` the number of runs (default 3).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateTenant } from "../src/adapters/simulator/index.js";
import { WorkspaceStore } from "../src/adapters/store/index.js";
import { loadSnapshotWithSignIns } from "../src/app/demo.js";
import { fmt, machine, median, peakRssMiB } from "./lib.js";

const USERS = Number(process.env.GLIDEPATH_BENCH_USERS ?? 100_000);
const RUNS = Number(process.env.GLIDEPATH_BENCH_RUNS ?? 3);
const NOW = "2026-11-22T00:00:00Z";

interface RunResult {
  generateMs: number;
  loadMs: number;
  totalMs: number;
  /** CPU time (user + system) of the run: what the work costs when the machine is shared. */
  cpuMs: number;
  loadAvg: number;
  signIns: number;
  peakRssMiB: number;
  dbMiB: number;
}

function child(): void {
  const dir = mkdtempSync(join(tmpdir(), "gp-bench-ws-"));
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const t = generateTenant({ users: USERS, seed: "northwind", now: NOW });
    const t1 = performance.now();
    const store = WorkspaceStore.open(dir, { create: true });
    const signIns = loadSnapshotWithSignIns(store, t.snapshot, t.signIns());
    store.closeNow();
    const t2 = performance.now();
    const r: RunResult = {
      generateMs: t1 - t0,
      loadMs: t2 - t1,
      totalMs: t2 - t0,
      cpuMs: (() => {
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      })(),
      loadAvg: loadavg()[0] ?? 0,
      signIns,
      peakRssMiB: peakRssMiB(),
      dbMiB: statSync(join(dir, "glidepath.sqlite")).size / 2 ** 20,
    };
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parent(): void {
  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child"], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const last = r.stdout.trim().split("\n").pop() as string;
    results.push(JSON.parse(last) as RunResult);
    console.log(`run ${i + 1}: ${last}`);
  }
  const m = (k: keyof RunResult) => median(results.map((r) => r[k]));
  console.log(`\nGenerate + load ${fmt(USERS)} users on ${machine()} (median of ${RUNS} runs)`);
  console.log(`  sign-ins          ${fmt(m("signIns"))}`);
  console.log(`  generate          ${fmt(m("generateMs") / 1000, 1)} s`);
  console.log(`  load into SQLite  ${fmt(m("loadMs") / 1000, 1)} s`);
  console.log(
    `  total             ${fmt(m("totalMs") / 1000, 1)} s wall (target < 60 s), ${fmt(m("cpuMs") / 1000, 1)} s CPU`,
  );
  console.log(`  load average      ${fmt(m("loadAvg"), 1)} (other jobs on the machine inflate wall time)`);
  console.log(`  peak RSS          ${fmt(m("peakRssMiB"))} MiB (target < 2048 MiB)`);
  console.log(`  workspace file    ${fmt(m("dbMiB"))} MiB`);
}

if (process.argv[2] === "--child") child();
else parent();
