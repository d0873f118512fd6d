// Composition and consistency of the simulated tenant at 500 and 5,000 users: every planted situation is
// present in realistic proportions, and the ground truth names exactly the accounts that show each one.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SignIn, TenantSnapshot, User } from "../../core/model/index.js";
import { ADMIN_ROLE_TEMPLATE_IDS, APP, ROLE, STRENGTH } from "../../core/model/well-known.js";
import { type GeneratedTenant, type GroundTruth, generateTenant } from "./index.js";

const NOW = "2026-11-22T00:00:00Z";
const DAY = 86_400_000;
const LEGACY = new Set([
  "Authenticated SMTP",
  "IMAP4",
  "Other clients",
  "MAPI Over HTTP",
  "Exchange ActiveSync",
  "POP3",
]);
const METHOD_VALUE: Record<string, (m: { phoneType?: string | null }) => string> = {
  "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod": () => "microsoftAuthenticatorPush",
  "#microsoft.graph.phoneAuthenticationMethod": (m) => (m.phoneType === "office" ? "officePhone" : "mobilePhone"),
  "#microsoft.graph.softwareOathAuthenticationMethod": () => "softwareOneTimePasscode",
  "#microsoft.graph.fido2AuthenticationMethod": () => "fido2SecurityKey",
  "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod": () => "windowsHelloForBusiness",
  "#microsoft.graph.emailAuthenticationMethod": () => "email",
};

/** The lead's registrationRate: registered share of enabled, active (30 days) Member users. */
function rates(s: TenantSnapshot, gt: GroundTruth): { all: number; inScope: number; active: User[] } {
  const cap = Date.parse(s.meta.capturedAt);
  const reg = new Map(s.registrations.map((r) => [r.id, r.isMfaRegistered]));
  const recent = (d?: string | null) => !!d && cap - Date.parse(d) <= 30 * DAY;
  const active = s.users.filter(
    (u) =>
      u.userType === "Member" &&
      u.accountEnabled &&
      (recent(u.signInActivity?.lastSignInDateTime) || recent(u.signInActivity?.lastNonInteractiveSignInDateTime)),
  );
  const out = new Set([
    ...gt.emergencyAccountIds,
    ...gt.serviceAccountUserIds,
    ...gt.sharedMailboxUserIds,
    ...gt.roomUserIds,
    gt.syncAccountUserId,
  ]);
  const share = (us: User[]) => us.filter((u) => reg.get(u.id) === true).length / us.length;
  return { all: share(active), inScope: share(active.filter((u) => !out.has(u.id))), active };
}

interface Scan {
  readonly byUser: Map<string, SignIn[]>;
  readonly total: number;
  readonly failures: number;
}

