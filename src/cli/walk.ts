// Lazy, ordered folder walk. Entries of a folder are visited in code-unit order of their names,
// depth first, so the output order is stable whatever the parallelism. Only one listing per open
// folder level is held: the tree is never held in memory.
//
// Choices (documented in the README):
// - `.git` is always skipped; `node_modules` and everything else follow `.gitignore`. A token
//   committed into a vendored folder is a real leak, and repositories that do not commit
//   node_modules ignore it already.
// - Symbolic links are never followed (no loops, nothing outside the tree, no file scanned twice);
//   a link named on the command line is resolved, since the user asked for it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isIgnored, loadFolderRules, rootExtraGitignore, type RuleChain } from './ignore-rules';

export interface WalkEntry {
  abs: string;
  /** Ignore rules in effect for the file (for fingerprint suppression). */
  chain: RuleChain;
}

export interface WalkOptions {
  useGitignore: boolean;
  /** Reports entries passed over (for --verbose). */
  onSkip?: (abs: string, reason: 'symlink' | 'special') => void;
  /** Reports a folder that could not be listed. */
  onError?: (abs: string, code: string) => void;
}

const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function* walkFolder(root: string, chain: RuleChain, opts: WalkOptions, isRoot = true): AsyncGenerator<WalkEntry> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(root, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    if (code !== 'ENOENT') opts.onError?.(root, code);
    return;
  }
  const names = new Set(entries.map((e) => e.name));
  const extra = isRoot ? rootExtraGitignore(root, opts.useGitignore) : undefined;
  const own = loadFolderRules(root, opts.useGitignore, names, extra);
  const rules = own ? [...chain, own] : chain;
  entries.sort(byName);
  for (const e of entries) {
    if (e.name === '.git') continue;
    const abs = path.join(root, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    let isLink = e.isSymbolicLink();
    if (!isDir && !isFile && !isLink && !e.isFIFO() && !e.isSocket() && !e.isCharacterDevice() && !e.isBlockDevice()) {
      // Some file systems do not report entry types in listings.
      try {
        const st = await fs.promises.lstat(abs);
        isDir = st.isDirectory();
        isFile = st.isFile();
        isLink = st.isSymbolicLink();
      } catch {
        continue;
      }
    }
    if (isLink) {
      opts.onSkip?.(abs, 'symlink');
    } else if (isDir) {
      if (!isIgnored(rules, abs, true)) yield* walkFolder(abs, rules, opts, false);
    } else if (isFile) {
      if (!isIgnored(rules, abs, false)) yield { abs, chain: rules };
    } else {
      opts.onSkip?.(abs, 'special');
    }
  }
}
