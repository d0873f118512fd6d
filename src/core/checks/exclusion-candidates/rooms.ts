// exceptions.rooms: room and resource mailboxes (meeting rooms, equipment).

import type { Check } from "../types.js";
import { evaluateCandidates } from "./candidate-check.js";

export const rooms: Check = {
  id: "exceptions.rooms",
  area: "exceptions",
  title: "Room and resource accounts",
  severity: "medium",
  rationale:
    "Room and resource mailboxes are calendars, not people: they cannot register a method. Reported as 'users without MFA' they are a false positive; if a room device (Teams Rooms) signs in, it needs a device-based policy instead.",
  remediation:
    "Confirm with 'glidepath classify USER room'. Block sign-in for plain room mailboxes; for Teams Rooms devices use a compliant-device or location policy instead of MFA.",
  links: [
    {
      title: "Conditional Access for Teams Rooms",
      url: "https://learn.microsoft.com/microsoftteams/rooms/supported-ca-and-compliance-policies",
    },
  ],
  evaluate(ctx) {
    return evaluateCandidates(this, ctx, "room", ["room or resource account", "room or resource accounts"]);
  },
};
