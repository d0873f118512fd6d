// Runs every engine corpus case (test/engine-corpus/cases/*.json) through BOTH evaluators: the reference
// (createEvaluator) and the compiled fast path (compileEvaluator.evaluate and .decide). docs/design.md#rule-7.
// Case format: see test/engine-corpus/README.md.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  capabilitiesFromMethods,
  capabilitiesFromSnapshot,
  clientAppTypeOf,
  compileEvaluator,
  createEvaluator,
  type Decision,
  type EvaluatorOptions,
  normalizePolicies,
  platformOf,
  type SignInContext,
  satisfy,
} from "../../src/core/engine/index.js";
import type {
  AuthenticationMethodsPolicy,
  AuthenticationStrengthPolicy,
  NamedLocation,
  RoleAssignment,
  ServicePrincipal,
  TenantSnapshot,
} from "../../src/core/model/index.js";
import { tenant } from "../builders/tenant.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES_DIR = join(HERE, "cases");

interface TenantFragment {
  users?: string[];
  guests?: string[];
  /** Users with explicit fields: name + userType / userPrincipalName. */
  customUsers?: { name: string; userType?: "Member" | "Guest"; userPrincipalName?: string }[];
  groups?: Record<string, string[]>;
  /** Group display names differing from the name: name -> displayName. */
  groupNames?: Record<string, string>;
  roles?: ({ user: string; role: string } & Partial<RoleAssignment>)[];
  locations?: NamedLocation[];
  strengths?: AuthenticationStrengthPolicy[];
  registrations?: Record<string, string[]>;
  methods?: Record<string, { "@odata.type": string; phoneType?: string }[]>;
  authenticationMethodsPolicy?: AuthenticationMethodsPolicy;
  servicePrincipals?: ServicePrincipal[];
}

interface Expect {
  /** policy id -> "applied" | "notApplied:<condition>" | "error:<condition>" */
  policies?: Record<string, string>;
  block?: boolean;
  controls?: string[];
  operator?: "AND" | "OR" | "mixed" | null;
  reportOnlyApplied?: string[];
  authenticationStrengths?: string[];
  session?: Record<string, unknown>;
  outcome?: string;
  blockedReason?: string;
  /** Diagnostic codes that must be present (normalisation or evaluation). */
  diagnostics?: string[];
  /** Policies that normalisation rejects (absent from the set). */
  rejected?: number;
}

type CaseSignIn = SignInContext & { clientAppUsed?: string; operatingSystem?: string; methods?: string[] };

interface Case {
  name: string;
  learnMore: string;
  tenant?: TenantFragment;
  policies: unknown[];
  signIn: CaseSignIn;
  options?: EvaluatorOptions;
  expect: Expect;
}

interface CaseFile {
  description: string;
  tenant?: TenantFragment;
  cases: Case[];
}

function buildTenant(f: TenantFragment): TenantSnapshot {
  const b = tenant();
  for (const u of f.users ?? []) b.user(u);
  for (const g of f.guests ?? []) b.guest(g);
  for (const u of f.customUsers ?? []) {
    b.user(u.name, {
      ...(u.userType ? { userType: u.userType } : {}),
      ...(u.userPrincipalName ? { userPrincipalName: u.userPrincipalName } : {}),
    });
  }
  for (const [g, members] of Object.entries(f.groups ?? {})) {
    const dn = f.groupNames?.[g];
    b.group(g, members, dn ? { displayName: dn } : {});
  }
  for (const r of f.roles ?? []) {
    const { user, role, ...over } = r;
    b.role(user, role, over);
  }
  for (const l of f.locations ?? []) b.location(l);
  for (const s of f.strengths ?? []) b.strength(s);
  for (const [u, m] of Object.entries(f.registrations ?? {})) b.registered(u, m);
  for (const [u, ms] of Object.entries(f.methods ?? {})) {
    for (const m of ms) b.method(u, m["@odata.type"], m.phoneType ? { phoneType: m.phoneType } : {});
  }
  if (f.authenticationMethodsPolicy) b.methodsPolicy(f.authenticationMethodsPolicy);
  for (const sp of f.servicePrincipals ?? []) b.servicePrincipal(sp);
  return b.build();
}

function contextOf(s: CaseSignIn): SignInContext {
  const { clientAppUsed, operatingSystem, methods: _m, ...rest } = s;
  return {
    ...rest,
    ...(clientAppUsed !== undefined ? { clientAppType: clientAppTypeOf(clientAppUsed) } : {}),
    ...(operatingSystem !== undefined ? { platform: platformOf(operatingSystem) } : {}),
  };
}

