// The lightbulb on a token, in a real extension host: Move to Secret Storage in each language,
// a failing store that leaves the document untouched, ignore comments and the ignore file,
// Test / Revoke this token against the fake Slack, and exposing a stored token to terminals.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprint, scanText } from '../../src/core/detect';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands, MIGRATION_GUIDE_URL } from '../../src/features/ids';
import type { IgnoreResult } from '../../src/features/quick-fixes/ignore-occurrence';
import type { LiteralResult } from '../../src/features/quick-fixes/literal-actions';
import type { MoveResult } from '../../src/features/quick-fixes/move-to-secret-storage';
import type { ToggleResult } from '../../src/features/terminal-env';
import { EXPOSED_KEY } from '../../src/features/terminal-env/exposure';
import { TokenCodeActionProvider } from '../../src/features/quick-fixes';
import { FakeSlack } from '../support/fake-slack';
import type { GeneratedKind } from '../support/token-gen';
import { closeAllWithoutSaving, editorApi, logText, removeScratch, Tokens, untitled, waitForCount, workspaceFile, emptyVault, resetApiSettings } from './editor-helpers';
import { ourDiagnostics, waitFor, workspaceRoot } from './helpers';
import { equalRedacted } from '../support/assert-redacted';

const tokens = new Tokens(7077);

interface Case {
  name: string;
  file: string;
  kind: GeneratedKind;
  /** `@` marks where the token goes. */
  before: string;
  after: string;
  stored: string;
}

/** Each language: the literal, and the reference that replaces it (quotes included). */
const MOVES: Case[] = [
  { name: 'JavaScript', file: 'qf/app.js', kind: 'bot', before: 'const slackToken = "@";\n', after: 'const slackToken = process.env.SLACK_TOKEN;\n', stored: 'SLACK_TOKEN' },
  { name: 'TypeScript', file: 'qf/client.ts', kind: 'user', before: "export const config = { token: '@' };\n", after: 'export const config = { token: process.env.SLACK_USER_TOKEN };\n', stored: 'SLACK_USER_TOKEN' },
  { name: 'TypeScript (part of a string)', file: 'qf/header.ts', kind: 'bot', before: 'const slackAuth = "Bearer @";\n', after: 'const slackAuth = "Bearer " + process.env.SLACK_AUTH;\n', stored: 'SLACK_AUTH' },
  { name: 'Python', file: 'qf/notify.py', kind: 'webhook', before: "alert_hook = '@'\n", after: 'import os\nalert_hook = os.environ["ALERT_HOOK"]\n', stored: 'ALERT_HOOK' },
  { name: 'Go', file: 'qf/main.go', kind: 'app', before: 'package main\n\nvar token = "@"\n', after: 'package main\n\nimport "os"\n\nvar token = os.Getenv("SLACK_APP_TOKEN")\n', stored: 'SLACK_APP_TOKEN' },
  { name: 'YAML', file: 'qf/compose.yaml', kind: 'bot', before: 'services:\n  bot:\n    environment:\n      bot_token: "@"\n', after: 'services:\n  bot:\n    environment:\n      bot_token: "${BOT_TOKEN}"\n', stored: 'BOT_TOKEN' },
  { name: '.env', file: 'qf/.env', kind: 'legacy-session', before: 'PORT=3000\nSLACK_LEGACY=@\n', after: "PORT=3000\nSLACK_LEGACY= # SLACK_LEGACY is in Slack Token Guard's Secret Storage\n", stored: 'SLACK_LEGACY' },
  { name: 'shell', file: 'qf/post.sh', kind: 'bot', before: 'curl -H "Authorization: Bearer @" https://slack.com/api/auth.test\n', after: 'curl -H "Authorization: Bearer ${SLACK_BOT_TOKEN}" https://slack.com/api/auth.test\n', stored: 'SLACK_BOT_TOKEN' },
];

/** The fixes VS Code's own code-action machinery returns for a diagnostic (all providers). */
async function registeredQuickFixes(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  // The API command does not carry `diagnostics` back; the fixes say which token through their
  // arguments. The guide's action opens a URL (`vscode.open`, which comes back as `_workbench.open`).
  return (actions ?? []).filter((a) => {
    const range = (a.command?.arguments?.[0] as { range?: vscode.Range } | undefined)?.range;
    if (!(range instanceof vscode.Range)) return true;
    return range.isEqual(d.range);
  });
}

