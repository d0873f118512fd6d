// The OData query subset the simulated Graph understands: $filter (comparisons, `and`/`or`, `in`,
// lambda `any`, startsWith), $select and paging tokens. Unsupported syntax is a 400, as on Graph.

/** A parsed $filter, evaluated against one raw Graph object. */
export type Predicate = (o: Record<string, unknown>) => boolean;

export class ODataError extends Error {}

type Tok = { t: "id" | "str" | "num" | "op" | "punc"; v: string };

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === " ") {
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= s.length) throw new ODataError("unterminated string literal");
        if (s[j] === "'") {
          if (s[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        v += s[j];
        j++;
      }
      out.push({ t: "str", v });
      i = j + 1;
    } else if ("(),:".includes(c)) {
      out.push({ t: "punc", v: c });
      i++;
    } else {
      let j = i;
      // A datetime literal keeps its colons (2026-01-01T00:00:00Z).
      const stops = /^\d{4}-\d{2}-\d{2}T/.test(s.slice(i, i + 11)) ? " (),'" : " (),:'";
      while (j < s.length && !stops.includes(s[j] as string)) j++;
      const w = s.slice(i, j);
      i = j;
      if (/^-?\d+(\.\d+)?$/.test(w)) out.push({ t: "num", v: w });
      else if (["eq", "ne", "ge", "gt", "le", "lt", "and", "or", "not", "in"].includes(w)) out.push({ t: "op", v: w });
      else out.push({ t: "id", v: w });
    }
  }
  return out;
}

type Lit = string | number | boolean | null | { date: number };

