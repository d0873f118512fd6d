// Types of exit-guard.js (plain JavaScript: bin/ runs before any TypeScript loader is in place).

/**
 * Install the exit guard on `proc` (default: this process); returns `finish`, to call once main() has
 * returned its exit code. Any other end of the process gives a message and exit 2 (EPIPE: quietly, 0).
 */
export function guardExit(proc?: NodeJS.Process): () => void;
