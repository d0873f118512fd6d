// Classification of sign-in error codes and client apps for an MFA roll-out (docs/reference/sign-in-logs.md).
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes

/** L = lockout/blocked, I = interrupt (an expected prompt), N = noise unrelated to MFA. */
export type ErrorClass = "success" | "lockout" | "interrupt" | "noise";

/** Error codes that are expected interrupts (a prompt the user can pass), docs/reference/sign-in-logs.md#error-codes class I. */
export const INTERRUPT_CODES: readonly number[] = [
  50074, 50076, 50079, 50072, 50078, 50158, 50097, 50125, 70043, 70044,
];
const INTERRUPT = new Set(INTERRUPT_CODES);
const LOCKOUT = new Set([
  500121, 53000, 53001, 53002, 53003, 53004, 53010, 530032, 530034, 530035, 50131, 50005, 50053, 50055,
]);

export function errorClassOf(errorCode: number): ErrorClass {
  if (errorCode === 0) return "success";
  if (INTERRUPT.has(errorCode)) return "interrupt";
  if (LOCKOUT.has(errorCode)) return "lockout";
  return "noise";
}

/** Client apps that are not legacy; everything else in `clientAppUsed` is a legacy protocol that cannot do MFA. */
const MODERN = new Set(["browser", "mobile apps and desktop clients"]);

/**
 * True when the sign-in log's `clientAppUsed` names a legacy protocol (IMAP4, POP3, Authenticated SMTP,
 * Exchange ActiveSync, MAPI over HTTP, Other clients, ...). Compared case-insensitively.
 * https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions#client-apps
 */
export function isLegacyClientApp(clientAppUsed: string): boolean {
  const v = clientAppUsed.trim().toLowerCase();
  return v !== "" && !MODERN.has(v);
}
