// Writes a generated tenant as the files an admin would have: Graph JSON pages ({"value": [...]} with
// @odata.context and @odata.nextLink) and the Entra admin center's CSV downloads. Sign-ins are streamed
// day by day (newest first, as Graph and the portal list them); nothing builds one giant string.
// Layout: see README.md in this folder.

import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { User } from "../../core/model/directory.js";
import type { SignIn } from "../../core/model/sign-in.js";
import { TENANT } from "./catalog.js";
import {
  BOM,
  csvLine,
  latencyOf,
  MICROSOFT_TENANT_ID,
  REGISTRATION_CSV_HEADER,
  registrationCsvRow,
  SIGN_IN_CSV_HEADER,
  signInCsvRow,
  uniqueTokenIdentifier,
} from "./csv.js";
import type { GeneratedTenant } from "./index.js";
import { internalsOf } from "./index.js";
import { DAY_MS, isoDate } from "./time.js";

const GRAPH = "https://graph.microsoft.com";
/** Rows per portal CSV download (the portal's limit). */
export const CSV_MAX_ROWS = 100_000;
/** Graph's largest page for sign-ins and audits. */
export const SIGN_IN_PAGE = 1000;
const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";

interface Out {
  readonly root: string;
  readonly files: string[];
  readonly dirs: Set<string>;
}

function ensureDir(o: Out, rel: string): void {
  if (o.dirs.has(rel)) return;
  mkdirSync(join(o.root, rel), { recursive: true });
  o.dirs.add(rel);
}

function put(o: Out, rel: string, content: string): void {
  const slash = rel.lastIndexOf("/");
  if (slash > 0) ensureDir(o, rel.slice(0, slash));
  writeFileSync(join(o.root, rel), content);
  o.files.push(rel);
}

function pageName(i: number): string {
  return `page-${String(i + 1).padStart(5, "0")}.json`;
}

function skipToken(collection: string, page: number): string {
  return createHash("sha256").update(`${collection}#${page}`).digest("hex").slice(0, 48);
}

/**
 * Pages of a Graph collection written as files `<dir>/page-00001.json`, ... Items arrive one by one as JSON text;
 * a page is written when the next page's first item arrives (so it knows it has a nextLink) or at the end.
 */
class PageWriter {
  private buf: string[] = [];
  private page = 0;
  constructor(
    private readonly o: Out,
    private readonly dir: string,
    private readonly context: string,
    private readonly nextBase: string,
    private readonly size: number,
  ) {}

  add(json: string): void {
    if (this.buf.length === this.size) this.flush(true);
    this.buf.push(json);
  }

  end(): void {
    this.flush(false);
  }

  private flush(more: boolean): void {
    if (this.buf.length === 0 && this.page > 0) return;
    const next = more
      ? `,"@odata.nextLink":${JSON.stringify(`${this.nextBase}${this.nextBase.includes("?") ? "&" : "?"}$skiptoken=${skipToken(this.dir, this.page + 1)}`)}`
      : "";
    put(
      this.o,
      `${this.dir}/${pageName(this.page)}`,
      `{"@odata.context":${JSON.stringify(this.context)}${next},"value":[\n${this.buf.join(",\n")}\n]}\n`,
    );
    this.buf = [];
    this.page++;
  }
}

function collection<T>(
  o: Out,
  dir: string,
  context: string,
  nextBase: string,
  size: number,
  items: Iterable<T>,
  map: (t: T) => unknown = (t) => t,
): void {
  const w = new PageWriter(o, dir, context, nextBase, size);
  for (const it of items) w.add(JSON.stringify(map(it)));
  w.end();
}

function single(o: Out, rel: string, context: string, obj: object): void {
  put(o, rel, `${JSON.stringify({ "@odata.context": context, ...obj }, null, 2)}\n`);
}

