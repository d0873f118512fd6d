// Who is in Northwind Estates: the accounts of the tenant as profiles (people, IT and executives, leavers,
// guests, emergency, service, sync, shared-mailbox and room accounts), their devices, roles and legacy habits.
// Proportions scale with the size; every planted situation exists at every size >= 50.

import { ROLE } from "../../core/model/well-known.js";
import {
  DEPARTMENTS,
  type Department,
  EXECUTIVE_TITLES,
  FIRST_NAMES,
  GUEST_HOMES,
  HOME_PREFIXES,
  HOME_TOWNS,
  IT_TITLES,
  LAST_NAMES,
  MEETING_ROOMS,
  OFFICES,
  type OfficeKey,
  PRINTERS,
  SHARED_MAILBOXES,
  TENANT,
  TRAVEL,
} from "./catalog.js";
import type { GenContext } from "./context.js";
import type { LegacyDependency } from "./ground-truth.js";
import { type Rng, STREAM } from "./prng.js";
import type { DeviceInfo, Profile, ProfileKind, ServiceRole } from "./profile.js";
import { DAY_MS, iso, isWeekend } from "./time.js";

/** How many accounts of each kind a tenant of `n` user objects has. */
export interface Composition {
  readonly emergency: 2;
  readonly sync: 1;
  readonly printers: number;
  readonly erp: number;
  readonly ropc: number;
  readonly shared: number;
  readonly rooms: number;
  readonly guests: number;
  readonly leavers: number;
  readonly people: number;
  readonly it: number;
  readonly execs: number;
}

export function composition(n: number): Composition {
  const printers = clamp(Math.round(n / 180), 2, 60);
  const erp = n >= 20_000 ? 2 : 1;
  const ropc = clamp(Math.round(n / 1000), 1, 20);
  const shared = clamp(Math.round(n * 0.012), 3, 2000);
  const rooms = clamp(Math.round(n * 0.008), 3, 1000);
  const guests = Math.round(n * 0.06);
  const leavers = Math.max(2, Math.round(n * 0.03));
  const people = n - 2 - 1 - printers - erp - ropc - shared - rooms - guests - leavers;
  const it = Math.max(4, Math.round(n * 0.03));
  return { emergency: 2, sync: 1, printers, erp, ropc, shared, rooms, guests, leavers, people, it, execs: 8 };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

const PARTNER_DOMAINS = [
  "contoso-lettings.co.uk",
  "fabrikam-surveyors.com",
  "tailspin-legal.co.uk",
  "adatum-audit.com",
  "woodgrove-bank.com",
  "litware-build.co.uk",
  "proseware-facilities.com",
];

const EMERGENCY_WORDS = ["ashdown", "kestrel", "marlow", "penrose", "hartley", "linden", "corran", "dunmore"];

interface Builder {
  ctx: GenContext;
  rng: Rng;
  idRng: Rng;
  upns: Set<string>;
  profiles: Profile[];
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9-]/g, "");
}

function uniqueUpn(b: Builder, local: string, domain: string): string {
  let upn = `${local}@${domain}`;
  let n = 2;
  while (b.upns.has(upn.toLowerCase())) upn = `${local}${n++}@${domain}`;
  b.upns.add(upn.toLowerCase());
  return upn;
}

function ip(rng: Rng, prefix: string): string {
  return `${prefix}.${rng.range(1, 254)}.${rng.range(1, 254)}`;
}

/** Device strings repeat across thousands of profiles: keep one copy of each. */
const STRINGS = new Map<string, string>();
function str(v: string): string;
function str(v: string | null): string | null;
function str(v: string | null): string | null {
  if (v === null) return null;
  const hit = STRINGS.get(v);
  if (hit !== undefined) return hit;
  if (STRINGS.size < 100_000) STRINGS.set(v, v);
  return v;
}

function interned(d: DeviceInfo): DeviceInfo {
  return {
    ...d,
    operatingSystem: str(d.operatingSystem),
    browser: str(d.browser),
    trustType: str(d.trustType),
    userAgent: str(d.userAgent),
    appUserAgent: str(d.appUserAgent),
    appBrowser: str(d.appBrowser),
  };
}

