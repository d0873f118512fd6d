// The simulated tenant at scale: generate 100,000 users (directory, registrations, audits, ground truth) and
// iterate every sign-in of the 30-day window, reporting wall time, sign-in count and peak RSS.
// `GLIDEPATH_BENCH_USERS` changes the size. Run alone: `npx tsx bench/simulator.bench.ts`.

import { generateTenant } from "../src/adapters/simulator/index.js";
import { fmt, machine, peakRssMiB } from "./lib.js";

const USERS = Number(process.env.GLIDEPATH_BENCH_USERS ?? 100_000);
const NOW = "2026-11-22T00:00:00Z";

const c0 = process.cpuUsage();
const t0 = performance.now();
const t = generateTenant({ users: USERS, seed: "northwind", now: NOW });
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
let signIns = 0;
let interactive = 0;
let failures = 0;
for (const s of t.signIns()) {
  signIns++;
  if (s.signInEventType === "interactiveUser") interactive++;
  if (s.status.errorCode !== 0) failures++;
}
const t2 = performance.now();
const c2 = process.cpuUsage(c0);
const cpuS = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
const active = t.groundTruth.activeMemberUserIds.length;
console.log(`simulator: ${fmt(USERS)} users, 30 days, on ${machine()}`);
console.log(`  generate (snapshot + ground truth): ${fmt((t1 - t0) / 1000, 1)} s wall, ${fmt(cpuS(c1), 1)} s CPU`);
console.log(
  `  iterate sign-ins: ${fmt((t2 - t1) / 1000, 1)} s for ${fmt(signIns)} sign-ins (${fmt(interactive)} interactive, ${fmt((100 * failures) / signIns, 1)}% failures, ${fmt(signIns / active, 1)} per active member)`,
);
console.log(
  `  total: ${fmt((t2 - t0) / 1000, 1)} s wall, ${fmt(cpuS(c2), 1)} s CPU (wall > CPU means the machine was shared); peak RSS ${fmt(peakRssMiB())} MiB`,
);
