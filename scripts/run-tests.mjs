#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node:test through tsx (Node 20 does not expand globs).
// Extra arguments are passed to node, e.g. `npm test -- --test-name-pattern=engine`.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function find(dir, out = []) {
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
let files = [...find("src"), ...find("test")].sort();
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
// Largest files first (size is a fair proxy for run time here): the long ones then overlap the many short
// ones instead of starting last and running alone at the end.
files.sort((a, b) => statSync(b).size - statSync(a).size || (a < b ? -1 : 1));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
const seed = new URL("../test/fast-check-seed.ts", import.meta.url).href;
const r = spawnSync(
  process.execPath,
  ["--import", "tsx", "--import", seed, "--test", "--test-concurrency=2", ...flags, ...files],
  {
    stdio: "inherit",
    env: { ...process.env, GLIDEPATH_TEST: "1" },
  },
);
process.exit(r.status ?? 1);
