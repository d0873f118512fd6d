// Placeholder: replaced by the real writer.
import type { GeneratedTenant } from "./index.js";

export async function writeTenantFiles(
  _t: GeneratedTenant,
  _outDir: string,
  _opts?: { progress?: (done: number, total?: number) => void },
): Promise<{ files: string[] }> {
  return { files: [] };
}
