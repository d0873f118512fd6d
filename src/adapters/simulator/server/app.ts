// The simulated Graph as a hono app: loopback + bearer-token check, injected throttling and faults,
// latency, then the route table with Graph's paging ($top, $skiptoken nextLinks), $select, $filter
// and Graph-shaped errors. One request log records what happened to every request (tests read it).

import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { GraphHttpError, graphError } from "./graph-errors.js";
import { decodeSkipToken, encodeSkipToken, ODataError, parseFilter, parseSelect, project } from "./odata.js";
import { type Answer, ROUTES, type Route, type Version } from "./routes.js";
import type { Raw, TenantState } from "./tenant-state.js";

/** The host every link the simulator emits uses, so the real Graph client treats links as Graph's. */
export const GRAPH_ORIGIN = "https://graph.microsoft.com";

export type FaultKind = "throttle" | "error" | "drop" | "slow" | "malformed";

export interface RequestLogEntry {
  seq: number;
  readonly method: string;
  /** Path and query, e.g. `/v1.0/users?$top=500`. */
  readonly url: string;
  readonly receivedAt: number;
  sentAt: number;
  status: number;
  fault?: FaultKind;
  /** The Retry-After (seconds) sent with a 429. */
  retryAfter?: number;
}

export interface SimulatorOptions {
  /** The bearer token the server accepts (loopback only). */
  readonly token: string;
  readonly latencyMs?: number;
  /** Probability of an injected fault (5xx, dropped connection, slow response) per request. */
  readonly faultRate?: number;
  /** Probability of a 429 per request. */
  readonly throttleRate?: number;
  /** Retry-After seconds sent with 429 (default 1). */
  readonly retryAfterSeconds?: number;
  /** Seed of the fault PRNG. */
  readonly seed?: string;
  /** Permissions the test credential holds; default all. Requests needing others answer 403. */
  readonly deniedPermissions?: readonly string[];
  /** Path substrings whose responses are truncated JSON (a malformed page). */
  readonly malformedPaths?: readonly string[];
  /** How many faults in a row one URL can receive (faults are transient by construction). */
  readonly maxConsecutiveFaults?: number;
  /** Extra delay of a "slow" fault. */
  readonly slowMs?: number;
  /** Request log entries kept (oldest dropped first); default {@link DEFAULT_LOG_LIMIT}. */
  readonly logLimit?: number;
  /** Largest request body accepted (bytes); larger ones answer 413. Default {@link MAX_BODY_BYTES}. */
  readonly maxBodyBytes?: number;
}

/** Graph refuses request bodies over 4 MB; the simulator does the same instead of reading any size. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Enough for every request of a 200,000-user sync; beyond it the oldest entries go. */
export const DEFAULT_LOG_LIMIT = 100_000;
/** Longest URL kept in a log entry (the request itself is answered whatever its length). */
const LOG_URL_CHARS = 2048;

export interface SimulatorControl {
  readonly log: RequestLogEntry[];
  /** From now on every token is rejected as expired (401). */
  expireTokens(expired?: boolean): void;
  /**
   * Every delta link issued so far expires: using one answers 400 `syncStateNotFound`, as Graph does for
   * directory resources after seven days.
   */
  expireDeltaLinks(): void;
  setDenied(perms: readonly string[]): void;
  setMalformed(paths: readonly string[]): void;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
/** Host header names a loopback client uses; anything else may be a DNS-rebinding page in a browser. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/** Whether a Host header names this machine's loopback interface (DNS-rebinding defence). */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

/** mulberry32: a small seeded PRNG so fault injection is reproducible for a given request order. */
function prng(seed: string): () => number {
  let a = 0;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 2654435761);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; odata.metadata=minimal", ...extra },
  });
}

