// MFA registration state derived from the planted methods, kept consistent three ways: the registration
// report (methodsRegistered), the per-user method objects, and the directory audit events of the window
// (every method created inside the window has its "... registered security info" event at the same time).

import type { DirectoryAudit } from "../../core/model/audit.js";
import type { UserAuthenticationMethod, UserRegistrationDetails } from "../../core/model/registration.js";
import { COMPROMISE_ORIGIN, OFFICES } from "./catalog.js";
import type { GenContext } from "./context.js";
import type { Planted } from "./planting.js";
import { STREAM } from "./prng.js";
import { isMfaCode, METHOD_TYPE, METHOD_VALUE, type MethodCode, type PlannedMethod, type Profile } from "./profile.js";
import { DAY_MS, iso } from "./time.js";

/** Methods the authentication methods policy allows (TAP is disabled; everything registered here is enabled). */
const ENABLED: ReadonlySet<MethodCode> = new Set(["A", "P", "V", "O", "F", "W", "E"]);

const PREFERRED: Readonly<Record<MethodCode, [string, string]>> = {
  A: ["push", "microsoftAuthenticatorPush"],
  O: ["oath", "softwareOneTimePasscode"],
  P: ["sms", "mobilePhone"],
  V: ["voiceOffice", "officePhone"],
  F: ["none", "none"],
  W: ["none", "none"],
  E: ["none", "none"],
};

export function registrationRow(ctx: GenContext, p: Profile, isAdmin: boolean): UserRegistrationDetails {
  const codes = [...new Set(p.methods.map((m) => m.code))];
  const mfa = codes.filter(isMfaCode);
  const registered = mfa.length > 0;
  const pref = (["A", "O", "P", "V"] as const).find((c) => codes.includes(c));
  const values = ORDER.filter((c) => codes.includes(c)).map((c) => METHOD_VALUE[c]);
  return {
    id: p.id,
    userPrincipalName: p.upn,
    userDisplayName: p.displayName,
    userType: p.kind === "guest" ? "guest" : "member",
    isAdmin,
    isMfaRegistered: registered,
    isMfaCapable: registered && mfa.some((c) => ENABLED.has(c)),
    isPasswordlessCapable: codes.includes("F") || codes.includes("W"),
    isSsprRegistered: codes.some((c) => c === "A" || c === "P" || c === "E" || c === "V"),
    isSsprEnabled: p.kind !== "guest",
    isSsprCapable: p.kind !== "guest" && codes.some((c) => c === "A" || c === "P" || c === "E" || c === "V"),
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: registered ? [pref ? PREFERRED[pref][0] : "none"] : [],
    userPreferredMethodForSecondaryAuthentication: pref ? PREFERRED[pref][0] : "none",
    defaultMfaMethod: pref ? PREFERRED[pref][1] : "none",
    methodsRegistered: values,
    lastUpdatedDateTime: iso(ctx.toMs - 3 * 3600_000),
  };
}

const ORDER: readonly MethodCode[] = ["E", "P", "V", "A", "O", "F", "W"];

export function methodObjects(p: Profile): UserAuthenticationMethod[] {
  return p.methods.map((m) => methodObject(p, m));
}

function methodObject(p: Profile, m: PlannedMethod): UserAuthenticationMethod {
  const o: UserAuthenticationMethod = {
    userId: p.id,
    id: m.id,
    "@odata.type": METHOD_TYPE[m.code],
    createdDateTime: m.createdDateTime,
    displayName: m.displayName ?? null,
  };
  switch (m.code) {
    case "A":
      return { ...o, deviceTag: m.deviceTag ?? "SoftwareTokenActivated", phoneAppVersion: m.phoneAppVersion ?? null };
    case "P":
      return { ...o, phoneType: "mobile", phoneNumber: m.phoneNumber ?? null };
    case "V":
      return { ...o, phoneType: "office", phoneNumber: m.phoneNumber ?? null };
    case "F":
      return { ...o, model: m.model ?? null, aaGuid: m.aaGuid ?? null };
    default:
      return o;
  }
}

const REASON: Readonly<Record<MethodCode, string>> = {
  A: "User registered Authenticator App with Notification and Code",
  P: "User registered Mobile Phone SMS",
  V: "User registered Office Phone",
  O: "User registered Authenticator App with Code",
  F: "User registered FIDO2 Security Key",
  W: "User registered Windows Hello for Business",
  E: "User registered Email",
};

export interface AuditOut {
  readonly audits: DirectoryAudit[];
  readonly compromiseAuditId: string;
}

