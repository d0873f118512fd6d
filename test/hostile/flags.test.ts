// Every option of every command, fed hostile values (empty, huge, negative, NaN-ish, 1e9, impossible dates,
// unicode, control characters, megabyte strings): a documented exit code (0-4), never "unexpected failure …
// this is a bug", and a usage error names the option it is about (#12 item 13).

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Command, Option } from "commander";
import fc from "fast-check";
import "../fast-check-seed.js";
import { CliRun } from "../../src/cli/common.js";
import { buildProgram } from "../../src/cli/main.js";
import { runCli } from "../helpers/cli.js";

const NOW = "2026-11-02T00:00:00Z";
const dir = mkdtempSync(join(tmpdir(), "gp-flags-fuzz-"));
const ws = join(dir, "ws");
/** The working directory of every run: relative paths (files written, folders read) land here. */
const scratch = join(dir, "scratch");
after(() => rmSync(dir, { recursive: true, force: true }));

/** Values that broke a flag once, or could: the edges of numbers, dates and text. */
const FIXED = [
  "",
  " ",
  "0",
  "-1",
  "-5",
  "1e9",
  "1e308",
  "NaN",
  "Infinity",
  "0x10",
  "4.5",
  "99999999999999999999999",
  "abc",
  "2026-13-01",
  "2026-02-30",
  "9999-12-31T23:59:60Z",
  "\u0000",
  "\u001b[2J\u0007",
  "\r\n",
  "\u202eé漢😀",
  "x".repeat(100_000),
  "%s%n",
  "__proto__",
  "null",
  "{}",
  '{"a":',
  "999.1.1.1",
  "UK",
  "..",
];

const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FIXED),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
);

/** Commands that would start a server, reach the network or build a tenant: only their flag parsing runs. */
const PARSE_ONLY = new Set(["demo", "connect", "sync", "simulator generate", "simulator serve"]);
/** Appended to a parse-only run: an unknown option commander reports after it parsed (and checked) the rest. */
const STOP = "--zzz-parse-only";

/** Options naming a file or folder: kept inside the scratch folder, so nothing outside the test is touched. */
const PATHS = new Set([
  "--workspace",
  "--out",
  "--to",
  "--legacy-csv",
  "--announcement",
  "--contacts-csv",
  "--certificate",
  "--client-secret-file",
  "--policies",
  "--policy",
]);

/** What a command needs besides the fuzzed option. */
function baseArgs(path: string, long: string): string[] {
  const ws_ = long === "--workspace" ? [] : ["--workspace", ws];
  switch (path) {
    case "classify":
      return ["someone@example.com", "exception", ...ws_];
    case "import":
      return [join(scratch, "nothing-here.json"), ...ws_];
    case "export":
      return long === "--to" ? ws_ : ["--to", join(scratch, "export"), ...ws_];
    case "simulate":
      return long === "--policy" ? ws_ : ["--policy", join(scratch, "p.json"), ...ws_];
    case "evaluate":
      return long === "--user" ? ws_ : ["--user", "nobody@example.com", ...ws_];
    case "simulator generate":
      return long === "--out" ? [] : ["--out", join(scratch, "generated")];
    case "simulator serve":
      return [];
    case "policy template":
      return ["require-mfa-all-users", ...ws_];
    default:
      return PARSE_ONLY.has(path) ? ws_.map((a) => (a === ws ? join(scratch, "ws-new") : a)) : ws_;
  }
}

/** Every leaf command with its path (`simulator serve`). */
function leaves(c: Command, path: string[] = []): [string, Command][] {
  return c.commands.flatMap((s) =>
    s.commands.length > 0 ? leaves(s, [...path, s.name()]) : [[[...path, s.name()].join(" "), s] as [string, Command]],
  );
}

before(async () => {
  mkdirSync(scratch);
  const r = await runCli(["demo", "--users", "50", "--now", NOW, "--workspace", ws]);
  assert.equal(r.code, 0, r.stderr);
  const p = await runCli(["policy", "template", "require-mfa-all-users", "--exclude-emergency", "--workspace", ws]);
  assert.equal(p.code, 0, p.stderr);
  writeFileSync(join(scratch, "p.json"), p.stdout);
});

