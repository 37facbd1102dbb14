// "Scan Workspace" in a real extension host, over the generated fixture workspace: exactly the
// expected findings, the same as the CLI's, in Problems (unopened files only) and the Findings
// view; excludes, size and binary limits; re-scan, save and close; cancel.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands, DIAGNOSTIC_SOURCE } from '../../src/features/ids';
import type { FindingNode, FindingsNode, FileNode } from '../../src/features/workspace-scan/findings-tree';
import type { ScanSummary } from '../../src/features/workspace-scan/scanner';
import { closeAllWithoutSaving, editorApi, logText, removeScratch, scratchFile, setUserSetting, Tokens, waitForCount } from './editor-helpers';
import { fixtureManifest, fixtureUri, openFixture, waitFor, workspaceRoot } from './helpers';

const tokens = new Tokens(4242);

function scan(options?: object): Thenable<ScanSummary> {
  return vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace, options);
}

/** `path:line:col:kind` for every finding in the Findings view. */
function treeFindings(api: ExtensionTestApi): string[] {
  const out: string[] = [];
  for (const file of api.editor.findingsTree.getChildren() as FileNode[]) {
    for (const f of api.editor.findingsTree.getChildren(file) as FindingNode[]) {
      out.push(`${vscode.workspace.asRelativePath(f.uri, false)}:${f.range.start.line}:${f.range.start.character}:${f.kind}`);
    }
  }
  return out.sort();
}

function expectedFromManifest(): string[] {
  const out: string[] = [];
  for (const file of Object.values(fixtureManifest().files)) {
    for (const f of file.findings) out.push(`${file.path}:${f.line}:${f.character}:${f.kind}`);
  }
  return out.sort();
}

/** `file:line:col:kind:fingerprint` for every finding of `slack-token-guard scan .` in the workspace. */
function cliFindings(): string[] {
  const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'scan', '--format', 'json', '.'], { cwd: workspaceRoot().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  } catch (e) {
    // Exit code 1 means "findings remain": the output is what we want.
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file: string; line: number; column: number; kind: string; fingerprint: string })
    .map((f) => `${f.file.replace(/\\/g, '/').replace(/^\.\//, '')}:${f.line - 1}:${f.column - 1}:${f.kind}:${f.fingerprint}`)
    .sort();
}

/** The same for the last Scan Workspace, from the Findings view. */
function editorFindings(api: ExtensionTestApi): string[] {
  const out: string[] = [];
  for (const file of api.editor.findingsTree.getChildren() as FileNode[]) {
    for (const f of file.findings) out.push(`${vscode.workspace.asRelativePath(file.uri, false)}:${f.line - 1}:${f.column - 1}:${f.kind}:${f.fingerprint}`);
  }
  return out.sort();
}

function itemText(item: vscode.TreeItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip ?? '';
  return `${label} ${item.description ?? ''} ${tooltip}`;
}

