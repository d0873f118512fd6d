// Writes a workspace snapshot back out as files an admin (or Glidepath's import) can read: Graph JSON
// pages ({"@odata.context", "value": [...]}) for every collection, or the Entra admin center's CSV
// downloads for sign-ins, authentication details, users, groups, members and registrations (the rest,
// which the portal has no CSV for, stays Graph JSON). Sign-ins stream from the workspace log.

import { join } from "node:path";
import {
  type AccessPattern,
  COLLECTIONS,
  type CollectionName,
  errorClassOf,
  type SignIn,
  type SignInEventType,
  type TenantSnapshot,
} from "../../core/model/index.js";
import { csvField } from "../../core/text/csv.js";
import { AtomicFile } from "../files/output-folder.js";
import { PORTAL_AUTH_DETAILS_HEADER, PORTAL_SP_HEADER, SIGN_IN_CSV_HEADER } from "../formats/portal-csv.js";

export type ExportFormat = "graph-json" | "portal-csv";

export interface ExportedFile {
  readonly file: string;
  readonly records: number;
}

const G = "https://graph.microsoft.com/v1.0/$metadata#";

/** Context of each Graph JSON file; import detects the kind from it. */
const CONTEXTS: Partial<Record<CollectionName, string>> = {
  users: `${G}users`,
  groups: `${G}groups`,
  groupMembers: `${G}glidepath.groupMembers`,
  roleDefinitions: `${G}roleManagement/directory/roleDefinitions`,
  roleAssignments: `${G}roleManagement/directory/roleAssignments`,
  servicePrincipals: `${G}servicePrincipals`,
  policies: `${G}identity/conditionalAccess/policies`,
  namedLocations: `${G}identity/conditionalAccess/namedLocations`,
  authenticationStrengths: `${G}policies/authenticationStrengthPolicies`,
  authenticationMethodsPolicy: `${G}policies/authenticationMethodsPolicy`,
  securityDefaults: `${G}policies/identitySecurityDefaultsEnforcementPolicy`,
  subscribedSkus: `${G}subscribedSkus`,
  registrations: `${G}reports/authenticationMethods/userRegistrationDetails`,
  authenticationMethods: `${G}glidepath.userAuthenticationMethods`,
  rooms: `${G}places/microsoft.graph.room`,
  directoryAudits: `${G}auditLogs/directoryAudits`,
  accessPatterns: `${G}glidepath.accessPatterns`,
};

/** One exported file: buffered, written beside its name and renamed into place when closed. */
class Out {
  private readonly f: AtomicFile;
  private buf: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.f = new AtomicFile(path);
  }
  async write(text: string): Promise<void> {
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }
  private flush(): void {
    this.f.write(this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }
  async close(): Promise<void> {
    try {
      this.flush();
      this.f.commit();
    } catch (e) {
      this.f.abort();
      throw e;
    }
  }
}

async function writeJsonPage(path: string, context: string, items: Iterable<unknown>): Promise<number> {
  const out = new Out(path);
  await out.write(`{"@odata.context":${JSON.stringify(context)},"value":[`);
  let n = 0;
  for (const it of items) {
    await out.write(`${n === 0 ? "\n" : ",\n"}${JSON.stringify(it)}`);
    n++;
  }
  await out.write("\n]}\n");
  await out.close();
  return n;
}

/** Marks a sign-in written from the index only: import never keeps it as a raw row. */
export const INDEX_ONLY = "@glidepath.indexOnly";

/** What an export reads of a workspace: its sign-in log and its directly imported aggregates. */
export interface ExportSource {
  iterateSignIns(): Iterable<{ signIn: SignIn; raw: boolean }>;
  iteratePatterns(opts: { source: "direct" }): Iterable<AccessPattern>;
}

/**
 * Every sign-in of the workspace log, oldest first. Rows whose raw JSON was not retained come back as the
 * indexed columns (everything an access pattern groups by), so a re-import derives the same patterns;
 * `mark` tags those so the importer never keeps them as raw rows.
 */
function* signInsOf(store: ExportSource, mark = false): Generator<SignIn> {
  for (const { signIn, raw } of store.iterateSignIns()) {
    yield mark && !raw ? ({ ...signIn, [INDEX_ONLY]: true } as SignIn) : signIn;
  }
}

/** Access patterns imported as aggregates (no sign-ins behind them); derived ones re-derive on import. */
function directPatterns(store: ExportSource): AccessPattern[] {
  return [...store.iteratePatterns({ source: "direct" })];
}

function tenantRecord(s: TenantSnapshot): Record<string, unknown> {
  const { present: _p, signInWindow: _w, signInCount: _c, ...meta } = s.meta;
  return { "@odata.context": `${G}glidepath.tenant`, ...meta };
}