test("no option of any command, given a hostile value, ends in an undocumented exit or 'this is a bug'", async () => {
  const silent = { write: () => true };
  const program = buildProgram(new CliRun({ stdout: silent, stderr: silent }));
  const seed = fc.readConfigureGlobal().seed ?? 20_261_122;
  const failures: string[] = [];
  let runs = 0;
  let i = 0;
  for (const [path, cmd] of leaves(program)) {
    for (const option of cmd.options as Option[]) {
      const long = option.long as string;
      if (long === "--help" || long === "--version") continue;
      i++;
      const values =
        option.required || option.optional
          ? fc.sample(hostile, { seed: seed + i, numRuns: Number(process.env.GLIDEPATH_FUZZ_RUNS ?? 2) })
          : [null];
      for (const raw of values) {
        const value = raw !== null && PATHS.has(long) ? raw.replaceAll("/", "_").replaceAll("\\", "_") : raw;
        const args = [
          ...path.split(" "),
          ...baseArgs(path, long),
          value === null ? long : `${long}=${value}`,
          ...(PARSE_ONLY.has(path) ? [STOP] : []),
        ];
        const r = await runCli(args, { cwd: scratch });
        runs++;
        const shown = `${path} ${long}=${JSON.stringify(value?.slice(0, 40))}: exit ${r.code}: ${r.stderr.slice(0, 300)}`;
        if (![0, 1, 2, 3, 4].includes(r.code)) failures.push(`undocumented exit: ${shown}`);
        if (/this is a bug|unexpected failure/.test(r.stderr)) failures.push(`bug: ${shown}`);
        // A usage error (commander's, or a usage.* code) says which option it is about.
        const usage = r.code === 2 && (/\[usage\./.test(r.stderr) || /fix: run 'glidepath --help'/.test(r.stderr));
        if (usage && !r.stderr.includes(STOP) && !r.stderr.includes(long) && !r.stderr.includes(option.short ?? long)) {
          failures.push(`usage error without the option's name: ${shown}`);
        }
      }
    }
  }
  assert.ok(runs > 100, `only ${runs} runs`);
  assert.deepEqual(failures, []);
});

test("--out naming a folder and an empty --to are one-line errors, not 'this is a bug'", async () => {
  const out = await runCli(["tenant", "--workspace", ws, "--out", scratch]);
  assert.equal(out.code, 2, out.stderr);
  assert.match(out.stderr, /^glidepath: cannot write the output to .*\[output\.write\]\n {2}fix: /);
  const to = await runCli(["export", "--workspace", ws, "--to", ""]);
  assert.equal(to.code, 2, to.stderr);
  assert.match(to.stderr, /^glidepath: --to must name a file or folder, got "" \[usage\.to\]\n {2}fix: .*--to/);
});

test("--days beyond what the log holds is cut to it, and the report says so (not '45 days' over 30)", async () => {
  const policy = join(scratch, "p.json");
  const text = await runCli(["simulate", "--workspace", ws, "--policy", policy, "--days", "45"]);
  assert.ok([0, 1].includes(text.code), text.stderr);
  assert.match(text.stdout, /30 days of sign-ins to 2026-11-02 \(asked for 45; the workspace's log holds 30\)/);
  const json = await runCli(["simulate", "--workspace", ws, "--policy", policy, "--days", "45", "--format", "json"]);
  const window = JSON.parse(json.stdout).summary.window;
  assert.deepEqual([window.days, window.requestedDays], [30, 45]);
  const within = await runCli(["simulate", "--workspace", ws, "--policy", policy, "--days", "20", "--format", "json"]);
  assert.deepEqual(JSON.parse(within.stdout).summary.window.days, 20);
  assert.equal(JSON.parse(within.stdout).summary.window.requestedDays, undefined);
  const gaps = await runCli(["gaps", "--workspace", ws, "--days", "90"]);
  assert.match(gaps.stdout, /in the last 30 days \(asked for 90; the workspace's log holds 30\)/);
});

test("no positional argument, given a hostile value, ends in an undocumented exit or 'this is a bug'", async () => {
  const seed = fc.readConfigureGlobal().seed ?? 20_261_122;
  // import reads what it is given: kept inside the scratch folder (not "..", where the workspace lives).
  const local = (v: string) => v.replaceAll("/", "_").replaceAll("\\", "_").replaceAll("..", "__");
  const cases: [string, (v: string) => string[]][] = [
    ["classify <user>", (v) => ["classify", v, "exception", "--workspace", ws]],
    ["classify <type>", (v) => ["classify", "someone@example.com", v, "--workspace", ws]],
    ["import <path>", (v) => ["import", local(v), "--workspace", join(scratch, "ws-import")]],
    ["policy template [name]", (v) => ["policy", "template", v, "--workspace", ws]],
  ];
  const failures: string[] = [];
  for (const [i, [name, args]] of cases.entries()) {
    for (const value of fc.sample(hostile, { seed: seed + 1000 + i, numRuns: 6 })) {
      const r = await runCli(args(value), { cwd: scratch });
      const shown = `${name} ${JSON.stringify(value.slice(0, 40))}: exit ${r.code}: ${r.stderr.slice(0, 300)}`;
      if (![0, 1, 2, 3, 4].includes(r.code)) failures.push(`undocumented exit: ${shown}`);
      if (/this is a bug|unexpected failure/.test(r.stderr)) failures.push(`bug: ${shown}`);
    }
  }
  assert.deepEqual(failures, []);
});
