// Helpers every integration test may use. The tests run inside a real VS Code extension host.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { FixtureManifest } from '../support/fixture-workspace';
import type { ExtensionTestApi } from '../../src/extension';
import { DIAGNOSTIC_SOURCE } from '../../src/features/ids';

export const EXTENSION_ID = 'slack-token-guard.slack-token-guard';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `cond` until it returns a truthy value (which is returned) or `timeoutMs` passes; then
 * throws with `message` (and the last value seen, when `describe` is given). Use it instead of
 * fixed sleeps: VS Code on a 2-core machine takes from milliseconds to seconds for the same thing.
 */
export async function waitFor<T>(
  cond: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  message = 'condition not met',
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await cond();
      if (v) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${(lastError as Error).message ?? lastError})` : '';
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${message}${why}`);
    }
    await sleep(intervalMs);
  }
}

export function getExtension(): vscode.Extension<ExtensionTestApi | undefined> {
  const ext = vscode.extensions.getExtension<ExtensionTestApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext;
}

/** Activates the extension (idempotent) and returns its exports (the test API in test mode). */
export async function activateExtension(): Promise<ExtensionTestApi | undefined> {
  const ext = getExtension();
  return ext.isActive ? ext.exports : await ext.activate();
}

/** The fixture workspace's root folder (the launcher opens it as the only workspace folder). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the launcher should open the fixture workspace');
  return folder.uri;
}

export function fixtureUri(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

/**
 * The manifest of the generated fixture workspace (expected findings per file, with their values).
 * The launcher writes it outside the workspace and passes its path in STG_FIXTURE_MANIFEST.
 */
export function fixtureManifest(): FixtureManifest {
  const p = process.env.STG_FIXTURE_MANIFEST;
  if (!p) throw new Error('STG_FIXTURE_MANIFEST is not set: run the tests through npm run test:integration');
  return JSON.parse(fs.readFileSync(p, 'utf8')) as FixtureManifest;
}

/** Opens a fixture file in an editor and returns the editor. */
export async function openFixture(relPath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relPath));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The extension's diagnostics for a document. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** Waits until the extension has published at least `count` diagnostics for `uri`. */
export function waitForDiagnostics(uri: vscode.Uri, count = 1, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const d = ourDiagnostics(uri);
      return d.length >= count ? d : undefined;
    },
    timeoutMs,
    `${count} diagnostic(s) from ${DIAGNOSTIC_SOURCE} on ${vscode.workspace.asRelativePath(uri)}`,
  );
}

/** Closes every editor (call in teardown so tests do not see each other's documents). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
