// `slack-token-guard manifest` through the BUILT CLI (dist/cli.js): the fixture apps give their
// exact manifests in YAML and JSON, --explain goes to stderr, and the exit codes hold.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, ensureBuilt, write } from '../support/cli-run';
import { BOLT_JAVA, BOLT_PY, NO_SLACK, SLASH_COMMANDS_TS, SOCKET_MODE_JS, socketModeJsManifest, USER_TOKEN_PY, USER_TOKEN_PY_EXPLAIN, type FixtureApp } from '../support/migrate-fixtures';
import { TokenGenerator } from '../support/token-gen';

describe('CLI: slack-token-guard manifest (built dist/cli.js)', function () {
  this.timeout(60_000);
  let tmp: string;
  let n = 0;
  const app = (files: FixtureApp): string => {
    const dir = fs.mkdtempSync(path.join(tmp, `app${n++}-`));
    for (const [rel, text] of Object.entries(files)) write(dir, rel, text);
    return dir;
  };

  before(() => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-manifest-test-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints the YAML manifest of a slash-command app on stdout, exit 0', () => {
    const r = cli(app(SLASH_COMMANDS_TS), ['manifest', '--name', 'Deployer']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      `_metadata:
  major_version: 1
  minor_version: 1
display_information:
  name: Deployer
features:
  bot_user:
    display_name: Deployer
    always_online: false
  slash_commands:
    - command: /deploy
      description: "Runs /deploy"
      should_escape: false
      url: "https://example.com/slack/events"
    - command: /rollback
      description: "Runs /rollback"
      should_escape: false
      url: "https://example.com/slack/events"
oauth_config:
  scopes:
    bot:
      - channels:read
      - chat:write
      - commands
      - groups:read
      - im:read
      - mpim:read
settings:
  interactivity:
    is_enabled: true
    request_url: "https://example.com/slack/events"
  org_deploy_enabled: false
  socket_mode_enabled: false
  token_rotation_enabled: false
`,
    );
  });

  it('--format json prints Slack\'s manifest schema (Socket Mode app, JavaScript)', () => {
    const r = cli(app(SOCKET_MODE_JS), ['manifest', '--format', 'json', '--name', 'Standup Bot']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), socketModeJsManifest('Standup Bot'));
  });

  it('Python (user token, Bolt) and Java apps, several paths at once', () => {
    const dir = app({ ...prefix('py/', USER_TOKEN_PY), ...prefix('bolt/', BOLT_PY), ...prefix('java/', BOLT_JAVA) });
    const r = cli(dir, ['manifest', 'py', '--format', 'json', '--name', 'Reporter']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).oauth_config, { scopes: { bot: ['chat:write'], user: ['search:read', 'stars:read'] } });
    assert.match(r.stderr, /^slack-token-guard: 1 Slack use could not be mapped to scopes \(unknown or dynamic names\): see --explain\n$/);
    const both = cli(dir, ['manifest', 'bolt', 'java', '--format', 'json']);
    assert.equal(both.status, 0, both.stderr);
    const m = JSON.parse(both.stdout);
    assert.equal(m.display_information.name, 'bolt', 'the default name is the folder name');
    assert.deepEqual(m.oauth_config.scopes.bot, ['app_mentions:read', 'chat:write', 'commands', 'pins:write', 'reactions:read', 'users:read']);
    assert.deepEqual(m.features.slash_commands.map((c: { command: string }) => c.command), ['/hello', '/ticket']);
    assert.deepEqual(m.settings.event_subscriptions.bot_events, ['app_mention', 'reaction_added']);
    assert.equal(m.settings.socket_mode_enabled, true);
  });

  it('--explain: per scope the methods and call sites, on stderr while the manifest goes to stdout', () => {
    const r = cli(app(USER_TOKEN_PY), ['manifest', '--explain', '--name', 'R']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^_metadata:\n/);
    assert.equal(r.stderr, USER_TOKEN_PY_EXPLAIN);
  });

  it('no Slack calls: says so, prints no manifest, exit 1', () => {
    const r = cli(app(NO_SLACK), ['manifest']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'slack-token-guard: no Slack Web API calls found (2 files read): no manifest to print\n');
  });

  it('binary, oversized and unreadable inputs are skipped, never fatal', function () {
    const dir = app(SOCKET_MODE_JS);
    write(dir, 'blob.bin', Buffer.from([0, 1, 2, 0, 99]));
    write(dir, 'big.js', 'client.search.messages({});\n'.repeat(100));
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked);
    write(locked, 'x.js', 'client.admin.users.list({});\n');
    fs.chmodSync(locked, 0);
    try {
      const r = cli(dir, ['manifest', '--format', 'json', '--max-file-size', '1k', '--explain']);
      assert.equal(r.status, 0, r.stderr);
      const user: string[] = JSON.parse(r.stdout).oauth_config.scopes.user ?? [];
      assert.ok(!user.includes('search:read'), 'big.js was not read');
      // root reads a folder whatever its mode: the unreadable case holds only for other users.
      const root = process.getuid?.() === 0;
      assert.deepEqual(user, root ? ['admin.users:read'] : []);
      assert.match(r.stderr, /skipped blob\.bin: binary/);
      assert.match(r.stderr, /skipped big\.js: over --max-file-size \(2800 bytes\)/);
      if (!root) assert.match(r.stderr, /cannot read locked \(EACCES\): skipped/);
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });

  it('usage errors exit 2 with one line', () => {
    const dir = app(SOCKET_MODE_JS);
    for (const [args, message] of [
      [['manifest', '--format', 'sarif'], 'unknown format "sarif" for manifest (use yaml or json)'],
      [['manifest', 'missing'], 'no such file or folder: missing'],
      [['manifest', '-'], 'manifest reads files and folders, not standard input'],
      [['manifest', '--show-secrets'], '--show-secrets is an option of "scan", not "manifest"'],
      [['scan', '--explain'], '--explain is an option of "manifest", not "scan"'],
      [['manifest', '--name', ' '], '--name needs an app name'],
    ] as const) {
      const r = cli(dir, [...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `slack-token-guard: ${message}\n`);
    }
  });

  it('never prints a token: a token given as the name or in the code stays masked', () => {
    const token = new TokenGenerator(7).token('bot');
    const dir = app({ 'a.js': `client.apiCall(${JSON.stringify(token)} + x);\nclient.chat.postMessage({ token: '${token}' });\n` });
    const r = cli(dir, ['manifest', '--name', token, '--explain']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(token.slice(5)), 'the token appears');
  });

  it('--verbose masks a token in a skipped file name (a symbolic link named like a token)', () => {
    const token = new TokenGenerator(8).token('bot');
    const dir = app(SLASH_COMMANDS_TS);
    fs.symlinkSync(path.join(dir, Object.keys(SLASH_COMMANDS_TS)[0]), path.join(dir, `${token}.ts`));
    const r = cli(dir, ['manifest', '--verbose']);
    assert.equal(r.status, 0);
    assert.ok(!(r.stdout + r.stderr).includes(token.slice(5)), 'the token appears in the output');
    assert.ok(r.stderr.includes(`xoxb-…${token.slice(-4)}`), 'the skipped link is named, masked');
  });
});

function prefix(dir: string, files: FixtureApp): FixtureApp {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [dir + k, v]));
}