/** Graph beta signIn shape of a record. */
function signInJson(s: SignIn, tenantId: string): unknown {
  const interactive = s.signInEventType === "interactiveUser";
  return {
    id: s.id,
    createdDateTime: s.createdDateTime,
    userDisplayName: s.userDisplayName,
    userPrincipalName: s.userPrincipalName,
    userId: s.userId,
    userType: s.userType,
    appId: s.appId,
    appDisplayName: s.appDisplayName,
    ipAddress: s.ipAddress,
    clientAppUsed: s.clientAppUsed,
    correlationId: s.correlationId,
    conditionalAccessStatus: s.conditionalAccessStatus,
    isInteractive: interactive,
    signInEventTypes: [s.signInEventType],
    riskDetail: "none",
    riskLevelAggregated: "none",
    riskLevelDuringSignIn: s.riskLevelDuringSignIn ?? "none",
    riskState: "none",
    riskEventTypes_v2: [],
    resourceDisplayName: s.resourceDisplayName,
    resourceId: s.resourceId,
    resourceTenantId: tenantId,
    homeTenantId: tenantId,
    appOwnerTenantId: MICROSOFT_TENANT_ID,
    authenticationRequirement: s.authenticationRequirement,
    authenticationProtocol: s.authenticationProtocol ?? "none",
    incomingTokenType: interactive ? "none" : "refreshToken",
    originalTransferMethod: "none",
    crossTenantAccessType: s.userType === "guest" ? "b2bCollaboration" : "none",
    tokenIssuerType: "AzureAD",
    tokenIssuerName: "",
    processingTimeInMilliseconds: latencyOf(s.id),
    uniqueTokenIdentifier: uniqueTokenIdentifier(s.id),
    userAgent: s.userAgent,
    status: s.status,
    deviceDetail: s.deviceDetail,
    location: s.location,
    mfaDetail: s.mfaDetail ?? null,
    appliedConditionalAccessPolicies: s.appliedConditionalAccessPolicies,
    authenticationDetails: (s.authenticationDetails ?? []).map((d) => ({
      authenticationStepDateTime: s.createdDateTime,
      ...d,
    })),
  };
}

function userJson(u: User): unknown {
  return {
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    userType: u.userType,
    accountEnabled: u.accountEnabled,
    jobTitle: u.jobTitle,
    department: u.department,
    mail: u.mail,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    createdDateTime: u.createdDateTime,
    externalUserState: u.externalUserState,
    assignedLicenses: u.assignedLicenses,
    signInActivity: u.signInActivity,
  };
}

/** CSV files of one sign-in type, split at day boundaries so each holds at most CSV_MAX_ROWS rows. */
class CsvSeries {
  private fd: number | null = null;
  private rows = 0;
  private tmp = "";
  private hiDay = 0;
  private loDay = 0;
  private seq = 0;
  private readonly names: { tmp: string; name: string }[] = [];
  constructor(
    private readonly o: Out,
    private readonly prefix: string,
    private readonly fromMs: number,
    private readonly days: number,
    private readonly maxRows: number,
  ) {}

  /** Add one day's rows (days arrive newest first). */
  addDay(day: number, lines: string[]): void {
    if (this.fd !== null && this.rows + lines.length > this.maxRows) this.close("");
    if (lines.length <= this.maxRows) {
      if (this.fd === null) this.open(day);
      if (lines.length) writeSync(this.fd!, lines.join(""));
      this.rows += lines.length;
      this.loDay = day;
      return;
    }
    // One day alone exceeds the limit: the admin would have had to narrow the time filter within the day.
    for (let i = 0, part = 1; i < lines.length; i += this.maxRows, part++) {
      this.open(day);
      writeSync(this.fd!, lines.slice(i, i + this.maxRows).join(""));
      this.close(`_${part}`);
    }
  }

  private open(day: number): void {
    ensureDir(this.o, "portal");
    this.tmp = `portal/.${this.prefix}-${this.seq++}.tmp`;
    this.fd = openSync(join(this.o.root, this.tmp), "w");
    writeSync(this.fd, BOM + csvLine(SIGN_IN_CSV_HEADER));
    this.rows = 0;
    this.hiDay = day;
    this.loDay = day;
  }

  private close(suffix: string): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    const from = isoDate(this.fromMs + this.loDay * DAY_MS);
    const to = isoDate(this.fromMs + (this.hiDay + 1) * DAY_MS);
    this.names.push({ tmp: this.tmp, name: `portal/${this.prefix}_${from}_${to}${suffix}.csv` });
  }

  finish(): void {
    if (this.fd === null && this.names.length === 0) {
      this.open(this.days - 1);
      this.loDay = 0;
    }
    this.close("");
    for (const { tmp, name } of this.names) {
      renameSync(join(this.o.root, tmp), join(this.o.root, name));
      this.o.files.push(name);
    }
  }
}

