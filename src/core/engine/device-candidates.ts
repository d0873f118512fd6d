// The device dimension of the class walk: candidate devices built from the literals the policies' device
// filters name (unregistered, every compliance x join type, and combinations of the literal values).

import type { DimClass } from "./class-space.js";
import type { DeviceFilterNode } from "./device-filter/parser.js";
import type { DeviceInfo, NormalizedPolicy } from "./types.js";

function walkFilter(n: DeviceFilterNode, f: (prop: string, op: string, v: string | readonly string[]) => void): void {
  if (n.kind === "cmp") f(n.property, n.operator, n.value);
  else for (const i of n.items) walkFilter(i, f);
}

/** Candidate devices from the filter literals: unregistered, then per compliance x join, then literal combinations. */
export function deviceCandidates(policies: readonly NormalizedPolicy[], cap = 1536): DimClass<DeviceInfo | null>[] {
  const values = new Map<string, Set<string>>();
  for (const p of policies) {
    const ast = p.deviceFilter?.ast;
    if (!ast) continue;
    walkFilter(ast, (prop, op, v) => {
      let s = values.get(prop);
      if (!s) values.set(prop, (s = new Set()));
      const vs = typeof v === "string" ? [v] : v;
      for (const x of vs) s.add(x);
      if (op === "startsWith" || op === "notStartsWith") for (const x of vs) s.add(`${x}zz`);
      if (op === "endsWith" || op === "notEndsWith") for (const x of vs) s.add(`zz${x}`);
      if (op === "contains" || op === "notContains") for (const x of vs) s.add(`zz${x}zz`);
    });
  }
  for (const [prop, s] of values) {
    if (prop === "isCompliant") {
      s.add("True");
      s.add("False");
      continue;
    }
    if (prop === "trustType") {
      for (const t of ["AzureAD", "ServerAD", "Workplace"]) s.add(t);
      continue;
    }
    // A value no literal matches, and one that satisfies several literals at once.
    s.add("glidepath-other");
    if (s.size > 2) s.add([...s].filter((x) => x !== "glidepath-other").join(""));
  }
  const props = [...values.keys()].filter((k) => k !== "isCompliant" && k !== "trustType");
  const out: DimClass<DeviceInfo | null>[] = [{ label: "unregistered device", value: null }];
  const compliance = values.has("isCompliant")
    ? [...(values.get("isCompliant") as Set<string>)].map((x) => x.toLowerCase() === "true")
    : [true, false];
  const trusts = values.has("trustType")
    ? [...(values.get("trustType") as Set<string>)]
    : ["AzureAD", "ServerAD", "Workplace"];
  // Cartesian product of the literal properties, each with "unset" (null) as well.
  let combos: Record<string, string | null>[] = [{}];
  for (const prop of props) {
    const next: Record<string, string | null>[] = [];
    for (const c of combos) {
      for (const v of [null, ...(values.get(prop) as Set<string>)]) {
        next.push({ ...c, [prop]: v });
        if (next.length * compliance.length * trusts.length > cap) break;
      }
    }
    combos = next;
  }
  for (const c of combos) {
    for (const isCompliant of compliance) {
      for (const trustType of trusts) {
        const d: Record<string, unknown> = { deviceId: "d0d0d0d0-0000-4000-8000-0000000000de", isCompliant, trustType };
        const parts: string[] = [`${trustType}`, isCompliant ? "compliant" : "not compliant"];
        for (const [k, v] of Object.entries(c)) {
          if (v === null) continue;
          d[k] = k === "physicalIds" || k === "systemLabels" ? [v] : v;
          parts.push(`${k}=${v}`);
        }
        out.push({ label: `registered device (${parts.join(", ")})`, value: d as DeviceInfo });
      }
    }
  }
  return out;
}