/** The devices a profile uses. */
function desk(
  b: Builder,
  os: "Windows10" | "MacOs",
  synced: boolean,
  kiosk: { id: string; name: string } | null,
): DeviceInfo {
  const { rng, ctx } = b;
  const rich = `Rich Client 5.${rng.range(0, 9)}.${rng.range(1000, 9999)}.0`;
  if (kiosk) {
    return {
      deviceId: kiosk.id,
      displayName: kiosk.name,
      operatingSystem: "Windows10",
      browser: `Edge ${ctx.chrome}.0.0`,
      isCompliant: true,
      isManaged: true,
      trustType: "Hybrid Azure AD joined",
      userAgent: edgeUa(ctx.chrome),
      appUserAgent:
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/24295.605.3225.8804",
      appBrowser: rich,
    };
  }
  const compliant = rng.chance(0.95);
  if (os === "MacOs") {
    const safari = rng.chance(0.5);
    return {
      deviceId: b.idRng.guid(),
      displayName: `NWE-MB-${String(rng.range(10000, 99999))}`,
      operatingSystem: "MacOs",
      browser: safari ? `Safari ${ctx.safari}.0` : `Chrome ${ctx.chrome}.0.0`,
      isCompliant: compliant,
      isManaged: true,
      trustType: "Azure AD registered",
      userAgent: safari
        ? `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${ctx.safari}.0 Safari/605.1.15`
        : `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${ctx.chrome}.0.0.0 Safari/537.36`,
      appUserAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Teams/24295.605.3225.8804",
      appBrowser: rich,
    };
  }
  const br = rng.weighted([
    ["edge", 65],
    ["chrome", 30],
    ["firefox", 5],
  ] as const);
  return {
    deviceId: b.idRng.guid(),
    displayName: `NWE-LT-${String(rng.range(10000, 99999))}`,
    operatingSystem: "Windows10",
    browser:
      br === "edge"
        ? `Edge ${ctx.chrome}.0.0`
        : br === "chrome"
          ? `Chrome ${ctx.chrome}.0.0`
          : `Firefox ${ctx.firefox}.0`,
    isCompliant: compliant,
    isManaged: true,
    trustType: synced ? "Hybrid Azure AD joined" : "Azure AD joined",
    userAgent:
      br === "edge"
        ? edgeUa(ctx.chrome)
        : br === "chrome"
          ? `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${ctx.chrome}.0.0.0 Safari/537.36`
          : `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${ctx.firefox}.0) Gecko/20100101 Firefox/${ctx.firefox}.0`,
    appUserAgent:
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/24295.605.3225.8804",
    appBrowser: rich,
  };
}

