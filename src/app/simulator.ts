// Use case behind `glidepath simulator generate`: build the simulated tenant "Northwind Estates" and write it
// as Graph JSON pages and portal CSV downloads into a folder. Refuses bad input before writing anything.

import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import { generateTenant, validateSimulatorOptions, writeTenantFiles } from "../adapters/simulator/index.js";
import { GlidepathError } from "../core/model/errors.js";

export interface SimulatorGenerateOptions {
  readonly users: number;
  readonly seed: string;
  /** ISO; defaults to the start of the current UTC day. */
  readonly now?: string;
  readonly days?: number;
  readonly out: string;
  /** Replace the simulator's files in a non-empty folder. */
  readonly force?: boolean;
  readonly progress?: (label: string, done: number, total?: number) => void;
}

export interface SimulatorGenerateResult {
  readonly out: string;
  readonly tenant: string;
  readonly users: number;
  readonly seed: string;
  readonly now: string;
  readonly days: number;
  readonly signIns: { readonly interactive: number; readonly nonInteractive: number };
  readonly files: number;
  readonly planted: Readonly<Record<string, number>>;
}

/** The start of the current UTC day: the simulator's default "now". */
export function defaultNow(d = new Date()): string {
  return `${d.toISOString().slice(0, 10)}T00:00:00Z`;
}

const MANIFEST = "manifest.json";

/**
 * The files an earlier `simulator generate` wrote into `out`, from its manifest; empty when there is no
 * manifest or it is not the simulator's. Only these are ever removed by `--force`.
 */
function ownFiles(out: string): Set<string> {
  const own = new Set<string>();
  try {
    if (!lstatSync(join(out, MANIFEST)).isFile()) return own;
    const m = JSON.parse(readFileSync(join(out, MANIFEST), "utf8")) as { generator?: unknown; files?: unknown };
    if (m.generator !== "glidepath simulator" || !Array.isArray(m.files)) return own;
    for (const f of m.files) {
      if (typeof f !== "string" || isAbsolute(f) || normalize(f).split(/[\\/]/).includes("..")) continue;
      own.add(normalize(f));
    }
    own.add(MANIFEST);
  } catch {
    // No readable manifest: nothing here is known to be ours.
  }
  return own;
}

