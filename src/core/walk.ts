// Lazy, ordered folder walk (the CLI's, and the editor's Scan Workspace for local folders, so both
// list the same files and neither ever reads through a symbolic link). Entries of a folder are visited in code-unit order of their names,
// depth first, so the output order is stable whatever the parallelism. Only one listing per open
// folder level is held: the tree is never held in memory.
//
// Choices (documented in the README):
// - `.git` is always skipped; `node_modules` and everything else follow `.gitignore`. A token
//   committed into a vendored folder is a real leak, and repositories that do not commit
//   node_modules ignore it already.
// - Symbolic links are never followed (no loops, nothing outside the tree, no file scanned twice);
//   a file named on the command line that is a link is skipped with a message naming the reason
//   (the CLI opens files with O_NOFOLLOW; name the file the link points to); a folder link named there is walked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isIgnored, loadFolderRules, rootExtraGitignore, type RuleChain } from './ignore-rules';
import type { TrackedFiles } from './git/repo';

export interface WalkEntry {
  abs: string;
  /** Ignore rules in effect for the file (for fingerprint suppression). */
  chain: RuleChain;
}

export type SkipReason = 'symlink' | 'special' | 'gitignore' | 'tool-ignore';

export interface WalkOptions {
  useGitignore: boolean;
  /**
   * The files git tracks, asked for only when a .gitignore pattern first matches something: git
   * applies ignore rules to untracked files only, so a committed-then-ignored `.env` is scanned.
   */
  tracked?: () => TrackedFiles | undefined;
  /** Reports entries passed over (for --verbose). */
  onSkip?: (abs: string, reason: SkipReason) => void;
  /** Reports a folder that could not be listed. */
  onError?: (abs: string, code: string) => void;
  /**
   * false: read no ignore files (the caller judges .gitignore and the tool's ignore file itself, as
   * the editor's scan does to count what they leave out). Default true.
   */
  ignoreFiles?: boolean;
  /** Entries to pass over without descending or reporting them (the editor's files.exclude / search.exclude). */
  exclude?: (abs: string, isDir: boolean) => boolean;
}

const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

interface Level {
  entries: fs.Dirent[];
  next: number;
  dir: string;
  rules: RuleChain;
}

/**
 * Depth-first walk with an explicit stack and synchronous listings: one listing per open folder
 * level. (An async generator per folder cost more than the listings themselves: every file passed
 * through a promise per level of nesting.)
 */
export class FolderWalk {
  private readonly stack: Level[] = [];
  private trackedSet: TrackedFiles | undefined | null = null;

  constructor(
    root: string,
    chain: RuleChain,
    private readonly opts: WalkOptions,
  ) {
    this.open(root, chain, true);
  }

  private open(dir: string, chain: RuleChain, isRoot: boolean): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      if (code !== 'ENOENT') this.opts.onError?.(dir, code);
      return;
    }
    entries.sort(byName);
    if (this.opts.ignoreFiles === false) {
      this.stack.push({ entries, next: 0, dir, rules: chain });
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    const extra = isRoot ? rootExtraGitignore(dir, this.opts.useGitignore) : undefined;
    const own = loadFolderRules(dir, this.opts.useGitignore, names, extra);
    this.stack.push({ entries, next: 0, dir, rules: own ? [...chain, own] : chain });
  }

  /** Ignored, unless only .gitignore says so and git tracks the file (or a file in the folder). */
  private ignored(rules: RuleChain, abs: string, isDir: boolean): boolean {
    if (!isIgnored(rules, abs, isDir)) return false;
    if (isIgnored(rules, abs, isDir, true)) {
      this.opts.onSkip?.(abs, 'tool-ignore');
      return true;
    }
    if (this.trackedSet === null) this.trackedSet = this.opts.tracked?.();
    const t = this.trackedSet;
    if (t && (isDir ? t.dirs.has(abs) : t.files.has(abs))) return false;
    this.opts.onSkip?.(abs, 'gitignore');
    return true;
  }

  /** The next file, or undefined when the walk is over. */
  next(): WalkEntry | undefined {
    for (;;) {
      const level = this.stack[this.stack.length - 1];
      if (!level) return undefined;
      if (level.next >= level.entries.length) {
        this.stack.pop();
        continue;
      }
      const e = level.entries[level.next++];
      if (e.name === '.git') continue;
      const abs = path.join(level.dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let isLink = e.isSymbolicLink();
      if (!isDir && !isFile && !isLink && !e.isFIFO() && !e.isSocket() && !e.isCharacterDevice() && !e.isBlockDevice()) {
        // Some file systems do not report entry types in listings.
        try {
          const st = fs.lstatSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
          isLink = st.isSymbolicLink();
        } catch {
          continue;
        }
      }
      if (isLink) {
        this.opts.onSkip?.(abs, 'symlink');
      } else if ((isDir || isFile) && this.opts.exclude?.(abs, isDir)) {
        continue;
      } else if (isDir) {
        if (!this.ignored(level.rules, abs, true)) this.open(abs, level.rules, false);
      } else if (isFile) {
        if (!this.ignored(level.rules, abs, false)) return { abs, chain: level.rules };
      } else {
        this.opts.onSkip?.(abs, 'special');
      }
    }
  }
}
