// The Graph client: @microsoft/microsoft-graph-client v3 with our own middleware chain
//   auth (bearer from a TokenSource) → retry/throttle → fetch (host rewrite to the simulator only).
// Why our own retry: Graph's RetryHandler has no full jitter, no dropped-connection retry and no hook for
// a request log. Why our own fetch: the v3 client parses only https:// base URLs, so every URL keeps the real
// Graph host and the last middleware rewrites it to the loopback simulator (docs/reference/graph-api.md#graph-client).

import { Client, type Context, GraphError, type Middleware, ResponseType } from "@microsoft/microsoft-graph-client";
import { GlidepathError } from "../../core/model/errors.js";
import { GRAPH_ORIGIN, isLoopbackUrl, SIMULATOR_TOKEN_PREFIX, type TokenSource } from "./auth.js";

export type GraphVersion = "v1.0" | "beta";

/** One attempt as the client saw it (the client-side request log). */
export interface AttemptRecord {
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  /** HTTP status, or 0 for a network failure (dropped connection). */
  readonly status: number;
  /** Retry-After seconds the server sent, if any. */
  readonly retryAfter?: number;
  /** How long the client waited before the next attempt. */
  readonly waitMs?: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Full-jitter exponential backoff: wait = random(0, min(cap, base * 2^(attempt-1))). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface GraphClientOptions {
  readonly tokenSource: TokenSource;
  /** Loopback origin of the simulator; required for, and only allowed with, a simulator token source. */
  readonly simulatorBaseUrl?: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  readonly onAttempt?: (a: AttemptRecord) => void;
  /** Randomness for jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /** Waits between attempts (tests pass one that records the wait instead of spending it). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  throttled: number;
  networkErrors: number;
  waitedMs: number;
}

/** Retried for reads (GET) and idempotent writes (PATCH, DELETE): throttling and transient server errors. */
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
/**
 * POST is not idempotent (a retried create could make a second policy): retried only when Graph says the
 * request was not processed (429, 503), never after a dropped connection or a gateway timeout.
 */
const RETRY_STATUS_POST = new Set([429, 503]);

function abortError(): Error {
  const e = new Error("the operation was aborted");
  e.name = "AbortError";
  return e;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function urlOf(ctx: Context): string {
  return typeof ctx.request === "string" ? ctx.request : ctx.request.url;
}

class AuthMiddleware implements Middleware {
  private next!: Middleware;
  constructor(private readonly source: TokenSource) {}
  setNext(m: Middleware): void {
    this.next = m;
  }
  async execute(ctx: Context): Promise<void> {
    const token = await this.source.getAccessToken();
    // INVARIANT: the simulator credential only ever travels to the simulator (see FetchMiddleware).
    if (this.source.kind === "graph" && token.startsWith(SIMULATOR_TOKEN_PREFIX)) {
      throw new GlidepathError(
        "auth.simulator-token",
        "a simulator test credential was offered for a real tenant",
        "connect to the simulator with 'glidepath connect --simulator URL'",
        "refused",
      );
    }
    const headers = new Headers((ctx.options?.headers as ConstructorParameters<typeof Headers>[0]) ?? {});
    headers.set("Authorization", `Bearer ${token}`);
    ctx.options = { ...(ctx.options ?? {}), headers: Object.fromEntries(headers.entries()) };
    await this.next.execute(ctx);
  }
}

class RetryMiddleware implements Middleware {
  private next!: Middleware;
  constructor(
    private readonly policy: RetryPolicy,
    private readonly stats: ClientStats,
    private readonly opts: GraphClientOptions,
  ) {}
  setNext(m: Middleware): void {
    this.next = m;
  }
  async execute(ctx: Context): Promise<void> {
    const method = (ctx.options?.method ?? "GET").toUpperCase();
    const url = urlOf(ctx);
    const random = this.opts.random ?? Math.random;
    const retryable = method === "POST" ? RETRY_STATUS_POST : RETRY_STATUS;
    for (let attempt = 1; ; attempt++) {
      this.stats.requests++;
      let status = 0;
      let retryAfter: number | undefined;
      try {
        await this.next.execute(ctx);
        status = ctx.response?.status ?? 0;
      } catch (e) {
        if (this.opts.signal?.aborted || e instanceof GlidepathError) throw e;
        this.stats.networkErrors++;
        if (attempt >= this.policy.maxAttempts || method === "POST") {
          this.opts.onAttempt?.({ method, url, attempt, status: 0 });
          throw e;
        }
      }
      if (status !== 0 && !retryable.has(status)) {
        this.opts.onAttempt?.({ method, url, attempt, status });
        return;
      }
      if (status !== 0 && attempt >= this.policy.maxAttempts) {
        this.opts.onAttempt?.({ method, url, attempt, status });
        return;
      }
      if (status === 429) this.stats.throttled++;
      const ra = ctx.response?.headers.get("retry-after");
      if (status !== 0 && ra) {
        const secs = Number(ra);
        retryAfter = Number.isFinite(secs) ? secs : Math.max(0, (Date.parse(ra) - Date.now()) / 1000);
      }
      // Retry-After wins when present; otherwise exponential backoff with full jitter.
      const cap = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
      const waitMs = retryAfter !== undefined ? Math.ceil(retryAfter * 1000) : Math.floor(random() * cap);
      this.opts.onAttempt?.({
        method,
        url,
        attempt,
        status,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        waitMs,
      });
      // Drain the body so the connection can be reused.
      await ctx.response?.body?.cancel().catch(() => {});
      ctx.response = undefined;
      this.stats.retries++;
      this.stats.waitedMs += waitMs;
      await (this.opts.sleep ?? sleep)(waitMs, this.opts.signal);
    }
  }
}

class FetchMiddleware implements Middleware {
  constructor(
    private readonly f: typeof fetch,
    private readonly base: string | null,
    private readonly signal: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {}
  async execute(ctx: Context): Promise<void> {
    const u = urlOf(ctx);
    // INVARIANT: requests go to Graph itself, or — only for a simulator connection — to its loopback origin.
    if (!u.startsWith(`${GRAPH_ORIGIN}/`)) {
      throw new GlidepathError(
        "graph.foreign-link",
        `refusing to follow a link outside ${GRAPH_ORIGIN}`,
        "this is a bug or a tampered response; report it",
      );
    }
    const target = this.base ? this.base + u.slice(GRAPH_ORIGIN.length) : u;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
    ctx.response = await this.f(target, { ...(ctx.options as RequestInit), signal });
  }
}

/** A Graph client bound to one connection, with request statistics. */
export class GraphClient {
  readonly client: Client;
  readonly stats: ClientStats = { requests: 0, retries: 0, throttled: 0, networkErrors: 0, waitedMs: 0 };

  constructor(readonly opts: GraphClientOptions) {
    const isSim = opts.tokenSource.kind === "simulator";
    if (isSim !== Boolean(opts.simulatorBaseUrl)) {
      throw new GlidepathError(
        "connect.mismatch",
        isSim
          ? "a simulator credential needs the simulator's loopback address"
          : "a simulator address needs the simulator credential",
        "reconnect with 'glidepath connect'",
        "refused",
      );
    }
    if (opts.simulatorBaseUrl && !isLoopbackUrl(opts.simulatorBaseUrl)) {
      throw new GlidepathError(
        "connect.simulator-not-loopback",
        "the simulator must be on a loopback address",
        "use http://127.0.0.1:PORT",
        "refused",
      );
    }
    const policy = { ...DEFAULT_RETRY, ...(opts.retry ?? {}) };
    const auth = new AuthMiddleware(opts.tokenSource);
    const retry = new RetryMiddleware(policy, this.stats, opts);
    const fetcher = new FetchMiddleware(
      opts.fetch ?? fetch,
      opts.simulatorBaseUrl ? new URL(opts.simulatorBaseUrl).origin : null,
      opts.signal,
      opts.timeoutMs ?? 100_000,
    );
    auth.setNext(retry);
    retry.setNext(fetcher);
    this.client = Client.initWithMiddleware({ middleware: auth, defaultVersion: "v1.0" });
  }

  /** GET a path (`/users`, with `query`) or an absolute `@odata.nextLink`; returns the parsed JSON. */
  async get<T = Record<string, unknown>>(
    pathOrUrl: string,
    opts: { version?: GraphVersion; query?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const url = pathOrUrl.startsWith("https://") ? pathOrUrl : buildUrl(opts.version ?? "v1.0", pathOrUrl, opts.query);
    let req = this.client.api(url);
    if (opts.headers) req = req.headers(opts.headers);
    return (await req.get()) as T;
  }

  /**
   * GET returning the body text unparsed (the sync stages pages as Graph sent them, parsing once). A non-2xx
   * answer throws a GraphError with Graph's error code, as `get` does.
   */
  async getText(
    pathOrUrl: string,
    opts: { version?: GraphVersion; query?: Record<string, string> } = {},
  ): Promise<string> {
    const url = pathOrUrl.startsWith("https://") ? pathOrUrl : buildUrl(opts.version ?? "v1.0", pathOrUrl, opts.query);
    const res = (await this.client.api(url).responseType(ResponseType.RAW).get()) as Response;
    const text = await res.text();
    if (res.ok) return text;
    let code: string | null = null;
    let message = res.statusText || `HTTP ${res.status}`;
    try {
      const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
      if (e?.code) code = e.code;
      if (e?.message) message = e.message;
    } catch {
      // not a Graph error body; keep the status text
    }
    const err = new GraphError(res.status, message);
    err.code = code;
    throw err;
  }

  async send<T = Record<string, unknown>>(
    method: "POST" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    version: GraphVersion = "v1.0",
  ): Promise<T> {
    const req = this.client.api(buildUrl(version, path));
    if (method === "POST") return (await req.post(body)) as T;
    if (method === "PATCH") return (await req.patch(body)) as T;
    return (await req.delete()) as T;
  }
}

/** `https://graph.microsoft.com/{version}{path}?{query}` with `$` left unescaped, as Graph documents it. */
export function buildUrl(version: GraphVersion, path: string, query?: Record<string, string>): string {
  const q = Object.entries(query ?? {})
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
  return `${GRAPH_ORIGIN}/${version}${path}${q ? `?${q}` : ""}`;
}

/** The facts of a failed Graph call, for a one-line message. */
export interface GraphFailure {
  readonly status: number;
  readonly code: string | null;
  readonly message: string;
  readonly kind: "http" | "malformed" | "network" | "aborted";
}

/** Classify what a Graph call threw. Never includes headers or tokens. */
export function describeFailure(e: unknown): GraphFailure {
  if (e instanceof Error && e.name === "AbortError")
    return { status: 0, code: null, message: "aborted", kind: "aborted" };
  if (e instanceof GraphError) {
    if (e.statusCode >= 200 && e.statusCode < 300) {
      return { status: e.statusCode, code: null, message: "the response is not valid JSON", kind: "malformed" };
    }
    if (e.statusCode <= 0) return { status: 0, code: null, message: firstLine(e.message), kind: "network" };
    return { status: e.statusCode, code: e.code, message: firstLine(e.message), kind: "http" };
  }
  if (e instanceof SyntaxError)
    return { status: 200, code: null, message: "the response is not valid JSON", kind: "malformed" };
  return { status: 0, code: null, message: firstLine(e instanceof Error ? e.message : String(e)), kind: "network" };
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? "").replace(/Bearer\s+\S+/g, "Bearer [redacted]").slice(0, 240);
}
