// Issue #4 targets: import a generated 2 GB sign-in JSON export and a 1 GB portal CSV with peak memory
// under 600 MB and at least half of DuckDB's throughput aggregating the same file by user and client app.
// Each measurement runs in its own child process so its peak RSS is its own. Files go to os.tmpdir() and
// are deleted afterwards. GLIDEPATH_BENCH_SCALE=0.1 makes them 200 MB / 100 MB for a quick run;
// GLIDEPATH_BENCH_RUNS sets the runs per measurement (default 1: the large files take minutes);
// GLIDEPATH_BENCH_ONLY=json|csv runs one of the two files.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runImport } from "../src/app/import.js";
import { writeSignInCsv, writeSignInJson } from "./import-data.js";
import { fmt, machine, median, peakRssMiB } from "./lib.js";

const SCALE = Number(process.env.GLIDEPATH_BENCH_SCALE ?? 1);
const RUNS = Number(process.env.GLIDEPATH_BENCH_RUNS ?? 1);
const JSON_BYTES = Math.round(2 * 2 ** 30 * SCALE);
const CSV_BYTES = Math.round(2 ** 30 * SCALE);
const ONLY = process.env.GLIDEPATH_BENCH_ONLY;

interface Measure {
  ms: number;
  /** CPU seconds of the process (all threads): comparable on a shared, loaded machine. */
  cpuS: number;
  peakRssMiB: number;
  rows: number;
}

function cpuS(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function childImport(file: string, ws: string): Promise<Measure> {
  const c0 = cpuS();
  const t = performance.now();
  const r = await runImport({ workspace: ws, paths: [file], now: "2026-11-22T00:00:00Z" });
  const ms = performance.now() - t;
  if (r.outcome !== "ok") throw new Error(`import ${r.outcome}: ${JSON.stringify(r.files[0]?.errors.slice(0, 3))}`);
  return { ms, cpuS: cpuS() - c0, peakRssMiB: peakRssMiB(), rows: r.signIns.inserted };
}

async function childDuck(file: string): Promise<Measure> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const con = await (await DuckDBInstance.create(":memory:")).connect();
  const c0 = cpuS();
  const t = performance.now();
  const sql = file.endsWith(".json")
    ? `select userPrincipalName, clientAppUsed, count(*) as n from read_json('${file}', format='array', maximum_object_size=16777216) group by all`
    : `select "Username", "Client app", count(*) as n from read_csv('${file}', header=true, all_varchar=true) group by all`;
  const res = await con.runAndReadAll(sql);
  const rows = res.getRowObjects().reduce((a, r) => a + Number(r.n as bigint), 0);
  return { ms: performance.now() - t, cpuS: cpuS() - c0, peakRssMiB: peakRssMiB(), rows };
}

function spawnChild(args: string[]): Measure {
  const r = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`child ${args.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) as string) as Measure;
}

async function parent(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gp-bench-import-"));
  try {
    console.log(`Import benchmark on ${machine()}; scale ${SCALE} (runs: ${RUNS})`);
    const jsonFile = join(dir, "signins.json");
    const csvFile = join(dir, "InteractiveSignIns_2026-10-23_2026-11-22.csv");
    let t = performance.now();
    if (ONLY !== "csv") {
      const jsonRows = await writeSignInJson(jsonFile, JSON_BYTES);
      console.log(
        `generated ${jsonFile}: ${fmt(statSync(jsonFile).size / 2 ** 20)} MiB, ${fmt(jsonRows)} sign-ins (${fmt((performance.now() - t) / 1000, 1)} s)`,
      );
    }
    t = performance.now();
    if (ONLY !== "json") {
      const csvRows = await writeSignInCsv(csvFile, CSV_BYTES);
      console.log(
        `generated ${csvFile}: ${fmt(statSync(csvFile).size / 2 ** 20)} MiB, ${fmt(csvRows)} rows (${fmt((performance.now() - t) / 1000, 1)} s)`,
      );
    }
    const rows: string[][] = [];
    const inputs = (
      [
        ["Graph JSON export", jsonFile, "json"],
        ["portal CSV download", csvFile, "csv"],
      ] as const
    ).filter(([, , k]) => !ONLY || ONLY === k);
    for (const [label, file] of inputs) {
      const mib = statSync(file).size / 2 ** 20;
      const imp: Measure[] = [];
      const duck: Measure[] = [];
      for (let i = 0; i < RUNS; i++) {
        const ws = join(dir, `ws-${i}`);
        imp.push(spawnChild(["import", file, ws]));
        rmSync(ws, { recursive: true, force: true });
        duck.push(spawnChild(["duckdb", file]));
      }
      const im = median(imp.map((m) => m.ms));
      const dm = median(duck.map((m) => m.ms));
      const impMbs = mib / (im / 1000);
      const duckMbs = mib / (dm / 1000);
      if (imp[0]?.rows !== duck[0]?.rows)
        console.log(`! row counts differ: import ${imp[0]?.rows}, duckdb ${duck[0]?.rows}`);
      rows.push([
        label,
        fmt(mib),
        fmt(imp[0]?.rows ?? 0),
        fmt(im / 1000, 1),
        fmt(impMbs, 1),
        fmt(median(imp.map((m) => m.cpuS)), 1),
        fmt(Math.max(...imp.map((m) => m.peakRssMiB))),
        fmt(dm / 1000, 1),
        fmt(duckMbs, 1),
        fmt(median(duck.map((m) => m.cpuS)), 1),
        fmt(Math.max(...duck.map((m) => m.peakRssMiB))),
        fmt(impMbs / duckMbs, 2),
      ]);
      console.log(
        `${label}: import ${fmt(im / 1000, 1)} s (${fmt(impMbs, 1)} MiB/s), DuckDB ${fmt(dm / 1000, 1)} s (${fmt(duckMbs, 1)} MiB/s)`,
      );
    }
    const head = [
      "file",
      "MiB",
      "sign-ins",
      "import s",
      "import MiB/s",
      "import CPU s",
      "import peak RSS MiB",
      "DuckDB s",
      "DuckDB MiB/s",
      "DuckDB CPU s",
      "DuckDB peak RSS MiB",
      "import/DuckDB",
    ];
    console.log(`\n| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|`);
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf("--child");
if (i >= 0) {
  const [mode, file, ws] = process.argv.slice(i + 1);
  const m = mode === "import" ? await childImport(file as string, ws as string) : await childDuck(file as string);
  process.stdout.write(`${JSON.stringify(m)}\n`);
} else {
  await parent();
}
