// The migration plan (src/core/migrate): extraction per language, calls -> scopes, listeners ->
// events/commands/interactivity, Socket Mode/RTM, and the exact manifest of each fixture app.
import * as assert from 'node:assert/strict';
import { createAppUrl, explainPlan, extractUsage, manifestJson, manifestYaml, planMigration, planMigrationSync, type MigrationPlan, type SlackManifest } from '../../src/core/migrate';
import { BOLT_JAVA, BOLT_PY, NO_SLACK, RAW_HTTP, SLASH_COMMANDS_TS, SOCKET_MODE_JS, socketModeJsManifest, USER_TOKEN_PY, USER_TOKEN_PY_EXPLAIN, type FixtureApp } from '../support/migrate-fixtures';
import { TokenGenerator } from '../support/token-gen';

const files = (app: FixtureApp) => Object.entries(app).map(([path, text]) => ({ path, text }));
const plan = (app: FixtureApp, name?: string): MigrationPlan => planMigrationSync(files(app), { name });
const META = { major_version: 1, minor_version: 1 };
const SETTINGS_OFF = { org_deploy_enabled: false, token_rotation_enabled: false };
const URL = 'https://example.com/slack/events';

/** The usages of one snippet, as `type:detail@line:column`. */
function usages(path: string, text: string): string[] {
  return extractUsage(path, text).map((u) => {
    const detail =
      u.type === 'call'
        ? u.method + (u.via ? ` via ${u.via}` : '')
        : u.type === 'unknown-method'
          ? u.name
          : u.type === 'dynamic'
            ? u.expression
            : u.type === 'listener'
              ? `${u.kind} ${u.name ?? '?'}`
              : u.via;
    return `${u.type}:${detail}@${u.line}:${u.column}`;
  });
}

