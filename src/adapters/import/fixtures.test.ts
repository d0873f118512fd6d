// Every file in ../shared/fixtures is either imported with the right kind and record count, or rejected
// with a precise reason; the known-broken files are named as broken and the rest of the batch lands.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { sharedFixture } from "../../../test/helpers/shared-fixtures.js";
import type { TenantSnapshot } from "../../core/model/index.js";
import { WorkspaceStore } from "../store/index.js";
import { type FileSummary, type ImportOutcome, importBatch } from "./importer.js";

const FIX = sharedFixture();
const tmp = mkdtempSync(join(tmpdir(), "gp-fixtures-"));
let outcome: ImportOutcome;
let snapshot: TenantSnapshot;
const byPath = new Map<string, FileSummary>();

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    n += statSync(p).isDirectory() ? countFiles(p) : 1;
  }
  return n;
}

function file(rel: string): FileSummary {
  const f = byPath.get(rel);
  assert.ok(f, `no summary for ${rel}`);
  return f;
}

before(async () => {
  const store = WorkspaceStore.open(tmp, { create: true });
  outcome = await importBatch(store, [FIX], { now: "2026-11-22T00:00:00Z" });
  snapshot = await store.loadSnapshot();
  await store.close();
  for (const f of outcome.files) byPath.set(relative(FIX, f.path), f);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("the shared fixtures", () => {
  it("reports every file, and every file is imported or carries a reason", () => {
    assert.equal(outcome.files.length, countFiles(FIX));
    for (const f of outcome.files) {
      if (f.status === "imported") {
        assert.ok(f.kind, `${f.path}: imported without a kind`);
        assert.ok(f.imported > 0, `${f.path}: imported nothing`);
      } else {
        assert.ok(f.errors.length > 0, `${f.path}: ${f.status} without a reason`);
        for (const e of f.errors) assert.ok(e.message.length > 10 && e.file === f.path);
      }
    }
  });

  it("names the five docs artefacts as broken JSON with line and column, and still lands the rest", () => {
    const broken = outcome.files.filter((f) => f.path.endsWith(".invalid-json.txt"));
    assert.equal(broken.length, 5);
    for (const f of broken) {
      assert.equal(f.status, "rejected");
      assert.equal(f.broken, true);
      const e = f.errors[0];
      assert.equal(e?.code, "import.json-syntax");
      assert.ok((e?.line ?? 0) > 1 && (e?.column ?? 0) > 0, `${f.path}: ${e?.line}:${e?.column}`);
    }
    assert.ok(outcome.snapshotId !== null);
    assert.ok(snapshot.policies.length > 100);
  });

  it("reads the PowerShell tenant exports: 20, 1 (a bare object) and 7 policies", () => {
    const base = "ca-policies/cisagov-ScubaGear";
    for (const [p, n] of [
      ["CreateReportStubs/ProviderSettingsExport.json", 20],
      ["RunRegoStubs/ProviderSettingsExport.json", 1],
      ["Sample-Reports/ProviderSettingsExport.json", 7],
    ] as const) {
      const f = file(`${base}/${p}`);
      assert.deepEqual([f.kind, f.imported, f.status], ["policies", n, "imported"], p);
    }
    const scuba = snapshot.policies.find(
      (p) => p.displayName === "Live - Session Length is Limited & No persistent browser sessions",
    );
    assert.ok(scuba);
    assert.match(scuba.createdDateTime ?? "", /^2022-03-17T/);
    assert.equal(scuba.sessionControls?.persistentBrowser?.mode, "never");
  });

  it("rejects the PowerShell snippets (policy fragments) naming the missing displayName", () => {
    for (const n of ["AccessControls", "Apps", "Conditions", "SessionControls", "Users"]) {
      const f = file(`ca-policies/cisagov-ScubaGear/CapSnippets/${n}.json`);
      assert.equal(f.imported, 0);
      assert.match(f.errors[0]?.message ?? "", /'displayName' is missing/);
    }
  });

  it("reads the UTF-16 and UTF-8-BOM IntuneManagement exports: 36 policies, 2 country locations", () => {
    const dir = "ca-policies/j0eyv-ConditionalAccessBaseline";
    const pol = outcome.files.filter((f) => relative(FIX, f.path).startsWith(`${dir}/ConditionalAccess/`));
    assert.equal(pol.length, 36);
    for (const f of pol) assert.deepEqual([f.kind, f.imported], ["policies", 1], f.path);
    assert.equal(pol.filter((f) => f.encoding === "utf-16le").length, 34);
    assert.equal(file(`${dir}/NamedLocations/ALLOWED COUNTRIES.json`).imported, 1);
    const cn = file(`${dir}/NamedLocations/All Compliant Network locations.json`);
    assert.equal(cn.imported, 0);
    assert.match(cn.errors[0]?.message ?? "", /compliantNetworkNamedLocation is not supported/);
    const allowed = snapshot.namedLocations.find((l) => l.displayName === "ALLOWED COUNTRIES");
    assert.deepEqual(allowed?.countriesAndRegions, ["BE", "LU", "NL"]);
  });

  it("reads every RING template, placeholders left as unresolved references", () => {
    const ring = outcome.files.filter((f) => f.path.includes("AlexFilipin-ConditionalAccess"));
    assert.equal(ring.length, 59);
    for (const f of ring) assert.deepEqual([f.kind, f.imported], ["policies", 1], f.path);
    assert.ok(
      outcome.references.unresolved.some((u) => u.value === "<ExclusionTempGroup>" && /placeholder/.test(u.reason)),
    );
  });

  it("reads the Log Analytics sign-in exports (US timestamps, _dynamic columns) and names the audit export's missing time column", () => {
    const dir = "sign-in-logs/Azure-Azure-Sentinel/Training-Lab-Telemetry";
    assert.deepEqual(
      [file(`${dir}/sign-in_adelete.csv`).kind, file(`${dir}/sign-in_adelete.csv`).imported],
      ["sign-ins", 56],
    );
    assert.deepEqual(
      [file(`${dir}/disable_accounts.csv`).kind, file(`${dir}/disable_accounts.csv`).imported],
      ["sign-ins", 4],
    );
    const audit = file(`${dir}/AuditLogs_Hunting.csv`);
    assert.equal(audit.status, "rejected");
    assert.match(audit.errors[0]?.message ?? "", /lacks the column 'ActivityDateTime or TimeGenerated'/);
    const s = snapshot.signIns.find((x) => x.id === "698711b3-cf4e-45f4-ae04-d4e340f06b00");
    assert.equal(s?.status.errorCode, 50057);
    assert.equal(s?.location?.countryOrRegion, "KP");
    assert.equal(snapshot.meta.signInCount, 60);
  });

  it("reads the Graph docs examples by kind and explains the ones it refuses", () => {
    const gd = "graph-api-examples/microsoftgraph-microsoft-graph-docs";
    const gdc = "graph-api-examples/microsoftgraph-microsoft-graph-docs-contrib";
    const expect: [string, string | null, number][] = [
      [
        `${gdc}/v1.0/authenticationmethodsroot-list-userregistrationdetails/list_userregistrationdetails.response.json`,
        "registrations",
        3,
      ],
      [
        `${gdc}/beta/authenticationmethodsroot-list-userregistrationdetails/list_userregistrationdetails.response.json`,
        "registrations",
        3,
      ],
      [
        `${gdc}/v1.0/authenticationstrengthroot-list-policies/list_authenticationstrengthpolicy.response.json`,
        "authentication-strengths",
        3,
      ],
      [`${gd}/v1.0/conditionalaccessroot-list-namedlocations/get_namedlocations_1.response.json`, "named-locations", 3],
      [`${gd}/v1.0/conditionalaccessroot-list-policies/get_policies.response.json`, "policies", 2],
      [`${gd}/v1.0/directoryaudit-list/get_directoryaudit_2.response.json`, "audits", 1],
      [`${gd}/beta/conditionalaccesspolicy-get/get_conditionalaccesspolicy.response.json`, "policies", 1],
    ];
    for (const [p, kind, n] of expect) assert.deepEqual([file(p).kind, file(p).imported], [kind, n], p);
    assert.match(
      file(`${gd}/beta/signin-list/get_signins_2.response.json`).errors[0]?.message ?? "",
      /status\.errorCode/,
    );
    assert.match(
      file(
        `${gd}/beta/reportroot-list-credentialuserregistrationdetails/get_credentialuserregistrationdetails.response.json`,
      ).errors[0]?.message ?? "",
      /isMfaCapable/,
    );
    assert.match(
      file(`${gd}/v1.0/authentication-list-methods/example.response.json`).errors[0]?.message ?? "",
      /owning user id/,
    );
    assert.match(
      file(
        `${gd}/v1.0/conditionalaccessroot-post-namedlocations/create_namedlocation_from_conditionalaccessroot_1.request.json`,
      ).errors[0]?.message ?? "",
      /'id' is missing/,
    );
    assert.equal(file("schema/microsoftgraph-msgraph-metadata/v1.0-Prod.csdl.excerpt.xml").status, "rejected");
  });
});
