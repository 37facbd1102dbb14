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
