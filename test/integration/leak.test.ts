// Secrets never leak: ONE end-to-end run drives every flow with generated tokens (add, test, revoke,
// every kind of Slack error, quick fixes, safe paste, workspace scan, terminal exposure, and the
// CLI in every format), then collects every place text can end up and asserts that no token (nor
// its secret tail) appears there, only masks. The extension logs at trace level in this host (the
// launcher passes `logLevel` for it), so the log holds everything the extension could write.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scanText } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { SafePasteEdit } from '../../src/features/paste';
import type { LiteralResult } from '../../src/features/quick-fixes/literal-actions';
import type { MoveResult } from '../../src/features/quick-fixes/move-to-secret-storage';
import type { AddTokenResult, TestTokenResult } from '../../src/features/vault';
import { FakeSlack } from '../support/fake-slack';
import type { GeneratedKind } from '../support/token-gen';
import { closeAllWithoutSaving, editorApi, logText, removeScratch, scratchFile, setUserSetting, Tokens, untitled, waitForCount, emptyVault, resetApiSettings } from './editor-helpers';
import { waitFor, workspaceRoot } from './helpers';

const tokens = new Tokens(31337);
const SECTION = 'slackTokenGuard';
const ROOT = path.resolve(__dirname, '../../..');

/** Every message the extension showed, through a spy on vscode.window's message functions. */
const shown: string[] = [];

type ShowFn = (message: string, ...rest: unknown[]) => Thenable<unknown>;
const SHOW = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const;

function spyOnMessages(): () => void {
  // Test files and the extension share one `vscode` API object (same extension), so the spy sees
  // the extension's notifications; it answers them with "dismissed" so no test waits on a button.
  const win = vscode.window as unknown as Record<(typeof SHOW)[number], ShowFn>;
  const saved = SHOW.map((k) => win[k]);
  for (const k of SHOW) {
    win[k] = (message: string, ...rest: unknown[]) => {
      shown.push(message);
      for (const r of rest) if (r && typeof r === 'object' && 'detail' in r) shown.push(String((r as { detail: unknown }).detail));
      return Promise.resolve(undefined);
    };
  }
  return () => SHOW.forEach((k, i) => (win[k] = saved[i]));
}

