// Use case `connect`: record how a workspace reaches its tenant (Graph with an @azure/identity credential,
// or the loopback simulator) — never a secret or a token — and optionally verify it by reading
// /organization through the same client sync uses. Also the permission list for `connect --permissions`.

import {
  AUTH_MODES,
  type AuthMode,
  type ConnectionRecord,
  isLoopbackUrl,
  tokenSourceFor,
} from "../adapters/graph/auth.js";
import { GraphClient } from "../adapters/graph/client.js";
import { readPermissions, SYNC_COLLECTIONS, WRITE_PERMISSIONS } from "../adapters/graph/collections.js";
import { sliceError } from "../adapters/graph/sync-errors.js";
import { GlidepathError } from "../core/model/errors.js";
import { isGuid } from "../core/model/guid.js";
import { openOrCreateWorkspace } from "./workspace.js";

export { AUTH_MODES, type AuthMode, SYNC_COLLECTIONS };

export const CONNECTION_CONFIG = "connection";

export interface ConnectInput {
  readonly simulator?: string;
  readonly tenant?: string;
  readonly clientId?: string;
  readonly auth?: AuthMode;
  readonly certificate?: string;
  readonly clientSecretFile?: string;
  /** Read /organization to prove the connection works (default true). */
  readonly verify?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly prompt?: (message: string) => void;
}

export interface ConnectResult {
  readonly workspace: string;
  readonly connection: ConnectionRecord;
  readonly verified: { readonly tenantId: string; readonly displayName: string } | null;
}

/** Build the record a `connect` call describes (validates the input; no I/O). */
export function connectionRecord(input: ConnectInput, now = new Date()): ConnectionRecord {
  const connectedAt = now.toISOString();
  if (input.simulator !== undefined) {
    if (input.tenant || input.clientId || input.auth) {
      throw new GlidepathError(
        "connect.usage",
        "--simulator cannot be combined with --tenant, --client-id or --auth",
        "connect either to the simulator or to a tenant",
      );
    }
    if (!isLoopbackUrl(input.simulator)) {
      throw new GlidepathError(
        "connect.simulator-not-loopback",
        `--simulator must be a loopback address such as http://127.0.0.1:PORT, not '${input.simulator}'`,
        "start it with 'glidepath simulator serve' and pass the URL it prints",
        "refused",
      );
    }
    return { kind: "simulator", baseUrl: new URL(input.simulator).origin, connectedAt };
  }
  if (!input.tenant) {
    throw new GlidepathError(
      "connect.usage",
      "connect needs --tenant (or --simulator URL)",
      "pass --tenant <tenant id or domain> --client-id <app id> --auth <mode>",
    );
  }
  if (!isGuid(input.tenant) && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(input.tenant)) {
    throw new GlidepathError(
      "connect.tenant",
      `--tenant '${input.tenant}' is neither a tenant id (GUID) nor a domain`,
      "pass the directory (tenant) id from the Entra admin center",
    );
  }
  const auth = input.auth ?? "device-code";
  if (!AUTH_MODES.includes(auth)) {
    throw new GlidepathError(
      "connect.auth",
      `--auth '${String(auth)}' is not one of ${AUTH_MODES.join(", ")}`,
      "choose an --auth mode",
    );
  }
  if (input.clientId !== undefined && !isGuid(input.clientId)) {
    throw new GlidepathError(
      "connect.client-id",
      `--client-id '${input.clientId}' is not an application id (GUID)`,
      "pass the application (client) id of your app registration",
    );
  }
  if (auth !== "managed-identity" && auth !== "azure-cli" && !input.clientId) {
    throw new GlidepathError(
      "connect.client-id",
      `--auth ${auth} needs --client-id`,
      "pass the application (client) id of your app registration",
    );
  }
  if (auth === "client-certificate" && !input.certificate) {
    throw new GlidepathError(
      "connect.certificate",
      "--auth client-certificate needs --certificate FILE",
      "pass the PEM file holding the certificate and its private key",
    );
  }
  if (auth !== "client-secret" && input.clientSecretFile) {
    throw new GlidepathError(
      "connect.usage",
      "--client-secret-file goes with --auth client-secret",
      "drop it or use --auth client-secret",
    );
  }
  return {
    kind: "graph",
    tenantId: input.tenant,
    ...(input.clientId ? { clientId: input.clientId } : {}),
    auth,
    ...(input.certificate ? { certificatePath: input.certificate } : {}),
    ...(input.clientSecretFile ? { clientSecretFile: input.clientSecretFile } : {}),
    connectedAt,
  };
}

/** Record (and by default verify) the connection of the workspace in `dir`. */
export async function connectWorkspace(dir: string, input: ConnectInput): Promise<ConnectResult> {
  const rec = connectionRecord(input);
  let verified: ConnectResult["verified"] = null;
  if (input.verify ?? true) verified = await verifyConnection(rec, input);
  const ws = await openOrCreateWorkspace(dir);
  try {
    await ws.store.setConfig(CONNECTION_CONFIG, rec);
    await ws.store.appendJournal("connect", {
      kind: rec.kind,
      ...(rec.kind === "graph" ? { tenantId: rec.tenantId, auth: rec.auth } : { baseUrl: rec.baseUrl }),
      verified: verified !== null,
    });
  } finally {
    await ws.close();
  }
  return { workspace: dir, connection: rec, verified };
}

async function verifyConnection(rec: ConnectionRecord, input: ConnectInput): Promise<ConnectResult["verified"]> {
  const tokenSource = await tokenSourceFor(rec, {
    ...(input.env ? { env: input.env } : {}),
    ...(input.prompt ? { prompt: input.prompt } : {}),
    delegatedScopes: readPermissions().map((p) => p.permission),
  });
  const client = new GraphClient({
    tokenSource,
    ...(rec.kind === "simulator" ? { simulatorBaseUrl: rec.baseUrl } : {}),
    retry: { maxAttempts: 3 },
  });
  try {
    const body = await client.get<{ value?: { id?: string; displayName?: string }[] }>("/organization", {
      query: { $select: "id,displayName" },
    });
    const org = body.value?.[0];
    return { tenantId: org?.id ?? "unknown", displayName: org?.displayName ?? "unknown" };
  } catch (e) {
    throw sliceError(
      {
        key: "organization",
        collection: "organization",
        version: "v1.0",
        path: "/organization",
        query: {},
        permission: "Organization.Read.All",
        map: () => ({ ok: false, diagnostics: [] }),
      },
      e,
    );
  }
}

export interface PermissionList {
  readonly read: readonly { permission: string; collections: readonly string[] }[];
  readonly write: readonly { permission: string; use: string }[];
}

/** What `connect --permissions` prints: derived from the collection table, so docs and code agree. */
export function permissionList(): PermissionList {
  return { read: readPermissions(), write: WRITE_PERMISSIONS };
}
