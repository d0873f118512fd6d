// Types of build-stamp.js (plain JavaScript: bin/ runs before any TypeScript loader is in place).

/** The project root (the folder above bin/). */
export const ROOT: string;
/** The build's output folder, relative to the root. */
export const DIST: string;
/** The build's stamp file, relative to the root. */
export const STAMP: string;
/** The build's inputs as one line per file: path, size, modification time. */
export function sourceStamp(root?: string): string;
/** True when dist/ was built from the sources as they are now. */
export function isBuildFresh(root?: string): boolean;
