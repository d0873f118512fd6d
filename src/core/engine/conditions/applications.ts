// Target resources: cloud apps (ids and the Office365 / MicrosoftAdminPortals bundles), user actions and
// authentication contexts. A sign-in targets exactly one of these; exclusion beats inclusion.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps

import { APP } from "../../model/well-known.js";
import type { ApplicationsCondition, Ref, SignInContext } from "../types.js";
import { type Env, NO, no, type Tri, UNKNOWN, UNRESOLVED, unknown, type Verdict, YES, yes } from "./env.js";

/**
 * Members of the Office 365 bundle known by id. Microsoft lists the apps by name, not id; these are the
 * ids seen consistently in real policies and logs.
 * https://learn.microsoft.com/entra/identity/conditional-access/reference-office-365-application-contents
 */
export const OFFICE365_APP_IDS: ReadonlySet<string> = new Set([
  APP.exchangeOnline,
  APP.sharePointOnline,
  APP.teamsService,
  APP.officeHome,
  "00000004-0000-0ff1-ce00-000000000000", // Skype for Business Online
  "00000005-0000-0ff1-ce00-000000000000", // Viva Engage (Yammer)
  "c9a559d2-7aab-4f13-a6ed-e7e9c52aec87", // Microsoft Forms
  "09abbdfd-ed23-44ee-a2d9-a627aa1c90f3", // Planner
  "cf53fce8-def6-4aeb-8d30-b158e7b1cf83", // Microsoft Stream
]);

/**
 * Members of the Microsoft Admin Portals bundle known by id (interactive portal sign-ins only, not Graph or ARM).
 * https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#microsoft-admin-portals
 */
export const ADMIN_PORTAL_APP_IDS: ReadonlySet<string> = new Set([APP.azurePortal, APP.m365AdminCenter]);

/** Is `appId` (an id or a bundle keyword) covered by the reference `target`? */
export function appCovered(target: string, appId: string): boolean {
  if (target === appId) return true;
  if (target === "Office365") return OFFICE365_APP_IDS.has(appId);
  if (target === "MicrosoftAdminPortals") return ADMIN_PORTAL_APP_IDS.has(appId);
  return false;
}

function listMatch(refs: readonly Ref[], appId: string, env: Env): { m: Tri; ref?: Ref } {
  let unk: Ref | undefined;
  for (const r of refs) {
    const t = env.appRef(r);
    if (t === UNRESOLVED) {
      // The sign-in may name the application the same way (ad-hoc use).
      if (r.raw.toLowerCase() === appId) return { m: YES, ref: r };
      unk ??= r;
      continue;
    }
    if (appCovered(t, appId)) return { m: YES, ref: r };
  }
  return unk ? { m: UNKNOWN, ref: unk } : { m: NO };
}

/** The normalised target of a sign-in. */
export type Target =
  | { readonly kind: "application"; readonly appId: string }
  | { readonly kind: "userAction"; readonly action: "registerSecurityInfo" | "registerOrJoinDevices" }
  | { readonly kind: "authContext"; readonly value: string };

/** User action > authentication context > application; no application = "any app" (Office 365 home). */
export function targetOf(ctx: SignInContext): Target {
  if (ctx.userAction) return { kind: "userAction", action: ctx.userAction };
  if (ctx.authContext) return { kind: "authContext", value: ctx.authContext.toLowerCase() };
  const a = ctx.application ?? APP.officeHome;
  const kw = a.toLowerCase();
  const appId = kw === "office365" ? "Office365" : kw === "microsoftadminportals" ? "MicrosoftAdminPortals" : kw;
  return { kind: "application", appId };
}

export function evaluateApplications(c: ApplicationsCondition | null, t: Target, env: Env): Verdict {
  if (!c) return no("no target resources configured");
  if (t.kind === "userAction") {
    return c.userActions.includes(t.action)
      ? yes(`targets user action ${t.action}`)
      : no(`user action ${t.action} not targeted`);
  }
  if (t.kind === "authContext") {
    return c.authContexts.includes(t.value)
      ? yes(`targets authentication context ${t.value}`)
      : no(`authentication context ${t.value} not targeted`);
  }
  const ex = listMatch(c.exclude, t.appId, env);
  if (ex.m === YES) return no(`application excluded (${ex.ref?.raw})`);
  let inc: { m: Tri; ref?: Ref } = c.includeAll ? { m: YES } : listMatch(c.include, t.appId, env);
  const why = c.includeAll ? "All resources" : `application ${inc.ref?.raw}`;
  if (c.filter) {
    // Custom security attributes are not in the snapshot: the filter can add (include mode) or remove
    // (exclude mode) any app, so it is UNKNOWN unless the lists already decide.
    if (c.filter.mode === "include" && inc.m !== YES) inc = { m: UNKNOWN };
    else if (c.filter.mode === "exclude" && inc.m === YES) {
      return unknown("application filter on custom security attributes cannot be evaluated offline");
    }
    if (inc.m === UNKNOWN)
      return unknown("application filter on custom security attributes cannot be evaluated offline");
  }
  if (inc.m === NO) {
    return no(
      c.include.length === 0 && !c.includeAll
        ? c.userActions.length > 0
          ? "targets user actions, not applications"
          : c.authContexts.length > 0
            ? "targets authentication contexts, not applications"
            : "no application included"
        : "application not included",
    );
  }
  if (inc.m === UNKNOWN) return unknown(`application reference '${inc.ref?.raw}' cannot be resolved`);
  if (ex.m === UNKNOWN) return unknown(`included (${why}) but exclusion '${ex.ref?.raw}' cannot be resolved`);
  return yes(`included (${why})`);
}
