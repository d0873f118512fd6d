// The situations an MFA roll-out must handle, planted on the profiles: roles, legacy-protocol habits,
// MFA registration (87% of active members, realistic method mix), stale Authenticators, the compromise case.
// INVARIANT: each planted case is chosen from disjoint candidates, so no one is planted twice by accident.

import { ROLE } from "../../core/model/well-known.js";
import { FIDO2_KEYS, OFFICES, OLD_PHONE_MODELS, PHONE_MODELS_ANDROID, PHONE_MODELS_IOS } from "./catalog.js";
import type { GenContext } from "./context.js";
import { phone } from "./population.js";
import { type Rng, STREAM } from "./prng.js";
import type { DeviceInfo, MethodCode, PlannedMethod, Profile } from "./profile.js";
import { DAY_MS, iso } from "./time.js";

/** Share of active in-scope members registered for MFA (the reference scenario's "87% at NE"). */
export const TARGET_REGISTRATION = 0.87;

/** Well-known ids of phone and e-mail methods (they are the same in every tenant). */
const PHONE_METHOD_ID = {
  mobile: "3179e48a-750b-4051-897c-87b9720928f7",
  office: "e37fc753-ff3b-4958-9484-eaa9425c82bc",
};
const EMAIL_METHOD_ID = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";

export interface Planted {
  readonly globalAdmins: Profile[];
  readonly admins: Profile[];
  readonly eligibleAdmins: Profile[];
  readonly adminWithoutMfa: Profile;
  readonly stale: Profile[];
  readonly replacedPhone: Profile[];
  readonly compromised: Profile;
  readonly compromiseDay: number;
  readonly compromiseMs: number;
  readonly compromiseIp: string;
  readonly p2Seats: number;
  /** A personal, unregistered Windows PC: guests' devices and the attacker's. */
  readonly unmanagedDevice: DeviceInfo;
}

const ADMIN_ROLE_CYCLE = [
  ROLE.exchangeAdministrator,
  ROLE.userAdministrator,
  ROLE.securityAdministrator,
  ROLE.sharePointAdministrator,
  ROLE.teamsAdministrator,
  ROLE.conditionalAccessAdministrator,
  ROLE.authenticationAdministrator,
  ROLE.helpdeskAdministrator,
];