describe('migration plan: extraction', () => {
  it('JavaScript: web-api chains, Bolt client, apiCall, paginate, optional chaining', () => {
    const text = [
      "await client.chat.postMessage({ channel: 'C1' });",
      'await app.client.users.info({ user });',
      'await this.web.conversations.history({ channel });',
      "await client.apiCall('reactions.add', {});",
      "for await (const page of client.paginate('conversations.list')) {}",
      'await client?.pins.add({});',
      'await db.query(1);',
    ].join('\n');
    assert.deepEqual(usages('a.ts', text), [
      'call:chat.postMessage@1:7',
      'call:users.info@2:7',
      'call:conversations.history@3:7',
      'call:reactions.add via apiCall()@4:14',
      'call:conversations.list via paginate()@5:33',
      'call:pins.add@6:7',
    ]);
  });

  it('JavaScript: unknown and dynamic names are reported, not dropped', () => {
    const text = "client.chat.postMesage({});\nclient[method]({});\nclient.chat[verb]({});\nclient.chat['update']({});\nclient.apiCall(name);\nclient.apiCall('chat.frobnicate');\n";
    assert.deepEqual(usages('a.js', text), [
      'unknown-method:chat.postMesage@1:1',
      'dynamic:client[method]@2:1',
      'dynamic:client.chat[verb]@3:1',
      'call:chat.update@4:1',
      'dynamic:apiCall(name)@5:8',
      'unknown-method:chat.frobnicate@6:8',
    ]);
  });

  it('JavaScript: Bolt listeners, say() only in Bolt code, respond() and ack() need nothing', () => {
    const text =
      "app.event('team_join', h);\napp.message(/hi/, async ({ say }) => say('x'));\napp.command('/x', async ({ ack, respond }) => { await ack(); await respond('y'); });\napp.shortcut('s', h);\napp.action({ action_id: 'a' }, h);\napp.view('v', h);\napp.options('o', h);\n";
    assert.deepEqual(usages('a.js', text), [
      'listener:event team_join@1:1',
      'listener:message ?@2:1',
      'call:chat.postMessage via say()@2:38',
      'listener:command /x@3:1',
      'listener:shortcut s@4:1',
      'listener:action ?@5:1',
      'listener:view v@6:1',
      'listener:options o@7:1',
    ]);
    assert.deepEqual(usages('b.js', "function say(x) {}\nsay('client');\n"), []);
  });

  it('Socket Mode and RTM', () => {
    assert.deepEqual(usages('a.js', "new App({ socketMode : true });\nconst { SocketModeClient } = require('@slack/socket-mode');\nconst rtm = new RTMClient(token);\n"), [
      'socket-mode:socketMode : true@1:11',
      'socket-mode:SocketModeClient@2:9',
      'rtm:RTMClient@3:17',
    ]);
  });

  it('Python: slack_sdk names, api_call, files_upload_v2, getattr, decorators', () => {
    const text =
      '@app.event("app_home_opened")\ndef home(client):\n    client.views_publish(user_id="U", view={})\n    client.files_upload_v2(file="x")\n    client.api_call("auth.test")\n    client.admin_conversations_restrictAccess_addGroup()\n    client.chat_frobnicate()\n    getattr(client, name)()\n';
    assert.deepEqual(usages('a.py', text), [
      'listener:event app_home_opened@1:1',
      'call:views.publish@3:5',
      'call:files.uploadV2@4:5',
      'call:auth.test via api_call()@5:12',
      'call:admin.conversations.restrictAccess.addGroup@6:5',
      'unknown-method:chat.frobnicate@7:5',
      'dynamic:getattr(client, name)@8:5',
    ]);
  });

  it('Java: MethodsClient names, Bolt listeners by class and id, ctx.say()', () => {
    const text =
      'import com.slack.api.bolt.App;\napp.event(ReactionAddedEvent.class, (p, ctx) -> ctx.ack());\napp.blockAction("approve", h);\napp.globalShortcut("gs", h);\napp.viewSubmission("v", h);\nctx.client().conversationsOpen(r -> r);\nslack.methods(token).filesUploadV2(r -> r);\nctx.say("x");\n';
    assert.deepEqual(usages('A.java', text), [
      'listener:event reaction_added@2:1',
      'listener:action approve@3:1',
      'listener:shortcut gs@4:1',
      'listener:view v@5:1',
      'call:conversations.open@6:13',
      'call:files.uploadV2@7:21',
      'call:chat.postMessage via ctx.say()@8:1',
    ]);
    assert.deepEqual(usages('B.java', 'class A { void f() { usersList(); } }\n'), [], 'no Slack import, no Slack call');
  });

  it('raw HTTP in any language, slack-gov.com too, but not in documentation', () => {
    assert.deepEqual(usages('x.rb', 'Net::HTTP.post(URI("https://slack.com/api/chat.update"), body)\n'), ['call:chat.update via HTTP@1:21']);
    assert.deepEqual(usages('x.go', 'http.Get("https://slack-gov.com/api/users.list?limit=1")\n'), ['call:users.list via HTTP@1:11']);
    assert.deepEqual(usages('x.sh', 'curl https://slack.com/api/chat.nope\n'), ['unknown-method:chat.nope@1:6']);
    assert.deepEqual(usages('x.py', 'requests.post("https://slack.com/api/" + method)\n'), ['dynamic:https://slack.com/api/" + method@1:16']);
    assert.deepEqual(usages('README.md', 'See https://slack.com/api/chat.postMessage\n'), []);
  });

  it('hostile text: long chains, long runs, binary-looking text, no Slack at all', () => {
    const chain = 'client' + '.chat'.repeat(200_000) + '(';
    assert.deepEqual(usages('a.js', chain), []);
    const spaces = 'client.chat.postMessage' + ' '.repeat(100_000) + '(';
    assert.deepEqual(usages('a.js', spaces), []);
    const brackets = 'client[' + 'x'.repeat(100_000);
    assert.deepEqual(usages('a.js', brackets), []);
    assert.deepEqual(usages('a.js', 'slack '.repeat(100_000)), []);
    assert.deepEqual(usages('a.bin', '\u0000\uffff'.repeat(1000)), []);
  });
});

