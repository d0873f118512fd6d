// Graph-shaped error bodies, as https://learn.microsoft.com/graph/errors describes them:
// { error: { code, message, innerError: { date, request-id, client-request-id } } }.

import { randomUUID } from "node:crypto";

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id": string };
    details?: { code: string; message: string; target?: string }[];
  };
}

export function graphError(
  code: string,
  message: string,
  clientRequestId?: string | null,
  details?: { code: string; message: string; target?: string }[],
): GraphErrorBody {
  const id = randomUUID();
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ""),
        "request-id": id,
        "client-request-id": clientRequestId ?? id,
      },
      ...(details ? { details } : {}),
    },
  };
}

/** A thrown Graph error; the app turns it into a response with the Graph body. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { code: string; message: string; target?: string }[],
  ) {
    super(message);
  }
}