function policyView(d: Decision): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of d.policies) out[p.id] = p.result === "applied" ? "applied" : `${p.result}:${p.condition}`;
  return out;
}

function check(label: string, c: Case, d: Decision, extraDiagCodes: readonly string[]): void {
  const e = c.expect;
  const msg = `${label} — ${c.name}`;
  if (e.policies) {
    const got = policyView(d);
    for (const [id, want] of Object.entries(e.policies)) assert.equal(got[id], want, `${msg}: policy ${id}`);
  }
  if (e.block !== undefined) assert.equal(d.block, e.block, `${msg}: block`);
  if (e.controls) assert.deepEqual([...d.controls], e.controls, `${msg}: controls`);
  if (e.operator !== undefined) assert.equal(d.operator, e.operator, `${msg}: operator`);
  if (e.reportOnlyApplied)
    assert.deepEqual([...d.reportOnlyApplied].sort(), [...e.reportOnlyApplied].sort(), `${msg}: reportOnlyApplied`);
  if (e.authenticationStrengths)
    assert.deepEqual([...d.authenticationStrengths], e.authenticationStrengths, `${msg}: strengths`);
  if (e.session) {
    for (const [k, v] of Object.entries(e.session)) {
      assert.deepEqual((d.session as unknown as Record<string, unknown>)[k], v, `${msg}: session.${k}`);
    }
  }
  if (e.diagnostics) {
    const codes = new Set([...extraDiagCodes, ...d.diagnostics.map((x) => x.code)]);
    for (const code of e.diagnostics)
      assert.ok(codes.has(code), `${msg}: diagnostic ${code} missing (have ${[...codes].join(", ")})`);
  }
}

const files = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
let total = 0;

for (const file of files) {
  const data = JSON.parse(readFileSync(join(CASES_DIR, file), "utf8")) as CaseFile;
  describe(`engine corpus: ${file}`, () => {
    for (const c of data.cases) {
      total++;
      it(c.name, () => {
        assert.match(c.learnMore, /^https:\/\/learn\.microsoft\.com\//, "every case cites Microsoft Learn");
        const snapshot = buildTenant({ ...data.tenant, ...c.tenant });
        const norm = normalizePolicies(c.policies, { sourceName: c.name });
        const normCodes = norm.diagnostics.map((d) => d.code);
        if (c.expect.rejected !== undefined) {
          assert.equal(c.policies.length - norm.policies.length, c.expect.rejected, `${c.name}: rejected policies`);
        }
        const ctx = contextOf(c.signIn);
        const opts = c.options ?? {};
        const ref = createEvaluator(snapshot, norm.policies, opts);
        const fast = compileEvaluator(snapshot, norm.policies, opts);
        const r = ref.evaluate(ctx);
        const f = fast.evaluate(ctx);
        check("reference", c, r, normCodes);
        check("compiled", c, f, normCodes);
        assert.deepEqual(policyView(f), policyView(r), `${c.name}: evaluators disagree`);
        assert.deepEqual(
          f.policies.map((p) => p.reason),
          r.policies.map((p) => p.reason),
          `${c.name}: reasons differ`,
        );
        const fd = fast.decide(ctx);
        assert.equal(fd.block, r.block, `${c.name}: decide().block`);
        if (c.expect.outcome) {
          const caps =
            typeof c.signIn.user === "string"
              ? capabilitiesFromSnapshot(snapshot, c.signIn.user)
              : capabilitiesFromMethods(c.signIn.methods ?? [], c.signIn.user.userType === "guest");
          const registrationDecision = ref.evaluate({ ...ctx, userAction: "registerSecurityInfo" });
          const s = satisfy(r, caps, ctx, { strengths: snapshot.authenticationStrengths, registrationDecision });
          assert.equal(s.outcome, c.expect.outcome, `${c.name}: outcome (${JSON.stringify(s.requirements)})`);
          if (c.expect.blockedReason !== undefined)
            assert.equal(s.blockedReason, c.expect.blockedReason, `${c.name}: blockedReason`);
        }
      });
    }
  });
}

describe("engine corpus: size", () => {
  it("has at least 150 cases", () => {
    assert.ok(total >= 150, `only ${total} cases`);
  });
});
