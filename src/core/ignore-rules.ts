// Ignore rules for folder walks (the CLI and the workspace scan): `.gitignore` files (nested ones too, as git reads them) and
// `.slack-token-guard-ignore` files, whose lines are gitignore patterns for paths, or fingerprints
// (`stg1:…`, as the detector's fingerprint() makes them) that suppress one token wherever it appears
// below that folder. The editor writes fingerprints there for formats without comments, such as JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { enclosingGitRoot, isGitRoot } from './git/repo';

export const TOOL_IGNORE_FILE = '.slack-token-guard-ignore';

/** A fingerprint line in the ignore file; anything else non-empty is a path pattern. */
const FINGERPRINT_LINE = /^stg\d+:\S+$/;

/** The rules one folder contributes. `base` is absolute; patterns are relative to it. */
export interface FolderRules {
  base: string;
  /** Patterns from `.gitignore` (and `.git/info/exclude` at a repository root). */
  git?: Ignore;
  /** Path patterns from the tool's own ignore file. */
  tool?: Ignore;
  /** Fingerprints suppressed below `base`. */
  fingerprints?: ReadonlySet<string>;
}

/** Rules in effect in a folder: its own plus every ancestor's, outermost first. */
export type RuleChain = readonly FolderRules[];

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Splits an ignore file into gitignore patterns and fingerprints. */
export function parseToolIgnoreFile(text: string): { patterns: string[]; fingerprints: string[] } {
  const patterns: string[] = [];
  const fingerprints: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (FINGERPRINT_LINE.test(line)) fingerprints.push(line);
    else patterns.push(raw.replace(/\r$/, ''));
  }
  return { patterns, fingerprints };
}

/**
 * Reads the rule files of one folder. `names` is the folder's entry names when the caller has
 * already listed it (saves two failed opens a folder); undefined means "look".
 */
export function loadFolderRules(dir: string, useGitignore: boolean, names?: ReadonlySet<string>, extraGitignore?: string): FolderRules | undefined {
  let git: Ignore | undefined;
  let tool: Ignore | undefined;
  let fingerprints: Set<string> | undefined;
  const has = (n: string) => !names || names.has(n);
  const gitText = useGitignore && has('.gitignore') ? readIfPresent(path.join(dir, '.gitignore')) : undefined;
  if (gitText !== undefined || extraGitignore !== undefined) {
    git = ignore();
    if (extraGitignore !== undefined) git.add(extraGitignore);
    if (gitText !== undefined) git.add(gitText);
  }
  const toolText = has(TOOL_IGNORE_FILE) ? readIfPresent(path.join(dir, TOOL_IGNORE_FILE)) : undefined;
  if (toolText !== undefined) {
    const parsed = parseToolIgnoreFile(toolText);
    if (parsed.patterns.length) tool = ignore().add(parsed.patterns);
    if (parsed.fingerprints.length) fingerprints = new Set(parsed.fingerprints);
  }
  if (!git && !tool && !fingerprints) return undefined;
  return { base: dir, git, tool, fingerprints };
}

/** git's repository-wide excludes, read when the walk starts at or below a repository root. */
function infoExclude(gitRoot: string): string | undefined {
  return readIfPresent(path.join(gitRoot, '.git', 'info', 'exclude'));
}

/**
 * The rules that apply to `start` from the folders above it: up to the enclosing git repository's
 * root, or else up to the current folder when `start` lies inside it. So `scan src/` inside a
 * repository honours the root's `.gitignore` and ignore file, as `git` and the editor do.
 */
export function ancestorRules(start: string, useGitignore: boolean, cwd: string): FolderRules[] {
  if (isGitRoot(start)) return [];
  const top = enclosingGitRoot(path.dirname(start));
  if (top === undefined) {
    const rel = path.relative(cwd, start);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return [];
  }
  const stop = top ?? cwd;
  const dirs: string[] = [];
  for (let d = path.dirname(start); ; d = path.dirname(d)) {
    dirs.push(d);
    if (d === stop || d === path.dirname(d)) break;
  }
  const chain: FolderRules[] = [];
  for (const d of dirs.reverse()) {
    const extra = useGitignore && d === top ? infoExclude(d) : undefined;
    const rules = loadFolderRules(d, useGitignore, undefined, extra);
    if (rules) chain.push(rules);
  }
  return chain;
}

/** Rules for a walk root that is itself a repository root also take `.git/info/exclude`. */
export function rootExtraGitignore(root: string, useGitignore: boolean): string | undefined {
  return useGitignore && isGitRoot(root) ? infoExclude(root) : undefined;
}

/**
 * Whether `abs` is excluded by the path rules of the chain. Later (deeper) rule files override
 * earlier ones, and a negation (`!pattern`) re-includes, as in git. `toolOnly` consults only the
 * tool's ignore files: a file named on the command line is scanned even when git ignores it.
 */
export function isIgnored(chain: RuleChain, abs: string, isDir: boolean, toolOnly = false): boolean {
  let ignored = false;
  for (const rules of chain) {
    if (!rules.tool && (toolOnly || !rules.git)) continue;
    let rel = path.relative(rules.base, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (path.sep !== '/') rel = rel.split(path.sep).join('/');
    if (isDir) rel += '/';
    for (const ig of toolOnly ? [rules.tool] : [rules.git, rules.tool]) {
      if (!ig) continue;
      let r: { ignored: boolean; unignored: boolean };
      try {
        r = ig.test(rel);
      } catch {
        continue; // names the matcher cannot take (a folder called "..."): no rule can match them
      }
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
  }
  return ignored;
}

/** Whether a fingerprint is suppressed by an ignore file somewhere above the file. */
export function isFingerprintIgnored(chain: RuleChain, fingerprint: string): boolean {
  for (const rules of chain) if (rules.fingerprints?.has(fingerprint)) return true;
  return false;
}
