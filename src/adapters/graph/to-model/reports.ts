// Raw Graph report and log records (userRegistrationDetails, per-user authentication methods,
// directoryAudit, signIn) → model types.
// https://learn.microsoft.com/graph/api/resources/signin, /userregistrationdetails, /directoryaudit

import type { AuditTargetResource, DirectoryAudit } from "../../../core/model/audit.js";
import type { Result } from "../../../core/model/diagnostics.js";
import type { UserAuthenticationMethod, UserRegistrationDetails } from "../../../core/model/registration.js";
import type {
  AppliedConditionalAccessPolicy,
  AuthenticationDetail,
  SignIn,
  SignInEventType,
} from "../../../core/model/sign-in.js";
import { begin, done, notObject } from "./directory.js";
import { compact, Fields, isObj, type Obj, toBool, toStrs } from "./fields.js";
import { toIsoTime } from "./normalize.js";

/** `Member`/`Guest` (portal and PowerShell casing) → the report's `member`/`guest`; other values kept. */
function lowerKnown(v: string | null): string | undefined {
  if (v === null) return undefined;
  const l = v.toLowerCase();
  return l === "member" || l === "guest" ? l : v;
}

/** One row of the userRegistrationDetails report. `isMfaRegistered`, `isMfaCapable` and `methodsRegistered` are required. */
export function mapRegistration(raw: unknown): Result<UserRegistrationDetails> {
  const f = begin("registration", raw);
  if (!f) return notObject("registration", raw);
  const id = f.reqStr("id");
  const userPrincipalName = f.reqStr("userPrincipalName");
  const isMfaRegistered = f.reqBool("isMfaRegistered");
  const isMfaCapable = f.reqBool("isMfaCapable");
  const methods = f.strs("methodsRegistered");
  if (!methods) {
    f.diagnostics.push({
      code: "graph.missing-field",
      severity: "error",
      message: "registration: 'methodsRegistered' is missing",
      path: "methodsRegistered",
    });
  }
  return done(
    f,
    compact<UserRegistrationDetails>({
      id,
      userPrincipalName,
      userDisplayName: f.str("userDisplayName") ?? undefined,
      userType: lowerKnown(f.str("userType")),
      isAdmin: f.bool("isAdmin") ?? undefined,
      isMfaRegistered,
      isMfaCapable,
      isPasswordlessCapable: f.bool("isPasswordlessCapable") ?? undefined,
      isSsprRegistered: f.bool("isSsprRegistered") ?? undefined,
      isSsprEnabled: f.bool("isSsprEnabled") ?? undefined,
      isSsprCapable: f.bool("isSsprCapable") ?? undefined,
      isSystemPreferredAuthenticationMethodEnabled: f.bool("isSystemPreferredAuthenticationMethodEnabled") ?? undefined,
      systemPreferredAuthenticationMethods: f.strs("systemPreferredAuthenticationMethods"),
      userPreferredMethodForSecondaryAuthentication:
        f.str("userPreferredMethodForSecondaryAuthentication") ?? undefined,
      defaultMfaMethod: f.str("defaultMfaMethod") ?? undefined,
      methodsRegistered: methods ?? [],
      lastUpdatedDateTime: f.time("lastUpdatedDateTime") ?? undefined,
    }),
  );
}

/**
 * One item of `/users/{userId}/authentication/methods`. Secrets (`password`, `secretKey`,
 * `temporaryAccessPass`) are never copied. `authenticationPhoneType` (older docs) is read as `phoneType`.
 */
export function mapAuthenticationMethod(userId: string, raw: unknown): Result<UserAuthenticationMethod> {
  const f = begin("authenticationMethod", raw);
  if (!f) return notObject("authenticationMethod", raw);
  const id = f.reqStr("id");
  const type = f.reqStr("@odata.type");
  if (!userId) {
    f.diagnostics.push({
      code: "graph.missing-field",
      severity: "error",
      message: "authenticationMethod: the owning user id is missing",
      path: "userId",
    });
  }
  return done(
    f,
    compact<UserAuthenticationMethod>({
      userId,
      id,
      "@odata.type": type.startsWith("#") || type === "" ? type : `#${type}`,
      createdDateTime: f.time("createdDateTime") ?? f.time("creationDateTime") ?? undefined,
      displayName: f.str("displayName") ?? undefined,
      phoneType: f.str("phoneType") ?? f.str("authenticationPhoneType") ?? undefined,
      phoneNumber: f.str("phoneNumber") ?? undefined,
      deviceTag: f.str("deviceTag") ?? undefined,
      phoneAppVersion: f.str("phoneAppVersion") ?? undefined,
      model: f.str("model") ?? undefined,
      aaGuid: f.str("aaGuid") ?? undefined,
    }),
  );
}

