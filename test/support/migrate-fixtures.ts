// Small Slack apps written by the project for the migration-plan tests (unit, CLI and editor):
// each is a folder of files, and each test states the exact manifest it must produce.

export type FixtureApp = Record<string, string>;

/** JavaScript, Bolt in Socket Mode: an event, a message listener, a shortcut, say(), files.uploadV2. */
export const SOCKET_MODE_JS: FixtureApp = {
  'package.json': '{ "name": "standup-bot", "dependencies": { "@slack/bolt": "^4.0.0" } }\n',
  'app.js': `const { App } = require('@slack/bolt');

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  appToken: process.env.SLACK_APP_TOKEN,
  socketMode: true,
});

app.event('app_mention', async ({ event, say }) => {
  await say(\`Hi <@\${event.user}>\`);
});

app.message('standup', async ({ message, client }) => {
  await client.reactions.add({ channel: message.channel, timestamp: message.ts, name: 'wave' });
  const history = await client.conversations.history({ channel: message.channel, limit: 10 });
  return history;
});

app.shortcut('open_standup', async ({ ack, shortcut, client }) => {
  await ack();
  await client.views.open({ trigger_id: shortcut.trigger_id, view: {} });
});

(async () => {
  await app.start();
})();
`,
  'lib/upload.js': `// Posts the weekly report.
module.exports = async function upload(client, channel, file) {
  await client.files.uploadV2({ channel_id: channel, file });
  const who = await client.users.info({ user: 'U0' });
  return who;
};
`,
  'README.md': 'Calls https://slack.com/api/admin.users.list in the docs only.\n',
};

/** TypeScript, HTTP mode: two slash commands, an action and a view; web-api calls. */
export const SLASH_COMMANDS_TS: FixtureApp = {
  'src/index.ts': `import { App } from '@slack/bolt';

const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });

app.command('/deploy', async ({ ack, respond, command, client }) => {
  await ack();
  await client.chat.postMessage({ channel: command.channel_id, text: 'Deploying…' });
  await respond('started');
});

app.command('/rollback', async ({ ack, client, body }) => {
  await ack();
  await client.chat.postEphemeral({ channel: body.channel_id, user: body.user_id, text: 'Rolling back' });
});

app.action('approve', async ({ ack }) => {
  await ack();
});

app.view('deploy_modal', async ({ ack }) => {
  await ack();
});
`,
  'src/web.ts': `import { WebClient } from '@slack/web-api';

const web = new WebClient(process.env.SLACK_BOT_TOKEN);

export async function channelName(id: string): Promise<string | undefined> {
  const info = await web.conversations.info({ channel: id });
  return info.channel?.name;
}
`,
};

/** Python, slack_sdk with a user token: search is user-only; chat_postMessage is bot-capable. */
export const USER_TOKEN_PY: FixtureApp = {
  'report.py': `import os
from slack_sdk import WebClient

client = WebClient(token=os.environ["SLACK_USER_TOKEN"])

def weekly():
    hits = client.search_messages(query="incident")
    client.chat_postMessage(channel="#ops", text=str(hits["messages"]["total"]))
    client.api_call("stars.list")
    name = "users_" + "list"
    getattr(client, name)()
`,
};

/** What `--explain` (explainPlan) says about USER_TOKEN_PY: the CLI test and the planner's test both expect it. */
export const USER_TOKEN_PY_EXPLAIN = `bot scope chat:write: chat.postMessage
  report.py:8:5
user scope search:read: search.messages
  report.py:7:12
user scope stars:read: stars.list
  report.py:9:12 (api_call())
dynamic method name, not mapped: getattr(client, name)
  report.py:11:5
note: Some methods the code calls are deprecated by Slack.
`;

/** Python, Bolt with a Socket Mode handler, a command and an event. */
export const BOLT_PY: FixtureApp = {
  'bot.py': `import os
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

app = App(token=os.environ["SLACK_BOT_TOKEN"])

@app.command("/ticket")
def ticket(ack, say, command):
    ack()
    say(f"Ticket opened by <@{command['user_id']}>")

@app.event("reaction_added")
def reaction(event, client):
    client.pins_add(channel=event["item"]["channel"], timestamp=event["item"]["ts"])

if __name__ == "__main__":
    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
`,
};

/** Java, Bolt for Java and the SDK. */
export const BOLT_JAVA: FixtureApp = {
  'src/main/java/com/example/MyApp.java': `package com.example;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.Slack;

public class MyApp {
  public static void main(String[] args) throws Exception {
    App app = new App();
    app.command("/hello", (req, ctx) -> {
      ctx.client().chatPostMessage(r -> r.channel(req.getPayload().getChannelId()).text("hi"));
      return ctx.ack();
    });
    app.event(AppMentionEvent.class, (payload, ctx) -> {
      ctx.say("Hello");
      return ctx.ack();
    });
    var users = Slack.getInstance().methods(System.getenv("SLACK_BOT_TOKEN")).usersList(r -> r);
    new SocketModeApp(app).start();
  }
}
`,
};

/** Raw HTTP in other languages: curl in a shell script, Go's http.Post, a dynamic URL. */
export const RAW_HTTP: FixtureApp = {
  'notify.sh': `#!/bin/sh
curl -s -X POST -H "Authorization: Bearer $SLACK_BOT_TOKEN" \\
  -d "channel=C123&text=done" https://slack.com/api/chat.postMessage
`,
  'main.go': `package main

import "net/http"

func topic() {
	http.Post("https://slack-gov.com/api/conversations.setTopic", "application/json", nil)
	http.Post("https://slack.com/api/"+method, "application/json", nil)
}
`,
};

/** Nothing that talks to Slack. */
export const NO_SLACK: FixtureApp = {
  'index.js': 'const client = require("./db");\nclient.query("select 1");\n',
  'README.md': '# Not a Slack app\n',
};

/** The exact manifest SOCKET_MODE_JS needs (the unit, CLI and editor tests all expect it). */
export function socketModeJsManifest(name: string) {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name },
    features: { bot_user: { display_name: name, always_online: false } },
    oauth_config: {
      scopes: { bot: ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:write', 'groups:history', 'im:history', 'mpim:history', 'reactions:write', 'users:read'] },
    },
    settings: {
      event_subscriptions: { bot_events: ['app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim'] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}
