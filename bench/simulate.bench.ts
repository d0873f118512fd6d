// Issue #7 targets: simulate "require MFA for all users" over the 100,000-user simulated tenant with 30 days
// of sign-ins in < 60 s and < 2 GB peak RSS; verify-access over a 50-policy set in < 1 s per account.
// Child 1 generates the tenant into a workspace (as `glidepath demo`); child 2 does what the CLI does:
// load the workspace snapshot (access patterns), then time simulate RUNS times (median) and verify-access
// per account. Peak RSS is child 2's (snapshot loading included). GLIDEPATH_BENCH_WORKSPACE reuses a
// workspace built by an earlier run.
// `GLIDEPATH_BENCH_USERS` changes the size, `GLIDEPATH_BENCH_RUNS` the number of simulate runs (default 3).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { GroundTruth } from "../src/adapters/simulator/index.js";
import { generateTenant } from "../src/adapters/simulator/index.js";
import { WorkspaceStore } from "../src/adapters/store/index.js";
import { loadSnapshotWithSignIns } from "../src/app/demo.js";
import { loadSnapshotForReplay, simulateSnapshot, streamPatterns, workspaceEmergency } from "../src/app/simulate.js";
import { verifyAccessSnapshot } from "../src/app/verify-access.js";
import { openExistingWorkspace } from "../src/app/workspace.js";
import { buildClassSpace } from "../src/core/engine/class-space.js";
import { proveAccess } from "../src/core/engine/prove-access.js";
import { buildDirectoryIndex } from "../src/core/model/directory-index.js";
import type { ConditionalAccessPolicy } from "../src/core/model/policy.js";
import { APP, ROLE, STRENGTH } from "../src/core/model/well-known.js";
import { buildCapabilityIndex } from "../src/core/replay/capabilities.js";
import { composePolicySet } from "../src/core/replay/policy-set.js";
import { buildTemplate, TEMPLATE_NAMES } from "../src/core/rollout/templates.js";
import { fmt, machine, median, peakRssMiB } from "./lib.js";

const USERS = Number(process.env.GLIDEPATH_BENCH_USERS ?? 100_000);
const RUNS = Number(process.env.GLIDEPATH_BENCH_RUNS ?? 3);
const NOW = "2026-11-22T00:00:00Z";

interface Result {
  users: number;
  signIns: number;
  patterns: number;
  prepareMs: number;
  simulateMs: number[];
  simulateCpuMs: number[];
  loadAvg: number[];
  patternsPerSecond: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  outcomes: Record<string, number>;
  verifyPolicies: number;
  verifyMsPerAccount: number[];
  verifyClasses: number[];
  verifyEndToEndMs: number;
  verifyHolds: boolean[];
  spaceMs: number;
}

/** A 50-policy set: the five roll-out templates plus 45 varied policies of a large tenant. */
function fiftyPolicies(emergencyGroupId: string, groups: readonly string[], locations: readonly string[]): object[] {
  const out: object[] = [];
  for (const name of TEMPLATE_NAMES) {
    const r = buildTemplate(
      name,
      name === "emergency-phishing-resistant" || name === "require-mfa-pilot"
        ? { includeGroups: [name === "require-mfa-pilot" ? (groups[0] as string) : emergencyGroupId] }
        : { excludeGroups: [emergencyGroupId] },
    );
    if (r.ok) out.push(r.policy);
  }
  const apps = [
    APP.exchangeOnline,
    APP.sharePointOnline,
    APP.teamsService,
    APP.azureServiceManagement,
    APP.microsoftGraph,
    "Office365",
    "MicrosoftAdminPortals",
    APP.intune,
  ];
  const platforms = ["android", "iOS", "windows", "macOS", "linux"];
  const rules = [
    'device.extensionAttribute1 -eq "SAW"',
    'device.trustType -eq "ServerAD"',
    'device.model -startsWith "Surface"',
    'device.operatingSystem -eq "Windows" -and device.isCompliant -eq True',
  ];
  for (let i = 0; out.length < 50; i++) {
    const p: ConditionalAccessPolicy = {
      displayName: `CA1${String(i).padStart(2, "0")} - generated`,
      state: i % 5 === 0 ? "enabledForReportingButNotEnforced" : "enabled",
      conditions: {
        users: {
          includeUsers: i % 3 === 0 ? ["All"] : [],
          includeGroups: i % 3 === 1 ? [groups[i % groups.length] as string] : [],
          includeRoles: i % 3 === 2 ? [ROLE.globalAdministrator, ROLE.exchangeAdministrator] : [],
          excludeGroups: [emergencyGroupId],
        },
        applications: {
          includeApplications: [apps[i % apps.length] as string],
          excludeApplications: i % 7 === 0 ? [APP.officeHome] : [],
        },
        clientAppTypes: i % 4 === 0 ? ["browser", "mobileAppsAndDesktopClients"] : ["all"],
        platforms:
          i % 6 === 0 ? { includePlatforms: [platforms[i % platforms.length] as string], excludePlatforms: [] } : null,
        locations:
          i % 4 === 1
            ? { includeLocations: ["All"], excludeLocations: [locations[i % locations.length] as string] }
            : null,
        signInRiskLevels: i % 9 === 0 ? ["high", "medium"] : [],
        devices:
          i % 8 === 3
            ? { deviceFilter: { mode: i % 2 ? "exclude" : "include", rule: rules[i % rules.length] as string } }
            : null,
        authenticationFlows: i % 11 === 0 ? { transferMethods: "deviceCodeFlow" } : null,
      },
      grantControls:
        i % 5 === 1
          ? { operator: "OR", builtInControls: ["block"] }
          : i % 5 === 2
            ? { operator: "OR", builtInControls: [], authenticationStrength: { id: STRENGTH.passwordlessMfa } }
            : i % 5 === 3
              ? { operator: "OR", builtInControls: ["compliantDevice", "domainJoinedDevice"] }
              : { operator: "OR", builtInControls: ["mfa"] },
    };
    out.push(p);
  }
  return out;
}

