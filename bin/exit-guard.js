// Every way the glidepath process ends gives a message and a documented exit code (0-4): a closed output
// pipe ends quietly (0); an uncaught exception, an unhandled rejection, or a main() that never settles
// (Node's silent exit 13 for an unsettled top-level await) ends with one line on stderr and exit 2.

const BUG = "fix: this is a bug; rerun with GLIDEPATH_DEBUG=1 for details and report it";

/**
 * Install the guard on this process. Returns `finish`, to call once main() has returned its exit code: an
 * exit before that is reported as a command that stopped without finishing.
 */
export function guardExit(proc = process) {
  let finished = false;
  const say = (line) => {
    try {
      proc.stderr.write(`glidepath: ${line}\n  ${BUG}\n`);
    } catch {
      // stderr itself is gone: the exit code still tells.
    }
  };
  // A reader that has gone (`glidepath ... | head -1`) is not an error: stop quietly, without a stack trace.
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.on("error", (e) => {
      if (e.code !== "EPIPE") throw e;
      finished = true;
      proc.exit(0);
    });
  }
  // Unhandled rejections are raised as uncaught exceptions (Node's default), so this covers both.
  // Also after main() returned: a late throw (a stray timer) is still a bug, not a success.
  proc.on("uncaughtException", (e) => {
    finished = true;
    const msg = e instanceof Error ? e.message : String(e);
    // The message can quote input: no control character reaches the terminal (bin/ cannot load core's escaper).
    const line = [...(msg.split("\n")[0] ?? "")].map((c) => (/\p{Cc}/u.test(c) ? "?" : c)).join("");
    say(`internal error: ${line}`);
    if (proc.env.GLIDEPATH_DEBUG && e instanceof Error) proc.stderr.write(`${e.stack}\n`);
    proc.exit(2);
  });
  proc.on("exit", () => {
    if (finished) return;
    finished = true;
    say("internal error: the command stopped without finishing (this is a bug)");
    // Read by process.exit() after the 'exit' listeners ran: replaces Node's 13 (or any other code).
    proc.exitCode = 2;
  });
  return () => {
    finished = true;
  };
}