describe('migration plan: the fixture apps and their exact manifests', () => {
  it('a Socket Mode Bolt app (JavaScript)', () => {
    const p = plan(SOCKET_MODE_JS, 'Standup Bot');
    const want: SlackManifest = socketModeJsManifest('Standup Bot');
    assert.deepEqual(p.manifest, want);
    assert.equal(
      manifestYaml(p.manifest),
      `_metadata:
  major_version: 1
  minor_version: 1
display_information:
  name: "Standup Bot"
features:
  bot_user:
    display_name: "Standup Bot"
    always_online: false
oauth_config:
  scopes:
    bot:
      - app_mentions:read
      - channels:history
      - chat:write
      - commands
      - files:write
      - groups:history
      - im:history
      - mpim:history
      - reactions:write
      - users:read
settings:
  event_subscriptions:
    bot_events:
      - app_mention
      - message.channels
      - message.groups
      - message.im
      - message.mpim
  interactivity:
    is_enabled: true
  org_deploy_enabled: false
  socket_mode_enabled: true
  token_rotation_enabled: false
`,
    );
    assert.deepEqual(
      p.methods.map((m) => `${m.method} ${m.token} ${m.scopes.join(',')}${m.noScope ? ' (no scope listed)' : ''}`),
      [
        'chat.postMessage bot chat:write',
        'conversations.history bot groups:history,im:history,mpim:history,channels:history',
        'files.completeUploadExternal bot files:write',
        'files.getUploadURLExternal bot files:write',
        'reactions.add bot reactions:write',
        'users.info bot users:read',
        'views.open none  (no scope listed)',
      ],
    );
    assert.deepEqual(p.methods.find((m) => m.method === 'files.getUploadURLExternal')?.sites, [{ path: 'lib/upload.js', line: 3, column: 9, via: 'files.uploadV2' }]);
    assert.deepEqual(p.socketMode, [{ path: 'app.js', line: 6, column: 3, via: 'socketMode: true' }]);
    assert.ok(p.notes.some((n) => n.includes('connections:write')), 'the app-level token note');
    assert.equal(p.empty, false);
  });

  it('slash commands over HTTP (TypeScript): commands, interactivity, placeholder URLs', () => {
    const p = plan(SLASH_COMMANDS_TS, 'Deployer');
    assert.deepEqual(p.manifest, {
      _metadata: META,
      display_information: { name: 'Deployer' },
      features: {
        bot_user: { display_name: 'Deployer', always_online: false },
        slash_commands: [
          { command: '/deploy', description: 'Runs /deploy', should_escape: false, url: URL },
          { command: '/rollback', description: 'Runs /rollback', should_escape: false, url: URL },
        ],
      },
      oauth_config: { scopes: { bot: ['channels:read', 'chat:write', 'commands', 'groups:read', 'im:read', 'mpim:read'] } },
      settings: { interactivity: { is_enabled: true, request_url: URL }, ...SETTINGS_OFF, socket_mode_enabled: false },
    });
    assert.ok(p.notes.some((n) => n.includes('placeholders')));
  });

  it('an app that needs a user token (Python): user scopes only where the method needs one', () => {
    const p = plan(USER_TOKEN_PY, 'Reporter');
    assert.deepEqual(p.manifest, {
      _metadata: META,
      display_information: { name: 'Reporter' },
      features: { bot_user: { display_name: 'Reporter', always_online: false } },
      oauth_config: { scopes: { bot: ['chat:write'], user: ['search:read', 'stars:read'] } },
      settings: { ...SETTINGS_OFF, socket_mode_enabled: false },
    });
    assert.deepEqual(p.dynamic, [{ expression: 'getattr(client, name)', site: { path: 'report.py', line: 11, column: 5 } }]);
    assert.equal(p.methods.find((m) => m.method === 'stars.list')?.deprecated, true);
  });

  it('Bolt for Python with a Socket Mode handler', () => {
    assert.deepEqual(plan(BOLT_PY, 'Tickets').manifest, {
      _metadata: META,
      display_information: { name: 'Tickets' },
      features: { bot_user: { display_name: 'Tickets', always_online: false }, slash_commands: [{ command: '/ticket', description: 'Runs /ticket', should_escape: false }] },
      oauth_config: { scopes: { bot: ['chat:write', 'commands', 'pins:write', 'reactions:read'] } },
      settings: { event_subscriptions: { bot_events: ['reaction_added'] }, ...SETTINGS_OFF, socket_mode_enabled: true },
    });
  });

  it('Bolt for Java and the SDK', () => {
    assert.deepEqual(plan(BOLT_JAVA, 'Hello').manifest, {
      _metadata: META,
      display_information: { name: 'Hello' },
      features: { bot_user: { display_name: 'Hello', always_online: false }, slash_commands: [{ command: '/hello', description: 'Runs /hello', should_escape: false }] },
      oauth_config: { scopes: { bot: ['app_mentions:read', 'chat:write', 'commands', 'users:read'] } },
      settings: { event_subscriptions: { bot_events: ['app_mention'] }, ...SETTINGS_OFF, socket_mode_enabled: true },
    });
  });

  it('raw HTTP from a shell script and Go, with the dynamic URL reported', () => {
    const p = plan(RAW_HTTP, 'Notifier');
    assert.deepEqual(p.manifest.oauth_config.scopes, {
      bot: ['channels:manage', 'channels:write.topic', 'chat:write', 'groups:write', 'groups:write.topic', 'im:write', 'im:write.topic', 'mpim:write', 'mpim:write.topic'],
    });
    assert.deepEqual(p.dynamic, [{ expression: 'https://slack.com/api/"+method', site: { path: 'main.go', line: 7, column: 13 } }]);
  });

  it('an RTM client gets Socket Mode and the note to move off RTM', () => {
    const p = planMigrationSync([{ path: 'bot.js', text: "const { RTMClient } = require('@slack/rtm-api');\nconst rtm = new RTMClient(token);\nrtm.on('message', h);\n" }]);
    assert.equal(p.manifest.settings.socket_mode_enabled, true);
    assert.equal(p.rtm.length, 2);
    assert.ok(p.notes.some((n) => n.includes('RTM API is not available')));
  });

  it('events: unknown names and RTM-only events are reported, never added', () => {
    const p = planMigrationSync([{ path: 'a.js', text: "app.event('no_such_event', h);\napp.event('hello', h);\napp.event(/.*/, h);\n" }]);
    assert.deepEqual(
      p.listeners.map((l) => `${l.name ?? '?'}: ${l.problem}`),
      ['?: the event name is not a string literal', 'hello: only the RTM API delivers it; Slack apps cannot subscribe to it', "no_such_event: not in Slack's list of events"],
    );
    assert.equal(p.manifest.settings.event_subscriptions, undefined);
  });

  it('no Slack calls: an empty plan, said plainly', () => {
    const p = plan(NO_SLACK);
    assert.equal(p.empty, true);
    assert.equal(p.filesRead, 2);
    assert.deepEqual(p.manifest.oauth_config.scopes, {});
  });

  it('skipped files are reported, and the plan reads async streams too', async () => {
    async function* stream() {
      yield { path: 'big.bin', skipped: 'binary' };
      yield { path: 'a.js', text: 'client.chat.postMessage({})' };
    }
    const p = await planMigration(stream());
    assert.deepEqual(p.skipped, [{ path: 'big.bin', reason: 'binary' }]);
    assert.deepEqual(p.manifest.oauth_config.scopes, { bot: ['chat:write'] });
  });

  it('never carries a token: the name and the expressions are masked', () => {
    const token = new TokenGenerator(10).token('user');
    const p = planMigrationSync([{ path: 'a.js', text: `client.apiCall(${token});\nclient.chat.postMessage({})\n` }], { name: token });
    const everything = JSON.stringify(p) + manifestYaml(p.manifest) + manifestJson(p.manifest) + explainPlan(p);
    assert.ok(!everything.includes(token));
    assert.ok(!everything.includes(token.slice(5, 25)));
  });

  it('--explain lists per scope what needs it and where', () => {
    const text = explainPlan(plan(USER_TOKEN_PY));
    assert.equal(text, USER_TOKEN_PY_EXPLAIN);
  });
});