function edgeUa(v: number): string {
  return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.0.0`;
}

/** A phone; `registered` = Azure AD registered through the Authenticator broker / Company Portal. */
export function phone(rng: Rng, idRng: Rng, ctx: GenContext, os: "Ios" | "Android", registered: boolean): DeviceInfo {
  return interned(phoneRaw(rng, idRng, ctx, os, registered));
}

function phoneRaw(rng: Rng, idRng: Rng, ctx: GenContext, os: "Ios" | "Android", registered: boolean): DeviceInfo {
  const iosV = `${rng.range(17, 18)}_${rng.range(0, 6)}`;
  const andV = rng.range(13, 15);
  return {
    deviceId: registered ? idRng.guid() : null,
    displayName: null,
    operatingSystem: os,
    browser: os === "Ios" ? "Mobile Safari" : `Chrome Mobile ${ctx.chrome}.0.0`,
    isCompliant: registered,
    isManaged: registered,
    trustType: registered ? "Azure AD registered" : null,
    userAgent:
      os === "Ios"
        ? `Mozilla/5.0 (iPhone; CPU iPhone OS ${iosV} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${ctx.safari}.0 Mobile/15E148 Safari/604.1`
        : `Mozilla/5.0 (Linux; Android ${andV}; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${ctx.chrome}.0.0.0 Mobile Safari/537.36`,
    appUserAgent:
      os === "Ios"
        ? `Teams/7.${rng.range(1, 20)}.0 (iOS ${iosV.replace("_", ".")})`
        : `Teams/1416/1.0.0.${rng.range(2024000000, 2024999999)} (Android ${andV})`,
    appBrowser: `Rich Client 4.${rng.range(50, 70)}.0.0`,
  };
}

/** Build every profile of the tenant, in a fixed order (their index seeds their sign-ins). */
export function buildProfiles(ctx: GenContext): { profiles: Profile[]; comp: Composition } {
  const comp = composition(ctx.users);
  const b: Builder = {
    ctx,
    rng: ctx.root.derive(STREAM.population),
    idRng: ctx.root.derive(STREAM.ids),
    upns: new Set(),
    profiles: [],
  };
  const { rng } = b;
  const nameRng = ctx.root.derive(STREAM.names);
  const window = ctx.days;
  const pastDays = (lo: number, hi: number) => iso(ctx.toMs - rng.range(lo, hi) * DAY_MS - rng.int(DAY_MS));
  const anchor = () => anchorDay(ctx, rng);

  const base = (kind: ProfileKind, over: Partial<Profile> & Pick<Profile, "upn" | "displayName">): Profile => {
    const office: OfficeKey = over.office ?? "london";
    return {
      idx: b.profiles.length,
      id: b.idRng.guid(),
      givenName: null,
      surname: null,
      kind,
      enabled: true,
      active: false,
      department: null,
      jobTitle: null,
      office,
      homeTown: OFFICES[office].city,
      homeIp: OFFICES[office].egress[0]!,
      synced: false,
      createdDateTime: pastDays(400, 2500),
      it: false,
      exec: false,
      deskless: false,
      hasSmartphone: false,
      desk: desk(b, "Windows10", false, null),
      usesKiosk: false,
      phone: null,
      activity: 0,
      wfh: 0,
      roles: [],
      eligibleRoles: [],
      portalUser: false,
      methods: [],
      anchorDay: anchor(),
      licences: [],
      ...over,
    };
  };
  const push = (p: Profile) => {
    b.profiles.push(p);
    return p;
  };

  // Emergency accounts: cloud-only, initial domain, names that do not say what they are.
  const words = rng.shuffle(EMERGENCY_WORDS);
  for (let i = 0; i < 2; i++) {
    const w = words[i]!;
    const n = rng.range(10, 99);
    push(
      base("emergency", {
        upn: uniqueUpn(b, `${w}.${n}`, TENANT.initialDomain),
        displayName: `${w[0]!.toUpperCase()}${w.slice(1)} ${n}`,
        active: true,
        roles: [ROLE.globalAdministrator],
        createdDateTime: pastDays(500, 900),
      }),
    );
  }

  // The directory synchronization account (Microsoft Entra Connect).
  push(
    base("sync", {
      upn: uniqueUpn(b, `Sync_NWE-DC01_${b.idRng.hex(12)}`, TENANT.initialDomain),
      displayName: "On-Premises Directory Synchronization Service Account",
      active: true,
      roles: [ROLE.directorySynchronizationAccounts],
      createdDateTime: pastDays(1500, 2200),
    }),
  );

  // Service accounts: scan-to-email printers, the ERP's mailbox reader, reporting scripts.
  const floors = ["1F", "2F", "3F", "4F", "GF"];
  const offices = Object.keys(OFFICES) as OfficeKey[];
  for (let i = 0; i < comp.printers; i++) {
    const office = offices[i % offices.length]!;
    const floor = floors[Math.floor(i / offices.length) % floors.length]!;
    const round = Math.floor(i / (offices.length * floors.length));
    const model = PRINTERS[i % PRINTERS.length]!;
    const label = `${OFFICES[office].city} ${floor}${round ? ` ${round + 1}` : ""}`;
    push(
      base("service", {
        serviceRole: "printer",
        upn: uniqueUpn(
          b,
          `scan.${slug(OFFICES[office].city)}.${floor.toLowerCase()}${round ? round + 1 : ""}`,
          TENANT.defaultDomain,
        ),
        displayName: `Scan to Email - ${label}`,
        office,
        active: true,
        synced: true,
        department: "IT",
        licences: ["EXCHANGESTANDARD"],
        legacyDevice: `${model} (${label})`,
      } as Partial<Profile> & Pick<Profile, "upn" | "displayName">),
    );
  }
  for (let i = 0; i < comp.erp; i++) {
    push(
      base("service", {
        serviceRole: "erp",
        upn: uniqueUpn(b, i === 0 ? "erp.invoices" : `erp.invoices${i + 1}`, TENANT.defaultDomain),
        displayName: i === 0 ? "ERP Invoice Import" : `ERP Invoice Import ${i + 1}`,
        office: "bristol",
        active: true,
        synced: true,
        department: "Finance",
        licences: ["EXCHANGESTANDARD"],
      }),
    );
  }
  for (let i = 0; i < comp.ropc; i++) {
    push(
      base("service", {
        serviceRole: "ropc",
        upn: uniqueUpn(b, i === 0 ? "svc-reporting" : `svc-reporting${i + 1}`, TENANT.defaultDomain),
        displayName: i === 0 ? "Reporting Service" : `Reporting Service ${i + 1}`,
        office: "london",
        active: true,
        synced: true,
        department: "IT",
      }),
    );
  }

  // Shared mailboxes (sign-in blocked, as Exchange creates them) and room mailboxes.
  for (let i = 0; i < comp.shared; i++) {
    const [name, local] = SHARED_MAILBOXES[i % SHARED_MAILBOXES.length]!;
    const round = Math.floor(i / SHARED_MAILBOXES.length);
    const office = offices[round % offices.length]!;
    push(
      base("shared", {
        upn: uniqueUpn(b, round ? `${local}.${slug(OFFICES[office].city)}` : local, TENANT.defaultDomain),
        displayName: round ? `${name} - ${OFFICES[office].city}` : name,
        office,
        enabled: false,
      }),
    );
  }
  for (let i = 0; i < comp.rooms; i++) {
    const room = MEETING_ROOMS[i % MEETING_ROOMS.length]!;
    const office = offices[i % 3]!;
    const round = Math.floor(i / MEETING_ROOMS.length);
    const name = `${room}${round ? ` ${round + 1}` : ""}`;
    push(
      base("room", {
        upn: uniqueUpn(b, `room.${slug(name.replace(/ /g, ""))}`, TENANT.defaultDomain),
        displayName: `${name} Meeting Room (${OFFICES[office].name})`,
        office,
        enabled: false,
      }),
    );
  }

  // People: executives, the IT team, then everyone else by department.
  const deptWeights = DEPARTMENTS.map((d) => [d, d.weight] as const);
  const kiosks = new Map<OfficeKey, { id: string; name: string }[]>();
  const kioskFor = (office: OfficeKey) => {
    let list = kiosks.get(office);
    if (!list) {
      list = [];
      kiosks.set(office, list);
    }
    if (list.length < 2 + Math.floor(comp.people / 150) || rng.chance(0.02)) {
      list.push({
        id: b.idRng.guid(),
        name: `NWE-KIOSK-${office === "miltonKeynes" ? "MK" : OFFICES[office].city.slice(0, 3).toUpperCase()}-${String(list.length + 1).padStart(2, "0")}`,
      });
    }
    return rng.pick(list);
  };
  const person = (kind: "person" | "leaver", role: "exec" | "it" | "staff", execTitle?: string): Profile => {
    const given = nameRng.pick(FIRST_NAMES);
    const sur = nameRng.pick(LAST_NAMES);
    let dept: Department | null = null;
    let department: string;
    let title: string;
    let office: OfficeKey;
    if (role === "exec") {
      department = execTitle === "Chief Financial Officer" ? "Finance" : "Executive";
      title = execTitle!;
      office = "london";
    } else if (role === "it") {
      department = "IT";
      title = rng.pick(IT_TITLES);
      office = rng.weighted([
        ["london", 6],
        ["manchester", 2],
        ["bristol", 1],
        ["miltonKeynes", 1],
      ] as const);
    } else {
      dept = rng.weighted(deptWeights);
      department = dept.name;
      title = rng.pick(dept.titles);
      office = rng.pick(dept.office);
    }
    const deskless = dept?.deskless === true;
    const hasSmartphone = !(dept && rng.chance(dept.noSmartphone));
    const synced = rng.chance(0.85);
    const usesKiosk = deskless && !rng.chance(0.3);
    const mac = !deskless && rng.chance(department === "Marketing" ? 0.5 : role === "exec" ? 0.3 : 0.06);
    const os = rng.chance(0.55) ? "Ios" : "Android";
    const homeTown = rng.pick(HOME_TOWNS[office]);
    const local = `${slug(given)}.${slug(sur)}`;
    const p = base(kind, {
      upn: uniqueUpn(b, local, TENANT.defaultDomain),
      displayName: `${given} ${sur}`,
      givenName: given,
      surname: sur,
      department,
      jobTitle: title,
      office,
      homeTown,
      homeIp: ip(rng, rng.pick(HOME_PREFIXES)),
      synced,
      createdDateTime: pastDays(60, 3300),
      it: role === "it",
      exec: role === "exec",
      deskless,
      hasSmartphone,
      usesKiosk,
      desk: desk(b, mac ? "MacOs" : "Windows10", synced, usesKiosk ? kioskFor(office) : null),
      phone: hasSmartphone ? phone(rng, b.idRng, ctx, os, rng.chance(0.7)) : null,
      activity: role === "staff" ? 0.4 + rng.float() * 0.25 : 0.6 + rng.float() * 0.2,
      wfh: deskless ? 0.03 : 0.15 + rng.float() * 0.35,
      active: kind === "person",
      enabled: kind === "person",
      licences: deskless ? ["SPE_F1"] : ["SPE_E3"],
    });
    if (rng.chance(0.12) && window >= 10) {
      const len = rng.range(3, 6);
      const start = rng.range(0, Math.max(0, window - len - 1));
      (p as { trip?: readonly [number, number, number] }).trip = [start, start + len - 1, rng.int(TRAVEL.length)];
    }
    return push(p);
  };

  for (const t of EXECUTIVE_TITLES) person("person", "exec", t);
  for (let i = 0; i < comp.it; i++) person("person", "it");
  const staff = comp.people - comp.execs - comp.it;
  for (let i = 0; i < staff; i++) person("person", "staff");

  // Inactive members: enabled people with no sign-in for more than 30 days (long leave, left without offboarding).
  const staffProfiles = b.profiles.filter((p) => p.kind === "person" && !p.it && !p.exec);
  const inactiveCount = Math.round(staffProfiles.length * 0.06);
  for (const p of rng.shuffle(staffProfiles).slice(0, inactiveCount)) {
    const m = p as { active: boolean; lastSeenBefore?: string | null };
    m.active = false;
    m.lastSeenBefore = rng.chance(0.1)
      ? null
      : iso(ctx.toMs - rng.range(Math.max(31, window) + 1, 300) * DAY_MS - rng.int(DAY_MS));
  }

  // Leavers: disabled accounts of people who left more than a month ago.
  for (let i = 0; i < comp.leavers; i++) {
    const p = person("leaver", "staff");
    const m = p as {
      active: boolean;
      enabled: boolean;
      lastSeenBefore?: string | null;
      trip?: unknown;
      licences: string[];
    };
    m.enabled = false;
    m.active = false;
    m.trip = undefined;
    m.licences = [];
    m.lastSeenBefore = iso(ctx.toMs - rng.range(Math.max(31, window) + 5, 220) * DAY_MS - rng.int(DAY_MS));
  }

  // Guests from partner organisations; a minority signs in during the window.
  for (let i = 0; i < comp.guests; i++) {
    const given = nameRng.pick(FIRST_NAMES);
    const sur = nameRng.pick(LAST_NAMES);
    const domain = rng.pick(PARTNER_DOMAINS);
    const local = `${slug(given)}.${slug(sur)}`;
    const pending = rng.chance(0.1);
    const active = !pending && rng.chance(0.35);
    push(
      base("guest", {
        upn: uniqueUpn(b, `${local}_${domain}#EXT#`, TENANT.initialDomain),
        displayName: `${given} ${sur} (${domain.split(".")[0]})`,
        givenName: given,
        surname: sur,
        active,
        guestHome: rng.int(GUEST_HOMES.length),
        externalUserState: pending ? "PendingAcceptance" : "Accepted",
        lastSeenBefore: pending
          ? null
          : active
            ? null
            : iso(ctx.toMs - rng.range(Math.max(31, window) + 1, 400) * DAY_MS),
        createdDateTime: pastDays(20, 900),
        mail: `${local}@${domain}`,
      } as Partial<Profile> & Pick<Profile, "upn" | "displayName">),
    );
  }
  return { profiles: b.profiles, comp };
}

/** A workday in the last min(days, 30) days of the window (an active account surely signs in on it). */
function anchorDay(ctx: GenContext, rng: Rng): number {
  const span = Math.min(ctx.days, 30);
  for (let k = 0; k < 20; k++) {
    const d = ctx.days - 1 - rng.int(Math.min(span, 10));
    if (!isWeekend(ctx.fromMs + d * DAY_MS)) return d;
  }
  return ctx.days - 1;
}

export type { LegacyDependency, ServiceRole };
