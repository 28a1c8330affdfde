// Types of serve.mjs (the bench page build and static server).
/** The folder the bench page is built into. */
export declare const OUT_DIR: string;
/** Builds the bench page; returns the output folder. */
export declare function buildBenchPage(): Promise<string>;
/** Serves `dir` on 127.0.0.1 at a free port, plus `extra` files by URL path. */
export declare function serveDir(dir: string, extra?: Readonly<Record<string, string>>): Promise<{ url: string; close: () => Promise<void> }>;
