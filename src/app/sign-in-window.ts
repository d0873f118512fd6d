// How many days of sign-ins a replay can claim: what was asked (--days), cut to what the workspace's log
// holds, so a report never says "45 days" over a 30-day log (#12 item 13: clamp, and say so).

import type { WorkspaceReader } from "./workspace-port.js";

const DAY_MS = 86_400_000;

/** The window a replay uses: `days` it covers, and `requestedDays` when that is fewer than were asked. */
export interface SignInWindowDays {
  readonly days: number;
  readonly requestedDays?: number;
}

/**
 * `requested` days back from `capturedAt`, cut to the days from the log's oldest sign-in to `capturedAt`
 * (whole days, rounded up; at least 1). A log without sign-ins cuts nothing: there is nothing to overstate.
 */
export async function signInWindowDays(
  store: Pick<WorkspaceReader, "signInStats">,
  capturedAt: string,
  requested: number,
): Promise<SignInWindowDays> {
  const { from } = await store.signInStats();
  if (!from) return { days: requested };
  const held = Math.max(1, Math.ceil((Date.parse(capturedAt) - Date.parse(from)) / DAY_MS));
  return held < requested ? { days: held, requestedDays: requested } : { days: requested };
}
