// The tool's version, read from package.json at build time.
import pkg from '../package.json' with { type: 'json' };

/** Ariadne's version, as `ariadne --version` and reports show it. */
export const VERSION: string = pkg.version;
