// The tenant model: re-exports every type and helper of src/core/model.

export * from "./access-patterns.js";
export * from "./audit.js";
export * from "./diagnostics.js";
export * from "./directory.js";
export * from "./directory-index.js";
export * from "./errors.js";
export * from "./guid.js";
export * from "./issue.js";
export { ISSUE_CODES, type IssueCode, type IssueCodeSpec, issueCodeSpec } from "./issue-codes.js";
export * from "./policy.js";
export * from "./registration.js";
export * from "./sign-in.js";
export * from "./sign-in-codes.js";
export * from "./snapshot.js";
export * from "./well-known.js";