/** Child 1: generate the tenant and load it into a workspace, as `glidepath demo` does. */
function build(dir: string): void {
  const t0 = performance.now();
  const t = generateTenant({ users: USERS, seed: "northwind", now: NOW });
  const store = WorkspaceStore.open(dir, { create: true });
  const signIns = loadSnapshotWithSignIns(store, t.snapshot, t.signIns());
  store.closeNow();
  writeFileSync(join(dir, "ground-truth.json"), JSON.stringify(t.groundTruth));
  process.stdout.write(`${JSON.stringify({ buildMs: performance.now() - t0, signIns })}\n`);
}

/** Child 2: what `glidepath simulate` / `verify-access` do: load the workspace snapshot, then compute. */
async function measure(dir: string): Promise<void> {
  const gt = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as GroundTruth;
  const t0 = performance.now();
  const ws = await openExistingWorkspace(dir);
  // As runSimulate does: the snapshot without patterns, the patterns streamed from SQLite per run.
  const snapshot = await loadSnapshotForReplay(ws);
  const emergency = await workspaceEmergency(ws, snapshot);
  const prepareMs = performance.now() - t0;
  let signIns = 0;
  const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
  const tpl = buildTemplate("require-mfa-all-users", { excludeGroups: [gt.emergencyGroupId] });
  if (!tpl.ok) throw new Error(tpl.message);
  const simulateMs: number[] = [];
  let outcomes: Record<string, number> = {};
  let patterns = 0;
  const simulateCpuMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s0 = performance.now();
    const c0 = process.cpuUsage();
    const r = simulateSnapshot(snapshot, [tpl.policy], { emergency, patterns: streamPatterns(ws, "") });
    simulateMs.push(performance.now() - s0);
    const c1 = process.cpuUsage(c0);
    simulateCpuMs.push((c1.user + c1.system) / 1000);
    outcomes = r.summary.outcomes;
    signIns = r.summary.signInsEvaluated;
    patterns = r.summary.patternsEvaluated;
  }
  const policies = fiftyPolicies(
    gt.emergencyGroupId,
    [gt.itTeamGroupId, gt.executivesGroupId],
    snapshot.namedLocations.map((l) => l.id),
  );
  // End to end (compose, class space, compile, capabilities, proofs) for the emergency accounts ...
  const e0 = performance.now();
  const full = verifyAccessSnapshot(snapshot, policies, { accounts: [...gt.emergencyAccountIds], emergency });
  const verifyEndToEndMs = performance.now() - e0;
  // ... and the proof itself per account, the class space built once (as verify-access does).
  const set = composePolicySet(
    snapshot,
    policies.map((raw, i) => ({ raw, sourceName: `p${i}` })),
  );
  const eopts = { now: NOW, unknownApplies: "assumeApplies" as const, reportOnlyAsEnabled: true };
  const s0 = performance.now();
  const space = buildClassSpace(snapshot, set.proposed, eopts);
  const spaceMs = performance.now() - s0;
  const caps = buildCapabilityIndex(snapshot, buildDirectoryIndex(snapshot, NOW));
  const admins = gt.adminUserIds.slice(0, 20);
  const verifyMsPerAccount: number[] = [];
  const verifyClasses: number[] = [];
  for (const id of [...gt.emergencyAccountIds, ...admins]) {
    const v0 = performance.now();
    const p = proveAccess(snapshot, set.proposed, id, caps.of(id), eopts, space);
    verifyMsPerAccount.push(performance.now() - v0);
    verifyClasses.push(p.classesTotal);
  }
  const res: Result = {
    users: USERS,
    signIns,
    patterns,
    prepareMs,
    simulateMs,
    simulateCpuMs,
    loadAvg: loadavg(),
    patternsPerSecond: patterns / (median(simulateMs) / 1000),
    rssBeforeMiB,
    peakRssMiB: peakRssMiB(),
    outcomes,
    verifyPolicies: snapshot.policies.length + policies.length,
    verifyEndToEndMs,
    verifyHolds: full.proofs.map((p) => p.holds),
    spaceMs,
    verifyMsPerAccount,
    verifyClasses,
  };
  await ws.close();
  process.stdout.write(`${JSON.stringify(res)}\n`);
}

