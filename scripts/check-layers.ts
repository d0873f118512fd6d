// Enforces the layer rules of docs/design.md on every import in src/: the core is pure and dependencies point one way.
// Run by `npm run lint`; exits 1 and names file:line for each violation.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";

/** Pure npm packages the core may import (no I/O, no clock, no randomness). */
const CORE_PACKAGE_ALLOW = new Set<string>([]);

type Layer = "core" | "adapters" | "app" | "cli" | "server" | "views";

/** Which layers each layer may import (besides npm packages, which only core is denied). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: ["core"],
  adapters: ["core", "adapters"],
  app: ["core", "adapters", "app"],
  views: ["core", "app", "views"],
  cli: ["core", "app", "views", "cli"],
  server: ["core", "app", "views", "server"],
};

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts)$/.test(name)) out.push(p);
  }
  return out;
}

function layerOf(file: string, srcRoot: string): Layer | null {
  const top = relative(srcRoot, file).split(sep)[0];
  return top && top in ALLOWED ? (top as Layer) : null;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/**
 * Check every file under `srcRoot`. Test files (`*.test.ts`) may use Node built-ins and test/ helpers;
 * core tests still may not import adapters or other layers.
 */
export function checkLayers(srcRoot: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of walk(srcRoot)) {
    const layer = layerOf(file, srcRoot);
    if (!layer) continue;
    const isTest = file.endsWith(".test.ts");
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec) continue;
      const line = text.slice(0, m.index).split("\n").length + (m[0].startsWith("\n") ? 1 : 0);
      const where = { file: relative(process.cwd(), file), line };
      if (spec.startsWith(".")) {
        const target = layerOf(resolve(dirname(file), spec), srcRoot);
        if (target && !ALLOWED[layer].includes(target) && !(isTest && layer !== "core")) {
          violations.push({
            ...where,
            message: `${layer} may not import ${target} ("${spec}"); see docs/design.md#layers`,
          });
        }
        if (layer === "core" && !target && !isTest) {
          violations.push({ ...where, message: `core may import only src/core ("${spec}")` });
        }
      } else if (layer === "core" && !isTest) {
        const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);
        if (builtins.has(spec) || builtins.has(pkg)) {
          violations.push({
            ...where,
            message: `core is pure: Node built-in "${spec}" is not allowed (docs/design.md#rule-1)`,
          });
        } else if (!CORE_PACKAGE_ALLOW.has(pkg)) {
          violations.push({
            ...where,
            message: `core is pure: package "${pkg}" is not on the allow-list in scripts/check-layers.ts`,
          });
        }
      }
    }
  }
  return violations;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? "src");
  const v = checkLayers(root);
  for (const x of v) console.error(`${x.file}:${x.line}: ${x.message}`);
  if (v.length > 0) {
    console.error(`layers: ${v.length} violation(s)`);
    process.exit(1);
  }
  console.log("layers: ok");
}