/** Build the app; `control` is how tests and the serve command steer and observe it. */
export function createSimulatorApp(
  state: TenantState,
  opts: SimulatorOptions,
): { app: Hono<{ Bindings: HttpBindings }>; control: SimulatorControl } {
  const log: RequestLogEntry[] = [];
  const rand = prng(opts.seed ?? "faults");
  const consecutive = new Map<string, number>();
  const cache = new Map<string, Raw[]>();
  let expired = false;
  let deltaEpoch = 0;
  let denied = new Set(opts.deniedPermissions ?? []);
  let malformed = [...(opts.malformedPaths ?? [])];
  const control: SimulatorControl = {
    log,
    expireTokens: (v = true) => {
      expired = v;
    },
    expireDeltaLinks: () => {
      deltaEpoch++;
    },
    setDenied: (p) => {
      denied = new Set(p);
    },
    setMalformed: (p) => {
      malformed = [...p];
    },
  };

  const logLimit = Math.max(1, opts.logLimit ?? DEFAULT_LOG_LIMIT);
  let seq = 0;
  const app = new Hono<{ Bindings: HttpBindings }>();
  // Bodies are limited before anything reads them: a 150 MB POST costs nothing but the 413.
  app.use(
    "*",
    bodyLimit({
      maxSize: opts.maxBodyBytes ?? MAX_BODY_BYTES,
      onError: () =>
        json(413, graphError("RequestEntityTooLarge", "The request body is larger than the service accepts.")),
    }),
  );
  app.all("*", async (c) => {
    const url = new URL(c.req.url);
    const pathAndQuery = url.pathname + url.search;
    // INVARIANT: the log holds authenticated requests only (an unauthenticated flood cannot grow it),
    // at most `logLimit` entries, each URL cut to LOG_URL_CHARS.
    const entry: RequestLogEntry = {
      seq: 0,
      method: c.req.method,
      url: pathAndQuery.length > LOG_URL_CHARS ? pathAndQuery.slice(0, LOG_URL_CHARS) : pathAndQuery,
      receivedAt: Date.now(),
      sentAt: 0,
      status: 0,
    };
    const clientRequestId = c.req.header("client-request-id") ?? null;
    const finish = (r: Response): Response => {
      entry.status = r.status;
      entry.sentAt = Date.now();
      return r;
    };
    /** A finished answer of the main path, sent once the request's latency has passed. */
    const timed = (r: Response, extraMs: number): Promise<Response> => answerAfterLatency(entry, finish(r), extraMs);
    const error = (status: number, code: string, message: string, extra: Record<string, string> = {}) =>
      finish(json(status, graphError(code, message, clientRequestId), extra));

    // INVARIANT: only loopback peers, whatever address the server was bound to, and only requests that
    // name a loopback host (a browser page reaching 127.0.0.1 through a rebound DNS name is refused).
    const remote = c.env?.incoming?.socket?.remoteAddress ?? "";
    if (!LOOPBACK.has(remote))
      return error(403, "Authorization_RequestDenied", "The simulator answers loopback clients only.");
    if (!isLoopbackHost(c.req.header("host")))
      return error(
        403,
        "Authorization_RequestDenied",
        "The simulator answers requests for 127.0.0.1, localhost or [::1] only.",
      );

    const auth = c.req.header("authorization") ?? "";
    if (!auth.startsWith("Bearer ") || auth.slice(7) !== opts.token) {
      return error(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    }
    if (expired) return error(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
    entry.seq = ++seq;
    if (log.length >= logLimit) log.splice(0, log.length - logLimit + 1);
    log.push(entry);

    const m = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    if (!m) return error(400, "BadRequest", `Invalid version in '${url.pathname}'.`);
    const version = m[1] as Version;
    const path = m[2] as string;
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of ROUTES) {
      if (r.method !== c.req.method) continue;
      match = r.pattern.exec(path);
      if (match) {
        route = r;
        break;
      }
    }
    if (!route || !match)
      return error(400, "BadRequest", `Resource not found for the segment '${path.split("/")[1]}'.`);
    if (!route.versions.includes(version)) return error(400, "BadRequest", `Resource not found in ${version}.`);

    // Injected throttling and faults; never more than N in a row for the same request.
    const key = `${c.req.method} ${pathAndQuery}`;
    const streak = consecutive.get(key) ?? 0;
    const maxStreak = opts.maxConsecutiveFaults ?? 3;
    let slow = false;
    if (streak < maxStreak) {
      if (rand() < (opts.throttleRate ?? 0)) {
        consecutive.set(key, streak + 1);
        entry.fault = "throttle";
        await sleep(opts.latencyMs ?? 0);
        const headers: Record<string, string> = {};
        if (!route.throttleWithoutRetryAfter) {
          entry.retryAfter = opts.retryAfterSeconds ?? 1;
          headers["retry-after"] = String(entry.retryAfter);
        }
        return error(429, "TooManyRequests", "Too many requests.", headers);
      }
      if (rand() < (opts.faultRate ?? 0)) {
        const kind = rand();
        if (kind < 0.4) {
          consecutive.set(key, streak + 1);
          entry.fault = "error";
          await sleep(opts.latencyMs ?? 0);
          const status = kind < 0.1 ? 500 : kind < 0.25 ? 503 : 504;
          if (status === 500) return error(500, "generalException", "An unexpected error occurred.");
          if (status === 503) return error(503, "serviceNotAvailable", "The service is temporarily unavailable.");
          return error(504, "UnknownError", "Gateway timeout.");
        }
        if (kind < 0.7) {
          consecutive.set(key, streak + 1);
          entry.fault = "drop";
          await sleep(opts.latencyMs ?? 0);
          entry.sentAt = Date.now();
          c.env?.incoming?.socket?.destroy();
          return new Response(null, { status: 500 });
        }
        slow = true;
        entry.fault = "slow";
      }
    }
    consecutive.delete(key);
    const extraMs = slow ? (opts.slowMs ?? 250) : 0;

    // Permissions (checked after throttling, as Graph's gateway does).
    const needed = typeof route.permission === "string" ? [route.permission] : null;
    let body: unknown = null;
    if (c.req.method === "POST" || c.req.method === "PATCH") {
      const text = await c.req.text();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return timed(error(400, "BadRequest", "Unable to read JSON request payload."), extraMs);
        }
      }
    }
    const ctx = { version, match, query: url.searchParams, body, state };
    const perms = needed ?? (route.permission as (x: typeof ctx) => string[])(ctx);
    const missing = perms.filter((p) => denied.has(p));
    if (missing.length > 0) {
      return timed(
        error(
          403,
          "Authorization_RequestDenied",
          `Insufficient privileges to complete the operation. Missing application permission: ${missing.join(", ")}.`,
        ),
        extraMs,
      );
    }

    let answer: Answer;
    try {
      answer = route.handle(ctx);
      if (answer.kind === "object") {
        if (answer.status === 202 || answer.status === 204 || answer.body === null) {
          return timed(new Response(null, { status: answer.status }), extraMs);
        }
        const sel = parseSelect(url.searchParams.get("$select") ?? undefined);
        return timed(
          respond(version, path, 200 === answer.status ? project(answer.body, sel) : answer.body, answer.status),
          extraMs,
        );
      }
      const page =
        answer.kind === "delta"
          ? groupsDelta(state, version, url, deltaEpoch)
          : collectionPage(answer, version, path, url, cache, state);
      return timed(respond(version, path, page, 200), extraMs);
    } catch (e) {
      if (e instanceof GraphHttpError) {
        return timed(json(e.status, graphError(e.code, e.message, clientRequestId, e.details)), extraMs);
      }
      if (e instanceof ODataError)
        return timed(error(400, "BadRequest", `Invalid filter clause: ${e.message}`), extraMs);
      throw e;
    }

    function respond(v: Version, p: string, payload: Raw, status: number): Response {
      const text = serialise({ "@odata.context": `${GRAPH_ORIGIN}/${v}/$metadata#${p.slice(1)}`, ...payload });
      if (malformed.some((x) => pathAndQuery.includes(x))) {
        entry.fault = "malformed";
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          status,
          headers: { "content-type": "application/json" },
        });
      }
      // Encoded now, before the latency wait, so the wait covers building the whole answer.
      return new Response(Buffer.from(text, "utf8"), {
        status,
        headers: { "content-type": "application/json; odata.metadata=minimal" },
      });
    }
  });
  // Every answer leaves `latencyMs` after its request arrived (plus the injected slowness), however long
  // building it took: the latency is the whole per-request time, as a client sees it from Graph.
  async function answerAfterLatency(entry: RequestLogEntry, r: Response, extraMs: number): Promise<Response> {
    const wait = entry.receivedAt + (opts.latencyMs ?? 0) + extraMs - Date.now();
    if (wait > 0) await sleep(wait);
    if (entry.sentAt !== 0) entry.sentAt = Date.now();
    return r;
  }
  app.onError((e, c) => {
    return c.json(graphError("generalException", `Simulator failure: ${e.message}`), 500);
  });
  return { app, control };
}

