// How deeply a JSON text nests, checked before anything walks the parsed value: Graph documents nest a
// dozen levels, and code that recurses over a value thousands of levels deep runs out of stack.

/** Deepest nesting of arrays and objects any input may have (Graph's deepest documents use about 10). */
export const MAX_JSON_DEPTH = 100;

/**
 * The 1-based line and column of the first `[` or `{` nested deeper than `limit`, or null when the text
 * stays within it. Strings are skipped (brackets in them do not count); invalid JSON is not diagnosed here.
 */
export function excessiveNesting(text: string, limit = MAX_JSON_DEPTH): { line: number; column: number } | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      else if (c === 10) {
        line++;
        lineStart = i + 1;
      }
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (c === 125 || c === 93) depth--;
    else if (c === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}
