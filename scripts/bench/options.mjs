// The bench scripts' shared command line: `--name value` options and bare flags, read one way
// everywhere, and the project folder they run in.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function benchArgs(argv = process.argv.slice(2)) {
  const value = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : undefined;
  };
  return {
    flag: (name) => argv.includes(name),
    text: (name, dflt) => value(name) ?? dflt,
    /** A number option; anything else stops the script with a one-line message (exit 2). */
    number: (name, dflt) => {
      const v = value(name);
      if (v === undefined) return dflt;
      const n = Number(v);
      if (!Number.isFinite(n)) {
        process.stderr.write(`${name} takes a number, not "${v}"\n`);
        process.exit(2);
      }
      return n;
    },
  };
}