/**
 * Our provider's fixes for a diagnostic, asked directly: going through VS Code would also wait for
 * every other provider, such as TypeScript's, whose server can take a minute to start on a busy
 * 2-core machine. The first test checks the registered route.
 */
function quickFixes(doc: vscode.TextDocument, d: vscode.Diagnostic): vscode.CodeAction[] {
  const context: vscode.CodeActionContext = { diagnostics: [d], only: vscode.CodeActionKind.QuickFix, triggerKind: vscode.CodeActionTriggerKind.Invoke };
  return new TokenCodeActionProvider(api.tokenStore).provideCodeActions(doc, d.range, context);
}

function run<T>(action: vscode.CodeAction, extra: object = {}): Thenable<T> {
  const [args, ...rest] = action.command!.arguments ?? [];
  return vscode.commands.executeCommand<T>(action.command!.command, { ...(args as object), ...extra }, ...rest);
}

let api: ExtensionTestApi;

suite('QuickFix: the lightbulb on a token', () => {
  let fake: FakeSlack;

  suiteSetup(async () => {
    api = await editorApi();
    fake = await FakeSlack.start();
    await vscode.workspace.getConfiguration('slackTokenGuard').update('api.extraEndpoints', [fake.url], vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await removeScratch();
    await emptyVault(api);
    await resetApiSettings();
    await fake?.close();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), '.slack-token-guard-ignore')).then(undefined, () => undefined);
    await api.editor.ignoreFiles.refresh();
    tokens.assertAbsent(logText(api), 'the extension log');
    tokens.assertAbsent(JSON.stringify(api.globalState.keys().map((k) => api.globalState.get(k))), 'globalState');
  });

  teardown(closeAllWithoutSaving);

  test('a token gets Move (preferred), Ignore, Test and Revoke; a legacy one also the migration guide', async () => {
    const editor = await untitled(`a = "${tokens.make('bot')}"\nb = "${tokens.make('legacy-session')}"\n`, 'python');
    const [bot, legacy] = (await waitForCount(editor.document.uri, 2)).sort((x, y) => x.range.start.line - y.range.start.line);
    const botFixes = await registeredQuickFixes(editor.document, bot);
    const titles = botFixes.map((a) => a.title);
    assert.deepEqual(titles, ['Move bot token to Secret Storage', 'Ignore this token occurrence', 'Test this token', 'Revoke this token…']);
    assert.equal(botFixes[0].isPreferred, true);
    assert.ok(botFixes.every((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value));
    const legacyFixes = await registeredQuickFixes(editor.document, legacy);
    const guide = legacyFixes.find((a) => a.title === 'Open the legacy token migration guide');
    assert.ok(guide, 'the migration guide is offered for a legacy token');
    assert.equal(String(guide.command?.arguments?.[0]), vscode.Uri.parse(MIGRATION_GUIDE_URL).toString(), 'a literal not in the vault opens Slack\'s guide');
    for (const a of [...botFixes, ...legacyFixes]) tokens.assertAbsent(a.title, 'a quick fix title');
  });

  for (const c of MOVES) {
    test(`Move to Secret Storage in ${c.name}: stores first, then replaces the literal with a reference`, async () => {
      const token = tokens.make(c.kind);
      const doc = await workspaceFile(c.file, c.before.replace('@', token));
      const [d] = await waitForCount(doc.uri, 1);
      const move = quickFixes(doc, d).find((a) => a.isPreferred)!;
      const result = await run<MoveResult>(move);
      assert.ok(result, 'the command returns what it did');
      equalRedacted(doc.getText(), c.after);
      assert.equal(result.envVar, c.stored);
      const stored = api.tokenStore.get(result.id)!;
      assert.equal(stored.envVar, c.stored);
      assert.equal(stored.fingerprint, fingerprint(token));
      equalRedacted(await api.tokenStore.getSecret(result.id), token, 'the secret is in Secret Storage');
      await waitForCount(doc.uri, 0);
    });
  }

  test('Move in JSON asks what replaces the token (test seam: the answer rides in the arguments)', async () => {
    const token = tokens.make('bot');
    const doc = await workspaceFile('qf/settings.json', `{\n  "slack.botToken": "${token}"\n}\n`);
    const [d] = await waitForCount(doc.uri, 1);
    const move = quickFixes(doc, d).find((a) => a.isPreferred)!;
    const result = await run<MoveResult>(move, { replacement: '${env:BOT_TOKEN}' });
    assert.equal(result.envVar, 'BOT_TOKEN');
    assert.equal(doc.getText(), '{\n  "slack.botToken": "${env:BOT_TOKEN}"\n}\n');
  });

  test('a token already in the vault is not stored twice; the reference uses its variable', async () => {
    const token = tokens.make('app');
    await api.tokenStore.add({ token, envVar: 'MY_APP_TOKEN', label: 'existing' });
    const before = api.tokenStore.list().length;
    const editor = await untitled(`const socket = "${token}";\n`, 'javascript');
    const [d] = await waitForCount(editor.document.uri, 1);
    const result = await run<MoveResult>(quickFixes(editor.document, d).find((a) => a.isPreferred)!);
    assert.equal(result.duplicate, true);
    assert.equal(api.tokenStore.list().length, before);
    assert.equal(editor.document.getText(), 'const socket = process.env.MY_APP_TOKEN;\n');
  });

  test('a failing store leaves the document untouched and stores nothing', async () => {
    const token = tokens.make('bot');
    const text = `const slackToken = "${token}";\n`;
    const editor = await untitled(text, 'javascript');
    const [d] = await waitForCount(editor.document.uri, 1);
    const move = quickFixes(editor.document, d).find((a) => a.isPreferred)!;
    // Make Secret Storage fail the way a broken keyring does.
    const secrets = api.secrets as { store: vscode.SecretStorage['store'] };
    const original = secrets.store;
    secrets.store = () => Promise.reject(new Error('keyring unavailable'));
    let result: MoveResult | undefined;
    try {
      result = await run<MoveResult | undefined>(move);
    } finally {
      secrets.store = original;
    }
    assert.equal(result, undefined, 'the command reports the failure instead of a result');
    assert.equal(editor.document.getText(), text, 'the document is unchanged');
    assert.equal(api.tokenStore.findByFingerprint(fingerprint(token)), undefined, 'nothing was stored');
    assert.equal(ourDiagnostics(editor.document.uri).length, 1, 'the token is still flagged');
  });

  test('Ignore adds a comment in the language syntax (end of line), and the diagnostic goes', async () => {
    const cases: [string, string, (t: string) => string, (t: string) => string][] = [
      ['qf/ignore.ts', 'typescript', (t) => `const t = '${t}';\n`, (t) => `const t = '${t}'; // slack-token-guard:ignore\n`],
      ['qf/ignore.py', 'python', (t) => `t = "${t}"\n`, (t) => `t = "${t}" # slack-token-guard:ignore\n`],
      ['qf/ignore.yaml', 'yaml', (t) => `token: ${t}\n`, (t) => `token: ${t} # slack-token-guard:ignore\n`],
      ['qf/ignore.go', 'go', (t) => `var t = "${t}"\n`, (t) => `var t = "${t}" // slack-token-guard:ignore\n`],
    ];
    for (const [file, , make, expected] of cases) {
      const token = tokens.make('bot');
      const doc = await workspaceFile(file, make(token));
      const [d] = await waitForCount(doc.uri, 1);
      const ignore = quickFixes(doc, d).find((a) => a.command?.command === Commands.ignoreOccurrence)!;
      const r = await run<IgnoreResult>(ignore);
      assert.equal(r.method, 'comment');
      equalRedacted(doc.getText(), expected(token), file);
      await waitForCount(doc.uri, 0);
    }
  });

  test('Ignore in JSON writes the fingerprint to .slack-token-guard-ignore, which suppresses it', async () => {
    const token = tokens.make('user');
    const doc = await workspaceFile('qf/data.json', `{"legacy": "${token}"}\n`);
    const [d] = await waitForCount(doc.uri, 1);
    const ignore = quickFixes(doc, d).find((a) => a.command?.command === Commands.ignoreOccurrence)!;
    const r = await run<IgnoreResult>(ignore);
    assert.equal(r.method, 'ignore-file');
    equalRedacted(doc.getText(), `{"legacy": "${token}"}\n`, 'the JSON is not touched');
    await waitForCount(doc.uri, 0);
    const file = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '.slack-token-guard-ignore')));
    assert.ok(file.split(/\r?\n/).includes(fingerprint(token)));
    tokens.assertAbsent(file, 'the ignore file');
    // The same token elsewhere in the folder is suppressed too (the CLI reads the file the same way).
    const other = await workspaceFile('qf/other.txt', `again ${token}\n`);
    const control = await untitled(tokens.make('bot'), 'plaintext');
    await waitForCount(control.document.uri, 1);
    assert.equal(ourDiagnostics(other.uri).length, 0);
  });

  test('Ignore inside a multi-line template literal uses the ignore file rather than changing the string', async () => {
    const token = tokens.make('bot');
    const doc = await workspaceFile('qf/template.ts', `const s = \`\nline ${token}\n\`;\n`);
    const [d] = await waitForCount(doc.uri, 1);
    const r = await run<IgnoreResult>(quickFixes(doc, d).find((a) => a.command?.command === Commands.ignoreOccurrence)!);
    assert.equal(r.method, 'ignore-file');
    assert.equal(scanText(doc.getText()).length, 1, 'the text is unchanged');
    await waitForCount(doc.uri, 0);
  });

  test('Test this token and Revoke this token ask the (fake) Slack about the literal', async () => {
    const token = tokens.make('bot');
    fake.register(token, { team: 'Acme', user: 'deploybot', botId: 'B1', scopes: ['chat:write'] });
    const editor = await untitled(`token = "${token}"\n`, 'python');
    const [d] = await waitForCount(editor.document.uri, 1);
    const fixes = quickFixes(editor.document, d);
    const test = await run<LiteralResult>(fixes.find((a) => a.command?.command === Commands.testLiteral)!, { endpoint: fake.url });
    assert.equal(test.status, 'valid');
    tokens.assertAbsent(test.message, 'the test message');
    const dry = await run<LiteralResult>(fixes.find((a) => a.command?.command === Commands.revokeLiteral)!, { endpoint: fake.url, dryRun: true });
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal(fake.isRevoked(token), false);
    const revoked = await run<LiteralResult>(fixes.find((a) => a.command?.command === Commands.revokeLiteral)!, { endpoint: fake.url, confirm: true });
    assert.equal(revoked.status, 'revoked');
    assert.equal(fake.isRevoked(token), true);
    const again = await run<LiteralResult>(fixes.find((a) => a.command?.command === Commands.testLiteral)!, { endpoint: fake.url });
    assert.equal(again.status, 'invalid');
    for (const m of [dry.message, revoked.message, again.message]) tokens.assertAbsent(m, 'a message');
  });

  test('a moved token can be exposed to integrated terminals as its variable, and hidden again', async () => {
    const token = tokens.make('bot');
    const editor = await untitled(`reporterToken = "${token}"\n`, 'python');
    const [d] = await waitForCount(editor.document.uri, 1);
    const moved = await run<MoveResult>(quickFixes(editor.document, d).find((a) => a.isPreferred)!);
    assert.equal(moved.envVar, 'REPORTER_TOKEN');
    const env = api.editor.terminalEnvironment;
    assert.equal(env.persistent, false, 'never written to disk');
    const on = await vscode.commands.executeCommand<ToggleResult>(Commands.toggleTerminalEnv, moved.id, { quiet: true, confirm: true });
    assert.deepEqual(on, { id: moved.id, envVar: 'REPORTER_TOKEN', exposed: true });
    await waitFor(() => env.get('REPORTER_TOKEN')?.value === token, 10_000, 'the variable in the collection');
    assert.equal(env.get('REPORTER_TOKEN')?.type, vscode.EnvironmentVariableMutatorType.Replace);
    const description = typeof env.description === 'string' ? env.description : env.description?.value ?? '';
    assert.match(description, /REPORTER_TOKEN/);
    tokens.assertAbsent(description, 'the environment description');
    assert.deepEqual(api.workspaceState.get(EXPOSED_KEY), [moved.id], 'recorded for this workspace');
    const off = await vscode.commands.executeCommand<ToggleResult>(Commands.toggleTerminalEnv, { id: moved.id }, { quiet: true });
    assert.equal(off.exposed, false);
    await waitFor(() => env.get('REPORTER_TOKEN') === undefined, 10_000, 'the variable removed');
  });
});
