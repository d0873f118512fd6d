// The single list of issue and error codes: for each code its kind, its exit-code class or severity, a message
// template and a remedy. docs/errors.md is generated from it; a test proves every code in src/ is listed here.

import type { IssueSeverity } from "./issue.js";

/**
 * Exit-code classes (docs/design.md#rule-11). Core names the class; the CLI maps it to a
 * number (src/cli/exit-codes.ts), so the numbers are a CLI concern only.
 */
export type ExitName = "ok" | "findings" | "error" | "refused" | "partial";

/**
 * One code. `error`: thrown as a GlidepathError; it stops the command with the `exit` class. `issue`: reported
 * as an Issue with `severity` while the command goes on (policy diagnostics, Graph conversion, import records).
 * `message` is a template for the docs ({name} stands for a value the real message names); the thrown message
 * itself is written at the throw site, so it can name the input exactly.
 */
export type IssueCodeSpec =
  | { readonly kind: "error"; readonly exit: ExitName; readonly message: string; readonly remedy: string }
  | { readonly kind: "issue"; readonly severity: IssueSeverity; readonly message: string; readonly remedy: string };

/** Every code Glidepath reports, sorted. Adding a code = one line here; `npm run docs` refreshes docs/errors.md. */
export const ISSUE_CODES = {
  "assess.write": {
    kind: "error",
    exit: "error",
    message: "cannot write the {what} to {path}: {detail}",
    remedy: "choose a path in a folder that exists and that you can write to",
  },
  "auth.failed": {
    kind: "error",
    exit: "error",
    message: "signing in to Microsoft Entra ID failed: {detail}",
    remedy:
      "check --tenant, --client-id and the credential ('glidepath connect --help'), then run 'glidepath connect' again",
  },
  "auth.secret-file": {
    kind: "error",
    exit: "error",
    message: "cannot read the client secret file {file} ({detail})",
    remedy: "point --client-secret-file at a readable file that holds only the secret",
  },
  "auth.secret-missing": {
    kind: "error",
    exit: "error",
    message: "client-secret authentication needs the secret in GLIDEPATH_CLIENT_SECRET or --client-secret-file",
    remedy: "export GLIDEPATH_CLIENT_SECRET=... (or pass --client-secret-file FILE); Glidepath never stores it",
  },
  "auth.simulator-token": {
    kind: "error",
    exit: "refused",
    message: "a simulator test credential was offered for a real tenant",
    remedy: "connect to the simulator with 'glidepath connect --simulator URL' instead",
  },
  "classify.type": { kind: "error", exit: "error", message: "unknown type '{type}'", remedy: "use one of: {detail}" },
  "classify.user": {
    kind: "error",
    exit: "error",
    message: "no user '{user}' in the workspace's latest snapshot",
    remedy: "give the user's object id or sign-in name (UPN) as 'glidepath assess' lists it",
  },
  "connect.auth": {
    kind: "error",
    exit: "error",
    message: "--auth '{auth}' is not one of {modes}",
    remedy: "choose an --auth mode",
  },
  "connect.certificate": {
    kind: "error",
    exit: "error",
    message: "--auth client-certificate needs --certificate FILE",
    remedy: "pass the PEM file holding the certificate and its private key",
  },
  "connect.client-id": {
    kind: "error",
    exit: "error",
    message: "--auth {auth} needs --client-id",
    remedy: "pass the application (client) id of your app registration",
  },
  "connect.mismatch": {
    kind: "error",
    exit: "refused",
    message: "the credential does not match the workspace's connection (simulator versus tenant)",
    remedy: "reconnect with 'glidepath connect'",
  },
  "connect.simulator-not-loopback": {
    kind: "error",
    exit: "refused",
    message: "the simulator credential is only valid for a loopback address, not {detail}",
    remedy: "start the simulator with 'glidepath simulator serve' and connect to the http://127.0.0.1:PORT it prints",
  },
  "connect.simulator-token": {
    kind: "error",
    exit: "error",
    message: "the simulator token is not a simulator test credential",
    remedy: "use the token 'glidepath simulator serve' prints (it starts with glidepath-simulator.)",
  },
  "connect.tenant": {
    kind: "error",
    exit: "error",
    message: "--tenant '{tenant}' is neither a tenant id (GUID) nor a domain",
    remedy: "pass the directory (tenant) id from the Entra admin center",
  },
  "connect.usage": {
    kind: "error",
    exit: "error",
    message: "--simulator cannot be combined with --tenant, --client-id or --auth",
    remedy: "connect either to the simulator or to a tenant",
  },
  "context.bad-ip": {
    kind: "issue",
    severity: "warning",
    message: "'{ipAddress}' is not an IP address",
    remedy: "describe the sign-in with a user of the snapshot and a valid IP address",
  },
  "context.unknown-user": {
    kind: "issue",
    severity: "warning",
    message: "user '{user}' is not in the snapshot: group and role memberships are unknown",
    remedy: "describe the sign-in with a user of the snapshot and a valid IP address",
  },
  "demo.no-emergency-group": {
    kind: "error",
    exit: "error",
    message: "no group holds the emergency accounts, so the all-users policy cannot exclude them",
    remedy: "declare them with 'glidepath classify USER emergency' and put them in one group",
  },
  "demo.template": {
    kind: "error",
    exit: "error",
    message: "{reason} (the built-in template failed)",
    remedy: "this is a bug; report it",
  },
  "engine.unevaluable": {
    kind: "issue",
    severity: "warning",
    message: "{reason}; counted as applied or not applied, whichever is pessimistic for the question",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "evaluate.bad-country": {
    kind: "error",
    exit: "error",
    message: "--country '{value}' is not an ISO 3166-1 alpha-2 country code",
    remedy: "pass a two-letter code such as US, DE or GB (did you mean GB for UK?)",
  },
  "evaluate.bad-device": {
    kind: "error",
    exit: "error",
    message: "--device is not valid JSON: {detail}",
    remedy:
      'quote it for the shell, e.g. --device \'{"isCompliant":true,"trustType":"AzureAD"}\', or pass --device unregistered',
  },
  "evaluate.bad-ip": {
    kind: "error",
    exit: "error",
    message: "--ip '{value}' is not an IPv4 or IPv6 address",
    remedy: "pass e.g. --ip 203.0.113.7 or --ip 2001:db8::1",
  },
  "evaluate.bad-value": {
    kind: "error",
    exit: "error",
    message: "{flag} '{v}' is not valid",
    remedy: "use one of: {detail}",
  },
  "evaluate.no-policies": {
    kind: "error",
    exit: "error",
    message: "no .json files under {detail}",
    remedy: "pass policy JSON files or folders to --policies",
  },
  "evaluate.unknown-app": {
    kind: "error",
    exit: "error",
    message: "--app '{v}' is neither an application id nor a known name",
    remedy: "pass an appId (GUID) or one of: {detail}",
  },
  "evaluate.unknown-user": {
    kind: "error",
    exit: "error",
    message: "no user '{user}' in the snapshot (or no --user given)",
    remedy: "pass a UPN or object id of the snapshot, or describe an ad-hoc user with --member-of/--role/--guest",
  },
  "filter.syntax": {
    kind: "issue",
    severity: "error",
    message: "device filter does not parse at character {detail}: {reason}",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "graph.dropped-entries": {
    kind: "issue",
    severity: "warning",
    message:
      "authenticationMethodsPolicy: {dropped} method configuration(s) were not objects with an id and were dropped",
    remedy: "run 'glidepath sync' again; if it persists, the tenant's Graph data lacks this field: report it",
  },
  "graph.failed": {
    kind: "error",
    exit: "error",
    message: "{endpoint} answered {status} {detail}: {reason}; the previous snapshot is unchanged",
    remedy: "retry later when Graph answered 5xx or 429 (the sync resumes); otherwise report it",
  },
  "graph.forbidden": {
    kind: "error",
    exit: "error",
    message:
      "{endpoint} answered 403 {detail}: missing permission {permission}{licence}; the previous snapshot is unchanged",
    remedy:
      "grant {permission} to the app registration with admin consent ('glidepath connect --permissions' lists all), or leave '{collection}' out with --only",
  },
  "graph.foreign-link": {
    kind: "error",
    exit: "error",
    message: "refusing to follow a link outside https://graph.microsoft.com",
    remedy: "this is a bug or a tampered response; report it",
  },
  "graph.invalid-field": {
    kind: "issue",
    severity: "error",
    message: "{kind}: '{field}' must be a {type}, got {value}",
    remedy: "run 'glidepath sync' again; if it persists, the tenant's Graph data lacks this field: report it",
  },
  "graph.malformed": {
    kind: "error",
    exit: "error",
    message: "{endpoint} returned a malformed page ({reason}); the previous snapshot is unchanged",
    remedy: "run 'glidepath sync' again: it resumes from the last good page; report it if it persists",
  },
  "graph.missing-field": {
    kind: "issue",
    severity: "error",
    message: "{kind}: '{field}' is missing",
    remedy: "run 'glidepath sync' again; if it persists, the tenant's Graph data lacks this field: report it",
  },
  "graph.not-an-object": {
    kind: "issue",
    severity: "error",
    message: "{kind}: expected a JSON object, got {detail}",
    remedy: "run 'glidepath sync' again; if it persists, the tenant's Graph data lacks this field: report it",
  },
  "graph.unauthorized": {
    kind: "error",
    exit: "error",
    message:
      "{endpoint} answered 401 {detail}: the access token is expired or invalid; the previous snapshot is unchanged",
    remedy: "sign in again with 'glidepath connect', then run 'glidepath sync' (it resumes)",
  },
  "graph.unreachable": {
    kind: "error",
    exit: "error",
    message: "{endpoint} failed after retries: {reason}; the previous snapshot is unchanged",
    remedy: "check the network (or that the simulator is running) and run 'glidepath sync' again: it resumes",
  },
  "graph.unsupported-type": {
    kind: "issue",
    severity: "error",
    message: "namedLocation: type {type} is not supported",
    remedy: "run 'glidepath sync' again; if it persists, the tenant's Graph data lacks this field: report it",
  },
  "import.binary": {
    kind: "issue",
    severity: "error",
    message: "the file holds binary data (NUL bytes), not a text export",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.csv-columns": {
    kind: "issue",
    severity: "error",
    message: "the row has {n} fields, the header {m}",
    remedy: "fix or re-export the record named by file:line; without --strict the other records are imported",
  },
  "import.empty": {
    kind: "issue",
    severity: "error",
    message: "the file is empty",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.encoding": {
    kind: "issue",
    severity: "error",
    message:
      "the text holds NUL characters: the file is not {encoding} (UTF-16 saved with a wrong or missing byte-order mark?)",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.future-time": {
    kind: "issue",
    severity: "error",
    message: "dated {time}, after the time of this import ({now}): a record from the future is not used",
    remedy:
      "check the exporting system's clock; the record is skipped (more than 15 minutes ahead of the import never moves a window or retention)",
  },
  "import.gzip": {
    kind: "issue",
    severity: "error",
    message: "the gzip data is corrupt or truncated ({detail})",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.json-depth": {
    kind: "issue",
    severity: "error",
    message: "nesting too deep (more than 100 levels of arrays and objects); Graph exports nest about 10",
    remedy: "check that the file named in the message is the export you meant (the importer rejected this file only)",
  },
  "import.json-shape": {
    kind: "issue",
    severity: "error",
    message: "too much data after the records array",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.json-syntax": {
    kind: "issue",
    severity: "error",
    message: "not valid JSON: {reason}",
    remedy: "fix or re-export the record named by file:line; without --strict the other records are imported",
  },
  "import.kind-mismatch": {
    kind: "issue",
    severity: "error",
    message: "--kind {forced} was given but the header is that of a {kind} export",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.missing-column": {
    kind: "issue",
    severity: "error",
    message: "the {kind} export lacks the column(s) {columns}",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.missing-file": {
    kind: "error",
    exit: "error",
    message: "no such file or folder: {detail}",
    remedy: "check the path (folders are read recursively)",
  },
  "import.no-input": {
    kind: "error",
    exit: "error",
    message: "no file to import",
    remedy: "name one or more export files or folders: glidepath import FILE...",
  },
  "import.not-regular": {
    kind: "issue",
    severity: "warning",
    message: "{what}, not a regular file: skipped",
    remedy:
      "nothing to do: named pipes, sockets and devices are never read (a named pipe with no writer would wait forever); copy the data into a file to import it",
  },
  "import.read": {
    kind: "issue",
    severity: "error",
    message: "cannot read the file: {detail}",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.record": {
    kind: "issue",
    severity: "error",
    message: "{reasons}",
    remedy: "fix or re-export the record named by file:line; without --strict the other records are imported",
  },
  "import.record-too-large": {
    kind: "issue",
    severity: "error",
    message: "a record (one JSON object or CSV row) is larger than the 16 MiB limit",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.strict": {
    kind: "error",
    exit: "error",
    message: "{where}: {reason}",
    remedy: "fix or remove the record (or drop --strict to skip bad records and import the rest); nothing was written",
  },
  "import.tenant": {
    kind: "error",
    exit: "error",
    message: "{file}:{line}: invalid tenant record: {problems}",
    remedy:
      "fix the named field of tenant.json (or re-export the workspace with 'glidepath export'); nothing was written",
  },
  "import.truncated": {
    kind: "issue",
    severity: "error",
    message: "the file ends inside a quoted field of the row that starts at line {line} (truncated download?)",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "import.unknown-shape": {
    kind: "issue",
    severity: "error",
    message: "the file is not an export Glidepath knows: {what}",
    remedy: "re-export the file named in the message (the importer rolled back this file only)",
  },
  "location.bad-cidr": {
    kind: "issue",
    severity: "warning",
    message: "named location '{displayName}' has an unreadable range '{cidrAddress}'; ignored",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "output.not-dir": {
    kind: "error",
    exit: "refused",
    message: "{option} {path} is a file, not a folder",
    remedy: "name a folder",
  },
  "output.not-empty": {
    kind: "error",
    exit: "refused",
    message: "{option} {path} is not empty",
    remedy: "choose an empty or new folder, or add --force to replace the files this command writes there",
  },
  "output.symlink": {
    kind: "error",
    exit: "refused",
    message: "{option} {path} is a symbolic link; Glidepath does not write through links",
    remedy: "name the real folder instead",
  },
  "output.write": {
    kind: "error",
    exit: "error",
    message: "cannot write the {what} to {path}: {detail}",
    remedy: "choose a file path (not a folder) in a folder that exists and that you can write to",
  },
  "policy.bad-type": {
    kind: "issue",
    severity: "error",
    message: "expected an object, found {detail}; ignored",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.bad-value": {
    kind: "issue",
    severity: "warning",
    message: "expected a string, found {detail}; ignored",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.derived-id": {
    kind: "issue",
    severity: "info",
    message: "no id; using {id} derived from the name",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.duplicate-id": {
    kind: "issue",
    severity: "warning",
    message: "duplicate policy id; renamed {id}",
    remedy: "pass --replace ID to change that policy, or remove the id from the file to add a new one",
  },
  "policy.file-depth": {
    kind: "error",
    exit: "error",
    message: "policy file {file}:{line}:{column}: nesting too deep (more than 100 levels of arrays and objects)",
    remedy: "a policy export nests about 10 levels: check that this is the file you meant, or leave it out",
  },
  "policy.file-parse": {
    kind: "error",
    exit: "error",
    message: "policy file {path}{detail} is not valid JSON: {msg}",
    remedy:
      'export the policy as JSON from the Entra admin center or Graph (one object, an array, or {"value": [...]})',
  },
  "policy.file-read": {
    kind: "error",
    exit: "error",
    message: "cannot read policy file {path}: {detail}",
    remedy: "check the path given to --policy",
  },
  "policy.file-skipped": {
    kind: "issue",
    severity: "warning",
    message: "{what}, not a regular file: skipped",
    remedy:
      "nothing to do: named pipes, sockets and devices in a policy folder are never read; copy the policy into a .json file to use it",
  },
  "policy.filter-empty": {
    kind: "issue",
    severity: "warning",
    message: "filter has no rule; ignored",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.group-name-needs-workspace": {
    kind: "error",
    exit: "error",
    message: "{field} '{g}' is a name, and no workspace is open to resolve it",
    remedy: "pass the group's object id, or --workspace DIR of a workspace holding the tenant",
  },
  "policy.invalid": {
    kind: "error",
    exit: "error",
    message: "{file}: not a Conditional Access policy",
    remedy: "fix the named field of the policy file (Graph conditionalAccessPolicy JSON)",
  },
  "policy.locations-no-include": {
    kind: "issue",
    severity: "warning",
    message: "no location included: matches nothing",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.mfa-and-strength": {
    kind: "issue",
    severity: "warning",
    message: "'Require MFA' and an authentication strength cannot share a policy in Entra",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.missing-name": {
    kind: "issue",
    severity: "warning",
    message: "no displayName",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.missing-operator": {
    kind: "issue",
    severity: "warning",
    message: "several controls without an operator; read as OR",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.missing-state": {
    kind: "issue",
    severity: "warning",
    message: "no state; evaluated as enabled",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.no-applications": {
    kind: "issue",
    severity: "warning",
    message: "no target resources: the policy matches nothing",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.no-conditions": {
    kind: "issue",
    severity: "error",
    message: "policy has no conditions; rejected (Entra requires users and applications)",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.no-emergency-group": {
    kind: "error",
    exit: "error",
    message: "no group holds the emergency accounts to exclude",
    remedy:
      "declare them with 'glidepath classify USER emergency', put them in one security group, or pass --exclude-group GROUP",
  },
  "policy.no-users": {
    kind: "issue",
    severity: "warning",
    message: "no users or workload identities included: the policy matches nobody",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.not-an-object": {
    kind: "issue",
    severity: "error",
    message: "expected a policy object, found {detail}",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.platforms-no-include": {
    kind: "issue",
    severity: "warning",
    message: "platforms excluded but none included: matches nothing",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.replace-unknown": {
    kind: "issue",
    severity: "error",
    message: "--replace {r}: no current policy has this id",
    remedy: "list the current policy ids with 'glidepath tenant --format json'",
  },
  "policy.template-option": {
    kind: "error",
    exit: "error",
    message: "{reason}",
    remedy: "see 'glidepath policy template --list'",
  },
  "policy.unknown-enum": {
    kind: "issue",
    severity: "warning",
    message: "unknown {what} '{s}'; it can match nothing",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.unknown-group": {
    kind: "error",
    exit: "error",
    message: "{field} '{group}' names no group (or several)",
    remedy: "pass the group's object id or its exact display name (see 'glidepath tenant')",
  },
  "policy.unknown-template": {
    kind: "error",
    exit: "error",
    message: "unknown template '{name}'",
    remedy: "use one of: {detail} (glidepath policy template --list)",
  },
  "policy.unresolved-reference": {
    kind: "issue",
    severity: "warning",
    message: "'{raw}' is a placeholder or a name, not an id",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.unsupported-condition": {
    kind: "issue",
    severity: "warning",
    message: "condition '{k}' is not evaluated offline",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "policy.users-and-workload": {
    kind: "issue",
    severity: "warning",
    message: "both users and workload identities configured; workload part ignored",
    remedy:
      "fix the named field of the policy (Graph conditionalAccessPolicy JSON); until then Glidepath evaluates it as the message says",
  },
  "simulate.no-change": {
    kind: "error",
    exit: "error",
    message: "simulate needs a proposed change: --policy FILE (one or more) and/or --replace ID",
    remedy:
      "write a policy with 'glidepath policy template require-mfa-all-users --exclude-emergency > p.json', then 'glidepath simulate --policy p.json'",
  },
  "simulator.days": {
    kind: "error",
    exit: "error",
    message: "--days must be a whole number from 7 to 90, got {detail}",
    remedy: "pass e.g. --days 30",
  },
  "simulator.latency": {
    kind: "error",
    exit: "error",
    message: "--latency-ms must be 0-60000, got {detail}",
    remedy: "pass e.g. --latency-ms 50",
  },
  "simulator.now": {
    kind: "error",
    exit: "error",
    message: "--now must be an ISO-8601 date-time, got '{now}'",
    remedy: "pass e.g. --now 2026-11-22T00:00:00Z",
  },
  "simulator.out-conflict": {
    kind: "error",
    exit: "refused",
    message: "--out {out} holds {n} entries the simulator did not write where it writes its files",
    remedy:
      "move them away or choose an empty or new folder; --force replaces only what an earlier 'simulator generate' wrote there",
  },
  "simulator.out-not-dir": {
    kind: "error",
    exit: "error",
    message: "--out {out} is a file, not a folder",
    remedy: "pass a folder path for --out",
  },
  "simulator.out-not-empty": {
    kind: "error",
    exit: "error",
    message: "--out {out} is not empty",
    remedy: "choose an empty or new folder, or add --force to replace the simulator files in it",
  },
  "simulator.out-unwritable": {
    kind: "error",
    exit: "error",
    message: "cannot write to {out} ({why})",
    remedy: "choose a folder you can write to, or fix its permissions",
  },
  "simulator.port": {
    kind: "error",
    exit: "error",
    message: "--port must be 0-65535, got {detail}",
    remedy: "pass e.g. --port 8931 (0 picks a free port)",
  },
  "simulator.port-in-use": {
    kind: "error",
    exit: "error",
    message: "port {port} on 127.0.0.1 is in use",
    remedy: "choose another --port, or 0 for any free port",
  },
  "simulator.rate": {
    kind: "error",
    exit: "error",
    message: "--{name} must be a number from 0 to 0.9, got {detail}",
    remedy: "pass e.g. --{name} 0.1",
  },
  "simulator.seed": {
    kind: "error",
    exit: "error",
    message: "--seed must not be empty",
    remedy: "pass e.g. --seed northwind",
  },
  "simulator.users": {
    kind: "error",
    exit: "error",
    message: "--users must be a whole number from 50 to 200000, got {detail}",
    remedy: "pass e.g. --users 500 (the simulated tenant needs at least 50 accounts to hold every planted situation)",
  },
  "sync.days": {
    kind: "error",
    exit: "error",
    message: "--days must be a whole number from 1 to 30, got {detail}",
    remedy: "Graph keeps sign-ins for 30 days (Entra ID P1/P2); pass e.g. --days 30",
  },
  "sync.interrupted": {
    kind: "error",
    exit: "error",
    message: "the sync was interrupted; the previous snapshot is unchanged",
    remedy: "run 'glidepath sync' again with the same options: it resumes from the last page it saved",
  },
  "sync.not-connected": {
    kind: "error",
    exit: "error",
    message: "the workspace at {dir} is not connected to a tenant",
    remedy:
      "run 'glidepath connect --tenant T --client-id C --auth MODE' (or 'glidepath connect --simulator URL') first",
  },
  "sync.only": {
    kind: "error",
    exit: "error",
    message: "--only: unknown collection '{c}'",
    remedy: "choose from {detail}",
  },
  "usage.announcement": {
    kind: "error",
    exit: "error",
    message: '--announcement must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --announcement ./file.json",
  },
  "usage.campaign-start": {
    kind: "error",
    exit: "error",
    message: '--campaign-start must be a calendar date YYYY-MM-DD, got "{value}"',
    remedy: "pass e.g. --campaign-start 2026-12-01",
  },
  "usage.certificate": {
    kind: "error",
    exit: "error",
    message: '--certificate must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --certificate ./file.json",
  },
  "usage.client-secret-file": {
    kind: "error",
    exit: "error",
    message: '--client-secret-file must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --client-secret-file ./file.json",
  },
  "usage.concurrency": {
    kind: "error",
    exit: "error",
    message: '--concurrency must be a whole number from 1 to 16, got "{value}"',
    remedy: "pass e.g. --concurrency 8",
  },
  "usage.contacts-csv": {
    kind: "error",
    exit: "error",
    message: '--contacts-csv must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --contacts-csv ./file.json",
  },
  "usage.days": {
    kind: "error",
    exit: "error",
    message: '--days must be a whole number from {min} to {max}, got "{value}"',
    remedy: "pass e.g. --days 30",
  },
  "usage.fault-rate": {
    kind: "error",
    exit: "error",
    message: '--fault-rate must be a share from 0 to 1 (e.g. 0.05), got "{value}"',
    remedy: "pass e.g. --fault-rate 0.05",
  },
  "usage.latency-ms": {
    kind: "error",
    exit: "error",
    message: '--latency-ms must be a whole number from 0 to 60000, got "{value}"',
    remedy: "pass e.g. --latency-ms 50",
  },
  "usage.legacy-csv": {
    kind: "error",
    exit: "error",
    message: '--legacy-csv must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --legacy-csv ./file.json",
  },
  "usage.limit": {
    kind: "error",
    exit: "error",
    message: '--limit must be a whole number from 0 to 1000000, got "{value}"',
    remedy: "pass e.g. --limit 10",
  },
  "usage.list": {
    kind: "error",
    exit: "error",
    message: '--list must be a whole number from 0 to 1000000, got "{value}"',
    remedy: "pass e.g. --list 10",
  },
  "usage.now": {
    kind: "error",
    exit: "error",
    message: '--now must be an ISO date or date-time (e.g. 2026-11-22T00:00:00Z), got "{value}"',
    remedy: "pass e.g. --now 2026-11-22T00:00:00Z",
  },
  "usage.out": {
    kind: "error",
    exit: "error",
    message: '--out must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --out ./file.json",
  },
  "usage.policies": {
    kind: "error",
    exit: "error",
    message: '--policies must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --policies ./file.json",
  },
  "usage.policy": {
    kind: "error",
    exit: "error",
    message: '--policy must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --policy ./file.json",
  },
  "usage.port": {
    kind: "error",
    exit: "error",
    message: '--port must be a whole number from 0 to 65535, got "{value}"',
    remedy: "pass e.g. --port 8931",
  },
  "usage.retry-after": {
    kind: "error",
    exit: "error",
    message: '--retry-after must be a whole number from 0 to 3600, got "{value}"',
    remedy: "pass e.g. --retry-after 1",
  },
  "usage.throttle-rate": {
    kind: "error",
    exit: "error",
    message: '--throttle-rate must be a share from 0 to 1 (e.g. 0.05), got "{value}"',
    remedy: "pass e.g. --throttle-rate 0.1",
  },
  "usage.to": {
    kind: "error",
    exit: "error",
    message: '--to must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --to ./out",
  },
  "usage.users": {
    kind: "error",
    exit: "error",
    message: '--users must be a whole number from 50 to 200000, got "{v}"',
    remedy: "pass e.g. --users 500",
  },
  "usage.workspace": {
    kind: "error",
    exit: "error",
    message: '--workspace must name a file or folder, got "{value}"',
    remedy: "pass a path, e.g. --workspace ./out",
  },
  "verify.no-emergency-accounts": {
    kind: "error",
    exit: "error",
    message: "--accounts emergency: the workspace declares no emergency accounts and none were detected",
    remedy: "declare them with 'glidepath classify USER emergency', or pass --accounts UPN,UPN",
  },
  "verify.unknown-account": {
    kind: "error",
    exit: "error",
    message: "--accounts: no user '{s}' in the workspace",
    remedy: "pass user principal names or object ids",
  },
  "workspace.busy": {
    kind: "error",
    exit: "refused",
    message: "another Glidepath command is writing the workspace {file} (waited {seconds} s)",
    remedy: "wait for the other import, sync or classify to finish, then run this command again",
  },
  "workspace.corrupt": {
    kind: "error",
    exit: "error",
    message: "{file} is not a readable Glidepath workspace ({detail})",
    remedy:
      "restore it from a backup, or move it aside and rebuild the workspace with 'glidepath demo', 'glidepath import' or 'glidepath sync'",
  },
  "workspace.damaged": {
    kind: "error",
    exit: "error",
    message: "the workspace {file} is damaged: {detail}",
    remedy:
      "nothing was written to it; restore it from a backup, or move it aside and rebuild the workspace with 'glidepath import' or 'glidepath sync'",
  },
  "workspace.empty": {
    kind: "error",
    exit: "error",
    message: "the workspace at {dir} holds no tenant snapshot yet",
    remedy: "fill it with 'glidepath demo', 'glidepath import FILE...' or 'glidepath sync'",
  },
  "workspace.foreign": {
    kind: "error",
    exit: "error",
    message: "{file} is an SQLite database but not a Glidepath workspace",
    remedy: "point --workspace at a Glidepath workspace folder, or move this file aside",
  },
  "workspace.holds-tenant": {
    kind: "error",
    exit: "refused",
    message: 'the workspace at {dir} holds data of tenant "{detail}" ({detail}); the demo would replace it',
    remedy: "use another --workspace for the demo, or add --force to replace it",
  },
  "workspace.missing": {
    kind: "error",
    exit: "error",
    message: "no workspace at {dir}",
    remedy:
      "create one with 'glidepath demo', 'glidepath import FILE...' or 'glidepath sync', or point --workspace (or GLIDEPATH_WORKSPACE) at an existing one",
  },
  "workspace.newer": {
    kind: "error",
    exit: "error",
    message:
      "{file} was written by a newer Glidepath (workspace schema {version}; this version reads up to {supported})",
    remedy: "upgrade Glidepath ('npm install glidepath@latest'), or use another --workspace",
  },
  "workspace.no-snapshot": {
    kind: "error",
    exit: "error",
    message: "no snapshot {id} in {dir}",
    remedy: "list the snapshots the workspace holds, or leave out the snapshot id to use the latest",
  },
  "workspace.not-a-folder": {
    kind: "error",
    exit: "error",
    message: "{dir} exists and is not a folder",
    remedy: "choose another --workspace path",
  },
  "workspace.read-only": {
    kind: "error",
    exit: "refused",
    message: "cannot write the workspace {file}: the file or its folder is read-only ({detail})",
    remedy:
      "make the folder and the file writable for your user (e.g. 'chmod u+w'), or copy the workspace to a folder you can write and point --workspace at it",
  },
} as const satisfies Record<string, IssueCodeSpec>;

/** A code of the table. */
export type IssueCode = keyof typeof ISSUE_CODES;

/** The table entry of a code, or undefined for a code the table does not list (a bug the code test catches). */
export function issueCodeSpec(code: string): IssueCodeSpec | undefined {
  return Object.hasOwn(ISSUE_CODES, code) ? (ISSUE_CODES as Record<string, IssueCodeSpec>)[code] : undefined;
}