/** The first folder on the way from `out` to `rel` that is a link or not a folder, if any. */
function blockedPath(out: string, rel: string): string | null {
  const parts = rel.split(sep);
  let p = out;
  for (const part of parts.slice(0, -1)) {
    p = join(p, part);
    try {
      const st = lstatSync(p);
      if (st.isSymbolicLink() || !st.isDirectory()) return p;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Move the freshly written files from `stage` into `out`. Refuses (nothing moved) when a file the simulator
 * did not write stands where one of its files goes, or a folder on the way is a link; otherwise removes the
 * files the previous run wrote and renames the new ones into place.
 */
function placeFiles(stage: string, out: string, files: readonly string[]): void {
  const own = ownFiles(out);
  const conflicts: string[] = [];
  for (const f of files.map(normalize)) {
    const blocked = blockedPath(out, f);
    if (blocked) conflicts.push(`${blocked} (a link or a file where a folder goes)`);
    else if (existsOrLink(join(out, f)) && !own.has(f)) conflicts.push(join(out, f));
  }
  if (conflicts.length > 0) {
    throw new GlidepathError(
      "simulator.out-conflict",
      `--out ${out} holds ${conflicts.length} ${conflicts.length === 1 ? "entry" : "entries"} the simulator did not write where it writes its files, e.g. ${conflicts[0]}`,
      "move them away or choose an empty or new folder; --force replaces only what an earlier 'simulator generate' wrote there",
      "refused",
    );
  }
  const emptied = new Set<string>();
  for (const f of own) {
    const p = join(out, f);
    if (!existsOrLink(p) || blockedPath(out, f)) continue;
    if (lstatSync(p).isDirectory()) continue;
    unlinkSync(p);
    for (let d = dirname(p); d.length > out.length; d = dirname(d)) emptied.add(d);
  }
  for (const d of [...emptied].sort((a, b) => b.length - a.length)) {
    if (readdirSync(d).length === 0) rmdirSync(d);
  }
  for (const f of files) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    renameSync(join(stage, f), join(out, f));
  }
}

function existsOrLink(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function unwritable(out: string, why: string): GlidepathError {
  return new GlidepathError(
    "simulator.out-unwritable",
    `cannot write to ${out} (${why})`,
    "choose a folder you can write to, or fix its permissions",
  );
}

/** Refuse a file, a non-empty folder (without --force) or a folder that cannot be written, before writing anything. */
function checkOut(out: string, force: boolean): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) {
      throw new GlidepathError(
        "simulator.out-not-dir",
        `--out ${out} is a file, not a folder`,
        "pass a folder path for --out",
      );
    }
    if (readdirSync(out).length > 0 && !force) {
      throw new GlidepathError(
        "simulator.out-not-empty",
        `--out ${out} is not empty`,
        "choose an empty or new folder, or add --force to replace the simulator files in it",
      );
    }
  }
  // Create missing folders one level at a time (recursive mkdir can spin on pseudo file systems), then probe.
  const missing: string[] = [];
  for (let d = out; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  const created: string[] = [];
  try {
    for (const d of missing) {
      mkdirSync(d);
      created.push(d);
    }
    const probe = resolve(out, ".glidepath-write-probe");
    writeFileSync(probe, "");
    unlinkSync(probe);
  } catch (e) {
    for (const d of created.reverse()) rmSync(d, { recursive: true, force: true });
    throw unwritable(out, e instanceof Error ? e.message.split(",")[0]! : String(e));
  }
}

export async function simulatorGenerate(opts: SimulatorGenerateOptions): Promise<SimulatorGenerateResult> {
  const out = resolve(opts.out);
  const now = opts.now ?? defaultNow();
  validateSimulatorOptions({ users: opts.users, seed: opts.seed, now, days: opts.days });
  checkOut(out, opts.force === true);
  const tenant = generateTenant({ users: opts.users, seed: opts.seed, now, days: opts.days });
  let interactive = 0;
  let nonInteractive = 0;
  for (const s of tenant.signIns()) {
    if (s.signInEventType === "interactiveUser") interactive++;
    else nonInteractive++;
  }
  // Written into a fresh folder beside the files first, then moved into place: a refusal or a failure part-way
  // leaves `out` as it was.
  const stage = mkdtempSync(join(out, ".glidepath-generate-"));
  let files: string[];
  try {
    ({ files } = await writeTenantFiles(tenant, stage, {
      progress: (d, t) => opts.progress?.("writing sign-ins (days)", d, t),
    }));
    placeFiles(stage, out, files);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const gt = tenant.groundTruth;
  return {
    out,
    tenant: tenant.snapshot.meta.tenantDisplayName,
    users: opts.users,
    seed: opts.seed,
    now,
    days: gt.days,
    signIns: { interactive, nonInteractive },
    files: files.length,
    planted: {
      emergencyAccounts: gt.emergencyAccountIds.length,
      itTeam: gt.itTeamUserIds.length,
      admins: gt.adminUserIds.length,
      adminsWithoutMfa: gt.adminWithoutMfaUserIds.length,
      unregisteredActiveMembers: gt.unregisteredActiveMemberIds.length,
      noSmartphone: gt.noSmartphoneUserIds.length,
      legacyDependencies: gt.legacyDependencies.length,
      staleAuthenticators: gt.staleAuthenticatorUserIds.length,
      compromised: 1,
      sharedMailboxes: gt.sharedMailboxUserIds.length,
      rooms: gt.roomUserIds.length,
      serviceAccounts: gt.serviceAccountUserIds.length,
      guests: gt.guestUserIds.length,
      disabled: gt.disabledUserIds.length,
    },
  };
}