function run(args: string[]): string {
  const flags = args.filter((a) => a.startsWith("--max-old-space-size"));
  const rest = args.filter((a) => !flags.includes(a));
  const r = spawnSync(process.execPath, [...flags, "--import", "tsx", ...rest], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  return r.stdout.trim().split("\n").pop() as string;
}

function parent(): void {
  const given = process.env.GLIDEPATH_BENCH_WORKSPACE;
  const dir = given ?? mkdtempSync(join(tmpdir(), "gp-bench-sim-"));
  try {
    if (!existsSync(join(dir, "ground-truth.json"))) {
      const b = JSON.parse(run([import.meta.filename, "--build", dir])) as { buildMs: number; signIns: number };
      console.log(
        `(built the ${fmt(USERS)}-user workspace in ${fmt(b.buildMs / 1000, 1)} s: ${fmt(b.signIns)} sign-ins)`,
      );
    }
    // The heap cap makes V8 collect instead of growing: peak RSS then reflects live data (set the same
    // NODE_OPTIONS for glidepath on a 2 GB budget). GLIDEPATH_BENCH_HEAP=0 measures the default heap.
    const heap = Number(process.env.GLIDEPATH_BENCH_HEAP ?? 1536);
    report(
      JSON.parse(
        run([...(heap > 0 ? [`--max-old-space-size=${heap}`] : []), import.meta.filename, "--measure", dir]),
      ) as Result,
      heap,
    );
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

function report(res: Result, heap: number): void {
  const sim = median(res.simulateMs) / 1000;
  const ver = median(res.verifyMsPerAccount);
  console.log(
    `Blast radius and proofs — ${fmt(res.users)} users on ${machine()}${heap > 0 ? `, --max-old-space-size=${heap}` : ", default heap"}`,
  );
  console.log(
    `  sign-ins / access patterns   ${fmt(res.signIns)} / ${fmt(res.patterns)} (user sign-ins of enabled accounts in the window)`,
  );
  console.log(`  load workspace snapshot      ${fmt(res.prepareMs / 1000, 1)} s (not part of simulate)`);
  console.log(
    `  simulate (median of ${res.simulateMs.length})       ${fmt(sim, 1)} s  (runs: ${res.simulateMs.map((x) => fmt(x / 1000, 1)).join(", ")}; target < 60 s)`,
  );
  console.log(
    `  simulate CPU time (median)   ${fmt(median(res.simulateCpuMs) / 1000, 1)} s (load average at the end ${res.loadAvg.map((x) => x.toFixed(1)).join(", ")})`,
  );
  console.log(
    `  patterns per second          ${fmt(res.patternsPerSecond)} wall, ${fmt(res.patterns / (median(res.simulateCpuMs) / 1000))} per CPU second`,
  );
  console.log(
    `  RSS before simulate / peak   ${fmt(res.rssBeforeMiB)} / ${fmt(res.peakRssMiB)} MiB (target < 2048 MiB)`,
  );
  console.log(`  outcomes                     ${JSON.stringify(res.outcomes)}`);
  console.log(
    `  verify-access, ${res.verifyPolicies} policies   proof ${fmt(ver)} ms per account (median of ${res.verifyMsPerAccount.length} accounts, max ${fmt(Math.max(...res.verifyMsPerAccount))} ms, ${fmt(median(res.verifyClasses))} classes; target < 1000 ms)`,
  );
  console.log(
    `                               class space + compile once: ${fmt(res.spaceMs)} ms; end to end for the 2 emergency accounts: ${fmt(res.verifyEndToEndMs)} ms (proofs ${res.verifyHolds.join(", ")})`,
  );
  const ok = sim < 60 && res.peakRssMiB < 2048 && ver < 1000;
  console.log(ok ? "  targets met" : "  TARGET MISSED");
}

if (process.argv[2] === "--build") build(process.argv[3] as string);
else if (process.argv[2] === "--measure") await measure(process.argv[3] as string);
else parent();
