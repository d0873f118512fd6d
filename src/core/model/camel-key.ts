// The one rule that turns an export's key spelling into the model's: Graph's camelCase stays, PowerShell's
// PascalCase is lowered the way Graph spells it (`IPRanges` -> `ipRanges`, not `iPRanges`). Used by the
// import adapters (normalizeKeys) and by the engine's policy normaliser (camelizeKeys).

/**
 * PascalCase → camelCase for one key: `DisplayName` → `displayName`, `IPRanges` → `ipRanges`,
 * `Id` → `id`. Keys that already start lower-case, or with `@`/`#`, are returned unchanged.
 */
export function camelKey(key: string): string {
  if (key === "odata.type") return "@odata.type";
  const first = key.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return key;
  // Leading run of capitals: lower all but the last one when a lower-case letter follows it.
  let i = 0;
  while (i < key.length && key.charCodeAt(i) >= 65 && key.charCodeAt(i) <= 90) i++;
  if (i === 1 || i === key.length) return key.slice(0, i).toLowerCase() + key.slice(i);
  const next = key.charCodeAt(i);
  const nextIsLower = next >= 97 && next <= 122;
  const cut = nextIsLower ? i - 1 : i;
  return key.slice(0, cut).toLowerCase() + key.slice(cut);
}