/** Already-serialised JSON of one item (pages of sign-ins are assembled from cached strings). */
class JsonText {
  constructor(readonly text: string) {}
}

/** JSON.stringify, except that a `value` array of JsonText is spliced in as is. */
function serialise(payload: Raw): string {
  const value = payload.value;
  if (!Array.isArray(value) || !(value[0] instanceof JsonText)) return JSON.stringify(payload);
  const { value: _v, ...rest } = payload;
  const head = JSON.stringify(rest);
  const items = (value as JsonText[]).map((x) => x.text).join(",");
  return `${head.slice(0, -1)}${head.length > 2 ? "," : ""}"value":[${items}]}`;
}

function linkWith(version: Version, url: URL, set: Record<string, string>, drop: readonly string[]): string {
  const q = new URLSearchParams(url.searchParams);
  for (const d of drop) q.delete(d);
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  // Graph writes `$` unescaped in links; keep that so links look like Graph's.
  void version;
  return `${GRAPH_ORIGIN}${url.pathname}?${q.toString().replace(/%24/g, "$").replace(/%2C/g, ",")}`;
}

function topOf(url: URL, defaultTop: number, maxTop: number): number {
  const raw = url.searchParams.get("$top");
  if (raw === null) return defaultTop;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > maxTop) {
    throw new GraphHttpError(
      400,
      "Request_UnsupportedQuery",
      `Invalid page size specified: '${raw}'. Must be between 1 and ${maxTop} inclusive.`,
    );
  }
  return n;
}