export function plant(ctx: GenContext, profiles: Profile[]): Planted {
  const rng = ctx.root.derive(STREAM.planted);
  const reg = ctx.root.derive(STREAM.registration);
  const idRng = ctx.root.derive(STREAM.ids, 2);

  // Roles: two named global admins in IT, ~45% of IT with an admin role, two PIM-eligible, one admin unregistered.
  const it = profiles.filter((p) => p.it);
  const adminCount = Math.max(4, Math.round(it.length * 0.45));
  (it[0] as { jobTitle: string }).jobTitle = "Head of IT";
  (it[1] as { jobTitle: string }).jobTitle = "Senior Systems Administrator";
  const admins = it.slice(0, adminCount);
  admins.forEach((p, i) => {
    p.roles = i < 2 ? [ROLE.globalAdministrator] : [ADMIN_ROLE_CYCLE[(i - 2) % ADMIN_ROLE_CYCLE.length]!];
    p.portalUser = true;
  });
  const adminWithoutMfa = admins[admins.length - 1]!;
  adminWithoutMfa.roles = [ROLE.helpdeskAdministrator];
  adminWithoutMfa.portalUser = false;
  (adminWithoutMfa as { jobTitle: string }).jobTitle = "Service Desk Analyst";
  const eligibleAdmins = it.slice(adminCount, adminCount + 2);
  eligibleAdmins.forEach((p, i) => {
    p.eligibleRoles = [i === 0 ? ROLE.securityAdministrator : ROLE.exchangeAdministrator];
    p.portalUser = true;
  });

  // Candidates for per-person plants: active staff (not IT, not executives).
  const staff = profiles.filter((p) => p.kind === "person" && p.active && !p.it && !p.exec);
  const taken = new Set<Profile>();
  const take = (pool: Profile[], n: number, ok: (p: Profile) => boolean): Profile[] => {
    const out: Profile[] = [];
    for (const p of rng.shuffle(pool)) {
      if (out.length >= n) break;
      if (taken.has(p) || !ok(p)) continue;
      taken.add(p);
      out.push(p);
    }
    return out;
  };

  // Legacy protocols.
  for (const p of profiles) {
    if (p.serviceRole === "printer") {
      const office = OFFICES[p.office];
      p.legacy = {
        userId: p.id,
        userPrincipalName: p.upn,
        clientAppUsed: "Authenticated SMTP",
        kind: "printer",
        deviceName: p.legacyDevice ?? "Multifunction printer",
        ipAddress: office.egress[p.idx % office.egress.length]!,
      };
    } else if (p.serviceRole === "erp") {
      p.legacy = {
        userId: p.id,
        userPrincipalName: p.upn,
        clientAppUsed: "IMAP4",
        kind: "erp",
        deviceName: "ERP server (finance system, invoice mailbox poller)",
        ipAddress: OFFICES.bristol.egress[0]!,
      };
    }
  }
  const officeWorker = (p: Profile) => !p.deskless && !p.usesKiosk && p.desk.operatingSystem === "Windows10";
  const oldOutlook = take(staff, Math.max(2, Math.round(staff.length * 0.008)), officeWorker);
  oldOutlook.forEach((p, i) => {
    const ua = "Microsoft Office/15.0 (Windows NT 10.0; Microsoft Outlook 15.0.5023; Pro)";
    p.legacy = {
      userId: p.id,
      userPrincipalName: p.upn,
      clientAppUsed: i % 3 === 2 ? "MAPI Over HTTP" : "Other clients",
      kind: "oldOutlook",
      deviceName: `Outlook 2013 on ${p.desk.displayName}`,
      ipAddress: OFFICES[p.office].egress[0]!,
      userAgent: ua,
    };
  });
  const eas = take(staff, Math.max(2, Math.round(staff.length * 0.012)), (p) => p.phone !== null);
  for (const p of eas) {
    const ios = p.phone!.operatingSystem === "Ios";
    p.legacy = {
      userId: p.id,
      userPrincipalName: p.upn,
      clientAppUsed: "Exchange ActiveSync",
      kind: "activeSync",
      deviceName: ios ? "iPhone (built-in Mail app)" : "Android phone (built-in e-mail app)",
      userAgent: ios
        ? `Apple-iPhone${rng.range(12, 16)}C${rng.range(1, 3)}/2${rng.range(101, 108)}.${rng.range(100, 299)}`
        : `Android-Mail/2024.${rng.range(10, 12)}.${rng.range(10, 28)}.${rng.range(600000000, 699999999)}.Release`,
    };
  }
  for (const p of take(staff, 1, (x) => !x.deskless)) {
    p.legacy = {
      userId: p.id,
      userPrincipalName: p.upn,
      clientAppUsed: "POP3",
      kind: "pop3",
      deviceName: "Home PC mail client",
      ipAddress: p.homeIp,
    };
  }

  // Stale Authenticator (new phone, old registration) and the compromise: need a registered smartphone owner.
  const phoneOwner = (p: Profile) => p.phone !== null && p.trip === undefined;
  const staleCount = Math.max(2, Math.round(staff.length * 0.006));
  const stale = take(staff, staleCount, phoneOwner);
  const replacedPhone = take(staff, Math.max(1, Math.round(staff.length * 0.004)), phoneOwner);
  const finance = staff.filter((p) => p.department === "Finance");
  const compromised = (take(finance, 1, phoneOwner)[0] ?? take(staff, 1, phoneOwner)[0])!;

  // Registration: exactly the number of unregistered in-scope active members that gives ~87% both ways.
  const inScope = profiles.filter((p) => p.kind === "person" && p.active);
  const outActive = profiles.filter(
    (p) => (p.kind === "emergency" || p.kind === "service" || p.kind === "sync") && p.active,
  );
  const outRegistered = 1; // the first emergency account holds a FIDO2 key; the second has nothing (planted)
  let best = inScope.length;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let r = 0; r <= inScope.length; r++) {
    const a = r / inScope.length;
    const b = (r + outRegistered) / (inScope.length + outActive.length);
    const score = Math.abs(a - TARGET_REGISTRATION) + Math.abs(b - TARGET_REGISTRATION);
    if (score < bestScore) {
      bestScore = score;
      best = r;
    }
  }
  const forcedRegistered = new Set<Profile>([...stale, ...replacedPhone, compromised, ...eligibleAdmins]);
  const unregistered = new Set<Profile>([adminWithoutMfa]);
  const need = inScope.length - best - unregistered.size;
  // Weighted sample without replacement (Efraimidis–Spirakis): people without a smartphone and deskless staff
  // are the least likely to have registered; IT and executives all have.
  const keyed: [number, Profile][] = [];
  for (const p of inScope) {
    if (p.it || p.exec || forcedRegistered.has(p) || unregistered.has(p)) continue;
    const w = !p.hasSmartphone ? 10 : p.deskless ? 2.5 : 1;
    keyed.push([-Math.log(1 - reg.float()) / w, p]);
  }
  keyed.sort((x, y) => x[0] - y[0]);
  for (let i = 0; i < need && i < keyed.length; i++) unregistered.add(keyed[i]![1]);

  const staleSet = new Set(stale);
  const replacedSet = new Set(replacedPhone);
  const regDate = (p: Profile): number => {
    const created = Date.parse(p.createdDateTime);
    if (reg.chance(0.03) && ctx.days >= 2) {
      return Math.max(
        created + DAY_MS,
        ctx.fromMs + reg.int(ctx.days - 1) * DAY_MS + reg.range(8 * 3600, 17 * 3600) * 1000,
      );
    }
    const lo = Math.max(created + DAY_MS, ctx.fromMs - 1000 * DAY_MS);
    const hi = ctx.fromMs - 2 * DAY_MS;
    return lo >= hi ? Math.min(created + DAY_MS, hi) : lo + Math.floor(reg.float() * (hi - lo));
  };

  for (const p of profiles) {
    if (p.kind === "emergency") {
      if (p.idx === 0) {
        const key = FIDO2_KEYS[0];
        p.methods = [
          {
            code: "F",
            id: base64url(idRng, 22),
            createdDateTime: iso(ctx.fromMs - reg.range(150, 400) * DAY_MS),
            displayName: "Safe A key",
            model: key.model,
            aaGuid: key.aaGuid,
          },
        ];
      }
      continue;
    }
    if (p.kind !== "person" && p.kind !== "leaver") continue;
    let registered: boolean;
    if (p.kind === "leaver") registered = reg.chance(0.8);
    else if (!p.active) registered = reg.chance(0.75);
    else registered = !unregistered.has(p);
    let codes: MethodCode[] = [];
    if (registered) {
      if (p === compromised) codes = ["A", "P"];
      else if (p.it || p.eligibleRoles.length > 0)
        codes = reg
          .weighted([
            [["A", "F"], 4],
            [["A", "W"], 3],
            [["A", "P"], 3],
          ] as const)
          .slice();
      else if (p.exec) codes = ["A", "P"];
      else if (!p.hasSmartphone)
        codes = reg
          .weighted([
            [["P"], 45],
            [["V"], 25],
            [["P", "V"], 15],
            [["F"], 15],
          ] as const)
          .slice();
      else if (staleSet.has(p) || replacedSet.has(p))
        codes = reg
          .weighted([
            [["A", "P"], 3],
            [["A"], 1],
          ] as const)
          .slice();
      else
        codes = reg
          .weighted([
            [["A", "P"], 44],
            [["A"], 18],
            [["P"], 11],
            [["A", "O"], 5],
            [["P", "V"], 4],
            [["V"], 2],
            [["O"], 2],
            [["A", "F"], 4],
            [["A", "W"], p.desk.operatingSystem === "Windows10" && !p.usesKiosk ? 6 : 0],
            [["A", "P", "W"], p.desk.operatingSystem === "Windows10" && !p.usesKiosk ? 4 : 0],
          ] as const)
          .slice();
    }
    if (reg.chance(registered ? 0.25 : 0.05)) codes.push("E");
    if (codes.length === 0) continue;
    let at = regDate(p);
    if (staleSet.has(p)) at = ctx.fromMs - reg.range(500, 1100) * DAY_MS + reg.range(8 * 3600, 20 * 3600) * 1000;
    if (p === compromised)
      at = Math.min(at, ctx.fromMs - reg.range(200, 600) * DAY_MS + reg.range(8 * 3600, 20 * 3600) * 1000);
    p.methods = codes.map((code, i) => method(ctx, reg, idRng, p, code, at + i * reg.range(40, 400) * 1000));
  }

  // Stale Authenticator: the registered app is on the old phone; the person moved to a new one days ago.
  for (const p of stale) {
    const a = p.methods.findIndex((m) => m.code === "A");
    const old = reg.pick(OLD_PHONE_MODELS);
    const m = p.methods[a]!;
    p.methods[a] = { ...m, displayName: old, phoneAppVersion: old.startsWith("iPhone") ? "6.7.2" : "6.2301.0412" };
    p.staleDevice = old;
    const newOs = reg.chance(0.5) ? "Ios" : "Android";
    (p as { oldPhone: unknown }).oldPhone = p.phone;
    (p as { phone: unknown }).phone = phone(reg, idRng, ctx, newOs, false);
    (p as { newPhoneDay: number }).newPhoneDay = Math.max(1, ctx.days - reg.range(4, 9));
  }
  // Replaced properly: a new Authenticator registered in the window and the old one deleted (audit shows both).
  for (const p of replacedPhone) {
    const a = p.methods.findIndex((m) => m.code === "A");
    const day = Math.max(0, ctx.days - reg.range(5, Math.min(20, ctx.days)));
    const at = ctx.fromMs + day * DAY_MS + reg.range(8 * 3600, 18 * 3600) * 1000;
    p.methods[a] = { ...method(ctx, reg, idRng, p, "A", at), addedBy: "user" };
  }

  // The compromise: an Authenticator added from an unfamiliar country a few days ago after MFA fatigue.
  const compromiseDay = Math.max(0, ctx.days - 3);
  const compromiseMs = ctx.fromMs + compromiseDay * DAY_MS + (2 * 3600 + 13 * 60 + 40) * 1000;
  const compromiseIp = `102.89.${rng.range(1, 254)}.${rng.range(1, 254)}`;
  compromised.compromised = true;
  compromised.methods.push({
    code: "A",
    id: idRng.guid(),
    createdDateTime: iso(compromiseMs + 95_000),
    displayName: "Galaxy A14",
    deviceTag: "SoftwareTokenActivated",
    phoneAppVersion: "6.2409.6094",
    addedBy: "attacker",
  });

  return {
    globalAdmins: admins.slice(0, 2),
    admins,
    eligibleAdmins,
    adminWithoutMfa,
    stale,
    replacedPhone,
    compromised,
    compromiseDay,
    compromiseMs,
    compromiseIp,
    p2Seats: 10,
    unmanagedDevice: {
      deviceId: null,
      displayName: null,
      operatingSystem: "Windows10",
      browser: `Edge ${ctx.chrome}.0.0`,
      isCompliant: false,
      isManaged: false,
      trustType: null,
      userAgent: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${ctx.chrome}.0.0.0 Safari/537.36 Edg/${ctx.chrome}.0.0.0`,
      appUserAgent: "",
      appBrowser: null,
    },
  };
}

function method(ctx: GenContext, reg: Rng, idRng: Rng, p: Profile, code: MethodCode, atMs: number): PlannedMethod {
  const createdDateTime = iso(Math.min(atMs, ctx.toMs - 60_000));
  switch (code) {
    case "A": {
      const ios = p.phone?.operatingSystem !== "Android";
      return {
        code,
        id: idRng.guid(),
        createdDateTime,
        displayName: ios ? reg.pick(PHONE_MODELS_IOS) : reg.pick(PHONE_MODELS_ANDROID),
        deviceTag: "SoftwareTokenActivated",
        phoneAppVersion: ios ? `6.8.${reg.range(10, 19)}` : `6.24${reg.range(10, 12)}.${reg.range(1000, 9999)}`,
      };
    }
    case "P":
      return {
        code,
        id: PHONE_METHOD_ID.mobile,
        createdDateTime,
        phoneNumber: `+44 7700 900${String(reg.int(1000)).padStart(3, "0")}`,
      };
    case "V":
      return {
        code,
        id: PHONE_METHOD_ID.office,
        createdDateTime,
        phoneNumber: `+44 20 7946 0${String(reg.int(1000)).padStart(3, "0")}`,
        addedBy: p.hasSmartphone ? "user" : "admin",
      };
    case "O":
      return { code, id: idRng.guid(), createdDateTime };
    case "F": {
      const key = reg.pick(FIDO2_KEYS);
      return {
        code,
        id: base64url(idRng, 22),
        createdDateTime,
        displayName: "Security key",
        model: key.model,
        aaGuid: key.aaGuid,
      };
    }
    case "W":
      return { code, id: idRng.guid(), createdDateTime, displayName: p.desk.displayName ?? "Windows device" };
    case "E":
      return { code, id: EMAIL_METHOD_ID, createdDateTime };
  }
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
export function base64url(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += B64[rng.u32() & 63];
  return s;
}