function scan(t: GeneratedTenant): Scan {
  const byUser = new Map<string, SignIn[]>();
  let total = 0;
  let failures = 0;
  for (const s of t.signIns()) {
    total++;
    if (s.status.errorCode !== 0) failures++;
    const l = byUser.get(s.userId);
    if (l) l.push(s);
    else byUser.set(s.userId, [s]);
  }
  return { byUser, total, failures };
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

for (const size of [500, 5000]) {
  describe(`simulated tenant at ${size} users`, () => {
    const t = generateTenant({ users: size, seed: "northwind", now: NOW });
    const s = t.snapshot;
    const gt = t.groundTruth;
    const sc = scan(t);
    const users = new Map(s.users.map((u) => [u.id, u]));
    const people = s.users.filter(
      (u) => u.userType === "Member" && !gt.outOfScopeUserIds.includes(u.id) && !gt.sharedMailboxUserIds.includes(u.id),
    );

    test("registration rate is 0.85-0.89 over active members and over in-scope people", () => {
      const r = rates(s, gt);
      assert.ok(r.all >= 0.85 && r.all <= 0.89, `all ${r.all}`);
      assert.ok(r.inScope >= 0.85 && r.inScope <= 0.89, `in scope ${r.inScope}`);
      assert.deepEqual(sorted(r.active.map((u) => u.id)), sorted(gt.activeMemberUserIds));
      assert.ok(Math.abs(r.all - gt.expected.registrationRateActiveMembers) < 1e-9);
      assert.ok(Math.abs(r.inScope - gt.expected.registrationRateInScope) < 1e-9);
    });

    test("snapshot meta: simulator source, window, every collection but access patterns present", () => {
      assert.equal(s.meta.source, "simulator");
      assert.equal(s.meta.capturedAt, NOW);
      assert.deepEqual(s.meta.signInWindow, { from: "2026-10-23T00:00:00Z", to: "2026-11-22T00:00:00Z" });
      assert.ok(s.meta.present.includes("signIns"));
      assert.equal(s.signIns.length, 0);
      assert.equal(s.users.length, size);
    });

    test("two emergency accounts: cloud-only, initial domain, neutral names, permanent Global Administrator", () => {
      assert.equal(gt.emergencyAccountIds.length, 2);
      for (const id of gt.emergencyAccountIds) {
        const u = users.get(id)!;
        assert.match(u.userPrincipalName, /@northwindestates\.onmicrosoft\.com$/);
        assert.doesNotMatch(`${u.userPrincipalName} ${u.displayName}`, /emergency|break|glass|admin|bg/i);
        assert.notEqual(u.onPremisesSyncEnabled, true);
        const ga = s.roleAssignments.filter(
          (a) => a.principalId === id && a.roleDefinitionId === ROLE.globalAdministrator,
        );
        assert.equal(ga.length, 1);
        assert.equal(ga[0]!.assignmentType, "active");
        assert.equal(ga[0]!.endDateTime, null);
      }
      const members = s.groupMembers.filter((m) => m.groupId === gt.emergencyGroupId).map((m) => m.memberId);
      assert.deepEqual(sorted(members), sorted(gt.emergencyAccountIds));
      // One holds a FIDO2 key; the other (planted) has no phishing-resistant method.
      const pr = gt.emergencyAccounts.map((e) => e.hasPhishingResistantMethod);
      assert.deepEqual(pr, [true, false]);
      const fido = s.authenticationMethods.filter((m) => m.userId === gt.emergencyAccountIds[0]);
      assert.equal(fido[0]?.["@odata.type"], "#microsoft.graph.fido2AuthenticationMethod");
      // Planned test sign-ins: exactly the recorded ones.
      const eSignIns = gt.emergencyAccountIds.flatMap((id) => sc.byUser.get(id) ?? []);
      assert.deepEqual(sorted(eSignIns.map((x) => x.id)), sorted(gt.emergencySignIns.map((x) => x.signInId)));
      assert.equal(gt.emergencySignIns.length, 2);
    });

    test("IT team ~3% holds the admins; executives include the CFO", () => {
      const it = s.groupMembers.filter((m) => m.groupId === gt.itTeamGroupId).map((m) => m.memberId);
      const share = it.length / size;
      assert.ok(share >= 0.025 && share <= 0.035, `IT share ${share}`);
      for (const a of gt.adminUserIds) assert.ok(it.includes(a), "admin outside the IT team");
      const adminHolders = new Set(
        s.roleAssignments
          .filter((a) => a.assignmentType === "active" && ADMIN_ROLE_TEMPLATE_IDS.includes(a.roleDefinitionId))
          .map((a) => a.principalId)
          .filter((id) => !gt.emergencyAccountIds.includes(id)),
      );
      assert.deepEqual(sorted(adminHolders), sorted(gt.adminUserIds));
      const cfo = users.get(gt.cfoUserId)!;
      assert.equal(cfo.jobTitle, "Chief Financial Officer");
      assert.ok(s.groupMembers.some((m) => m.groupId === gt.executivesGroupId && m.memberId === gt.cfoUserId));
      const depts = new Set(people.map((u) => u.department));
      for (const d of ["Finance", "Sales & Lettings", "Operations", "Warehouse & Logistics", "Maintenance", "IT"]) {
        assert.ok(depts.has(d), d);
      }
    });

    test("exactly one admin has no MFA method, and only that admin", () => {
      const reg = new Map(s.registrations.map((r) => [r.id, r]));
      const without = gt.adminUserIds.filter((id) => !reg.get(id)?.isMfaRegistered);
      assert.deepEqual(without, gt.adminWithoutMfaUserIds);
      assert.equal(without.length, 1);
      assert.ok(!s.authenticationMethods.some((m) => m.userId === without[0]));
      // Never in the admin portals (mandatory MFA would stop them).
      const portal = (sc.byUser.get(without[0]!) ?? []).filter(
        (x) => x.appId === APP.azurePortal || x.appId === APP.m365AdminCenter,
      );
      assert.equal(portal.length, 0);
    });

    test("proportions: no smartphone, guests, disabled, inactive, shared mailboxes, rooms, service accounts", () => {
      const noPhone = gt.noSmartphoneUserIds.length / people.length;
      assert.ok(noPhone >= 0.03 && noPhone <= 0.09, `no smartphone ${noPhone}`);
      const noPhoneDepts = new Set(gt.noSmartphoneUserIds.map((id) => users.get(id)!.department));
      assert.ok(noPhoneDepts.has("Warehouse & Logistics") && noPhoneDepts.has("Maintenance"));
      const guests = gt.guestUserIds.length / size;
      assert.ok(guests >= 0.05 && guests <= 0.07, `guests ${guests}`);
      for (const id of gt.guestUserIds) assert.equal(users.get(id)!.userType, "Guest");
      const disabled = gt.disabledUserIds.length / size;
      assert.ok(disabled >= 0.02 && disabled <= 0.04, `disabled ${disabled}`);
      for (const id of gt.disabledUserIds) assert.equal(users.get(id)!.accountEnabled, false);
      assert.ok(gt.inactiveMemberUserIds.length >= size * 0.03);
      assert.ok(gt.sharedMailboxUserIds.length >= 3 && gt.roomUserIds.length >= 3);
      assert.equal(gt.rooms.length, gt.roomUserIds.length);
      assert.equal(s.rooms.length, gt.roomUserIds.length);
      assert.equal(gt.sharedMailboxSignInEnabledUserIds.length, 0);
      assert.ok(gt.serviceAccountUserIds.length >= 4);
      const sync = users.get(gt.syncAccountUserId)!;
      assert.equal(sync.displayName, "On-Premises Directory Synchronization Service Account");
      assert.ok(
        s.roleAssignments.some(
          (a) => a.principalId === sync.id && a.roleDefinitionId === ROLE.directorySynchronizationAccounts,
        ),
      );
      const synced = people.filter((u) => u.onPremisesSyncEnabled === true).length / people.length;
      assert.ok(synced > 0.7 && synced < 0.95, `synced ${synced}`);
    });

    test("method mix: every method type, single-method and SMS/voice-only people", () => {
      const values = new Set(s.registrations.flatMap((r) => r.methodsRegistered));
      for (const v of [
        "microsoftAuthenticatorPush",
        "mobilePhone",
        "officePhone",
        "softwareOneTimePasscode",
        "fido2SecurityKey",
        "windowsHelloForBusiness",
      ]) {
        assert.ok(values.has(v), v);
      }
      const reg = s.registrations.filter((r) => r.isMfaRegistered && r.userType === "member");
      const single = gt.singleMethodUserIds.length / reg.length;
      const sms = gt.smsVoiceOnlyUserIds.length / reg.length;
      assert.ok(single > 0.15 && single < 0.45, `single ${single}`);
      assert.ok(sms > 0.08 && sms < 0.3, `sms/voice only ${sms}`);
      const authShare =
        reg.filter((r) => r.methodsRegistered.includes("microsoftAuthenticatorPush")).length / reg.length;
      assert.ok(authShare > 0.6 && authShare < 0.9, `authenticator ${authShare}`);
    });

    test("registration trio is consistent: report rows, method objects, audit events", () => {
      const methods = new Map<string, string[]>();
      for (const m of s.authenticationMethods) {
        const l = methods.get(m.userId) ?? [];
        l.push(METHOD_VALUE[m["@odata.type"]]!(m));
        methods.set(m.userId, l);
      }
      for (const r of s.registrations) {
        assert.deepEqual(sorted(new Set(methods.get(r.id) ?? [])), sorted(r.methodsRegistered), r.userPrincipalName);
        assert.equal(
          r.isMfaRegistered,
          r.methodsRegistered.some((v) => v !== "email"),
        );
      }
      const from = Date.parse(s.meta.signInWindow!.from);
      const registeredEvents = new Map<string, string[]>();
      for (const a of s.directoryAudits) {
        if (!/registered security info$/.test(a.activityDisplayName)) continue;
        const id = a.targetResources![0]!.id!;
        registeredEvents.set(id, [...(registeredEvents.get(id) ?? []), a.activityDateTime]);
      }
      for (const m of s.authenticationMethods) {
        if (Date.parse(m.createdDateTime!) < from) continue;
        assert.ok(
          registeredEvents.get(m.userId)?.includes(m.createdDateTime!),
          `no audit event for ${m.userId} ${m.createdDateTime}`,
        );
      }
      for (const a of s.directoryAudits) assert.ok(a.initiatedBy?.user?.ipAddress, "audit without initiator IP");
      const kinds = new Set(s.directoryAudits.map((a) => a.activityDisplayName));
      for (const k of [
        "User registered security info",
        "User changed default security info",
        "User deleted security info",
      ])
        assert.ok(kinds.has(k), k);
    });

    test("legacy protocols: exactly the planted users, with the planted client apps", () => {
      const kinds = new Set(gt.legacyDependencies.map((l) => l.kind));
      assert.deepEqual(sorted(kinds), ["activeSync", "erp", "oldOutlook", "pop3", "printer"]);
      const seen = new Map<string, Set<string>>();
      for (const [uid, list] of sc.byUser) {
        for (const x of list) {
          if (!LEGACY.has(x.clientAppUsed)) continue;
          const set = seen.get(uid) ?? new Set();
          set.add(x.clientAppUsed);
          seen.set(uid, set);
        }
      }
      assert.deepEqual(sorted(seen.keys()), sorted(gt.legacyUserIds));
      for (const l of gt.legacyDependencies) assert.deepEqual([...seen.get(l.userId)!], [l.clientAppUsed]);
      for (const l of gt.legacyDependencies.filter((x) => x.kind === "printer")) {
        assert.ok(gt.serviceAccountUserIds.includes(l.userId));
      }
    });

    test("signInActivity matches the sign-in stream", () => {
      for (const u of s.users) {
        const list = sc.byUser.get(u.id) ?? [];
        const max = (f: (x: SignIn) => boolean) =>
          list
            .filter(f)
            .reduce<string | null>((a, x) => (a === null || x.createdDateTime > a ? x.createdDateTime : a), null);
        const lastI = max((x) => x.signInEventType === "interactiveUser");
        const lastN = max((x) => x.signInEventType === "nonInteractiveUser");
        const lastS = max((x) => x.status.errorCode === 0);
        if (lastI) assert.equal(u.signInActivity?.lastSignInDateTime, lastI, u.userPrincipalName);
        else if (u.signInActivity?.lastSignInDateTime)
          assert.ok(u.signInActivity.lastSignInDateTime < s.meta.signInWindow!.from);
        if (lastN) assert.equal(u.signInActivity?.lastNonInteractiveSignInDateTime, lastN);
        if (lastS) assert.equal(u.signInActivity?.lastSuccessfulSignInDateTime, lastS);
      }
    });

    test("who signs in: disabled only fail with 50057, mailboxes and rooms never, guests rarely", () => {
      for (const id of gt.disabledUserIds)
        for (const x of sc.byUser.get(id) ?? []) assert.equal(x.status.errorCode, 50057);
      assert.ok(gt.disabledUserIds.some((id) => (sc.byUser.get(id) ?? []).length > 0));
      for (const id of [...gt.sharedMailboxUserIds, ...gt.roomUserIds]) assert.equal(sc.byUser.get(id), undefined);
      const guestSignIns = gt.guestUserIds.reduce((n, id) => n + (sc.byUser.get(id)?.length ?? 0), 0);
      assert.ok(guestSignIns > 0 && guestSignIns / gt.guestUserIds.length < 2);
      const failed50057 = [...sc.byUser.entries()].filter(
        ([id, l]) => !gt.disabledUserIds.includes(id) && l.some((x) => x.status.errorCode === 50057),
      );
      assert.equal(failed50057.length, 0);
    });

    test("volume and failures: 15-25 records per active member, 3-6% failures with the reference codes", () => {
      const per = sc.total / gt.activeMemberUserIds.length;
      assert.ok(per >= 15 && per <= 25, `per active member ${per}`);
      const rate = sc.failures / sc.total;
      assert.ok(rate >= 0.03 && rate <= 0.06, `failure rate ${rate}`);
      const codes = new Set<number>();
      for (const l of sc.byUser.values()) for (const x of l) codes.add(x.status.errorCode);
      assert.deepEqual(sorted([...codes].map(String)), sorted(["0", "50126", "50053", "50057", "50074", "500121"]));
      // Interrupts followed by a success with the same correlation id.
      let followed = 0;
      for (const l of sc.byUser.values()) {
        for (const x of l) {
          if (
            x.status.errorCode === 50074 &&
            l.some(
              (y) =>
                y.correlationId === x.correlationId &&
                y.status.errorCode === 0 &&
                y.createdDateTime > x.createdDateTime,
            )
          )
            followed++;
        }
      }
      assert.ok(followed > 0);
    });

    test("sign-ins never show what the enabled policies would block; admin portals only for admins", () => {
      const enabled = s.policies.filter((p) => p.state === "enabled");
      assert.equal(enabled.length, 2);
      const admins = new Set([...gt.adminUserIds, ...gt.eligibleAdminUserIds, ...gt.emergencyAccountIds]);
      for (const [uid, list] of sc.byUser) {
        for (const x of list) {
          if (x.resourceId === APP.azureServiceManagement && x.status.errorCode === 0) {
            assert.equal(x.authenticationRequirement, "multiFactorAuthentication");
          }
          if (x.appId === APP.azurePortal || x.appId === APP.m365AdminCenter)
            assert.ok(admins.has(uid), "portal use by a non-admin");
          assert.equal(x.appliedConditionalAccessPolicies?.length, 3);
          const ca02 = x.appliedConditionalAccessPolicies!.find((p) => p.id === gt.policies[1]!.id)!;
          if (x.resourceId !== APP.azureServiceManagement) assert.equal(ca02.result, "notApplied");
          const ca03 = x.appliedConditionalAccessPolicies!.find((p) => p.id === gt.policies[2]!.id)!;
          assert.equal(ca03.result, "notApplied");
        }
      }
    });

    test("existing configuration: security defaults off, office location, stale report-only, deleted group, TAP off", () => {
      assert.equal(s.securityDefaults?.isEnabled, false);
      const office = s.namedLocations.find((l) => l.id === gt.officeLocationId)!;
      assert.equal(office.isTrusted, true);
      assert.deepEqual(
        office.ipRanges!.map((r) => r.cidrAddress),
        [...gt.officeIpRanges],
      );
      const ro = s.policies.find((p) => p.id === gt.policies[0]!.id)!;
      assert.equal(ro.state, "enabledForReportingButNotEnforced");
      assert.ok(Date.parse(NOW) - Date.parse(ro.modifiedDateTime!) > 90 * DAY);
      const missing = gt.policies[2]!.missingGroupId!;
      assert.ok(s.policies[2]!.conditions!.users!.includeGroups!.includes(missing));
      assert.ok(!s.groups.some((g) => g.id === missing));
      for (const p of s.policies.slice(0, 2))
        assert.ok(p.conditions!.users!.excludeGroups!.includes(gt.emergencyGroupId));
      const tap = s.authenticationMethodsPolicy!.authenticationMethodConfigurations.find(
        (c) => c.id === "TemporaryAccessPass",
      )!;
      assert.equal(tap.state, gt.authenticationMethodsPolicyWeakness.state);
      assert.equal(tap.state, "disabled");
      assert.deepEqual(sorted(s.authenticationStrengths.map((x) => x.id)), sorted(Object.values(STRENGTH)));
      const p1 = s.subscribedSkus.filter((k) => k.servicePlans.some((p) => p.servicePlanName === "AAD_PREMIUM"));
      assert.ok(p1.length >= 2);
    });

    test("stale Authenticators and the compromise leave the documented signals", () => {
      assert.ok(gt.staleAuthenticators.length >= 2);
      const from = s.meta.signInWindow!.from;
      for (const st of gt.staleAuthenticators) {
        assert.ok(st.failedSignInIds.length >= 1);
        const list = sc.byUser.get(st.userId)!;
        const failed = list.filter((x) => st.failedSignInIds.includes(x.id));
        assert.equal(failed.length, st.failedSignInIds.length);
        for (const f of failed) {
          assert.equal(f.status.errorCode, 500121);
          assert.ok(f.createdDateTime >= st.newPhoneSince);
        }
        assert.ok(st.registeredAt < from);
        assert.ok(!s.directoryAudits.some((a) => a.targetResources?.[0]?.id === st.userId));
        // Nobody else fails MFA at My Sign-ins except the compromise.
      }
      const mySignInFailures = new Set<string>();
      for (const [uid, list] of sc.byUser)
        for (const x of list) if (x.appId === APP.mySignins && x.status.errorCode === 500121) mySignInFailures.add(uid);
      assert.deepEqual(sorted(mySignInFailures), sorted([...gt.staleAuthenticatorUserIds, gt.compromisedUserId]));

      const c = gt.compromise;
      const ev = s.directoryAudits.find((a) => a.id === c.auditEventId)!;
      assert.equal(ev.activityDisplayName, "User registered security info");
      assert.equal(ev.initiatedBy?.user?.ipAddress, c.ipAddress);
      assert.ok(Date.parse(NOW) - Date.parse(ev.activityDateTime) < 7 * DAY);
      const own = sc.byUser.get(c.userId)!.filter((x) => !c.signInIds.includes(x.id));
      assert.ok(own.every((x) => x.location?.countryOrRegion !== c.country && x.ipAddress !== c.ipAddress));
      assert.ok(s.authenticationMethods.some((m) => m.id === c.addedMethodId && m.userId === c.userId));
      // The unfamiliar country appears nowhere else.
      for (const [uid, list] of sc.byUser)
        if (uid !== c.userId) assert.ok(list.every((x) => x.location?.countryOrRegion !== c.country));
    });

    test("people without a smartphone never sign in from a phone; every other active person does", () => {
      const noPhone = new Set(gt.noSmartphoneUserIds);
      const mobile = (id: string) =>
        (sc.byUser.get(id) ?? []).some(
          (x) => x.deviceDetail?.operatingSystem === "Ios" || x.deviceDetail?.operatingSystem === "Android",
        );
      for (const id of gt.noSmartphoneUserIds) assert.equal(mobile(id), false);
      const people = gt.inScopeActiveMemberUserIds.filter((id) => !noPhone.has(id));
      for (const id of people) assert.ok(mobile(id), `no phone sign-in for ${users.get(id)!.userPrincipalName}`);
      for (const id of gt.noSmartphoneUserIds) {
        assert.ok(!s.authenticationMethods.some((m) => m.userId === id && m["@odata.type"].includes("Authenticator")));
      }
    });

    test("addresses: office sign-ins inside the named location, everything else outside", () => {
      const inOffice = (ip: string) => ip.startsWith("203.0.113.") || ip.startsWith("198.51.100.");
      let office = 0;
      let outside = 0;
      for (const list of sc.byUser.values()) for (const x of list) inOffice(x.ipAddress!) ? office++ : outside++;
      assert.ok(office > 0 && outside > 0);
      for (const r of gt.officeIpRanges) assert.match(r, /^(203\.0\.113|198\.51\.100)\./);
    });
  });
}

test("sign-ins are re-iterable and streamed in day order", () => {
  const t = generateTenant({ users: 200, seed: "again", now: NOW });
  const a = [...t.signIns()].map((x) => x.id);
  const b = [...t.signIns()].map((x) => x.id);
  assert.deepEqual(a, b);
  assert.equal(new Set(a).size, a.length);
  let last = "";
  for (const x of t.signIns()) {
    const day = x.createdDateTime.slice(0, 10);
    assert.ok(day >= last);
    last = day;
  }
});

test("bad options are refused with a coded error", () => {
  assert.throws(() => generateTenant({ users: 10, seed: "x", now: NOW }), { code: "simulator.users" });
  assert.throws(() => generateTenant({ users: 500, seed: "x", now: "yesterday" }), { code: "simulator.now" });
  assert.throws(() => generateTenant({ users: 500, seed: "x", now: NOW, days: 2 }), { code: "simulator.days" });
});
