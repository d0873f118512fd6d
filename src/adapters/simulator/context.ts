// Everything the parts of the generator share: the seed root, the window, the ids of planted configuration
// and browser versions of the moment. Built once per tenant; read-only afterwards.

import type { SeedRoot } from "./prng.js";
import { DAY_MS, startOfUtcDay } from "./time.js";

export interface PolicyIds {
  /** Report-only for months: Require MFA for administrators (planted: reportOnlyStale). */
  readonly adminMfa: string;
  /** Enabled: Require MFA for Azure management. */
  readonly azureMfa: string;
  /** Enabled, targets a deleted group (planted: deletedGroupReference). */
  readonly financeMfa: string;
}

export interface GenContext {
  readonly root: SeedRoot;
  readonly seed: string;
  readonly users: number;
  readonly now: string;
  readonly nowMs: number;
  readonly days: number;
  /** Start of the first day of the window (UTC midnight). */
  readonly fromMs: number;
  /** End of the window: the start of the UTC day of `now`. Sign-ins are all before it. */
  readonly toMs: number;
  readonly tenantId: string;
  readonly policies: PolicyIds;
  readonly emergencyGroupId: string;
  readonly officeLocationId: string;
  readonly chrome: number;
  readonly firefox: number;
  readonly safari: number;
}

export function windowOf(nowMs: number, days: number): { fromMs: number; toMs: number } {
  const toMs = startOfUtcDay(nowMs);
  return { fromMs: toMs - days * DAY_MS, toMs };
}

/** Browser major versions current at `nowMs` (four-week release trains since Chrome 131 / Firefox 133 in Nov 2024). */
export function browserVersions(nowMs: number): { chrome: number; firefox: number; safari: number } {
  const trains = Math.max(0, Math.floor((nowMs - Date.UTC(2024, 10, 12)) / (28 * DAY_MS)));
  const d = new Date(nowMs);
  const y = d.getUTCFullYear();
  const safari = y >= 2025 ? y - 2000 + (d.getUTCMonth() >= 8 ? 1 : 0) : 18;
  return { chrome: 131 + trains, firefox: 133 + trains, safari };
}