describe('migration plan: the YAML writer', () => {
  it('quotes what YAML would read as something else', () => {
    const m: SlackManifest = {
      _metadata: META,
      display_information: { name: 'yes' },
      oauth_config: { scopes: {} },
      settings: { org_deploy_enabled: false, socket_mode_enabled: false, token_rotation_enabled: false, event_subscriptions: { request_url: 'https://x.example/a: b', bot_events: [] } },
    };
    assert.equal(
      manifestYaml(m),
      '_metadata:\n  major_version: 1\n  minor_version: 1\ndisplay_information:\n  name: "yes"\noauth_config:\n  scopes: {}\nsettings:\n  org_deploy_enabled: false\n  socket_mode_enabled: false\n  token_rotation_enabled: false\n  event_subscriptions:\n    request_url: "https://x.example/a: b"\n    bot_events: []\n',
    );
  });
});

describe('migration plan: tokens in names and paths the code chose', () => {
  it('a listener named after a token, or a file named after one, reaches no output unmasked', () => {
    const gen = new TokenGenerator(4242);
    const bot = gen.token('bot');
    const user = gen.token('user');
    const text = `app.command('/${bot}', async ({ ack }) => { await ack(); });\napp.event('${user}', async () => {});\napp.client.chat.postMessage({ channel: 'C1', text: 'hi' });\n`;
    const p = planMigrationSync([{ path: `src/${bot}.js`, text }], { name: 'x' });
    const outputs = [JSON.stringify(p), manifestJson(p.manifest), manifestYaml(p.manifest), explainPlan(p), createAppUrl(p.manifest), decodeURIComponent(createAppUrl(p.manifest))];
    for (const out of outputs) for (const t of [bot, user]) assert.ok(!out.includes(t) && !out.includes(t.slice(-12)), 'a token reached the plan output');
    assert.ok(p.manifest.oauth_config.scopes.bot?.includes('chat:write'), 'the rest of the plan stands');
  });
});