/** All files under `dir`, recursively (missing folders give nothing). */
function filesUnder(dir: string | undefined, skip: (p: string) => boolean = () => false): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (skip(p)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Marks progress in the launcher's output, so a slow step is easy to find. */
function step(name: string): void {
  console.log(`      [leak] ${name}`);
}

interface Place {
  where: string;
  text: string;
}

/** A token leaks if it or its secret tail (last 12 characters) appears. Masks show only four. */
function leaks(places: Place[]): string[] {
  const found: string[] = [];
  for (const t of tokens.seen) {
    const tail = t.slice(-12);
    for (const p of places) {
      if (p.text.includes(t)) found.push(`${mask(t)} in full in ${p.where}`);
      else if (p.text.includes(tail)) found.push(`${mask(t)}'s secret tail in ${p.where}`);
    }
  }
  return found;
}

function itemText(item: vscode.TreeItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label?.label;
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  return JSON.stringify([label, item.description, tooltip, item.id, item.contextValue, item.command?.title]);
}

function treeText<T>(provider: { getChildren(n?: T): T[] | Thenable<T[]> | undefined | null; getTreeItem(n: T): vscode.TreeItem | Thenable<vscode.TreeItem> }): Promise<string> {
  const walk = async (node: T | undefined, depth: number): Promise<string> => {
    if (depth > 4) return '';
    const kids = (await provider.getChildren(node)) ?? [];
    let out = '';
    for (const k of kids) out += itemText(await provider.getTreeItem(k)) + '\n' + (await walk(k, depth + 1));
    return out;
  };
  return walk(undefined, 0);
}

suite('Leak: no token reaches anything but Secret Storage', () => {
  let api: ExtensionTestApi;
  let fake: FakeSlack;
  let restoreMessages: () => void = () => {};
  const cliOut: Place[] = [];

  suiteSetup(async () => {
    api = await editorApi();
    fake = await FakeSlack.start();
    await setUserSetting(`${SECTION}.api.extraEndpoints`, [fake.url]);
    await setUserSetting(`${SECTION}.api.requestTimeoutSeconds`, 2);
    restoreMessages = spyOnMessages();
  });

  suiteTeardown(async () => {
    restoreMessages();
    await closeAllWithoutSaving();
    await removeScratch();
    await emptyVault(api);
    await resetApiSettings();
    await fake?.close();
  });

  test('drive every flow with generated tokens', async function () {
    this.timeout(240_000);
    const exec = <T>(cmd: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(cmd, ...args);
    const kinds: GeneratedKind[] = ['bot', 'user', 'app', 'webhook', 'bot-legacy', 'legacy-session', 'config-refresh', 'cookie', 'user-short'];

    // Vault: add (messy pastes), test, test all, revoke, errors of every kind.
    const ids: string[] = [];
    for (const kind of kinds) {
      const value = tokens.make(kind);
      fake.register(value, { team: 'Acme', user: `u-${kind}`, botId: kind.startsWith('bot') ? 'B0LEAK0001' : undefined, scopes: ['identify', 'read', 'chat:write'] });
      const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: ` Bearer ${value} `, label: `leak ${kind}`, endpoint: fake.url });
      if (r?.ok) ids.push(r.id);
    }
    assert.ok(ids.length >= 6, `stored ${ids.length}`);
    for (const id of ids) await exec(Commands.testToken, id, { confirm: true });
    await exec(Commands.testAllTokens);
    const modes: [string, number | string | undefined][] = [
      ['http500', undefined],
      ['ratelimit', 9],
      ['garbage', undefined],
      ['reset', undefined],
      ['hang', undefined],
      ['error', 'internal_error'],
      ['error', 'invalid_auth'],
    ];
    for (const [mode, arg] of modes) {
      (fake.setMode as (m: string, a?: unknown) => void)(mode, arg);
      await exec<TestTokenResult>(Commands.testToken, ids[0], { confirm: true });
      await exec(Commands.revokeToken, ids[1], { confirm: true, dryRun: true });
    }
    fake.setMode('normal');
    await exec(Commands.revokeToken, ids[1], { confirm: true, dryRun: true });
    await exec(Commands.revokeToken, ids[1], { confirm: true });
    await exec(Commands.revokeToken, ids[2], { confirm: true, remove: true });
    for (const id of ids) await exec(Commands.revokeToken, id, { confirm: true });
    await exec(Commands.testAllTokens);
    // Refusals that see a token: a token as label, a token as env var name, an unknown endpoint.
    await exec(Commands.renameToken, ids[0], { label: `x ${tokens.make('bot')}`, confirm: true });
    await exec(Commands.addToken, { confirm: true, token: tokens.make('bot'), label: 'elsewhere', endpoint: 'https://collector.example/api/' });
    await exec(Commands.addToken, { confirm: true, token: `${tokens.make('user')} and more words`, label: 'messy', endpoint: fake.url });
    await exec(Commands.openMigrationGuide, ids[0], { openExternal: false });
    await exec(Commands.copyToken, ids[0], { confirm: true });

    step('editor');
    // Editor: live diagnostics, every quick fix, safe paste, ignore comment, literal test/revoke.
    // Python: VS Code's own code-action command also waits for TypeScript's server on JavaScript.
    const lines = kinds.map((k, i) => `t${i} = "${tokens.make(k)}"`);
    const doc = (await untitled(lines.join('\n') + '\n', 'python')).document;
    const diags = await waitForCount(doc.uri, scanText(doc.getText()).length);
    const fixesFor = async (d: vscode.Diagnostic) =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const sorted = diags.slice().sort((a, b) => a.range.start.line - b.range.start.line);
    const run = <T>(a: vscode.CodeAction | undefined, extra: object = {}) => {
      if (!a?.command) return Promise.resolve(undefined);
      const [args, ...rest] = a.command.arguments ?? [];
      return Promise.resolve(vscode.commands.executeCommand<T>(a.command.command, { ...(args as object), ...extra }, ...rest));
    };
    const lit = sorted[0];
    const litFixes = await fixesFor(lit);
    for (const mode of ['normal', 'http500', 'reset'] as const) {
      fake.setMode(mode);
      await run<LiteralResult>(litFixes.find((a) => a.command?.command === Commands.testLiteral), { endpoint: fake.url });
      await run<LiteralResult>(litFixes.find((a) => a.command?.command === Commands.revokeLiteral), { endpoint: fake.url, dryRun: true });
    }
    fake.setMode('normal');
    await run<LiteralResult>(litFixes.find((a) => a.command?.command === Commands.revokeLiteral), { endpoint: fake.url, confirm: true });
    await run(litFixes.find((a) => a.command?.command === Commands.ignoreOccurrence));
    const moveFixes = await fixesFor(sorted[1]);
    const moved = await run<MoveResult>(moveFixes.find((a) => a.isPreferred));
    assert.ok(moved?.id, 'a token moved to Secret Storage');
    // A failing store during a move: the document is untouched, the message says why.
    const failing = sorted[2];
    const secrets = api.secrets as { store: vscode.SecretStorage['store'] };
    const originalStore = secrets.store;
    secrets.store = () => Promise.reject(new Error('keyring unavailable'));
    try {
      await run((await fixesFor(failing)).find((a) => a.isPreferred));
    } finally {
      secrets.store = originalStore;
    }
    const paste = (await untitled('const pasted = "";\n', 'javascript')).document;
    const at = new vscode.Range(0, 16, 0, 16);
    const dt = new vscode.DataTransfer();
    dt.set('text/plain', new vscode.DataTransferItem(`"${tokens.make('bot')}"`));
    const edits = await api.editor.safePaste.provideDocumentPasteEdits(paste, [at], dt, { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic }, new vscode.CancellationTokenSource().token);
    assert.equal(edits?.length, 1);
    const resolved = (await api.editor.safePaste.resolveDocumentPasteEdit(edits[0])) as SafePasteEdit;
    assert.ok(resolved, 'safe paste stored the token');

    step('terminal');
    // Terminal exposure: the moved token goes into the (non-persistent) environment; open a terminal.
    await exec(Commands.toggleTerminalEnv, moved.id, { expose: true, quiet: true, confirm: true });
    await exec(Commands.toggleTerminalEnv, moved.id, { expose: true });
    await waitFor(() => api.editor.terminalEnvironment.get(moved.envVar)?.value !== undefined, 10_000, 'the variable in the collection');
    assert.equal(api.editor.terminalEnvironment.persistent, false, 'terminal variables are never written to disk');
    const terminal = vscode.window.createTerminal({ name: 'leak test' });
    terminal.show(true);
    await waitFor(async () => (await terminal.processId) !== undefined, 20_000, 'the terminal started');
    terminal.dispose();

    step('scan');
    // Workspace scan: files with tokens that are not open go to Problems and the Findings view.
    for (const [i, k] of kinds.entries()) await scratchFile(`leak/f${i}.env`, `SLACK_${i}=${tokens.make(k)}\n`);
    await exec(Commands.scanWorkspace);
    await waitFor(() => (api.editor.findingsTree.getChildren() ?? []).length > 0, 20_000, 'the Findings view has files');

    step('cli');
    // CLI in plain Node, every format, to stdout and to --output files.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-leak-cli-'));
    try {
      for (const [i, k] of kinds.entries()) fs.writeFileSync(path.join(tmp, `s${i}.txt`), `token=${tokens.make(k)}\n`);
      const cli = path.join(ROOT, 'dist', 'cli.js');
      const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' };
      for (const format of ['text', 'json', 'sarif']) {
        for (const extra of [[], ['--verbose']]) {
          const r = spawnSync(process.execPath, [cli, 'scan', '--format', format, ...extra, '.'], { cwd: tmp, env, encoding: 'utf8' });
          assert.equal(r.status, 1, `${format}: findings exit 1 (${r.stderr})`);
          cliOut.push({ where: `CLI ${format} stdout`, text: r.stdout }, { where: `CLI ${format} stderr`, text: r.stderr });
        }
        const report = path.join(os.tmpdir(), `stg-leak-report-${process.pid}.${format}`);
        const r = spawnSync(process.execPath, [cli, 'scan', '--format', format, '--output', report, '.'], { cwd: tmp, env, encoding: 'utf8' });
        assert.equal(r.status, 1);
        const text = fs.readFileSync(report, 'utf8');
        assert.ok(text.includes('…'), `${format} report holds masks`);
        cliOut.push({ where: `CLI ${format} --output file`, text }, { where: `CLI ${format} --output stdout/stderr`, text: r.stdout + r.stderr });
        fs.rmSync(report, { force: true });
      }
      const baseline = path.join(os.tmpdir(), `stg-leak-baseline-${process.pid}.json`);
      const b = spawnSync(process.execPath, [cli, 'scan', '--write-baseline', baseline, '.'], { cwd: tmp, env, encoding: 'utf8' });
      assert.equal(b.status, 0);
      cliOut.push({ where: 'CLI baseline file', text: fs.readFileSync(baseline, 'utf8') }, { where: 'CLI baseline output', text: b.stdout + b.stderr });
      fs.rmSync(baseline, { force: true });
      const stdin = spawnSync(process.execPath, [cli, 'scan', '-'], { cwd: tmp, env, encoding: 'utf8', input: `x ${tokens.make('bot')}\n` });
      cliOut.push({ where: 'CLI stdin scan', text: stdin.stdout + stdin.stderr });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    assert.ok(tokens.seen.length > 40, `${tokens.seen.length} tokens handled`);
  });

  test('no request carried a token in its URL or query string (tokens travel in headers or bodies only)', () => {
    assert.ok(fake.requests.length > 20, `${fake.requests.length} requests reached the fake`);
    assert.deepEqual(fake.requestsWithTokenInUrl(tokens.seen), []);
    // And they did travel: every request that had a token sent it in the Authorization header or the body.
    for (const r of fake.requests) if (r.via === 'form') assert.match(fake.wire(r).body, /(?:^|&)token=/);
  });

  test('afterwards no token is anywhere text can end up', async function () {
    this.timeout(120_000);
    const places: Place[] = [...cliOut];
    // Notifications and modal details (the spy saw them).
    assert.ok(shown.length > 20, `the spy saw ${shown.length} messages`);
    places.push({ where: 'notifications', text: shown.join('\n') });
    // The log at trace level: debug/trace lines (the Slack SDK's) are there too.
    const log = await waitFor(() => {
      const t = logText(api);
      return t.includes('vault:') && /\[(debug|trace)\]/.test(t) ? t : undefined;
    }, 15_000, 'the extension log at trace level (debug lines from the Slack client)');
    places.push({ where: 'the extension log', text: log });
    // Diagnostics of every collection (live, scan and any other extension's).
    const diagnostics = vscode.languages
      .getDiagnostics()
      .flatMap(([uri, ds]) => ds.map((d) => JSON.stringify([uri.toString(), d.message, d.code, d.source, d.relatedInformation?.map((r) => r.message)])));
    assert.ok(diagnostics.length > 0);
    places.push({ where: 'diagnostics', text: diagnostics.join('\n') });
    // Both views.
    places.push({ where: 'the Tokens view', text: await treeText(api.tokensTree) });
    places.push({ where: 'the Findings view', text: await treeText(api.editor.findingsTree) });
    // Mementos: every key.
    for (const [name, m] of [['globalState', api.globalState], ['workspaceState', api.workspaceState]] as const) {
      places.push({ where: name, text: JSON.stringify(m.keys().map((k) => [k, m.get(k)])) });
    }
    // Settings: what VS Code resolves, and the files.
    const config = vscode.workspace.getConfiguration(SECTION);
    places.push({ where: 'settings', text: JSON.stringify(Object.keys(config).map((k) => config.inspect(k))) });
    const wsSettings = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
    if (fs.existsSync(wsSettings)) places.push({ where: 'workspace settings.json', text: fs.readFileSync(wsSettings, 'utf8') });
    // The extension's storage folders, every file.
    for (const uri of [api.globalStorageUri, api.storageUri, api.logUri]) {
      for (const f of filesUnder(uri?.fsPath)) places.push({ where: f, text: fs.readFileSync(f, 'latin1') });
    }
    // Everything VS Code wrote to disk in this run: the profile (settings, state, logs, storage) and
    // the XDG folders, raw bytes (state.vscdb is SQLite). Skipped: the workspace itself (its files
    // hold tokens on purpose), the launcher's fixture manifest, and VS Code's hot-exit backups of
    // unsaved documents (User/Backups: the text the test typed into untitled editors, kept by
    // VS Code as the user's own document; the extension writes nothing there).
    const user = process.env.STG_USER_DATA_DIR;
    const runDir = process.env.STG_RUN_DIR;
    assert.ok(user && runDir, 'the launcher passes STG_USER_DATA_DIR and STG_RUN_DIR');
    const workspaceDir = workspaceRoot().fsPath;
    const backups = path.join(user, 'User', 'Backups');
    const profileFiles = filesUnder(runDir, (p) => p.startsWith(workspaceDir) || p.startsWith(backups) || p.endsWith('fixture-manifest.json') || p.endsWith('summary.json'));
    assert.ok(profileFiles.some((f) => f.startsWith(path.join(user, 'User'))), 'the user profile was read');
    for (const f of profileFiles) places.push({ where: path.relative(runDir, f), text: fs.readFileSync(f, 'latin1') });
    // Masks are there (the places are not empty by accident).
    assert.ok(log.includes('…'), 'the log names tokens by their masks');
    assert.deepEqual(leaks(places), []);
  });
});
