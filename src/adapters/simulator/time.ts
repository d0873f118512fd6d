// Time helpers for the simulator: everything is UTC milliseconds internally and ISO-8601 seconds outside.

export const DAY_MS = 86_400_000;

/** `2026-11-21T08:14:03Z` (Graph style, no fraction). */
export function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2026-11-21` */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start of the UTC day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Saturday or Sunday. */
export function isWeekend(ms: number): boolean {
  const d = new Date(ms).getUTCDay();
  return d === 0 || d === 6;
}