export async function writeTenantFiles(
  t: GeneratedTenant,
  outDir: string,
  opts: {
    progress?: (done: number, total?: number) => void;
    /** Rows per CSV file; the portal's 100,000 unless a test wants to see the split on a small tenant. */
    csvMaxRows?: number;
  } = {},
): Promise<{ files: string[] }> {
  const { ctx, signInsOfDay } = internalsOf(t);
  const s = t.snapshot;
  const o: Out = { root: outDir, files: [], dirs: new Set() };
  mkdirSync(outDir, { recursive: true });
  const v1 = `${GRAPH}/v1.0`;
  const meta = (path: string) => `${v1}/$metadata#${path}`;

  // Directory.
  collection(
    o,
    "graph/v1.0/users",
    meta(
      "users(id,displayName,userPrincipalName,userType,accountEnabled,jobTitle,department,mail,onPremisesSyncEnabled,createdDateTime,externalUserState,assignedLicenses,signInActivity)",
    ),
    `${v1}/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,jobTitle,department,mail,onPremisesSyncEnabled,createdDateTime,externalUserState,assignedLicenses,signInActivity&$top=500`,
    500,
    s.users,
    userJson,
  );
  collection(o, "graph/v1.0/groups", meta("groups"), `${v1}/groups?$top=999`, 999, s.groups);
  const byId = new Map(s.users.map((u) => [u.id, u]));
  const groupById = new Map(s.groups.map((g) => [g.id, g]));
  const membersOf = new Map<string, typeof s.groupMembers>();
  for (const m of s.groupMembers) {
    const list = (membersOf.get(m.groupId) ?? []) as (typeof s.groupMembers)[number][];
    list.push(m);
    membersOf.set(m.groupId, list);
  }
  for (const g of s.groups) {
    collection(
      o,
      `graph/v1.0/groups/${g.id}/members`,
      meta("directoryObjects"),
      `${v1}/groups/${g.id}/members?$top=999`,
      999,
      membersOf.get(g.id) ?? [],
      (m) => {
        if (m.memberType === "group") {
          const gg = groupById.get(m.memberId);
          return { "@odata.type": "#microsoft.graph.group", id: m.memberId, displayName: gg?.displayName ?? null };
        }
        const u = byId.get(m.memberId);
        return {
          "@odata.type": "#microsoft.graph.user",
          id: m.memberId,
          displayName: u?.displayName ?? null,
          userPrincipalName: u?.userPrincipalName ?? null,
        };
      },
    );
  }
  collection(
    o,
    "graph/v1.0/roleManagement/directory/roleDefinitions",
    meta("roleManagement/directory/roleDefinitions"),
    `${v1}/roleManagement/directory/roleDefinitions`,
    999,
    s.roleDefinitions,
    (r) => ({ ...r, isEnabled: true }),
  );
  collection(
    o,
    "graph/v1.0/roleManagement/directory/roleAssignments",
    meta("roleManagement/directory/roleAssignments"),
    `${v1}/roleManagement/directory/roleAssignments`,
    999,
    s.roleAssignments.filter((r) => r.assignmentType === "active"),
    (r) => ({
      id: r.id,
      principalId: r.principalId,
      roleDefinitionId: r.roleDefinitionId,
      directoryScopeId: r.directoryScopeId,
      appScopeId: null,
    }),
  );
  collection(
    o,
    "graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances",
    meta("roleManagement/directory/roleEligibilityScheduleInstances"),
    `${v1}/roleManagement/directory/roleEligibilityScheduleInstances`,
    999,
    s.roleAssignments.filter((r) => r.assignmentType === "eligible"),
    (r) => ({
      id: r.id,
      principalId: r.principalId,
      roleDefinitionId: r.roleDefinitionId,
      directoryScopeId: r.directoryScopeId,
      appScopeId: null,
      startDateTime: r.startDateTime,
      endDateTime: r.endDateTime,
      memberType: "Direct",
      roleEligibilityScheduleId: r.id,
    }),
  );
  collection(
    o,
    "graph/v1.0/servicePrincipals",
    meta("servicePrincipals"),
    `${v1}/servicePrincipals?$top=999`,
    999,
    s.servicePrincipals,
  );
  collection(
    o,
    "graph/v1.0/subscribedSkus",
    meta("subscribedSkus"),
    `${v1}/subscribedSkus`,
    999,
    s.subscribedSkus,
    (k) => ({
      accountId: s.meta.tenantId,
      accountName: TENANT.displayName,
      appliesTo: "User",
      id: `${s.meta.tenantId}_${k.skuId}`,
      ...k,
    }),
  );
  collection(
    o,
    "graph/v1.0/places/microsoft.graph.room",
    meta("places/microsoft.graph.room"),
    `${v1}/places/microsoft.graph.room`,
    100,
    s.rooms,
    (r) => ({
      "@odata.type": "#microsoft.graph.room",
      ...r,
      bookingType: "standard",
    }),
  );

  // Configuration.
  collection(
    o,
    "graph/v1.0/identity/conditionalAccess/policies",
    meta("identity/conditionalAccess/policies"),
    `${v1}/identity/conditionalAccess/policies`,
    999,
    s.policies,
  );
  collection(
    o,
    "graph/v1.0/identity/conditionalAccess/namedLocations",
    meta("identity/conditionalAccess/namedLocations"),
    `${v1}/identity/conditionalAccess/namedLocations`,
    999,
    s.namedLocations,
  );
  collection(
    o,
    "graph/v1.0/identity/conditionalAccess/authenticationStrength/policies",
    meta("identity/conditionalAccess/authenticationStrength/policies"),
    `${v1}/identity/conditionalAccess/authenticationStrength/policies`,
    999,
    s.authenticationStrengths,
    (p) => ({ ...p, combinationConfigurations: [] }),
  );
  if (s.authenticationMethodsPolicy) {
    single(
      o,
      "graph/v1.0/policies/authenticationMethodsPolicy.json",
      meta("policies/authenticationMethodsPolicy/$entity"),
      { displayName: "Authentication Methods Policy", ...s.authenticationMethodsPolicy },
    );
  }
  single(
    o,
    "graph/v1.0/policies/identitySecurityDefaultsEnforcementPolicy.json",
    meta("policies/identitySecurityDefaultsEnforcementPolicy/$entity"),
    {
      id: "00000000-0000-0000-0000-000000000005",
      displayName: "Security Defaults",
      description: "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.",
      isEnabled: s.securityDefaults?.isEnabled ?? false,
    },
  );

  // Registration.
  collection(
    o,
    "graph/v1.0/reports/authenticationMethods/userRegistrationDetails",
    meta("reports/authenticationMethods/userRegistrationDetails"),
    `${v1}/reports/authenticationMethods/userRegistrationDetails`,
    999,
    s.registrations,
  );
  const methodsOf = new Map<string, (typeof s.authenticationMethods)[number][]>();
  for (const m of s.authenticationMethods) {
    const list = methodsOf.get(m.userId) ?? [];
    list.push(m);
    methodsOf.set(m.userId, list);
  }
  for (const u of s.users) {
    const ms = methodsOf.get(u.id);
    if (!ms) continue;
    const value = [
      {
        "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
        id: PASSWORD_METHOD_ID,
        password: null,
        createdDateTime: u.createdDateTime,
      },
      ...ms.map((m) => methodJson(m, u)),
    ];
    put(
      o,
      `graph/v1.0/users/${u.id}/authentication/methods.json`,
      `${JSON.stringify({ "@odata.context": meta(`users('${u.id}')/authentication/methods`), value }, null, 2)}\n`,
    );
  }
  collection(
    o,
    "graph/v1.0/auditLogs/directoryAudits",
    meta("auditLogs/directoryAudits"),
    `${v1}/auditLogs/directoryAudits?$filter=loggedByService eq 'Authentication Methods'`,
    1000,
    s.directoryAudits,
  );
  let reg = BOM + csvLine(REGISTRATION_CSV_HEADER);
  for (const r of s.registrations) reg += registrationCsvRow(r);
  put(o, `portal/UserRegistrationDetails_${isoDate(ctx.toMs)}.csv`, reg);

  // Sign-ins: newest day first, newest record first within a day.
  const beta = `${GRAPH}/beta`;
  const filter = (t: string) =>
    `${beta}/auditLogs/signIns?$filter=createdDateTime ge ${isoDate(ctx.fromMs)}T00:00:00Z and signInEventTypes/any(t: t eq '${t}')&$top=1000`;
  const inter = new PageWriter(
    o,
    "graph/beta/auditLogs/signIns/interactive",
    `${beta}/$metadata#auditLogs/signIns`,
    filter("interactiveUser"),
    SIGN_IN_PAGE,
  );
  const nonInter = new PageWriter(
    o,
    "graph/beta/auditLogs/signIns/nonInteractive",
    `${beta}/$metadata#auditLogs/signIns`,
    filter("nonInteractiveUser"),
    SIGN_IN_PAGE,
  );
  const maxRows = opts.csvMaxRows ?? CSV_MAX_ROWS;
  const csvI = new CsvSeries(o, "InteractiveSignIns", ctx.fromMs, ctx.days, maxRows);
  const csvN = new CsvSeries(o, "NonInteractiveSignIns", ctx.fromMs, ctx.days, maxRows);
  const tenantId = s.meta.tenantId;
  for (let day = ctx.days - 1; day >= 0; day--) {
    const recs = signInsOfDay(day).sort((a, b) =>
      a.createdDateTime < b.createdDateTime ? -1 : a.createdDateTime > b.createdDateTime ? 1 : a.id < b.id ? -1 : 1,
    );
    const rowsI: string[] = [];
    const rowsN: string[] = [];
    for (let i = recs.length - 1; i >= 0; i--) {
      const r = recs[i]!;
      const json = JSON.stringify(signInJson(r, tenantId));
      const row = signInCsvRow(r, tenantId, TENANT.displayName);
      if (r.signInEventType === "interactiveUser") {
        inter.add(json);
        rowsI.push(row);
      } else {
        nonInter.add(json);
        rowsN.push(row);
      }
    }
    csvI.addDay(day, rowsI);
    csvN.addDay(day, rowsN);
    opts.progress?.(ctx.days - day, ctx.days);
    await new Promise<void>((r) => setImmediate(r));
  }
  inter.end();
  nonInter.end();
  csvI.finish();
  csvN.finish();

  put(o, "ground-truth.json", `${JSON.stringify(t.groundTruth, null, 2)}\n`);
  put(
    o,
    "manifest.json",
    `${JSON.stringify(
      {
        generator: "glidepath simulator",
        tenant: TENANT.displayName,
        tenantId,
        seed: ctx.seed,
        users: ctx.users,
        now: ctx.now,
        days: ctx.days,
        signInWindow: s.meta.signInWindow,
        layout: "see src/adapters/simulator/README.md",
        // What this run wrote: a later `--force` removes exactly these, nothing else.
        files: [...o.files].sort(),
      },
      null,
      2,
    )}\n`,
  );
  return { files: [...o.files].sort() };
}