/** Directory audit events of the window for security info, newest first (as Graph lists them). */
export function audits(ctx: GenContext, profiles: readonly Profile[], planted: Planted): AuditOut {
  const rng = ctx.root.derive(STREAM.audit);
  const out: DirectoryAudit[] = [];
  let compromiseAuditId = "";
  const helpdesk =
    planted.admins.find((a) => a !== planted.adminWithoutMfa && a.roles.length > 0) ?? planted.admins[0]!;
  const event = (
    p: Profile,
    atMs: number,
    activity: string,
    reason: string,
    by: { p: Profile; ip: string },
    operationType: string,
    method?: string,
  ): DirectoryAudit => ({
    id: `Directory_${rng.hex(8).toUpperCase()}_${rng.hex(5).toUpperCase()}_${rng.range(100000000, 999999999)}`,
    activityDateTime: iso(atMs),
    activityDisplayName: activity,
    category: "UserManagement",
    correlationId: rng.guid(),
    loggedByService: "Authentication Methods",
    operationType,
    result: "success",
    resultReason: reason,
    initiatedBy: {
      user: { id: by.p.id, displayName: by.p.displayName, userPrincipalName: by.p.upn, ipAddress: by.ip },
      app: null,
    },
    targetResources: [
      { id: p.id, displayName: p.displayName, type: "User", userPrincipalName: p.upn, modifiedProperties: [] },
    ],
    additionalDetails: method ? [{ key: "Method", value: method }] : [],
  });
  const userIp = (p: Profile) => ({ p, ip: OFFICES[p.office].egress[0]! });
  const replaced = new Set(planted.replacedPhone);
  for (const p of profiles) {
    const inWindow = p.methods.filter((m) => Date.parse(m.createdDateTime) >= ctx.fromMs);
    if (inWindow.length === 0) continue;
    const allNew = inWindow.length === p.methods.length;
    for (const m of inWindow) {
      const at = Date.parse(m.createdDateTime);
      if (m.addedBy === "attacker") {
        const e = event(
          p,
          at,
          "User registered security info",
          REASON.A,
          { p, ip: planted.compromiseIp },
          "Add",
          "Microsoft Authenticator",
        );
        compromiseAuditId = e.id;
        out.push({
          ...e,
          additionalDetails: [...(e.additionalDetails ?? []), { key: "Country", value: COMPROMISE_ORIGIN.country }],
        });
      } else if (m.addedBy === "admin") {
        out.push(
          event(
            p,
            at,
            "Admin registered security info",
            `Admin registered ${m.code === "V" ? "Office Phone" : "security info"}`,
            userIp(helpdesk),
            "Add",
          ),
        );
      } else {
        out.push(event(p, at, "User registered security info", REASON[m.code], userIp(p), "Add"));
      }
    }
    if (replaced.has(p)) {
      const a = p.methods.find((m) => m.code === "A")!;
      out.push(
        event(
          p,
          Date.parse(a.createdDateTime) + 120_000,
          "User deleted security info",
          "User deleted Authenticator App with Notification and Code",
          userIp(p),
          "Delete",
        ),
      );
    }
    if (allNew && !p.compromised && p.methods.some((m) => isMfaCode(m.code) && m.addedBy !== "admin")) {
      const last = Math.max(...p.methods.map((m) => Date.parse(m.createdDateTime)));
      out.push(
        event(
          p,
          last + 30_000,
          "User registered all required security info",
          "User registered all required security info",
          userIp(p),
          "Add",
        ),
      );
    }
  }
  // A few people changed their default method during the window.
  const changers = profiles.filter(
    (p) =>
      p.kind === "person" &&
      p.active &&
      !p.compromised &&
      p.newPhoneDay === undefined &&
      p.methods.some((m) => m.code === "A") &&
      p.methods.some((m) => m.code === "P"),
  );
  const nChange = Math.max(1, Math.round(changers.length * 0.004));
  for (const p of rng.shuffle(changers).slice(0, nChange)) {
    const at = ctx.fromMs + rng.int(ctx.days) * DAY_MS + rng.range(9 * 3600, 17 * 3600) * 1000;
    out.push(
      event(
        p,
        at,
        "User changed default security info",
        "User changed default security info from Mobile Phone SMS to Authenticator App",
        userIp(p),
        "Update",
      ),
    );
  }
  out.sort((a, b) => (a.activityDateTime < b.activityDateTime ? 1 : a.activityDateTime > b.activityDateTime ? -1 : 0));
  return { audits: out, compromiseAuditId };
}
