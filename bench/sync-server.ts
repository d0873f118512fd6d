// Child process of bench/sync.bench.ts: serves the simulated tenant (as `glidepath simulator serve` does,
// without loading the whole CLI) and prints its URL; stops on SIGTERM.
// Args: USERS SEED NOW LATENCY_MS

import { serveSimulator } from "../src/app/simulator-serve.js";

const [users, seed, now, latency] = process.argv.slice(2);
const server = await serveSimulator({
  users: Number(users),
  seed: seed ?? "bench",
  now: now ?? "2026-03-01T00:00:00Z",
  latencyMs: Number(latency ?? 50),
});
process.stdout.write(`serving ${server.state.signInCount} sign-ins at ${server.url}\n`);
process.once("SIGTERM", () => {
  process.stdout.write(`requests ${server.log.length}\n`);
  void server.close().then(() => process.exit(0));
});