function mapTarget(t: Obj): AuditTargetResource {
  const f = new Fields(t, "targetResource");
  return compact<AuditTargetResource>({
    id: f.str("id") ?? undefined,
    displayName: f.str("displayName") ?? undefined,
    type: f.str("type") ?? undefined,
    userPrincipalName: f.str("userPrincipalName") ?? undefined,
    modifiedProperties: (f.arr("modifiedProperties") ?? []).filter(isObj).map((m) =>
      compact({
        displayName: typeof m.displayName === "string" ? m.displayName : undefined,
        oldValue: m.oldValue === undefined || m.oldValue === null ? null : String(m.oldValue),
        newValue: m.newValue === undefined || m.newValue === null ? null : String(m.newValue),
      }),
    ),
  });
}

/** A directoryAudit event. Accepts the docs' `targetResource` spelling and a single object for `targetResources`. */
export function mapDirectoryAudit(raw: unknown): Result<DirectoryAudit> {
  // Always normalised in depth: docs and tools write nested PascalCase (`targetResources[].Type`).
  const f = begin("directoryAudit", raw, true);
  if (!f) return notObject("directoryAudit", raw);
  const id = f.reqStr("id");
  const activityDateTime = f.reqTime("activityDateTime");
  const activityDisplayName = f.reqStr("activityDisplayName").trim();
  const tr = f.o.targetResources ?? f.o.targetResource;
  const targets = (Array.isArray(tr) ? tr : isObj(tr) ? [tr] : []).filter(isObj).map(mapTarget);
  const ib = f.obj("initiatedBy");
  const user = ib && isObj(ib.user) ? ib.user : null;
  const app = ib && isObj(ib.app) ? ib.app : null;
  const s = (o: Obj, k: string) => (typeof o[k] === "string" && o[k] !== "" ? (o[k] as string) : undefined);
  return done(
    f,
    compact<DirectoryAudit>({
      id,
      activityDateTime,
      activityDisplayName,
      category: f.str("category") ?? undefined,
      correlationId: f.str("correlationId") ?? undefined,
      loggedByService: f.str("loggedByService") ?? undefined,
      operationType: f.str("operationType") ?? undefined,
      result: f.str("result") ?? undefined,
      resultReason: f.str("resultReason") ?? undefined,
      initiatedBy:
        user || app
          ? compact({
              user: user
                ? compact({
                    id: s(user, "id"),
                    displayName: s(user, "displayName"),
                    userPrincipalName: s(user, "userPrincipalName"),
                    ipAddress: s(user, "ipAddress"),
                  })
                : undefined,
              app: app
                ? compact({
                    appId: s(app, "appId"),
                    displayName: s(app, "displayName"),
                    servicePrincipalId: s(app, "servicePrincipalId"),
                  })
                : undefined,
            })
          : undefined,
      targetResources: targets,
      additionalDetails: (f.arr("additionalDetails") ?? []).filter(isObj).map((d) =>
        compact({
          key: typeof d.key === "string" ? d.key : undefined,
          value: d.value === undefined || d.value === null ? undefined : String(d.value),
        }),
      ),
    }),
  );
}

const EVENT_TYPES = new Set<SignInEventType>([
  "interactiveUser",
  "nonInteractiveUser",
  "servicePrincipal",
  "managedIdentity",
]);

function eventTypeOf(f: Fields): SignInEventType {
  const list = toStrs(f.o.signInEventTypes) ?? toStrs(f.o.signInEventType) ?? [];
  for (const t of list) if (EVENT_TYPES.has(t as SignInEventType)) return t as SignInEventType;
  return f.bool("isInteractive") === false ? "nonInteractiveUser" : "interactiveUser";
}

function objOrNull(v: unknown): Obj | null {
  return isObj(v) && Object.values(v).some((x) => x !== null && x !== undefined && x !== "") ? v : null;
}

/**
 * A signIn. beta `signInEventTypes[]` → `signInEventType`; v1.0 rows without it are `interactiveUser`
 * unless `isInteractive` is false. Service-principal and managed-identity sign-ins use the service
 * principal as `userId`. `status.errorCode` is required: a sign-in of unknown outcome is never assumed a success.
 */
