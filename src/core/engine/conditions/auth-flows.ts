// Authentication flows: device code flow and authentication transfer.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-authentication-flows

import type { TransferMethod } from "../types.js";
import { no, type Verdict, yes } from "./env.js";

export function evaluateAuthFlows(methods: readonly TransferMethod[] | null, flow: TransferMethod): Verdict {
  if (methods === null) return yes("authentication flows not configured");
  return methods.includes(flow) ? yes(`authentication flow ${flow}`) : no(`authentication flow ${flow} not targeted`);
}
