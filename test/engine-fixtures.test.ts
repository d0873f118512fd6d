// Every real policy file under ../shared/fixtures/ca-policies loads and evaluates without a crash:
// each policy is normalised, or rejected with a diagnostic naming the file and the field, and both
// evaluators agree on it. Files are read in place (never copied into the repo).

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import {
  compileEvaluator,
  createEvaluator,
  type NormalizedPolicy,
  normalizePolicy,
  type SignInContext,
} from "../src/core/engine/index.js";
import type { Diagnostic, NamedLocation } from "../src/core/model/index.js";
import { APP, ROLE } from "../src/core/model/index.js";
import { tenant } from "./builders/tenant.js";
import { sharedFixture } from "./helpers/shared-fixtures.js";

const ROOT = sharedFixture("ca-policies");

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith(".json")) out.push(p);
  }
  return out;
}

/** Decode UTF-16LE/UTF-8 with or without BOM (the import issue does this for real; here it is just enough). */
function decode(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString("utf8");
  return buf.toString("utf8");
}

type Json = Record<string, unknown>;

/** Policies inside a parsed file: a policy, an array, a Graph list, or a ScubaGear export (array or bare object). */
function policiesIn(doc: unknown): { policies: unknown[]; locations: NamedLocation[] } {
  if (Array.isArray(doc)) return { policies: doc, locations: [] };
  const d = doc as Json;
  const type = String(d["@odata.type"] ?? "");
  if (type.includes("NamedLocation")) return { policies: [], locations: [d as unknown as NamedLocation] };
  if ("conditional_access_policies" in d) {
    const c = d.conditional_access_policies;
    return { policies: Array.isArray(c) ? c : c ? [c] : [], locations: [] };
  }
  if (Array.isArray(d.value)) return { policies: d.value, locations: [] };
  return { policies: [d], locations: [] };
}

const CONTEXTS: SignInContext[] = [
  {
    user: "u-alice",
    application: APP.exchangeOnline,
    clientAppType: "browser",
    platform: "windows",
    ipAddress: "203.0.113.4",
    country: "NL",
  },
  {
    user: "u-admin",
    application: APP.azurePortal,
    clientAppType: "mobileAppsAndDesktopClients",
    platform: "iOS",
    country: "US",
    device: { isCompliant: true, trustType: "AzureAD" },
  },
  {
    user: "u-guest",
    application: APP.microsoftGraph,
    clientAppType: "other",
    platform: "unknown",
    signInRisk: "high",
    userRisk: "high",
  },
  {
    user: "u-alice",
    userAction: "registerSecurityInfo",
    clientAppType: "browser",
    platform: "android",
    authenticationFlow: "deviceCodeFlow",
  },
  {
    user: { userType: "member", groupIds: [], roleTemplateIds: [], isServicePrincipal: true, id: "sp-1" },
    application: APP.microsoftGraph,
  },
];

describe("engine on real policy fixtures", () => {
  const files = walk(ROOT);
  const all: NormalizedPolicy[] = [];
  const locations: NamedLocation[] = [];
  const diagnostics: Diagnostic[] = [];
  let rejected = 0;

  it("finds the three fixture sources", () => {
    assert.ok(files.length >= 100, `only ${files.length} files`);
  });

  it("normalises or rejects every policy with a diagnostic naming the file and the field", () => {
    for (const f of files) {
      const name = relative(ROOT, f);
      const doc = JSON.parse(decode(readFileSync(f)));
      const found = policiesIn(doc);
      locations.push(...found.locations);
      found.policies.forEach((raw, i) => {
        const source = found.policies.length > 1 ? `${name}#${i}` : name;
        const r = normalizePolicy(raw, source);
        diagnostics.push(...r.diagnostics);
        for (const d of r.diagnostics) {
          assert.equal(d.file, source, `${name}: diagnostic without the file name`);
          assert.equal(typeof d.path, "string", `${name}: diagnostic without a field path`);
        }
        if (r.policy) all.push(r.policy);
        else {
          rejected++;
          assert.ok(
            r.diagnostics.some((d) => d.severity === "error"),
            `${name}: rejected without an error diagnostic`,
          );
        }
      });
    }
    assert.ok(all.length >= 120, `normalised only ${all.length}`);
    // The ScubaGear snippets without conditions are the only rejections.
    assert.ok(rejected >= 1 && rejected <= 5, `rejected ${rejected}`);
    // Placeholders in the templates are kept as unresolved references, never dropped.
    assert.ok(diagnostics.some((d) => d.code === "policy.unresolved-reference" && d.message.includes("<")));
    // PascalCase exports keep their ids.
    assert.ok(all.some((p) => p.id === "e430772e-f1c9-4618-9b68-4f125e80a288"));
  });

  it("evaluates every normalised policy with both evaluators, which agree", () => {
    const snap = tenant().user("alice").user("admin").guest("guest").role("admin", ROLE.globalAdministrator).build();
    const withLocations = { ...snap, namedLocations: locations };
    for (const opts of [{}, { unknownApplies: "assumeNotApplies" as const, reportOnlyAsEnabled: true }]) {
      const ref = createEvaluator(withLocations, all, opts);
      const fast = compileEvaluator(withLocations, all, opts);
      for (const ctx of CONTEXTS) {
        const r = ref.evaluate(ctx);
        const f = fast.evaluate(ctx);
        assert.equal(r.policies.length, all.length);
        assert.deepEqual(
          f.policies.map((p) => `${p.id}:${p.result}:${p.condition}`),
          r.policies.map((p) => `${p.id}:${p.result}:${p.condition}`),
        );
        assert.equal(fast.decide(ctx).block, r.block);
      }
    }
  });
});
