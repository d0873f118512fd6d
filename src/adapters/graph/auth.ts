// Credentials for Microsoft Graph: the @azure/identity credential factory for real tenants, and the
// loopback-only simulator credential. Tokens live in memory only; secrets are read from the environment
// or a file at the moment they are needed, never stored, logged or put in an error message.
// https://learn.microsoft.com/javascript/api/@azure/identity

import { readFileSync } from "node:fs";
import type { TokenCredential } from "@azure/identity";
import { GlidepathError } from "../../core/model/errors.js";

/** The token prefix of the simulator's test credential (see simulator/server/serve.ts). */
export const SIMULATOR_TOKEN_PREFIX = "glidepath-simulator.";
export const SIMULATOR_TEST_TOKEN = `${SIMULATOR_TOKEN_PREFIX}loopback-test-credential`;

export const GRAPH_ORIGIN = "https://graph.microsoft.com";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export const AUTH_MODES = [
  "device-code",
  "client-certificate",
  "client-secret",
  "managed-identity",
  "azure-cli",
] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The environment variable a client secret may come from. */
export const CLIENT_SECRET_ENV = "GLIDEPATH_CLIENT_SECRET";

/** What the workspace records about a connection: never a secret or a token. */
export type ConnectionRecord =
  | {
      readonly kind: "graph";
      readonly tenantId: string;
      readonly clientId?: string;
      readonly auth: AuthMode;
      /** client-certificate: path of the PEM (certificate + private key). */
      readonly certificatePath?: string;
      /** client-secret: a file holding the secret (else $GLIDEPATH_CLIENT_SECRET). The path, never the secret. */
      readonly clientSecretFile?: string;
      readonly connectedAt: string;
    }
  | { readonly kind: "simulator"; readonly baseUrl: string; readonly connectedAt: string };

