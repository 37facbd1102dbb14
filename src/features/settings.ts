// The one reader for the extension's settings. Where a value may come from is decided per setting
// (ids.ts): the routing settings from the user only; the settings that decide whether tokens are
// seen from the workspace too only when it is trusted (in Restricted Mode a repository must not be
// able to switch detection off or hide findings); the rest as VS Code resolves them.
import * as vscode from 'vscode';
import { Settings, TRUSTED_ONLY_SETTINGS, USER_ONLY_SETTINGS } from './ids';

/** The effective value of `slackTokenGuard.<key>`, or undefined when neither the user nor the default sets it. */
export function readSetting<T>(key: string, trusted: boolean = vscode.workspace.isTrusted): T | undefined {
  const c = vscode.workspace.getConfiguration(Settings.section);
  if (!USER_ONLY_SETTINGS.includes(key) && (trusted || !TRUSTED_ONLY_SETTINGS.includes(key))) return c.get<T>(key);
  const info = c.inspect<T>(key);
  return info?.globalValue ?? info?.defaultValue;
}

/** A number setting, with the fallback when it is missing or not a finite number. */
export function readNumberSetting(key: string, fallback: number, trusted?: boolean): number {
  const v = readSetting<unknown>(key, trusted);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** scan.maxFileSizeKB when nothing valid is set. */
export const DEFAULT_SCAN_MAX_KB = 5120;

/** The largest file a scan reads, in bytes: scan.maxFileSizeKB through the reader, at least 1 KB. */
export function readScanMaxFileSize(trusted?: boolean): number {
  return Math.max(1, readNumberSetting(Settings.scanMaxFileSizeKB, DEFAULT_SCAN_MAX_KB, trusted)) * 1024;
}

/**
 * Another section's setting for a resource (`files.exclude`, `search.exclude`), from the workspace
 * only when it is trusted: in Restricted Mode a repository's own settings must not hide files from a
 * scan, so the user's (global) value applies, else the default. An object value is merged over the
 * default's as VS Code merges it (a user's own search.exclude keeps the default node_modules exclude).
 */
export function readEditorSetting<T>(section: string, key: string, scope: vscode.Uri | undefined, trusted: boolean = vscode.workspace.isTrusted): T | undefined {
  const c = vscode.workspace.getConfiguration(section, scope);
  if (trusted) return c.get<T>(key);
  const info = c.inspect<T>(key);
  const [mine, dflt] = [info?.globalValue, info?.defaultValue];
  if (isPlainObject(mine) && isPlainObject(dflt)) return { ...dflt, ...mine } as T;
  return mine ?? dflt;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
