// The closed lists a caller offers as choices before any work starts (the collections a sync reads, the
// kinds of file an import takes, the ways to sign in), re-exported from their owners. The CLI builds its
// options and help from these without loading the use cases, which pull in SQLite and the Graph client.

export { AUTH_MODES, type AuthMode } from "../adapters/graph/auth.js";
export { SYNC_COLLECTIONS } from "../adapters/graph/collections.js";
export { USER_KINDS } from "../adapters/import/kinds.js";