/** Every collection of the snapshot except the sign-in log and its patterns, which are written apart. */
const JSON_FILES: readonly CollectionName[] = COLLECTIONS.filter((c) => c !== "signIns" && c !== "accessPatterns");

/** The portal's sign-in CSV header (its quirks included: trailing spaces, a repeated column). */
export const PORTAL_SIGNIN_HEADER = SIGN_IN_CSV_HEADER;
export { PORTAL_SP_HEADER };

/**
 * One exported CSV cell, neutralised against spreadsheet formulas like every CSV Glidepath writes; `import`
 * reads the neutralised cells back unchanged (see core/text/csv.ts).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  return csvField(typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v));
}

function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function statusText(code: number): string {
  const c = errorClassOf(code);
  return c === "success" ? "Success" : c === "interrupt" ? "Interrupted" : "Failure";
}

function location(s: SignIn): string {
  const l = s.location;
  if (!l || (!l.city && !l.state && !l.countryOrRegion)) return "";
  return `${l.city ?? ""}, ${l.state ?? ""}, ${l.countryOrRegion ?? ""}`;
}

function portalRow(s: SignIn): Record<string, unknown> {
  const d = s.deviceDetail;
  const byName: Record<string, unknown> = {
    "Date (UTC)": s.createdDateTime,
    "Request ID": s.id,
    "User agent": s.userAgent,
    "Correlation ID": s.correlationId,
    "User ID": s.userId,
    User: s.userDisplayName,
    Username: s.userPrincipalName,
    "User type": s.userType,
    "Authentication Protocol": s.authenticationProtocol,
    "Original transfer method": s.originalTransferMethod,
    Application: s.appDisplayName,
    "Application ID ": s.appId,
    Resource: s.resourceDisplayName,
    "Resource ID ": s.resourceId,
    "IP address": s.ipAddress,
    Location: location(s),
    Status: statusText(s.status.errorCode),
    "Sign-in error code": s.status.errorCode,
    "Failure reason": s.status.failureReason,
    "Client app": s.clientAppUsed,
    "Device ID": d?.deviceId,
    Browser: d?.browser,
    "Operating System": d?.operatingSystem,
    Compliant: d?.isCompliant,
    Managed: d?.isManaged,
    "Join Type": d?.trustType,
    "Multifactor authentication result": s.status.additionalDetails,
    "Multifactor authentication auth method": s.mfaDetail?.authMethod,
    "Multifactor authentication auth detail": s.mfaDetail?.authDetail,
    "Authentication requirement": s.authenticationRequirement,
    "Conditional Access": s.conditionalAccessStatus,
    "Service principal ID": s.servicePrincipalId ?? s.userId,
    "Service principal name": s.userPrincipalName,
  };
  return byName;
}

function rowFor(header: readonly string[], s: SignIn, extra: Record<string, unknown> = {}): unknown[] {
  const byName = { ...portalRow(s), ...extra };
  const seen = new Set<string>();
  return header.map((h) => {
    if (seen.has(h)) return "";
    seen.add(h);
    return byName[h];
  });
}

const LIST_COLUMNS: Partial<Record<CollectionName, readonly string[]>> = {
  users: [
    "id",
    "userPrincipalName",
    "displayName",
    "userType",
    "accountEnabled",
    "jobTitle",
    "department",
    "mail",
    "onPremisesSyncEnabled",
    "createdDateTime",
    "externalUserState",
    "lastSignInDateTime",
    "lastNonInteractiveSignInDateTime",
    "lastSuccessfulSignInDateTime",
    "assignedLicenses",
  ],
  groups: [
    "id",
    "displayName",
    "description",
    "groupTypes",
    "membershipRule",
    "securityEnabled",
    "mailEnabled",
    "isAssignableToRole",
    "onPremisesSyncEnabled",
    "createdDateTime",
  ],
  groupMembers: ["groupId", "memberId", "memberType"],
  registrations: [
    "id",
    "userPrincipalName",
    "userDisplayName",
    "userType",
    "isAdmin",
    "isMfaRegistered",
    "isMfaCapable",
    "isPasswordlessCapable",
    "isSsprRegistered",
    "isSsprEnabled",
    "isSsprCapable",
    "isSystemPreferredAuthenticationMethodEnabled",
    "systemPreferredAuthenticationMethods",
    "userPreferredMethodForSecondaryAuthentication",
    "defaultMfaMethod",
    "methodsRegistered",
    "lastUpdatedDateTime",
  ],
};

const LIST_FILES: Partial<Record<CollectionName, string>> = {
  users: "Users.csv",
  groups: "Groups.csv",
  groupMembers: "GroupMembers.csv",
  registrations: "UserRegistrationDetails.csv",
};

async function writeList(
  path: string,
  cols: readonly string[],
  items: readonly Record<string, unknown>[],
): Promise<number> {
  const out = new Out(path);
  await out.write(`\uFEFF${csvLine(cols)}`);
  for (const it of items) {
    const flat: Record<string, unknown> = {
      ...it,
      ...((it.signInActivity as Record<string, unknown> | undefined) ?? {}),
    };
    await out.write(csvLine(cols.map((c) => flat[c])));
  }
  await out.close();
  return items.length;
}

/** Write `snapshot` (directory and configuration) and the workspace sign-in log to `dir`. */
export async function writeExport(
  store: ExportSource,
  snapshot: TenantSnapshot,
  dir: string,
  format: ExportFormat,
): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  const present = new Set(snapshot.meta.present);
  {
    const out = new Out(join(dir, "tenant.json"));
    await out.write(`${JSON.stringify(tenantRecord(snapshot), null, 2)}\n`);
    await out.close();
    files.push({ file: "tenant.json", records: 1 });
  }
  for (const c of JSON_FILES) {
    if (!present.has(c)) continue;
    const csvName = format === "portal-csv" ? LIST_FILES[c] : undefined;
    const v = snapshot[c] as unknown;
    const items = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (csvName) {
      const n = await writeList(join(dir, csvName), LIST_COLUMNS[c] ?? [], items as Record<string, unknown>[]);
      files.push({ file: csvName, records: n });
      continue;
    }
    const name = `${c}.json`;
    const ctx = CONTEXTS[c] as string;
    const n = await writeJsonPage(join(dir, name), ctx, items);
    files.push({ file: name, records: n });
  }
  const direct = directPatterns(store);
  if (direct.length > 0) {
    const n = await writeJsonPage(join(dir, "accessPatterns.json"), CONTEXTS.accessPatterns as string, direct);
    files.push({ file: "accessPatterns.json", records: n });
  }
  if (!present.has("signIns")) return files;
  if (format === "graph-json") {
    const n = await writeJsonPage(join(dir, "signIns.json"), `${G}auditLogs/signIns`, signInsOf(store, true));
    files.push({ file: "signIns.json", records: n });
    return files;
  }
  // Portal CSV: one file per sign-in type, plus the authentication details of each.
  const w = snapshot.meta.signInWindow;
  const span = w ? `${w.from.slice(0, 10)}_${w.to.slice(0, 10)}` : "all";
  const kinds: [SignInEventType, string, readonly string[]][] = [
    ["interactiveUser", `InteractiveSignIns_${span}.csv`, PORTAL_SIGNIN_HEADER],
    ["nonInteractiveUser", `NonInteractiveSignIns_${span}.csv`, PORTAL_SIGNIN_HEADER],
    ["servicePrincipal", `ApplicationSignIns_${span}.csv`, PORTAL_SP_HEADER],
    ["managedIdentity", `MSISignIns_${span}.csv`, [...PORTAL_SP_HEADER, "Managed Identity type"]],
  ];
  const outs = new Map<
    SignInEventType,
    { out: Out; header: readonly string[]; file: string; n: number; auth?: Out; authFile?: string; authN: number }
  >();
  for (const [t, file, header] of kinds) {
    const out = new Out(join(dir, file));
    await out.write(`\uFEFF${csvLine(header)}`);
    outs.set(t, { out, header, file, n: 0, authN: 0 });
  }
  for (const s of signInsOf(store)) {
    const o = outs.get(s.signInEventType) ?? outs.get("interactiveUser");
    if (!o) continue;
    await o.out.write(
      csvLine(rowFor(o.header, s, s.signInEventType === "managedIdentity" ? { "Managed Identity type": "" } : {})),
    );
    o.n++;
    if (
      s.authenticationDetails?.length &&
      (s.signInEventType === "interactiveUser" || s.signInEventType === "nonInteractiveUser")
    ) {
      if (!o.auth) {
        o.authFile = o.file.replace("SignIns_", "SignIns_AuthDetails_");
        o.auth = new Out(join(dir, o.authFile));
        await o.auth.write(`\uFEFF${csvLine(PORTAL_AUTH_DETAILS_HEADER)}`);
      }
      for (const d of s.authenticationDetails) {
        await o.auth.write(
          csvLine([
            s.id,
            d.authenticationStepDateTime,
            d.authenticationMethod,
            d.authenticationMethodDetail,
            d.succeeded,
            d.authenticationStepResultDetail,
            d.authenticationStepRequirement,
          ]),
        );
        o.authN++;
      }
    }
  }
  for (const o of outs.values()) {
    await o.out.close();
    files.push({ file: o.file, records: o.n });
    if (o.auth) {
      await o.auth.close();
      files.push({ file: o.authFile as string, records: o.authN });
    }
  }
  return files;
}