function collectionPage(
  answer: Extract<Answer, { kind: "collection" }>,
  version: Version,
  path: string,
  url: URL,
  cache: Map<string, Raw[]>,
  state: TenantState,
): Raw {
  const top = topOf(url, answer.defaultTop, answer.maxTop);
  const filterSrc = url.searchParams.get("$filter");
  const select = parseSelect(url.searchParams.get("$select") ?? undefined);
  const key = `${version}${path}?${filterSrc ?? ""}`;
  let items = cache.get(key);
  if (!items) {
    let source: Iterable<Raw> = answer.items();
    const isSignIns = path === "/auditLogs/signIns";
    let predicate: ((o: Raw) => boolean) | null = null;
    if (filterSrc) {
      const f = parseFilter(filterSrc);
      predicate = f.predicate;
      if (isSignIns) {
        const r = f.facts.ranges.get("createdDateTime");
        if (r && answer.range) source = answer.range(r.ge ?? -Infinity, r.lt ?? Infinity);
      }
    }
    // Sign-ins: v1.0 (and beta without a signInEventTypes filter) return interactive sign-ins only.
    const interactiveOnly = isSignIns && (version === "v1.0" || !(filterSrc ?? "").includes("signInEventTypes"));
    items = [];
    for (const o of source) {
      if (interactiveOnly && !(o.signInEventTypes as string[] | undefined)?.includes("interactiveUser")) continue;
      if (predicate && !predicate(o)) continue;
      items.push(o);
    }
    if (cache.size > 256) cache.delete(cache.keys().next().value as string);
    cache.set(key, items);
  }
  const tok = url.searchParams.get("$skiptoken");
  const offset = tok ? decodeSkipToken(tok, key) : 0;
  const page = items.slice(offset, offset + top);
  const isV1SignIn = version === "v1.0" && path === "/auditLogs/signIns";
  const value: unknown[] = page.map((o) => {
    // A beta sign-in whose every property is selected: the cached serialisation is the answer.
    const cached = isV1SignIn ? undefined : state.signInJson.get(o);
    if (cached !== undefined && (!select || Object.keys(o).every((k) => select.includes(k))))
      return new JsonText(cached);
    const p = project(o, select);
    if (isV1SignIn) {
      const { signInEventTypes: _e, ...rest } = p;
      return rest;
    }
    return p;
  });
  const out: Raw = { value };
  if (offset + top < items.length) {
    out["@odata.nextLink"] = linkWith(version, url, { $skiptoken: encodeSkipToken(offset + top, key) }, []);
  } else {
    cache.delete(key);
  }
  return out;
}

