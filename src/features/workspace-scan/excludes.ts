// Which files the workspace scan passes over, as the Search view would: `files.exclude` and
// `search.exclude` (findFiles applies only files.exclude by itself, and only when no exclude is
// given), plus `.gitignore` files and `.slack-token-guard-ignore` path lines, read with the CLI's
// own rules so that the editor and the CLI scan the same files.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isIgnored, loadFolderRules, rootExtraGitignore, type FolderRules } from '../../core/ignore-rules';
import type { TrackedFiles } from '../../core/git/repo';
import { readEditorSetting } from '../settings';
import { combineGlobs, patternsFromExcludeSetting } from './globs';

/**
 * Patterns set to `true` in files.exclude and search.exclude for a folder, plus `.git`. In Restricted
 * Mode only the user's (global) excludes apply: an untrusted repository must not hide its own files.
 */
export function excludePatterns(folder: vscode.WorkspaceFolder, log: (message: string) => void = () => undefined, trusted: boolean = vscode.workspace.isTrusted): string[] {
  const out = ['**/.git/**'];
  for (const section of ['files', 'search'] as const) {
    const map = readEditorSetting<Record<string, unknown>>(section, 'exclude', folder.uri, trusted);
    for (const p of patternsFromExcludeSetting(map, (why) => log(`${section}.exclude of ${folder.name}: ${why}`))) out.push(p);
  }
  return out;
}

/** One exclude glob for findFiles. */
export function excludeGlob(folder: vscode.WorkspaceFolder, log?: (message: string) => void, trusted?: boolean): string {
  return combineGlobs(excludePatterns(folder, log, trusted));
}

/**
 * `.gitignore` (nested ones too, and `.git/info/exclude`) and the tool's ignore file, per folder of
 * one workspace folder, cached for one scan. Local folders only: the rules are read with Node's fs,
 * as the CLI reads them.
 */
export class GitignoreRules {
  private readonly chains = new Map<string, FolderRules[]>();
  private readonly dirIgnored = new Map<string, boolean>();
  private readonly root: string;

  /**
   * @param tracked files git tracks in the folder: git applies ignore rules only to untracked
   * files, so a committed `.env` that a .gitignore pattern matches is still scanned.
   */
  constructor(
    folder: vscode.WorkspaceFolder,
    private readonly tracked?: TrackedFiles,
    /** false (Restricted Mode): the repository's .gitignore skips nothing, only the tool's ignore file does. */
    private readonly useGitignore = true,
  ) {
    this.root = folder.uri.fsPath;
  }

  static applies(folder: vscode.WorkspaceFolder): boolean {
    return folder.uri.scheme === 'file';
  }

  /** The rule chain for a folder inside the root: every folder's rules from the root down. */
  chainFor(dir: string): FolderRules[] {
    const cached = this.chains.get(dir);
    if (cached) return cached;
    let chain: FolderRules[];
    if (dir === this.root || !dir.startsWith(this.root)) {
      const own = loadFolderRules(this.root, true, undefined, rootExtraGitignore(this.root, true));
      chain = own ? [own] : [];
    } else {
      const parent = this.chainFor(path.dirname(dir));
      const own = loadFolderRules(dir, true);
      chain = own ? [...parent, own] : parent;
    }
    this.chains.set(dir, chain);
    return chain;
  }

  private isDirIgnored(dir: string): boolean {
    if (dir === this.root || !dir.startsWith(this.root)) return false;
    const cached = this.dirIgnored.get(dir);
    if (cached !== undefined) return cached;
    const parent = path.dirname(dir);
    const ignored = this.isDirIgnored(parent) || this.ignoredEntry(this.chainFor(parent), dir, true);
    this.dirIgnored.set(dir, ignored);
    return ignored;
  }

  private ignoredEntry(chain: FolderRules[], abs: string, isDir: boolean): boolean {
    if (!this.useGitignore) return isIgnored(chain, abs, isDir, true);
    if (!isIgnored(chain, abs, isDir)) return false;
    if (this.tracked && (isDir ? this.tracked.dirs.has(abs) : this.tracked.files.has(abs))) return isIgnored(chain, abs, isDir, true);
    return true;
  }

  /** Whether git (or the tool's ignore file) leaves this file out: the file or any folder above it. */
  ignores(file: string): boolean {
    const dir = path.dirname(file);
    return this.isDirIgnored(dir) || this.ignoredEntry(this.chainFor(dir), file, false);
  }
}
