// Parser of device filter rules into a small AST, checking every property against the operators
// Microsoft allows for it. -and binds tighter than -or, as in dynamic-group rules.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices#supported-operators-and-device-properties-for-filters
// https://learn.microsoft.com/entra/identity/users/groups-dynamic-membership#operator-precedence

import { type LexError, lex, MAX_RULE_LENGTH, type Token } from "./lexer.js";

export type FilterOperator =
  | "eq"
  | "ne"
  | "startsWith"
  | "notStartsWith"
  | "endsWith"
  | "notEndsWith"
  | "contains"
  | "notContains"
  | "in"
  | "notIn";

/** Negative operators match a null property (unregistered device, unset attribute). */
export const NEGATIVE_OPERATORS: ReadonlySet<FilterOperator> = new Set([
  "ne",
  "notStartsWith",
  "notEndsWith",
  "notContains",
  "notIn",
]);

const OPERATORS: Readonly<Record<string, FilterOperator>> = {
  eq: "eq",
  ne: "ne",
  startswith: "startsWith",
  notstartswith: "notStartsWith",
  endswith: "endsWith",
  notendswith: "notEndsWith",
  contains: "contains",
  notcontains: "notContains",
  in: "in",
  notin: "notIn",
};

const ALL_OPS: readonly FilterOperator[] = Object.values(OPERATORS);
const ID_OPS: readonly FilterOperator[] = ["eq", "ne", "in", "notIn"];
const EQ_OPS: readonly FilterOperator[] = ["eq", "ne"];
const COLLECTION_OPS: readonly FilterOperator[] = ["contains", "notContains"];

/** Device properties (canonical casing) and their allowed operators. */
export const DEVICE_PROPERTIES: Readonly<Record<string, readonly FilterOperator[]>> = (() => {
  const t: Record<string, readonly FilterOperator[]> = {
    deviceId: ID_OPS,
    mdmAppId: ID_OPS,
    displayName: ALL_OPS,
    enrollmentProfileName: ALL_OPS,
    manufacturer: ALL_OPS,
    model: ALL_OPS,
    operatingSystem: ALL_OPS,
    operatingSystemVersion: ALL_OPS,
    deviceOwnership: EQ_OPS,
    isCompliant: EQ_OPS,
    profileType: EQ_OPS,
    trustType: EQ_OPS,
    physicalIds: COLLECTION_OPS,
    systemLabels: COLLECTION_OPS,
  };
  for (let i = 1; i <= 15; i++) t[`extensionAttribute${i}`] = ALL_OPS;
  return t;
})();

const PROPERTY_BY_LOWER = new Map(Object.keys(DEVICE_PROPERTIES).map((k) => [k.toLowerCase(), k]));

export type DeviceFilterNode =
  | { readonly kind: "and" | "or"; readonly items: readonly DeviceFilterNode[] }
  | {
      readonly kind: "cmp";
      readonly property: string;
      readonly operator: FilterOperator;
      readonly value: string | readonly string[];
      /** `value` lower-cased once at parse time (comparison is case-insensitive). */
      readonly lower: string | readonly string[];
    };

export interface FilterSyntaxError {
  readonly message: string;
  /** 0-based character offset in the rule. */
  readonly pos: number;
}

/** Parse a rule; never throws. */
export function parseDeviceFilter(rule: string): { ast: DeviceFilterNode } | { error: FilterSyntaxError } {
  if (rule.length > MAX_RULE_LENGTH) {
    return { error: { message: `rule is ${rule.length} characters; the limit is ${MAX_RULE_LENGTH}`, pos: 0 } };
  }
  const lexed = lex(rule);
  if ("error" in lexed) return { error: lexed.error as LexError };
  const toks = lexed.tokens;
  let i = 0;
  const peek = (): Token => toks[i] as Token;

  function fail(message: string, t: Token = peek()): never {
    throw new ParseFailure(message, t.pos);
  }

  function parseOr(): DeviceFilterNode {
    const items = [parseAnd()];
    while (peek().kind === "or") {
      i++;
      items.push(parseAnd());
    }
    return items.length === 1 ? (items[0] as DeviceFilterNode) : { kind: "or", items };
  }
  function parseAnd(): DeviceFilterNode {
    const items = [parsePrimary()];
    while (peek().kind === "and") {
      i++;
      items.push(parsePrimary());
    }
    return items.length === 1 ? (items[0] as DeviceFilterNode) : { kind: "and", items };
  }
  function parsePrimary(): DeviceFilterNode {
    const t = peek();
    if (t.kind === "lparen") {
      i++;
      const inner = parseOr();
      if (peek().kind !== "rparen") fail("expected ')'");
      i++;
      return inner;
    }
    if (t.kind !== "prop") fail("expected device.<property> or '('");
    const property = PROPERTY_BY_LOWER.get(t.name.toLowerCase());
    if (!property) fail(`unknown device property '${t.name}'`, t);
    i++;
    const o = peek();
    if (o.kind !== "op") fail(`expected an operator after device.${property}`);
    const operator = OPERATORS[o.name];
    if (!operator) fail(`unknown operator '-${o.name}'`, o);
    if (!(DEVICE_PROPERTIES[property] as readonly FilterOperator[]).includes(operator)) {
      fail(`operator -${operator} is not supported for device.${property}`, o);
    }
    i++;
    const v = peek();
    if (operator === "in" || operator === "notIn") {
      if (v.kind !== "list") fail(`-${operator} needs a list like ["a","b"]`);
      i++;
      return { kind: "cmp", property, operator, value: v.values, lower: v.values.map((x) => x.toLowerCase()) };
    }
    if (v.kind !== "string") fail(`expected a quoted value after -${operator}`);
    i++;
    return { kind: "cmp", property, operator, value: v.value, lower: v.value.toLowerCase() };
  }

  try {
    const ast = parseOr();
    if (peek().kind !== "end") fail("unexpected text after the end of the rule");
    return { ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { error: { message: e.message, pos: e.pos } };
    throw e;
  }
}

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}
