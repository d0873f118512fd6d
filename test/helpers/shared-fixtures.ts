// Locates the shared fixtures (../shared/fixtures beside the repository, read in place, never copied in)
// and fails loudly when they are missing, so a test never passes by asserting nothing.

import { existsSync } from "node:fs";
import { join } from "node:path";

/** The shared fixture directory: ../shared/fixtures next to this repository's root. */
export const SHARED_FIXTURES = join(import.meta.dirname, "..", "..", "..", "shared", "fixtures");

/**
 * The path of `parts` under the shared fixtures. Throws, naming the expected path, when it does not
 * exist: a test file that calls this at load time then fails instead of passing with nothing checked.
 */
export function sharedFixture(...parts: string[]): string {
  const path = join(SHARED_FIXTURES, ...parts);
  if (!existsSync(path)) {
    throw new Error(`shared fixtures missing: ${path} does not exist (the tests read ../shared/fixtures in place)`);
  }
  return path;
}
