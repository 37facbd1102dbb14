// Helpers shared by the editor-feature suites (Editor, QuickFix, Paste, Scan).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scanText } from '../../src/core/detect';
import type { ExtensionTestApi } from '../../src/extension';
import { TokenGenerator, type GeneratedKind } from '../support/token-gen';
import { activateExtension, ourDiagnostics, waitFor, workspaceRoot } from './helpers';

/** Generates tokens and remembers each, so a suite can check none leaked into logs or labels. */
export class Tokens {
  readonly gen: TokenGenerator;
  readonly seen: string[] = [];
  constructor(seed: number) {
    this.gen = new TokenGenerator(seed);
  }
  make(kind: GeneratedKind): string {
    const t = this.gen.token(kind);
    this.seen.push(t);
    return t;
  }
  /** Asserts that no generated token appears in `text`. */
  assertAbsent(text: string, where: string): void {
    for (const t of this.seen) assert.ok(!text.includes(t), `an unmasked token appears in ${where}`);
  }
}

export async function editorApi(): Promise<ExtensionTestApi> {
  const api = await activateExtension();
  assert.ok(api?.editor, 'the test-mode API with editor features');
  return api;
}

let untitledCount = 0;

/**
 * An untitled document shown in an editor, under a name of its own: VS Code reuses `Untitled-N`
 * names as soon as a buffer closes, and a command that finds its document by URI must not meet
 * the previous test's buffer under the same name.
 */
export async function untitled(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `stg-test-${process.pid}-${++untitledCount}` });
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (content) {
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), content));
  }
  return editor;
}

const TMP = '.stg-editor-tmp';

/** Writes a file under the workspace's scratch folder (which the suites delete) without opening it. */
export async function scratchFile(rel: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), TMP, ...rel.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}

/** A file written into the workspace (under a scratch folder the suites delete), opened in an editor. */
export async function workspaceFile(rel: string, content: string, show = true): Promise<vscode.TextDocument> {
  const uri = await scratchFile(rel, content);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Deletes the scratch folder (suite teardown). */
export async function removeScratch(): Promise<void> {
  const dir = path.join(workspaceRoot().fsPath, TMP);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Waits until exactly `n` of our diagnostics are on `uri`. */
export function waitForCount(uri: vscode.Uri, n: number, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const d = ourDiagnostics(uri);
      return d.length === n ? d : undefined;
    },
    timeoutMs,
    `exactly ${n} diagnostic(s) on ${vscode.workspace.asRelativePath(uri)} (now ${ourDiagnostics(uri).length})`,
  );
}

/** Waits until the live diagnostics equal a full scan of the document's current text. */
export function waitForLiveToMatchFullScan(doc: vscode.TextDocument, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const expected = scanText(doc.getText()).map((f) => [doc.positionAt(f.start), doc.positionAt(f.end), f.kind] as const);
      const got = ourDiagnostics(doc.uri)
        .slice()
        .sort((a, b) => a.range.start.compareTo(b.range.start));
      if (got.length !== expected.length) return undefined;
      for (let i = 0; i < got.length; i++) {
        const [s, e, k] = expected[i];
        const code = got[i].code as { value: string };
        if (!got[i].range.start.isEqual(s) || !got[i].range.end.isEqual(e) || code.value !== k) return undefined;
      }
      return got;
    },
    timeoutMs,
    'live diagnostics to equal a full scan of the current text',
  );
}

/** Text of every log file the extension wrote (its output channel). */
export function logText(api: ExtensionTestApi): string {
  const dir = api.logUri.fsPath;
  let out = '';
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out += fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Updates a user-level setting and waits until VS Code reports the new value. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  const sub = rest.join('.');
  await vscode.workspace.getConfiguration(section).update(sub, value, vscode.ConfigurationTarget.Global);
  await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration(section).inspect(sub)?.globalValue) === JSON.stringify(value), 10_000, `setting ${key}`);
}

/** Reverts every dirty document and closes all editors (untitled buffers would otherwise ask to save). */
export async function closeAllWithoutSaving(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isClosed) continue;
    try {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } catch {
      /* a document that cannot be shown (a notebook cell) is closed with its editor below */
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Removes every token from the vault, so one suite's tokens never meet the next suite. */
export async function emptyVault(api: ExtensionTestApi): Promise<void> {
  for (const t of api.tokenStore.list()) await api.tokenStore.remove(t.id);
}

/** Puts the user-level API settings that suites point at a fake Slack back to their defaults. */
export async function resetApiSettings(): Promise<void> {
  const c = vscode.workspace.getConfiguration('slackTokenGuard');
  await c.update('api.extraEndpoints', undefined, vscode.ConfigurationTarget.Global);
  await c.update('api.requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
}
