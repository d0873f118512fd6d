// Time helpers for the simulator: everything is UTC milliseconds internally and ISO-8601 seconds outside.

export const DAY_MS = 86_400_000;

const TWO: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
let cachedDay = Number.NaN;
let cachedPrefix = "";

/** `2026-11-21T08:14:03Z` (Graph style, no fraction). Hot path: no Date object per call. */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let s = Math.floor((ms - day * DAY_MS) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${cachedPrefix}${TWO[h]}:${TWO[m]}:${TWO[s]}Z`;
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