suite('Scan: the workspace scan', () => {
  let api: ExtensionTestApi;
  const manifestValues = () => Object.values(fixtureManifest().files).flatMap((f) => [...f.findings, ...f.ignored].map((x) => x.value));

  suiteSetup(async () => {
    api = await editorApi();
    await closeAllWithoutSaving();
    manifestValues().forEach((v) => tokens.seen.push(v));
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await removeScratch();
    await vscode.commands.executeCommand(Commands.clearFindings);
    tokens.assertAbsent(logText(api), 'the extension log');
  });

  teardown(closeAllWithoutSaving);

  test('finds exactly the tokens of the fixture workspace, and none in gitignored paths', async () => {
    const summary = await scan();
    assert.equal(summary.cancelled, false);
    assert.deepEqual(treeFindings(api), expectedFromManifest());
    assert.ok(summary.skipped.ignored >= 2, 'build/ and *.log are left out by .gitignore');
    assert.equal(summary.findings, expectedFromManifest().length);
  });

  test('gives the same findings as the CLI on the same files', async () => {
    await scan();
    const fromCli = cliFindings();
    assert.ok(fromCli.length > 0, 'the CLI found something');
    assert.deepEqual(editorFindings(api), fromCli);
  });

  test('Problems: masked diagnostics for unopened files; open files keep only their live ones', async () => {
    // A fixture file no suite has opened (documents opened by tests stay open for minutes).
    const rel = 'deploy/values.yaml';
    const uri = fixtureUri(rel);
    assert.equal(api.editor.live.isTracked(uri), false, `${rel} is not open yet`);
    await scan();
    const scanned = api.editor.scanDiagnostics.get(uri) ?? [];
    assert.equal(scanned.length, fixtureManifest().files[rel].findings.length);
    assert.equal(scanned[0].source, DIAGNOSTIC_SOURCE);
    let all = '';
    api.editor.scanDiagnostics.forEach((_uri, ds) => ds.forEach((d) => (all += d.message + '\n')));
    tokens.assertAbsent(all, 'a scan diagnostic');
    assert.match(all, /…/);
    await openFixture(rel);
    await waitFor(() => (api.editor.scanDiagnostics.get(uri) ?? []).length === 0, 10_000, 'the scan hands the open file to live diagnostics');
    await waitForCount(uri, scanned.length);
  });

  test('the Findings view: grouped by file, masked labels, each item opens the token', async () => {
    await scan();
    const files = api.editor.findingsTree.getChildren() as FileNode[];
    assert.ok(files.length >= 5);
    for (const file of files) {
      const fileItem = api.editor.findingsTree.getTreeItem(file);
      tokens.assertAbsent(itemText(fileItem), 'a file item');
      for (const node of api.editor.findingsTree.getChildren(file) as FindingsNode[]) {
        const item = api.editor.findingsTree.getTreeItem(node);
        tokens.assertAbsent(itemText(item), 'a finding item');
        assert.match(String(item.description), /…/);
      }
    }
    const go = files.find((f) => f.uri.path.endsWith('/src/main.go'))!;
    const [first, second] = api.editor.findingsTree.getChildren(go) as FindingNode[];
    assert.ok(second, 'two tokens on one line are two items');
    const item = api.editor.findingsTree.getTreeItem(second);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === go.uri.toString(), 10_000, 'the file opens');
    const sel = vscode.window.activeTextEditor!.selection;
    assert.ok(sel.isEqual(new vscode.Selection(second.range.start, second.range.end)), 'the token is selected');
    assert.ok(!first.range.isEqual(second.range));
  });

  test('respects files.exclude and search.exclude, skips binary and oversized files', async () => {
    await scratchFile('by-files/a.ts', `export const t = '${tokens.make('bot')}';\n`);
    await scratchFile('by-search/b.ts', `export const t = '${tokens.make('bot')}';\n`);
    await scratchFile('bin/data.bin', `\u0000\u0001${tokens.make('bot')}\u0000`);
    await scratchFile('big/large.txt', `${'x'.repeat(3000)}\n${tokens.make('bot')}\n`);
    const kept = await scratchFile('kept/c.ts', `export const t = '${tokens.make('app')}';\n`);
    await setUserSetting('files.exclude', { '**/.git': true, '**/by-files': true });
    await setUserSetting('search.exclude', { '**/by-search/**': true });
    await setUserSetting('slackTokenGuard.scan.maxFileSizeKB', 2);
    try {
      const summary = await scan();
      const found = treeFindings(api);
      assert.ok(found.some((f) => f.startsWith(vscode.workspace.asRelativePath(kept, false))), 'a normal new file is found');
      for (const dir of ['by-files', 'by-search', 'bin', 'big']) assert.ok(!found.some((f) => f.includes(`/${dir}/`)), `${dir} is not scanned`);
      assert.ok(summary.skipped.binary >= 1);
      assert.ok(summary.skipped.tooLarge >= 1);
    } finally {
      await setUserSetting('files.exclude', undefined);
      await setUserSetting('search.exclude', undefined);
      await setUserSetting('slackTokenGuard.scan.maxFileSizeKB', undefined);
      await removeScratch();
    }
  });

  test('a re-scan replaces old results; saving and closing a file keep its findings current', async () => {
    const uri = await scratchFile('live/current.ts', `export const a = '${tokens.make('bot')}';\n`);
    await scan();
    const rel = vscode.workspace.asRelativePath(uri, false);
    assert.equal(treeFindings(api).filter((f) => f.startsWith(rel)).length, 1);
    // Edit and save: the view follows the saved file.
    // Opened through the workbench: a document an extension opens stays open for minutes.
    await vscode.commands.executeCommand('vscode.open', uri);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined), 10_000, 'the editor');
    const doc = editor.document;
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), `export const b = '${tokens.make('user')}';\n`));
    await doc.save();
    await waitFor(() => treeFindings(api).filter((f) => f.startsWith(rel)).length === 2, 10_000, 'the saved file has two findings in the view');
    assert.equal((api.editor.scanDiagnostics.get(uri) ?? []).length, 0, 'open: only live diagnostics');
    // Close it: the scan's Problems entries come back, current.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(() => (api.editor.scanDiagnostics.get(uri) ?? []).length === 2, 30_000, 'two scan diagnostics after close');
    // Deleted on disk, then re-scanned: gone.
    fs.rmSync(uri.fsPath);
    await scan();
    assert.equal(treeFindings(api).filter((f) => f.startsWith(rel)).length, 0);
    assert.equal((api.editor.scanDiagnostics.get(uri) ?? []).length, 0);
  });

  test('cancel stops cleanly: partial results, said so, and a new scan still works', async () => {
    for (let i = 0; i < 40; i++) await scratchFile(`many/f${String(i).padStart(2, '0')}.txt`, i % 5 === 0 ? `t=${tokens.make('bot')}\n` : 'nothing\n');
    const cancelled = await scan({ cancelAfterFiles: 3 });
    assert.equal(cancelled.cancelled, true);
    assert.ok(cancelled.scanned < cancelled.candidates, `stopped early (${cancelled.scanned} of ${cancelled.candidates})`);
    const full = await scan();
    assert.equal(full.cancelled, false);
    assert.equal(full.scanned + full.skipped.binary + full.skipped.tooLarge + full.skipped.ignored + full.skipped.unreadable, full.candidates);
    assert.equal(treeFindings(api).filter((f) => f.includes('/many/')).length, 8);
    await removeScratch();
  });

  test('follows no symbolic link (to a folder or a file outside the workspace), and lists what the CLI lists', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-outside-'));
    fs.mkdirSync(path.join(outside, 'dir'));
    fs.writeFileSync(path.join(outside, 'dir', 'leak.ts'), `export const t = '${tokens.make('bot')}';\n`);
    fs.writeFileSync(path.join(outside, 'file.ts'), `export const t = '${tokens.make('user')}';\n`);
    const kept = await scratchFile('links/kept.ts', `export const t = '${tokens.make('app')}';\n`);
    const links = path.dirname(kept.fsPath);
    fs.symlinkSync(path.join(outside, 'dir'), path.join(links, 'to-dir'), 'dir');
    fs.symlinkSync(path.join(outside, 'file.ts'), path.join(links, 'to-file.ts'), 'file');
    try {
      const summary = await scan();
      assert.equal(summary.cancelled, false);
      const found = treeFindings(api);
      const linksRel = vscode.workspace.asRelativePath(vscode.Uri.file(links), false);
      assert.deepEqual(
        found.filter((f) => f.startsWith(`${linksRel}/`)).map((f) => f.split(':')[0]),
        [vscode.workspace.asRelativePath(kept, false)],
        'only the real file under links/ is reported, nothing through to-dir/ or to-file.ts',
      );
      const fromCli = cliFindings();
      assert.ok(fromCli.some((f) => f.startsWith(`${linksRel}/kept.ts:`)), 'the CLI found the real file');
      assert.deepEqual(editorFindings(api), fromCli, 'the editor and the CLI report the same files and findings');
    } finally {
      await removeScratch();
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('Clear Workspace Scan Results empties the view and Problems', async () => {
    await scan();
    assert.ok(api.editor.findingsTree.getChildren().length > 0);
    await vscode.commands.executeCommand(Commands.clearFindings);
    assert.equal(api.editor.findingsTree.getChildren().length, 0);
    let n = 0;
    api.editor.scanDiagnostics.forEach(() => n++);
    assert.equal(n, 0);
  });
});
