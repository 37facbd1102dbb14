// Plan Migration to a Slack App in a real extension host: the plan of a fixture Bolt app written
// into the workspace, its page (CSP, no token, the sections), Copy, Save, Create in Slack, and with
// an app configuration token Validate and Create with the API against the fake Slack, then the
// next-step buttons running the existing commands. The page's messages go through the test
// session the command returns in the test host only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import { PAGE_ACTIONS, PAGE_LOCAL_ACTIONS, type PlanSession } from '../../src/features/migration-plan';
import { renderPlanPage } from '../../src/features/migration-plan/page';
import type { AddTokenResult } from '../../src/features/vault';
import { manifestYaml } from '../../src/core/migrate';
import { FakeSlack } from '../support/fake-slack';
import { NO_SLACK, SOCKET_MODE_JS, socketModeJsManifest, type FixtureApp } from '../support/migrate-fixtures';
import { closeAllWithoutSaving, editorApi, emptyVault, logText, resetApiSettings, setUserSetting, Tokens, untitled } from './editor-helpers';
import { waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

const tokens = new Tokens(10_10);
const DIR = '.stg-migrate-tmp';

const SOCKET_MODE_MANIFEST = socketModeJsManifest('standup');

suite('Migration plan: Plan Migration to a Slack App', () => {
  let api: ExtensionTestApi;
  let fake: FakeSlack;

  function writeApp(name: string, app: FixtureApp): vscode.Uri {
    const root = path.join(workspaceRoot().fsPath, DIR, name);
    for (const [rel, text] of Object.entries(app)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    return vscode.Uri.file(root);
  }

  async function plan(folder: vscode.Uri, options: object = {}): Promise<PlanSession> {
    const session = await vscode.commands.executeCommand<PlanSession | undefined>(Commands.planMigration, folder, options);
    assert.ok(session, 'the command returns its session in the test host');
    return session;
  }

  async function addToken(value: string, label: string): Promise<string> {
    const r = await vscode.commands.executeCommand<AddTokenResult>(Commands.addToken, { confirm: true, token: value, label, endpoint: fake.url });
    assert.ok(r?.ok, `add ${label}`);
    return r.id;
  }

  suiteSetup(async () => {
    api = await editorApi();
    await emptyVault(api);
    fake = await FakeSlack.start();
    await setUserSetting('slackTokenGuard.api.extraEndpoints', [fake.url]);
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await emptyVault(api);
    await resetApiSettings();
    await fake.close();
    fs.rmSync(path.join(workspaceRoot().fsPath, DIR), { recursive: true, force: true });
    tokens.assertAbsent(logText(api), 'the log');
  });

  test('every button of the page sends a message the extension handles, and every message it handles has its button', async () => {
    const session = await plan(writeApp('buttons', SOCKET_MODE_JS));
    // Every form of the page: with and without a legacy token (scopes known or not), with and without an app configuration token.
    const pages = [session.html()];
    for (const hasConfigToken of [false, true]) {
      for (const legacy of [undefined, { label: 'old', masked: 'xoxp-…1234', scopesKnown: false }, { label: 'old', masked: 'xoxp-…1234', scopesKnown: true }]) {
        pages.push(renderPlanPage(session.plan, { nonce: 'n', cspSource: 'vscode-resource:', folderName: 'buttons', hasConfigToken, legacy }));
      }
    }
    const inPages = new Set(pages.flatMap((html) => [...html.matchAll(/data-action="([^"]*)"/g)].map((m) => m[1])));
    const sent = [...inPages].filter((a) => !PAGE_LOCAL_ACTIONS.includes(a)).sort();
    assert.deepEqual(sent, [...PAGE_ACTIONS].sort(), 'the buttons the page script posts as message types = the types the extension answers');
    // A call site is a link the script posts as `open`.
    assert.ok(pages.some((html) => /<a href="#" class="site" data-path="[^"]+" data-line="\d+" data-column="\d+">/.test(html)), 'call-site links');
    // The page script posts the button's data-action as the message type, and nothing else.
    assert.match(session.html(), /vscode\.postMessage\(\{ type: action,/);
    assert.match(session.html(), /vscode\.postMessage\(\{ type: 'open', path: a\.dataset\.path/);
    // And an unknown type gets no answer that claims success.
    assert.deepEqual(await session.receive({ type: 'notAnAction' } as unknown as Parameters<PlanSession['receive']>[0]), { ok: false, text: '' });
  });

  test('plans a Socket Mode Bolt app: the exact manifest, the page and its sections', async () => {
    const session = await plan(writeApp('standup', SOCKET_MODE_JS));
    assert.deepEqual(session.plan.manifest, SOCKET_MODE_MANIFEST);
    assert.equal(session.plan.filesRead, 4);
    const html = session.html();
    // Locked down: nothing remote, scripts and styles only with the page's nonce.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; img-src [^;]+; style-src 'nonce-[\w-]+'; script-src 'nonce-[\w-]+';$/);
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1];
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.ok(!/<script(?! nonce=)/.test(html), 'every script carries the nonce');
    assert.ok(!/\bsrc="https?:/.test(html) && !/href="https?:/.test(html), 'no remote resources');
    for (const section of ['Web API methods, by the scope they need', 'Listeners', 'Not mapped', 'App manifest', 'What the legacy token can do, and what the code needs', 'Socket Mode']) {
      assert.ok(html.includes(section), section);
    }
    assert.ok(html.includes('data-path="lib/upload.js" data-line="3"'), 'a clickable call site');
    assert.ok(html.includes('views.open') && html.includes('no scope listed by Slack'), 'a method without a scope is said so');
    assert.ok(html.includes(manifestYaml(session.plan.manifest).split('\n')[0]), 'the YAML manifest');
    assert.ok(!html.includes('data-action="validate"'), 'no Validate without an app configuration token');
  });

  test('a call site opens the file at its line', async () => {
    const session = await plan(vscode.Uri.joinPath(workspaceRoot(), DIR, 'standup'));
    const reply = await session.receive({ type: 'open', path: 'lib/upload.js', line: 4, column: 21 });
    assert.ok(reply.ok);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/standup/lib/upload.js') && vscode.window.activeTextEditor);
    assert.equal(editor.selection.active.line, 3);
    assert.equal(editor.selection.active.character, 20);
    assert.equal((await session.receive({ type: 'open', path: '../../etc/passwd', line: 1, column: 1 })).ok, false, 'nothing outside the folder');
  });

  test('Copy, Save as slack-app-manifest.yaml, and Create this app in Slack (only on that click)', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), DIR, 'standup');
    const session = await plan(folder);
    const yaml = manifestYaml(session.plan.manifest);

    assert.ok((await session.receive({ type: 'copy', format: 'yaml' })).ok);
    assert.equal(await vscode.env.clipboard.readText(), yaml);
    await session.receive({ type: 'copy', format: 'json' });
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), SOCKET_MODE_MANIFEST);
    await vscode.env.clipboard.writeText('');

    const target = vscode.Uri.joinPath(folder, 'slack-app-manifest.yaml');
    const saved = await session.receive({ type: 'save' }, { saveTo: target.toString() });
    assert.equal(saved.saved, target.toString());
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), yaml);

    const before = fake.count();
    const opened = await session.receive({ type: 'openInSlack' }, { openExternal: false });
    assert.equal(opened.url, `https://api.slack.com/apps?new_app=1&manifest_json=${encodeURIComponent(JSON.stringify(SOCKET_MODE_MANIFEST))}`);
    assert.equal(fake.count(), before, 'planning and opening Slack sent nothing to the API');
  });

  test('beside a legacy token: its scopes from auth.test, and what the app drops', async () => {
    const legacy = tokens.make('user');
    fake.register(legacy, { team: 'Acme', user: 'alice', scopes: ['identify', 'read', 'post', 'client', 'admin'] });
    const id = await addToken(legacy, 'old tester token');
    const folder = vscode.Uri.joinPath(workspaceRoot(), DIR, 'standup');
    let session = await plan(folder, { token: id });
    assert.ok(session.html().includes('Its scopes are not known yet.'));
    const tested = await session.receive({ type: 'testLegacy' }, { commandOptions: { trusted: true } });
    assert.equal(tested.ran, Commands.testToken);
    assert.deepEqual(api.tokenStore.get(id)?.scopes, ['identify', 'read', 'post', 'client', 'admin']);
    session = await plan(folder, { token: id });
    const html = session.html();
    assert.ok(html.includes(api.tokenStore.get(id)!.masked));
    assert.match(html, /The legacy scopes stand for \d+ granular scopes \(and act as the user everywhere\); the code needs 10\./);
    assert.ok(html.includes('class="dropped"'));
    tokens.assertAbsent(html, 'the plan page');
  });

  test('with an app configuration token: Validate, its errors, Create with the API, then the next steps', async () => {
    const config = tokens.make('config-access');
    // The generator makes xoxe.xoxb- or xoxe.xoxp-; only the latter is an app configuration token.
    const configToken = config.startsWith('xoxe.xoxp-') ? config : config.replace(/^xoxe\.xoxb-/, 'xoxe.xoxp-');
    tokens.seen.push(configToken);
    fake.register(configToken, { team: 'Acme', user: 'alice', appConfiguration: true });
    await addToken(configToken, 'app config');
    const legacyId = api.tokenStore.list().find((t) => t.label === 'old tester token')!.id;
    const session = await plan(vscode.Uri.joinPath(workspaceRoot(), DIR, 'standup'), { token: legacyId });
    assert.ok(session.html().includes('data-action="validate"') && session.html().includes('data-action="createApi"'));

    const valid = await session.receive({ type: 'validate' }, { commandOptions: { trusted: true } });
    assert.deepEqual([valid.ok, valid.text], [true, 'Slack accepts this manifest.']);
    assert.deepEqual(fake.manifestApps.validated, [SOCKET_MODE_MANIFEST]);

    fake.manifestApps.rejectNext([{ message: 'Invalid scope: commands', pointer: '/oauth_config/scopes/bot/3' }]);
    const invalid = await session.receive({ type: 'validate' }, { commandOptions: { trusted: true } });
    assert.equal(invalid.ok, false);
    assert.deepEqual(invalid.problems, [{ message: 'Invalid scope: commands', pointer: '/oauth_config/scopes/bot/3' }]);

    fake.setMode('ratelimit', 30);
    const limited = await session.receive({ type: 'createApi' }, { commandOptions: { trusted: true } });
    fake.setMode('normal');
    assert.equal(limited.ok, false);
    assert.match(limited.text, /rate limiting/);
    assert.equal(fake.manifestApps.created.length, 0);

    const created = await session.receive({ type: 'createApi' }, { commandOptions: { trusted: true } });
    assert.deepEqual([created.ok, created.appId], [true, 'A0FAKE0001']);
    assert.deepEqual(fake.manifestApps.created[0].manifest, SOCKET_MODE_MANIFEST);

    const install = await session.receive({ type: 'install' }, { openExternal: false });
    assert.match(install.url ?? '', /^https:\/\/slack\.com\/oauth\/v2\/authorize\?client_id=/);

    const bot = tokens.make('bot');
    fake.register(bot, { team: 'Acme', user: 'standup', botId: 'B0NEW' });
    const added = await session.receive({ type: 'addToken' }, { commandOptions: { confirm: true, token: bot, label: 'standup bot', endpoint: fake.url } });
    assert.equal(added.ran, Commands.addToken);
    assert.ok((added.result as AddTokenResult).ok);
    assert.ok(api.tokenStore.list().some((t) => t.label === 'standup bot'));

    const scan = await session.receive({ type: 'scan' });
    assert.equal(scan.ran, Commands.scanWorkspace);
    assert.ok(scan.result && typeof scan.result === 'object' && 'scanned' in scan.result, 'Scan Workspace ran');

    const revoke = await session.receive({ type: 'revokeLegacy' }, { commandOptions: { confirm: true, trusted: true } });
    assert.equal(revoke.ran, Commands.revokeToken);
    const legacyValue = tokens.seen.find((t) => t.startsWith('xoxp-'))!;
    assert.ok(fake.isRevoked(legacyValue), 'the legacy token is revoked');

    // The app's secrets in create's answer never reach the log.
    assert.ok(!/"(client_secret|signing_secret)":"[0-9a-f]{32}"/.test(logText(api)));
  });

  test('the lightbulb of a legacy-token diagnostic offers the plan', async () => {
    const editor = await untitled(`const token = "${tokens.make('legacy-session')}";\n`, 'javascript');
    const [d] = await waitForDiagnostics(editor.document.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range);
    const planAction = actions.find((a) => a.command?.command === Commands.planMigration);
    assert.ok(planAction, 'a "Plan migration to a Slack app" quick fix');
    assert.equal(planAction.title, 'Plan migration to a Slack app');
    const bot = await untitled(`const token = "${tokens.make('bot')}";\n`, 'javascript');
    const [bd] = await waitForDiagnostics(bot.document.uri);
    const botActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bot.document.uri, bd.range);
    assert.ok(!botActions.some((a) => a.command?.command === Commands.planMigration), 'not on a bot token');
    await closeAllWithoutSaving();
  });

  test('a folder with no Slack calls gets a clear page, not an empty manifest', async () => {
    const session = await plan(writeApp('plain', NO_SLACK));
    assert.equal(session.plan.empty, true);
    const html = session.html();
    assert.ok(html.includes('No Slack Web API calls found'));
    assert.ok(!html.includes('App manifest') && !html.includes('data-action="openInSlack"'));
  });
});
