// The one test for a GUID-shaped string (object ids, app ids, tenant ids), for every layer to share.
// Graph returns lower case; admin-center and PowerShell exports may not, so the test ignores case.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID-shaped string (any case). */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}
