// The next link of a Graph page read from its text, so the next request can be sent before the page is
// parsed (the parse and the ingest then overlap the network wait).

/**
 * The `@odata.nextLink` of a page read from its text without parsing the page. Null when absent or
 * unreadable; the caller verifies it against the parsed page.
 */
export function peekNextLink(text: string): string | null {
  // Graph writes the link before `value` (read the head) or after it (search from the end).
  const head = text.indexOf('"@odata.nextLink"');
  const k = head >= 0 && head < 4096 ? head : text.lastIndexOf('"@odata.nextLink"');
  if (k < 0) return null;
  const colon = text.indexOf(":", k + 17);
  const open = colon < 0 ? -1 : text.indexOf('"', colon + 1);
  if (open < 0) return null;
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  try {
    const v = JSON.parse(text.slice(open, i + 1)) as unknown;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}
