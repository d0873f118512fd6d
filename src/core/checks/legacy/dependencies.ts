// legacy.dependencies: accounts and devices that still sign in with legacy protocols (IMAP, POP, SMTP AUTH,
// ActiveSync basic auth, MAPI, other clients). They cannot do MFA: enforcement or a legacy block stops them.

import { isLegacyClientApp } from "../../model/sign-in-codes.js";
import { fail, pass, plural, recentSignInIds, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { legacyDependencies, REMEDY_TEXT } from "./legacy-list.js";

export const dependencies: Check = {
  id: "legacy.dependencies",
  area: "legacy",
  title: "Legacy authentication dependencies",
  severity: "high",
  rationale:
    "Legacy protocols send a password and nothing else; any policy that requires MFA blocks them. Every printer, old mail client and integration on the list stops working on enforcement day unless it is moved first.",
  remediation:
    "Give each row an owner and a date: printers and devices to an SMTP relay, mail clients to a current Outlook, ActiveSync phones to the Outlook app, integrations to OAuth. Export the list with --legacy-csv.",
  links: [
    {
      title: "Block legacy authentication",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication",
    },
    {
      title: "Send mail from a device or application (SMTP relay)",
      url: "https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.hasSignInLog) return skip(this, "no-sign-in-data");
    const rows = legacyDependencies(ctx);
    const users = [...new Set(rows.map((r) => r.userId))];
    const byRemedy = new Map<string, number>();
    for (const r of rows) byRemedy.set(r.remedy, (byRemedy.get(r.remedy) ?? 0) + 1);
    const details = [...byRemedy.entries()].map(([k, n]) => `${n} × ${REMEDY_TEXT[k as keyof typeof REMEDY_TEXT]}`);
    const userSet = new Set(users);
    const recent = recentSignInIds(
      ctx.snapshot.signIns.filter(
        (s) => userSet.has(s.userId) && s.status.errorCode === 0 && isLegacyClientApp(s.clientAppUsed),
      ),
    );
    const signIns = recent.ids;
    if (recent.omitted > 0)
      details.push(
        `evidence lists the ${signIns.length} most recent legacy sign-ins; ${recent.omitted} more in the window`,
      );
    const w = ctx.snapshot.meta.signInWindow;
    const window = w ? ` between ${w.from.slice(0, 10)} and ${w.to.slice(0, 10)}` : "";
    return rows.length === 0
      ? pass(this, `no successful legacy-protocol sign-in${window}`)
      : fail(
          this,
          `${plural(rows.length, "legacy dependency", "legacy dependencies")} from ${plural(users.length, "account")}${window}`,
          {
            evidence: { users, signIns },
            details,
          },
        );
  },
};
