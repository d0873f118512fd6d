// Finds a chromium for the browser tests with nothing installed by hand: a system chromium when there is
// one, else the headless build shipped inside the @sparticuz/chromium dev dependency.

import { existsSync } from "node:fs";

/** Where Debian and Ubuntu put their chromium package's binary. */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * The path of the chromium the browser tests launch: GLIDEPATH_CHROMIUM when set (it must exist: a wrong path is a
 * mistake to report, not to paper over), else the system chromium, else the binary bundled in
 * @sparticuz/chromium (unpacked once into the temp directory, then reused). That package ships a Linux
 * build only, so elsewhere the error says to install chromium or set GLIDEPATH_CHROMIUM.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = env.GLIDEPATH_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`GLIDEPATH_CHROMIUM=${chosen} does not exist`);
    return chosen;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (process.platform !== "linux") {
    throw new Error(
      `no chromium: @sparticuz/chromium ships a Linux build only; install chromium or set GLIDEPATH_CHROMIUM`,
    );
  }
  const { default: bundled } = await import("@sparticuz/chromium");
  return bundled.executablePath();
}