/** `/groups/delta`: first round pages every group with `members@delta`; a deltaLink returns changes since. */
function groupsDelta(state: TenantState, version: Version, url: URL, epoch: number): Raw {
  const deltaToken = url.searchParams.get("$deltatoken");
  const skip = url.searchParams.get("$skiptoken");
  let select = parseSelect(url.searchParams.get("$select") ?? undefined);
  let since: number | null = null;
  let offset = 0;
  if (deltaToken) {
    const d = decodeDelta(deltaToken);
    if ((d.epoch ?? 0) < epoch) {
      throw new GraphHttpError(
        400,
        "syncStateNotFound",
        "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
      );
    }
    since = d.seq;
    select = d.select;
  } else if (skip) {
    const d = decodeDelta(skip);
    offset = d.offset ?? 0;
    select = d.select;
  }
  const withMembers = !select || select.includes("members");
  const groupSelect = select ? select.filter((s) => s !== "members") : null;
  const top = 200;
  const base = `${GRAPH_ORIGIN}/${version}/groups/delta`;
  if (since === null) {
    const ids = [...state.groups.keys()];
    const value = ids.slice(offset, offset + top).map((id) => {
      const g = project(state.groups.get(id) as Raw, groupSelect);
      if (withMembers) {
        g["members@delta"] = [...(state.members.get(id) ?? [])].map(([mid, type]) => ({
          "@odata.type": type,
          id: mid,
        }));
      }
      return g;
    });
    const out: Raw = { value };
    if (offset + top < ids.length) {
      out["@odata.nextLink"] =
        `${base}?$skiptoken=${encodeDelta({ seq: state.changeSeq, select, offset: offset + top, epoch })}`;
    } else {
      out["@odata.deltaLink"] = `${base}?$deltatoken=${encodeDelta({ seq: state.changeSeq, select, epoch })}`;
    }
    return out;
  }
  const touched = new Map<string, Map<string, string | null>>();
  const deleted = new Set<string>();
  for (const ch of state.changes) {
    if (ch.seq <= since) continue;
    let t = touched.get(ch.groupId);
    if (!t) touched.set(ch.groupId, (t = new Map()));
    if (ch.kind === "deleted") deleted.add(ch.groupId);
    if (ch.memberId) t.set(ch.memberId, ch.memberType ?? null);
  }
  const value: Raw[] = [];
  for (const [gid, ms] of touched) {
    if (deleted.has(gid) || !state.groups.has(gid)) {
      value.push({ id: gid, "@removed": { reason: "deleted" } });
      continue;
    }
    const g = project(state.groups.get(gid) as Raw, groupSelect);
    if (withMembers) {
      const now = state.members.get(gid) ?? new Map();
      g["members@delta"] = [...ms.keys()].map((mid) =>
        now.has(mid)
          ? { "@odata.type": now.get(mid), id: mid }
          : { "@odata.type": ms.get(mid) ?? "#microsoft.graph.user", id: mid, "@removed": { reason: "deleted" } },
      );
    }
    value.push(g);
  }
  return { value, "@odata.deltaLink": `${base}?$deltatoken=${encodeDelta({ seq: state.changeSeq, select, epoch })}` };
}

function encodeDelta(v: { seq: number; select: string[] | null; offset?: number; epoch?: number }): string {
  return Buffer.from(JSON.stringify(v)).toString("base64url");
}

function decodeDelta(s: string): { seq: number; select: string[] | null; offset?: number; epoch?: number } {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (typeof v.seq === "number") return v;
  } catch {
    // fall through
  }
  throw new GraphHttpError(400, "BadRequest", "The delta or skip token is not valid.");
}
