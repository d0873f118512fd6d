// `glidepath connect`: record how this workspace reaches its tenant (or the loopback simulator), and
// `connect --permissions`: the exact Graph permissions Glidepath asks for.

import { type Command, Option } from "commander";
import { AUTH_MODES, type AuthMode } from "../../app/vocabularies.js";
import { filePath, parsedOption } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";

interface ConnectOpts extends WorkspaceOpts, FormatOpts {
  simulator?: string;
  tenant?: string;
  clientId?: string;
  auth?: AuthMode;
  certificate?: string;
  clientSecretFile?: string;
  verify: boolean;
  permissions?: boolean;
}

export function registerConnect(program: Command, run: CliRun): void {
  const cmd = program
    .command("connect")
    .description(
      "connect the workspace to a tenant through Microsoft Graph (or to 'glidepath simulator serve'); stores no secrets",
    )
    .option("--tenant <id>", "directory (tenant) id or verified domain")
    .option("--client-id <id>", "application (client) id of your app registration")
    .addOption(new Option("--auth <mode>", "how to sign in").choices([...AUTH_MODES]).default(undefined))
    .addOption(
      parsedOption(
        "--certificate <file>",
        "client-certificate: PEM file with the certificate and private key",
        filePath("certificate"),
      ),
    )
    .addOption(
      parsedOption(
        "--client-secret-file <file>",
        "client-secret: file holding the secret (else $GLIDEPATH_CLIENT_SECRET); never stored",
        filePath("client-secret-file"),
      ),
    )
    .option("--simulator <url>", "connect to a running simulator, e.g. http://127.0.0.1:8931")
    .option("--no-verify", "record the connection without signing in")
    .option("--permissions", "print the Graph permissions Glidepath needs and exit");
  withFormat(withWorkspace(cmd)).action(
    run.action(async (opts: ConnectOpts) => {
      const { connectWorkspace, permissionList } = await import("../../app/connect.js");
      const { connectRenderers, permissionRenderers } = await import("../../views/graph-sync.js");
      if (opts.permissions) {
        emit(run.io.stdout, permissionList(), opts.format, permissionRenderers, opts.out);
        return "ok";
      }
      const r = await connectWorkspace(workspaceDir(opts), {
        ...(opts.simulator !== undefined ? { simulator: opts.simulator } : {}),
        ...(opts.tenant ? { tenant: opts.tenant } : {}),
        ...(opts.clientId ? { clientId: opts.clientId } : {}),
        ...(opts.auth ? { auth: opts.auth } : {}),
        ...(opts.certificate ? { certificate: opts.certificate } : {}),
        ...(opts.clientSecretFile ? { clientSecretFile: opts.clientSecretFile } : {}),
        verify: opts.verify,
        prompt: (m) => run.io.stderr.write(`${m}\n`),
      });
      emit(run.io.stdout, r, opts.format, connectRenderers, opts.out);
      return "ok";
    }),
  );
}
