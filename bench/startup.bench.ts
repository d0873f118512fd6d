// Issue #13 target: the CLI starts fast. Whole processes, as a user runs them: `glidepath --version` under
// 150 ms and a workspace `evaluate` under 400 ms, measured beside the start-up of the commit before the
// work (61b782a: tsx transpiling at start-up, every dependency imported eagerly) in the same run.
// `GLIDEPATH_BENCH_RUNS` sets the runs per case (default 9), `GLIDEPATH_BENCH_BASE` the commit compared.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { isBuildFresh } from "../bin/build-stamp.js";
import { fmt, machine, median } from "./lib.js";

const RUNS = Number(process.env.GLIDEPATH_BENCH_RUNS ?? 9);
const BASE = process.env.GLIDEPATH_BENCH_BASE ?? "61b782a";
const ROOT = join(import.meta.dirname, "..");
const NOW = "2026-11-02T00:00:00Z";
// A member of the default demo tenant (seed "northwind", 500 users).
const USER = "ashdown.80@northwindestates.onmicrosoft.com";

/** CPU time (user + system, ms) of this process's finished children; Linux only, 10 ms ticks. */
function childrenCpuMs(): number | null {
  try {
    // Fields after the command name: state is 3rd, cutime/cstime are the 16th/17th of the whole line.
    const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

interface Sample {
  wallMs: number;
  cpuMs: number | null;
}

function runOnce(bin: string, args: readonly string[]): Sample {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 16 << 20 });
  const wallMs = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (r.status !== 0 && r.status !== 1) throw new Error(`${bin} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { wallMs, cpuMs: c0 === null || c1 === null ? null : c1 - c0 };
}

const tmp = mkdtempSync(join(tmpdir(), "gp-bench-startup-"));
try {
  if (!isBuildFresh()) {
    console.log("dist/ is missing or stale: building it (npm run build)");
    execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { stdio: "inherit" });
  }
  // Today's code and the base commit's, each with a demo workspace built by its own CLI.
  const base = join(tmp, "base");
  mkdirSync(base);
  execFileSync("sh", ["-c", `git -C "${ROOT}" archive ${BASE} | tar -x -C "${base}"`]);
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(base, "node_modules"));
  const variants = [
    { name: "now", bin: join(ROOT, "bin/glidepath.js"), ws: join(tmp, "ws-now") },
    { name: BASE, bin: join(base, "bin/glidepath.js"), ws: join(tmp, "ws-base") },
  ];
  for (const v of variants) execFileSync(process.execPath, [v.bin, "demo", "--now", NOW, "--workspace", v.ws]);
  // Node itself, doing nothing: the floor under any command on this machine at this load.
  const empty = join(tmp, "empty.mjs");
  writeFileSync(empty, "");

  const cases = [
    { name: "--version", args: () => ["--version"], target: 150 },
    {
      name: "evaluate (workspace)",
      args: (ws: string) => ["evaluate", "--workspace", ws, "--user", USER, "--app", "exchangeOnline"],
      target: 400,
    },
  ];
  const load0 = loadavg()[0] ?? 0;
  const samples = new Map<string, Sample[]>();
  const floor: Sample[] = [];
  // Warm the file cache (and tsx's transpile cache for the base) once, then alternate the two so both see
  // the same load on a shared machine.
  for (const c of cases) for (const v of variants) runOnce(v.bin, c.args(v.ws));
  for (let i = 0; i < RUNS; i++) {
    floor.push(runOnce(empty, []));
    for (const c of cases) {
      for (const v of variants) {
        const k = `${c.name}|${v.name}`;
        samples.set(k, [...(samples.get(k) ?? []), runOnce(v.bin, c.args(v.ws))]);
      }
    }
  }
  const load1 = loadavg()[0] ?? 0;

  console.log(`\nStart-up on ${machine()}, median of ${RUNS} whole-process runs per case`);
  console.log(`load average ${fmt(load0, 1)} before, ${fmt(load1, 1)} after (other jobs inflate wall time)`);
  const floorCpu = floor.some((s) => s.cpuMs === null) ? null : median(floor.map((s) => s.cpuMs as number));
  console.log(
    `  node (empty script) ${fmt(median(floor.map((s) => s.wallMs)))} ms wall${floorCpu === null ? "" : `, ${fmt(floorCpu)} ms CPU`}`,
  );
  for (const c of cases) {
    const m = (name: string, k: keyof Sample) => {
      const xs = (samples.get(`${c.name}|${name}`) ?? []).map((s) => s[k]);
      return xs.some((x) => x === null) ? null : median(xs as number[]);
    };
    const nowWall = m("now", "wallMs") as number;
    const baseWall = m(BASE, "wallMs") as number;
    const cpu = (x: number | null) => (x === null ? "" : `, ${fmt(x)} ms CPU`);
    console.log(`  ${c.name}`);
    console.log(`    ${BASE.padEnd(8)} ${fmt(baseWall).padStart(6)} ms wall${cpu(m(BASE, "cpuMs"))}`);
    console.log(`    now      ${fmt(nowWall).padStart(6)} ms wall${cpu(m("now", "cpuMs"))}`);
    console.log(
      `    ${fmt(baseWall / nowWall, 1)}× faster; target < ${c.target} ms: ${nowWall < c.target ? "met" : "not met"}`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