export function mapSignIn(raw: unknown): Result<SignIn> {
  const f = begin("signIn", raw);
  if (!f) return notObject("signIn", raw);
  const signInEventType = eventTypeOf(f);
  const workload = signInEventType === "servicePrincipal" || signInEventType === "managedIdentity";
  const id = f.reqStr("id");
  const createdDateTime = f.reqTime("createdDateTime");
  const userId = workload ? (f.str("servicePrincipalId") ?? f.reqStr("userId")) : f.reqStr("userId");
  const appId = f.reqStr("appId");
  const status = f.obj("status");
  const code = status ? new Fields(status, "signIn", "status.").num("errorCode") : null;
  if (code === null) {
    f.diagnostics.push({
      code: "graph.missing-field",
      severity: "error",
      message: "signIn: 'status.errorCode' is missing (the outcome of the sign-in is unknown)",
      path: "status.errorCode",
    });
  }
  const sf = status ? new Fields(status, "signIn") : null;
  const loc = objOrNull(f.o.location);
  const dev = objOrNull(f.o.deviceDetail);
  const mfa = objOrNull(f.o.mfaDetail);
  const capList = f.arr("appliedConditionalAccessPolicies");
  const authList = f.arr("authenticationDetails");
  const s = (o: Obj, k: string) => (typeof o[k] === "string" && o[k] !== "" ? (o[k] as string) : null);
  return done(
    f,
    compact<SignIn>({
      id,
      createdDateTime,
      signInEventType,
      userId,
      userPrincipalName: f.str("userPrincipalName") ?? (workload ? (f.str("servicePrincipalName") ?? "") : ""),
      userDisplayName: f.str("userDisplayName") ?? undefined,
      userType: lowerKnown(f.str("userType")),
      appId,
      appDisplayName: f.str("appDisplayName") ?? undefined,
      resourceId: f.str("resourceId") ?? undefined,
      resourceDisplayName: f.str("resourceDisplayName") ?? undefined,
      clientAppUsed: f.str("clientAppUsed") ?? "",
      correlationId: f.str("correlationId") ?? undefined,
      ipAddress: f.str("ipAddress") ?? undefined,
      location: loc
        ? compact({ city: s(loc, "city"), state: s(loc, "state"), countryOrRegion: s(loc, "countryOrRegion") })
        : undefined,
      deviceDetail: dev
        ? compact({
            deviceId: s(dev, "deviceId"),
            displayName: s(dev, "displayName"),
            operatingSystem: s(dev, "operatingSystem"),
            browser: s(dev, "browser"),
            isCompliant: toBool(dev.isCompliant),
            isManaged: toBool(dev.isManaged),
            trustType: s(dev, "trustType"),
          })
        : undefined,
      userAgent: f.str("userAgent") ?? undefined,
      status: compact({
        errorCode: code ?? 0,
        failureReason: sf?.str("failureReason") ?? undefined,
        additionalDetails: sf?.str("additionalDetails") ?? undefined,
      }),
      conditionalAccessStatus: f.str("conditionalAccessStatus") ?? undefined,
      appliedConditionalAccessPolicies: capList
        ? capList.filter(isObj).map((p) =>
            compact<AppliedConditionalAccessPolicy>({
              id: String(p.id ?? ""),
              displayName: typeof p.displayName === "string" ? p.displayName : undefined,
              enforcedGrantControls: toStrs(p.enforcedGrantControls),
              enforcedSessionControls: toStrs(p.enforcedSessionControls),
              result: String(p.result ?? "unknown"),
            }),
          )
        : undefined,
      authenticationRequirement: f.str("authenticationRequirement") ?? undefined,
      authenticationDetails: authList
        ? authList.filter(isObj).map((d) =>
            compact<AuthenticationDetail>({
              authenticationStepDateTime: toIsoTime(d.authenticationStepDateTime) ?? undefined,
              authenticationMethod: s(d, "authenticationMethod") ?? undefined,
              authenticationMethodDetail: s(d, "authenticationMethodDetail") ?? undefined,
              succeeded: toBool(d.succeeded) ?? undefined,
              authenticationStepResultDetail: s(d, "authenticationStepResultDetail") ?? undefined,
              authenticationStepRequirement: s(d, "authenticationStepRequirement") ?? undefined,
            }),
          )
        : undefined,
      mfaDetail: mfa ? compact({ authMethod: s(mfa, "authMethod"), authDetail: s(mfa, "authDetail") }) : undefined,
      riskLevelDuringSignIn: f.str("riskLevelDuringSignIn") ?? f.str("riskLevelDuringsignIn") ?? undefined,
      originalTransferMethod: f.str("originalTransferMethod") ?? undefined,
      authenticationProtocol: f.str("authenticationProtocol") ?? undefined,
      servicePrincipalId: f.str("servicePrincipalId") ?? undefined,
    }),
  );
}
