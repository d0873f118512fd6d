// Tests of the Graph → model mappers against the shared fixtures (PowerShell PascalCase, docs examples).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sharedFixture } from "../../../../test/helpers/shared-fixtures.js";
import {
  camelKey,
  mapAuthenticationMethod,
  mapAuthenticationStrength,
  mapDirectoryAudit,
  mapNamedLocation,
  mapPolicy,
  mapRegistration,
  mapRoleAssignment,
  mapSecurityDefaults,
  mapSignIn,
  mapUser,
  normalizeKeys,
  toIsoTime,
} from "./index.js";

const FIX = sharedFixture();
const GD = join(FIX, "graph-api-examples/microsoftgraph-microsoft-graph-docs");
const readJson = (p: string): unknown => {
  const buf = readFileSync(p);
  const text = buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString("utf16le") : buf.toString("utf8");
  return JSON.parse(text.replace(/^\uFEFF/, ""));
};

describe("normalizeKeys", () => {
  it("camel-cases PascalCase keys, keeps acronyms sane", () => {
    assert.equal(camelKey("DisplayName"), "displayName");
    assert.equal(camelKey("Id"), "id");
    assert.equal(camelKey("IPRanges"), "ipRanges");
    assert.equal(camelKey("includeUsers"), "includeUsers");
    assert.equal(camelKey("odata.type"), "@odata.type");
  });

  it("converts /Date(ms)/, drops OData noise, merges AdditionalProperties", () => {
    const n = normalizeKeys({
      "@odata.context": "x",
      "createdDateTime@odata.type": "#DateTimeOffset",
      CreatedDateTime: "/Date(1647536088205)/",
      "#microsoft.graph.restore": { title: "r" },
      Conditions: { Users: { IncludeUsers: ["All"] } },
      AdditionalProperties: { extraThing: 1, Id: "ignored-because-present" },
      Id: "p1",
    });
    assert.deepEqual(n, {
      createdDateTime: "2022-03-17T16:54:48.205Z",
      conditions: { users: { includeUsers: ["All"] } },
      id: "p1",
      extraThing: 1,
    });
  });

  it("reads every timestamp form exports write", () => {
    assert.equal(toIsoTime("2026-02-13T11:37:41.7574033Z"), "2026-02-13T11:37:41.7574033Z");
    assert.equal(toIsoTime("2021-04-28T14:08:45.2213421+00:00"), "2021-04-28T14:08:45.221Z");
    assert.equal(toIsoTime("4/28/2021, 2:08:45.221 PM"), "2021-04-28T14:08:45.221Z");
    assert.equal(toIsoTime("12/1/2021, 12:05:00 AM"), "2021-12-01T00:05:00.000Z");
    assert.equal(toIsoTime("/Date(0)/"), "1970-01-01T00:00:00.000Z");
    assert.equal(toIsoTime("yesterday"), null);
  });
});