function get(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const p of path.split("/")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function cmp(a: unknown, op: string, b: Lit): boolean {
  if (b !== null && typeof b === "object") {
    if (typeof a !== "string") return false;
    const x = Date.parse(a);
    if (Number.isNaN(x)) return false;
    return numCmp(x, op, b.date);
  }
  if (op === "eq") return (a ?? null) === b;
  if (op === "ne") return (a ?? null) !== b;
  if (typeof a === "number" && typeof b === "number") return numCmp(a, op, b);
  if (typeof a === "string" && typeof b === "string") return numCmp(a < b ? -1 : a > b ? 1 : 0, op, 0);
  return false;
}

function numCmp(x: number, op: string, y: number): boolean {
  switch (op) {
    case "ge":
      return x >= y;
    case "gt":
      return x > y;
    case "le":
      return x <= y;
    case "lt":
      return x < y;
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    default:
      throw new ODataError(`unknown operator ${op}`);
  }
}

/** Facts about a filter that the server uses to index (sign-in time ranges). */
export interface FilterFacts {
  /** Lower/upper bounds on `<field>` found at the top level of an `and` chain (epoch ms). */
  readonly ranges: Map<string, { ge?: number; lt?: number }>;
}

/** Parse an OData $filter into a predicate; throws ODataError on syntax Graph would reject. */
export function parseFilter(src: string): { predicate: Predicate; facts: FilterFacts } {
  const toks = tokenize(src);
  let pos = 0;
  const facts: FilterFacts = { ranges: new Map() };
  const peek = () => toks[pos];
  const next = () => {
    const t = toks[pos++];
    if (!t) throw new ODataError("unexpected end of filter");
    return t;
  };
  const expect = (v: string) => {
    const t = next();
    if (t.v !== v) throw new ODataError(`expected '${v}' but found '${t.v}'`);
  };
  const literal = (): Lit => {
    const t = next();
    if (t.t === "str") return t.v;
    if (t.t === "num") return Number(t.v);
    if (t.t === "id") {
      if (t.v === "true") return true;
      if (t.v === "false") return false;
      if (t.v === "null") return null;
      if (ISO_RE.test(t.v)) return { date: Date.parse(t.v) };
    }
    throw new ODataError(`unexpected token '${t.v}' where a literal was expected`);
  };

  // depth 0 = the top-level `and` chain (facts are only collected there).
  const orExpr = (depth: number): Predicate => {
    let left = andExpr(depth);
    while (peek()?.v === "or") {
      next();
      const l = left;
      const r = andExpr(depth + 1);
      left = (o) => l(o) || r(o);
    }
    return left;
  };
  const andExpr = (depth: number): Predicate => {
    let left = unary(depth);
    while (peek()?.v === "and") {
      next();
      const l = left;
      const r = unary(depth);
      left = (o) => l(o) && r(o);
    }
    return left;
  };
  const unary = (depth: number): Predicate => {
    if (peek()?.v === "not") {
      next();
      const p = unary(depth + 1);
      return (o) => !p(o);
    }
    return primary(depth);
  };
  const primary = (depth: number): Predicate => {
    const t = next();
    if (t.v === "(") {
      const p = orExpr(depth + 1);
      expect(")");
      return p;
    }
    if (t.t !== "id") throw new ODataError(`unexpected token '${t.v}'`);
    if (t.v === "startsWith" || t.v === "startswith" || t.v === "endsWith" || t.v === "endswith") {
      expect("(");
      const path = next().v;
      expect(",");
      const lit = literal();
      expect(")");
      if (typeof lit !== "string") throw new ODataError(`${t.v} needs a string`);
      const starts = t.v.toLowerCase() === "startswith";
      return (o) => {
        const v = get(o, path);
        if (typeof v !== "string") return false;
        return starts ? v.toLowerCase().startsWith(lit.toLowerCase()) : v.toLowerCase().endsWith(lit.toLowerCase());
      };
    }
    // path/any(x: x op lit) lambda
    const anyMatch = /^(.+)\/(any|all)$/.exec(t.v);
    if (anyMatch && peek()?.v === "(") {
      const path = anyMatch[1] as string;
      const all = anyMatch[2] === "all";
      expect("(");
      const variable = next().v;
      expect(":");
      const inner = lambdaBody(variable);
      expect(")");
      return (o) => {
        const arr = get(o, path);
        if (!Array.isArray(arr)) return false;
        return all ? arr.every(inner) : arr.some(inner);
      };
    }
    const op = next();
    if (op.v === "in") {
      expect("(");
      const vals: Lit[] = [];
      for (;;) {
        vals.push(literal());
        const sep = next();
        if (sep.v === ")") break;
        if (sep.v !== ",") throw new ODataError(`expected ',' or ')' in 'in' list`);
      }
      return (o) => vals.some((v) => cmp(get(o, t.v), "eq", v));
    }
    if (op.t !== "op" || ["and", "or", "not"].includes(op.v)) throw new ODataError(`expected an operator after ${t.v}`);
    const lit = literal();
    if (depth === 0 && lit !== null && typeof lit === "object" && ["ge", "gt", "lt", "le"].includes(op.v)) {
      const r = facts.ranges.get(t.v) ?? {};
      if (op.v === "ge" || op.v === "gt") r.ge = Math.max(r.ge ?? -Infinity, lit.date);
      else r.lt = Math.min(r.lt ?? Infinity, lit.date + (op.v === "le" ? 1 : 0));
      facts.ranges.set(t.v, r);
    }
    const path = t.v;
    return (o) => cmp(get(o, path), op.v, lit);
  };
  // Inside a lambda: `x op lit` joined by and/or, where x is the range variable (or x/prop).
  const lambdaBody = (variable: string): ((item: unknown) => boolean) => {
    const one = (): ((item: unknown) => boolean) => {
      const t = next();
      if (t.v === "(") {
        const p = body();
        expect(")");
        return p;
      }
      if (t.t !== "id" || !(t.v === variable || t.v.startsWith(`${variable}/`))) {
        throw new ODataError(`lambda must compare '${variable}'`);
      }
      const sub = t.v === variable ? null : t.v.slice(variable.length + 1);
      const op = next();
      if (op.t !== "op") throw new ODataError("expected an operator in lambda");
      const lit = literal();
      return (item) => cmp(sub ? get(item, sub) : item, op.v, lit);
    };
    const body = (): ((item: unknown) => boolean) => {
      let left = one();
      while (peek()?.v === "and" || peek()?.v === "or") {
        const op = next().v;
        const l = left;
        const r = one();
        left = op === "and" ? (x) => l(x) && r(x) : (x) => l(x) || r(x);
      }
      return left;
    };
    return body();
  };

  const predicate = orExpr(0);
  if (pos !== toks.length) throw new ODataError(`unexpected '${toks[pos]?.v}'`);
  return { predicate, facts };
}

/** Apply $select: keep the listed top-level properties (plus id and @odata.type, as Graph does). */
export function project(o: Record<string, unknown>, select: readonly string[] | null): Record<string, unknown> {
  if (!select) return o;
  const out: Record<string, unknown> = {};
  if ("@odata.type" in o) out["@odata.type"] = o["@odata.type"];
  if ("id" in o) out.id = o.id;
  for (const k of select) if (k in o) out[k] = o[k];
  return out;
}

/** Parse $select into property names, or null when absent. */
export function parseSelect(v: string | undefined): string[] | null {
  if (!v) return null;
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Opaque paging token: base64url of an offset plus a check of the query it belongs to. */
export function encodeSkipToken(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: hashKey(key) })).toString("base64url");
}

export function decodeSkipToken(token: string, key: string): number {
  let v: { o?: unknown; k?: unknown };
  try {
    v = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new ODataError("the $skiptoken is not valid");
  }
  if (typeof v.o !== "number" || v.k !== hashKey(key)) throw new ODataError("the $skiptoken is not valid");
  return v.o;
}

function hashKey(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