/** Anything that yields a bearer token for Graph (the Graph client's AuthenticationProvider shape). */
export interface TokenSource {
  readonly kind: "graph" | "simulator";
  getAccessToken(): Promise<string>;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for http(s)://127.0.0.1|localhost|[::1][:port] with no path beyond "/". */
export function isLoopbackUrl(u: string): boolean {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The simulator's test credential. INVARIANT: it exists only together with a loopback base URL, so a
 * Graph client built from it can never send it to a real tenant.
 */
export class SimulatorCredential implements TokenSource {
  readonly kind = "simulator" as const;
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static forLoopback(baseUrl: string, token: string = SIMULATOR_TEST_TOKEN): SimulatorCredential {
    if (!isLoopbackUrl(baseUrl)) {
      throw new GlidepathError(
        "connect.simulator-not-loopback",
        `the simulator credential is only valid for a loopback address, not ${safeUrl(baseUrl)}`,
        "start the simulator with 'glidepath simulator serve' and connect to the http://127.0.0.1:PORT it prints",
        "refused",
      );
    }
    if (!token.startsWith(SIMULATOR_TOKEN_PREFIX)) {
      throw new GlidepathError(
        "connect.simulator-token",
        "the simulator token is not a simulator test credential",
        `use the token 'glidepath simulator serve' prints (it starts with ${SIMULATOR_TOKEN_PREFIX})`,
      );
    }
    return new SimulatorCredential(new URL(baseUrl).origin, token);
  }

  async getAccessToken(): Promise<string> {
    return this.token;
  }
}

function safeUrl(u: string): string {
  try {
    const url = new URL(u);
    return url.origin;
  } catch {
    return "an invalid URL";
  }
}

/**
 * A real-tenant token source over an @azure/identity credential: caches the token in memory until five
 * minutes before expiry. INVARIANT: refuses a simulator test token, so no real-tenant path accepts it.
 */
export class IdentityTokenSource implements TokenSource {
  readonly kind = "graph" as const;
  private cached: { token: string; expiresOn: number } | null = null;

  constructor(
    private readonly credential: Pick<TokenCredential, "getToken">,
    /** `.default` for app-only flows; explicit read scopes for delegated ones (least privilege). */
    private readonly scopes: readonly string[] = [GRAPH_SCOPE],
    private readonly now: () => number = Date.now,
  ) {}

  async getAccessToken(): Promise<string> {
    if (this.cached && this.cached.expiresOn - 300_000 > this.now()) return this.cached.token;
    let t: Awaited<ReturnType<TokenCredential["getToken"]>>;
    try {
      t = await this.credential.getToken([...this.scopes]);
    } catch (e) {
      throw new GlidepathError(
        "auth.failed",
        `signing in to Microsoft Entra ID failed: ${firstLine(e)}`,
        "check --tenant, --client-id and the credential ('glidepath connect --help'), then run 'glidepath connect' again",
      );
    }
    if (!t?.token) {
      throw new GlidepathError("auth.failed", "signing in returned no token", "run 'glidepath connect' again");
    }
    if (t.token.startsWith(SIMULATOR_TOKEN_PREFIX)) {
      throw new GlidepathError(
        "auth.simulator-token",
        "a simulator test credential was offered for a real tenant",
        "connect to the simulator with 'glidepath connect --simulator URL' instead",
        "refused",
      );
    }
    this.cached = { token: t.token, expiresOn: t.expiresOnTimestamp };
    return t.token;
  }
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // Identity errors can be long and multi-line; keep the first line and drop anything token-like.
  return (m.split("\n")[0] ?? "").replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, "[token]").slice(0, 300);
}

/** Read a client secret from a file or $GLIDEPATH_CLIENT_SECRET; never from the workspace. */
export function readClientSecret(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (file) {
    let s: string;
    try {
      s = readFileSync(file, "utf8").trim();
    } catch (e) {
      throw new GlidepathError(
        "auth.secret-file",
        `cannot read the client secret file ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`,
        "point --client-secret-file at a readable file that holds only the secret",
      );
    }
    if (!s)
      throw new GlidepathError("auth.secret-file", `the client secret file ${file} is empty`, "put the secret in it");
    return s;
  }
  const v = env[CLIENT_SECRET_ENV];
  if (!v) {
    throw new GlidepathError(
      "auth.secret-missing",
      `client-secret authentication needs the secret in $${CLIENT_SECRET_ENV} or --client-secret-file`,
      `export ${CLIENT_SECRET_ENV}=... (or pass --client-secret-file FILE); Glidepath never stores it`,
    );
  }
  return v;
}

export interface CredentialOptions {
  /** Delegated flows (device code): the Graph permissions to ask for, e.g. `AuditLog.Read.All`. */
  readonly delegatedScopes?: readonly string[];
  /** Device code: where to show the sign-in instruction (stderr in the CLI). */
  readonly prompt?: (message: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** Build the @azure/identity credential a connection record names (loaded lazily: it is large). */
export async function createCredential(
  rec: Extract<ConnectionRecord, { kind: "graph" }>,
  opts: CredentialOptions = {},
): Promise<TokenCredential> {
  const id = await import("@azure/identity");
  const needClient = () => {
    if (!rec.clientId) {
      throw new GlidepathError(
        "connect.client-id",
        `--auth ${rec.auth} needs --client-id`,
        "pass the application (client) id of your app registration",
      );
    }
    return rec.clientId;
  };
  switch (rec.auth) {
    case "device-code":
      return new id.DeviceCodeCredential({
        tenantId: rec.tenantId,
        clientId: needClient(),
        userPromptCallback: (info) => (opts.prompt ?? ((m) => process.stderr.write(`${m}\n`)))(info.message),
      });
    case "client-certificate":
      if (!rec.certificatePath) {
        throw new GlidepathError(
          "connect.certificate",
          "--auth client-certificate needs --certificate FILE",
          "pass the PEM file holding the certificate and its private key",
        );
      }
      return new id.ClientCertificateCredential(rec.tenantId, needClient(), rec.certificatePath);
    case "client-secret":
      return new id.ClientSecretCredential(
        rec.tenantId,
        needClient(),
        readClientSecret(rec.clientSecretFile, opts.env),
      );
    case "managed-identity":
      return rec.clientId
        ? new id.ManagedIdentityCredential({ clientId: rec.clientId })
        : new id.ManagedIdentityCredential();
    case "azure-cli":
      return new id.AzureCliCredential({ tenantId: rec.tenantId });
  }
}

/** The token source for a recorded connection. */
export async function tokenSourceFor(
  rec: ConnectionRecord,
  opts: CredentialOptions & { simulatorToken?: string } = {},
): Promise<TokenSource> {
  if (rec.kind === "simulator") {
    const env = opts.env ?? process.env;
    return SimulatorCredential.forLoopback(
      rec.baseUrl,
      opts.simulatorToken ?? env.GLIDEPATH_SIMULATOR_TOKEN ?? SIMULATOR_TEST_TOKEN,
    );
  }
  const delegated = rec.auth === "device-code" && opts.delegatedScopes && opts.delegatedScopes.length > 0;
  const scopes = delegated ? (opts.delegatedScopes ?? []).map((p) => `${GRAPH_ORIGIN}/${p}`) : [GRAPH_SCOPE];
  return new IdentityTokenSource(await createCredential(rec, opts), scopes);
}
