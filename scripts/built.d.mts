/** Types of scripts/built.mjs (plain JavaScript: it runs before anything is built). */
export declare const STAMP: string;
/** Modification time (ms) of the newest input of the build under `root`. */
export declare function newestInput(root: string): number;
/** True when dist/ under `root` is missing, unfinished, or older than any source file. */
export declare function isStale(root: string): boolean;