describe("mapPolicy", () => {
  it("maps a PowerShell (ScubaGear) policy to camelCase with ISO times", () => {
    const d = readJson(join(FIX, "ca-policies/cisagov-ScubaGear/Sample-Reports/ProviderSettingsExport.json")) as {
      conditional_access_policies: unknown[];
    };
    const r = mapPolicy(d.conditional_access_policies[0]);
    assert.ok(r.ok);
    const p = r.value as unknown as Record<string, unknown>;
    assert.equal(typeof p.displayName, "string");
    assert.ok(!("DisplayName" in p));
    assert.match(String(p.createdDateTime), /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(r.value.conditions?.users?.includeUsers);
  });

  it("maps a UTF-16 IntuneManagement export and drops @odata annotations", () => {
    const r = mapPolicy(
      readJson(
        join(
          FIX,
          "ca-policies/j0eyv-ConditionalAccessBaseline/ConditionalAccess/CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA.json",
        ),
      ),
    );
    assert.ok(r.ok);
    assert.equal(r.value.id, "809741fe-fb1b-4746-9ff0-83a978a4c891");
    assert.ok(!JSON.stringify(r.value).includes("@odata.context"));
    assert.ok(!JSON.stringify(r.value).includes("createdDateTime@odata.type"));
  });

  it("drops nested OData annotations of camelCase API policies", () => {
    const r = mapPolicy({
      id: "p",
      displayName: "x",
      grantControls: { "authenticationStrength@odata.context": "ctx", authenticationStrength: { id: "s" } },
    });
    assert.ok(r.ok);
    assert.deepEqual(r.value.grantControls, { authenticationStrength: { id: "s" } });
  });

  it("rejects a fragment without displayName, naming the field", () => {
    const r = mapPolicy(readJson(join(FIX, "ca-policies/cisagov-ScubaGear/CapSnippets/Users.json")));
    assert.equal(r.ok, false);
    assert.equal(r.diagnostics[0]?.path, "displayName");
    assert.match(r.diagnostics[0]?.message ?? "", /displayName/);
  });
});

describe("named locations, strengths, registrations, methods, audits", () => {
  it("maps IP and country named locations and refuses unsupported types", () => {
    const list = (
      readJson(join(GD, "v1.0/conditionalaccessroot-list-namedlocations/get_namedlocations_1.response.json")) as {
        value: unknown[];
      }
    ).value;
    const r = mapNamedLocation(list[0]);
    assert.ok(r.ok);
    assert.equal(r.value["@odata.type"], "#microsoft.graph.ipNamedLocation");
    assert.ok((r.value.ipRanges?.length ?? 0) > 0);
    const c = mapNamedLocation(
      readJson(join(FIX, "ca-policies/j0eyv-ConditionalAccessBaseline/NamedLocations/ALLOWED COUNTRIES.json")),
    );
    assert.ok(c.ok);
    assert.deepEqual(c.value.countriesAndRegions, ["BE", "LU", "NL"]);
    const n = mapNamedLocation(
      readJson(
        join(FIX, "ca-policies/j0eyv-ConditionalAccessBaseline/NamedLocations/All Compliant Network locations.json"),
      ),
    );
    assert.equal(n.ok, false);
    assert.match(n.diagnostics.at(-1)?.message ?? "", /compliantNetworkNamedLocation is not supported/);
  });

  it("maps authentication strengths and registrations", () => {
    const gdc = join(FIX, "graph-api-examples/microsoftgraph-microsoft-graph-docs-contrib");
    const s = (
      readJson(
        join(gdc, "v1.0/authenticationstrengthroot-list-policies/list_authenticationstrengthpolicy.response.json"),
      ) as { value: unknown[] }
    ).value;
    const sr = mapAuthenticationStrength(s[0]);
    assert.ok(sr.ok && sr.value.allowedCombinations.length > 0);
    const regs = (
      readJson(
        join(
          gdc,
          "v1.0/authenticationmethodsroot-list-userregistrationdetails/list_userregistrationdetails.response.json",
        ),
      ) as { value: unknown[] }
    ).value;
    const rr = mapRegistration(regs[0]);
    assert.ok(rr.ok);
    assert.equal(typeof rr.value.isMfaCapable, "boolean");
    const cred = (
      readJson(
        join(
          GD,
          "beta/reportroot-list-credentialuserregistrationdetails/get_credentialuserregistrationdetails.response.json",
        ),
      ) as { value: unknown[] }
    ).value;
    const cr = mapRegistration(cred[0]);
    assert.equal(cr.ok, false, "credentialUserRegistrationDetails lacks isMfaCapable");
    assert.ok(cr.diagnostics.some((d) => d.path === "isMfaCapable"));
  });

  it("maps methods with 'odata.type' and authenticationPhoneType, never copying secrets", () => {
    const list = (
      readJson(join(GD, "beta/authentication-list-methods/get_methods.response.json")) as { value: unknown[] }
    ).value;
    const r = mapAuthenticationMethod("u1", list[1]);
    assert.ok(r.ok);
    assert.equal(r.value["@odata.type"], "#microsoft.graph.phoneAuthenticationMethod");
    assert.equal(r.value.phoneType, "mobile");
    const pw = mapAuthenticationMethod("u1", list[0]);
    assert.ok(pw.ok && !("password" in pw.value));
  });

  it("maps directory audits with the docs' 'Type' casing", () => {
    const list = (
      readJson(join(GD, "v1.0/directoryaudit-list/get_directoryaudit_2.response.json")) as { value: unknown[] }
    ).value;
    const r = mapDirectoryAudit(list[0]);
    assert.ok(r.ok);
    assert.equal(r.value.targetResources?.[0]?.type, "Group");
    assert.equal(r.value.initiatedBy?.user?.userPrincipalName, "bob@wingtiptoysonline.com");
  });

  it("maps users, role assignments and security defaults", () => {
    const u = mapUser({ Id: "1", UserPrincipalName: "a_b.com#EXT#@t.onmicrosoft.com", AccountEnabled: "False" });
    assert.ok(u.ok);
    assert.equal(u.value.userType, "Guest");
    assert.equal(u.value.accountEnabled, false);
    assert.equal(mapUser({ id: "x" }).ok, false);
    const ra = mapRoleAssignment({ id: "r", principalId: "p", roleDefinitionId: "d" }, "eligible");
    assert.ok(ra.ok && ra.value.assignmentType === "eligible" && ra.value.directoryScopeId === "/");
    assert.deepEqual(mapSecurityDefaults({ IsEnabled: true }), {
      ok: true,
      value: { isEnabled: true },
      diagnostics: [],
    });
  });
});

describe("mapSignIn", () => {
  const base = {
    id: "s1",
    createdDateTime: "2026-10-01T10:00:00Z",
    userId: "u1",
    userPrincipalName: "a@b.c",
    appId: "app",
    clientAppUsed: "Browser",
    status: { errorCode: 0 },
  };
  it("derives signInEventType from beta signInEventTypes and v1.0 isInteractive", () => {
    const beta = mapSignIn({ ...base, signInEventTypes: ["nonInteractiveUser"] });
    assert.ok(beta.ok && beta.value.signInEventType === "nonInteractiveUser");
    const v1 = mapSignIn({ ...base, isInteractive: false });
    assert.ok(v1.ok && v1.value.signInEventType === "nonInteractiveUser");
    const dflt = mapSignIn(base);
    assert.ok(dflt.ok && dflt.value.signInEventType === "interactiveUser");
  });
  it("refuses a sign-in of unknown outcome ({} status, as in the docs example)", () => {
    const list = (readJson(join(GD, "beta/signin-list/get_signins_2.response.json")) as { value: unknown[] }).value;
    const r = mapSignIn(list[0]);
    assert.equal(r.ok, false);
    assert.equal(r.diagnostics[0]?.path, "status.errorCode");
  });
  it("maps nested details and reads the misspelt riskLevelDuringsignIn", () => {
    const r = mapSignIn({
      ...base,
      riskLevelDuringsignIn: "low",
      deviceDetail: { operatingSystem: "Windows 10", isCompliant: "true" },
      location: { countryOrRegion: "US" },
      appliedConditionalAccessPolicies: [{ id: "p", result: "success", enforcedGrantControls: ["Mfa"] }],
    });
    assert.ok(r.ok);
    assert.equal(r.value.riskLevelDuringSignIn, "low");
    assert.equal(r.value.deviceDetail?.isCompliant, true);
    assert.equal(r.value.appliedConditionalAccessPolicies?.[0]?.result, "success");
  });
});