function methodJson(m: GeneratedTenant["snapshot"]["authenticationMethods"][number], u: User): unknown {
  const { userId: _u, ...rest } = m;
  switch (m["@odata.type"]) {
    case "#microsoft.graph.phoneAuthenticationMethod":
      return {
        "@odata.type": rest["@odata.type"],
        id: rest.id,
        phoneNumber: rest.phoneNumber,
        phoneType: rest.phoneType,
        smsSignInState: "notAllowedByPolicy",
        createdDateTime: rest.createdDateTime,
      };
    case "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod":
      return {
        "@odata.type": rest["@odata.type"],
        id: rest.id,
        displayName: rest.displayName,
        deviceTag: rest.deviceTag,
        phoneAppVersion: rest.phoneAppVersion,
        createdDateTime: rest.createdDateTime,
      };
    case "#microsoft.graph.fido2AuthenticationMethod":
      return {
        "@odata.type": rest["@odata.type"],
        id: rest.id,
        displayName: rest.displayName,
        createdDateTime: rest.createdDateTime,
        aaGuid: rest.aaGuid,
        model: rest.model,
        attestationCertificates: [],
        attestationLevel: "attested",
      };
    case "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod":
      return {
        "@odata.type": rest["@odata.type"],
        id: rest.id,
        displayName: rest.displayName,
        createdDateTime: rest.createdDateTime,
        keyStrength: "normal",
      };
    case "#microsoft.graph.softwareOathAuthenticationMethod":
      return {
        "@odata.type": rest["@odata.type"],
        id: rest.id,
        secretKey: null,
        createdDateTime: rest.createdDateTime,
      };
    case "#microsoft.graph.emailAuthenticationMethod":
      return {
        "@odata.type": rest["@odata.type"],
        id: rest.id,
        emailAddress: `${u.userPrincipalName.split("@")[0]}@example.com`,
        createdDateTime: rest.createdDateTime,
      };
    default:
      return rest;
  }
}
