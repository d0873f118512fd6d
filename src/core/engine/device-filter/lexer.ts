// Tokeniser of the device filter rule language (the dynamic-group rule grammar restricted to devices).
// https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices

export type Token =
  | { readonly kind: "prop"; readonly name: string; readonly pos: number }
  | { readonly kind: "op"; readonly name: string; readonly pos: number }
  | { readonly kind: "and" | "or" | "lparen" | "rparen"; readonly pos: number }
  | { readonly kind: "string"; readonly value: string; readonly pos: number }
  | { readonly kind: "list"; readonly values: readonly string[]; readonly pos: number }
  | { readonly kind: "end"; readonly pos: number };

export interface LexError {
  readonly message: string;
  readonly pos: number;
}

/** Maximum rule length Entra accepts. */
export const MAX_RULE_LENGTH = 3072;

function readQuoted(src: string, i: number): { value: string; next: number } | null {
  const q = src[i];
  let out = "";
  let j = i + 1;
  while (j < src.length) {
    const c = src[j] as string;
    if (c === "\\" && j + 1 < src.length) {
      out += src[j + 1];
      j += 2;
      continue;
    }
    if (c === q) return { value: out, next: j + 1 };
    out += c;
    j++;
  }
  return null;
}

const WORD = /[A-Za-z0-9_.]/;

/** Split a rule into tokens, or say where it went wrong. */
export function lex(input: string): { tokens: Token[] } | { error: LexError } {
  // Rules pasted from documents carry curly quotes; same length, so positions stay right.
  const src = input.replace(/[\u201c\u201d]/g, '"');
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "(") {
      tokens.push({ kind: "lparen", pos: i++ });
      continue;
    }
    if (c === ")") {
      tokens.push({ kind: "rparen", pos: i++ });
      continue;
    }
    if (c === '"' || c === "'") {
      const r = readQuoted(src, i);
      if (!r) return { error: { message: "unterminated string", pos: i } };
      tokens.push({ kind: "string", value: r.value, pos: i });
      i = r.next;
      continue;
    }
    if (c === "[") {
      const start = i;
      const values: string[] = [];
      i++;
      for (;;) {
        while (i < src.length && /\s/.test(src[i] as string)) i++;
        if (src[i] === "]") {
          i++;
          break;
        }
        if (src[i] === '"' || src[i] === "'") {
          const r = readQuoted(src, i);
          if (!r) return { error: { message: "unterminated string in list", pos: i } };
          values.push(r.value);
          i = r.next;
        } else {
          return { error: { message: "expected a quoted string in list", pos: i } };
        }
        while (i < src.length && /\s/.test(src[i] as string)) i++;
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "]") {
          i++;
          break;
        }
        return { error: { message: "expected ',' or ']' in list", pos: i } };
      }
      tokens.push({ kind: "list", values, pos: start });
      continue;
    }
    if (c === "-") {
      let j = i + 1;
      while (j < src.length && /[A-Za-z]/.test(src[j] as string)) j++;
      const word = src.slice(i + 1, j).toLowerCase();
      if (word === "and") tokens.push({ kind: "and", pos: i });
      else if (word === "or") tokens.push({ kind: "or", pos: i });
      else if (word.length > 0) tokens.push({ kind: "op", name: word, pos: i });
      else return { error: { message: "stray '-'", pos: i } };
      i = j;
      continue;
    }
    if (WORD.test(c)) {
      let j = i;
      while (j < src.length && WORD.test(src[j] as string)) j++;
      const word = src.slice(i, j);
      if (/^device\./i.test(word)) tokens.push({ kind: "prop", name: word.slice(7), pos: i });
      else tokens.push({ kind: "string", value: word, pos: i }); // unquoted literal such as True
      i = j;
      continue;
    }
    return { error: { message: `unexpected character '${c}'`, pos: i } };
  }
  tokens.push({ kind: "end", pos: src.length });
  return { tokens };
}
