#!/usr/bin/env node
// Adds to package-lock.json the optional, platform-specific packages (other OS/CPU builds of Biome,
// DuckDB, ...) that the npm registry mirror of our build machines does not serve. Without them `npm ci`
// refuses the lock ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). Each stub carries the
// os/cpu/libc its name states, so npm skips it on other platforms without fetching it; on a platform
// that needs it, npm resolves it from the registry as usual. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const pkgs = lock.packages;

/** os, cpu and libc from a platform package name such as cli-linux-arm64-musl or node-bindings-win32-x64. */
function platformOf(name) {
  const m =
    /-(android|darwin|linux|win32|freebsd|openbsd|sunos|aix)-(x64|arm64|ia32|arm|ppc64|s390x|riscv64)(-(musl|gnu|msvc))?$/.exec(
      name,
    );
  if (!m) return null;
  const out = { os: [m[1]], cpu: [m[2]] };
  if (m[4] === "musl" || m[4] === "gnu") out.libc = [m[4] === "gnu" ? "glibc" : "musl"];
  return out;
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    pkgs[key] = { version, ...(meta.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: ${added} platform package(s) recorded`);
