// Use case behind `glidepath simulator generate`: build the simulated tenant "Northwind Estates" and write it
// as Graph JSON pages and portal CSV downloads into a folder. Refuses bad input before writing anything.

import { existsSync, mkdirSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
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

/** What the simulator itself writes at the top of the folder (removed on --force, nothing else is). */
const OWN_ENTRIES = ["graph", "portal", "ground-truth.json", "manifest.json"];

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
  if (opts.force) for (const e of OWN_ENTRIES) rmSync(resolve(out, e), { recursive: true, force: true });
  let interactive = 0;
  let nonInteractive = 0;
  for (const s of tenant.signIns()) {
    if (s.signInEventType === "interactiveUser") interactive++;
    else nonInteractive++;
  }
  const { files } = await writeTenantFiles(tenant, out, {
    progress: (d, t) => opts.progress?.("writing sign-ins (days)", d, t),
  });
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
