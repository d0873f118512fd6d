// Builds the AssessmentContext a check reads: the snapshot, config and `now`, plus a directory index and
// shared facts computed lazily once per assessment.

import { buildDirectoryIndex } from "../model/directory-index.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { buildFacts, type Precomputed } from "./shared/facts.js";
import type { AssessmentConfig, AssessmentContext } from "./types.js";

/** `pre` carries what a streaming caller computed over data it did not keep (see Precomputed). */
export function createAssessmentContext(
  snapshot: TenantSnapshot,
  config: AssessmentConfig,
  now: string,
  pre: Precomputed = {},
): AssessmentContext {
  const index = buildDirectoryIndex(snapshot, now);
  return { snapshot, config, now, index, facts: buildFacts(snapshot, index, config, now, pre) };
}
