// Signing and client secrets decided by the section they sit in (issue 13): a bare `signing_secret`
// under another service's section (YAML `stripe:`, TOML `[stripe]`, JSON `{"stripe": {…}}`) is not
// Slack's; under `slack:`/`[slack]`/a Slack SDK call it is (a bare signing secret, Bolt's own name, is Slack's anywhere). The enclosing sections decide (a Slack one anywhere around the key makes it Slack's),
// indentation-aware for YAML and JSON, within a bounded look-back. Values come from the generator.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type KindId } from '../../src/core/detect';
import { LIMITS } from '../../src/core/detect/scan';
import { mask } from '../../src/core/redact';
import { TokenGenerator } from '../support/token-gen';

function spans(found: Finding[]): string {
  return found.map((f) => `${f.kind}@${f.start}-${f.end}`).join(', ') || '(none)';
}

suite('detect context: the nearest enclosing section decides whose secret it is', () => {
  const gen = new TokenGenerator(1501);
  const slack: Array<[string, KindId]> = [
    ['slack:\n  signing_secret: §\n', 'signing-secret'],
    ['slack:\n  app:\n    name: x\n  signing_secret: §\n', 'signing-secret'],
    ['stripe:\n  signing_secret: x\nslack:\n  signing_secret: §\n', 'signing-secret'],
    ['services:\n  stripe:\n    key: 1\n  slack:\n    client_id: "1.2"\n    client_secret: §\n', 'client-secret'],
    ['[stripe]\nsigning_secret = "x"\n\n[slack]\nsigning_secret = "§"\n', 'signing-secret'],
    ['[slack.oauth]\nclient_id = "1.2"\nclient_secret = "§"\n', 'client-secret'],
    ['{"stripe": {"a": 1}, "slack": {"signing_secret": "§"}}', 'signing-secret'],
    ['{\n  "stripe": {\n    "a": 1\n  },\n  "slack": {\n    "signingSecret": "§"\n  }\n}', 'signing-secret'],
    ['module.exports = {\n  slack: {\n    signingSecret: "§",\n  },\n};', 'signing-secret'],
    ['const app = new App({\n  token: process.env.SLACK_BOT_TOKEN,\n  signingSecret: "§",\n});', 'signing-secret'],
    ['App.new(\n  signing_secret: "§",\n)', 'signing-secret'],
    ['slack:\n  # the app from api.slack.com\n\n  signing_secret: §\n', 'signing-secret'],
    ['signing_secret: §\n', 'signing-secret'],
    ['stripe:\n  key: 1\nsigning_secret: §\n', 'signing-secret'],
    ['slack_config = {\n  "client_secret": "§",\n}', 'client-secret'],
    // Sections that say where values are kept, not whose: looked through.
    ['apiVersion: v1\nkind: Secret\ndata:\n  signing_secret: §\n', 'signing-secret'],
    ['production:\n  signing_secret: §\n', 'signing-secret'],
    ['slack:\n  production:\n    client_secret: §\n', 'client-secret'],
    ['{"slack": {"env": {"client_secret": "§"}}}', 'client-secret'],
    // A section inside Slack's is still Slack's, whatever its name: Slack's own config nests (oauth, app, bot).
    ['slack:\n  oauth:\n    client_id: "1.2"\n    client_secret: §\n', 'client-secret'],
    ['slack:\n  app:\n    signing_secret: §\n', 'signing-secret'],
    ['{"slack": {"oauth": {"client_secret": "§"}}}', 'client-secret'],
    ['{\n  "slack": {\n    "app": {\n      "signingSecret": "§"\n    }\n  }\n}', 'signing-secret'],
    ['integrations:\n  slack:\n    bot:\n      signing_secret: §\n', 'signing-secret'],
  ];
  for (const [tpl, kind] of slack) {
    test(`Slack's: ${JSON.stringify(tpl).slice(1, -1).slice(0, 60)}`, () => {
      const s = gen.token('signing-secret');
      const text = tpl.replace('§', s);
      assert.equal(spans(scanText(text)), `${kind}@${text.indexOf(s)}-${text.indexOf(s) + s.length}`, mask(s));
    });
  }

  const others = [
    'stripe:\n  client_secret: §\n',
    'cookie:\n  client_secret: "§"\n',
    'stripe:\n  webhooks:\n    - url: https://example.com\n      client_secret: §\n',
    'slack:\n  bot: x\nstripe:\n  client_secret: §\n',
    '[stripe]\nclient_secret = "§"\n',
    '[stripe]\napi_key = "k"\n\nclient_secret = "§"\n',
    '[slack]\nclient_secret = "x"\n[stripe.webhooks]\nclient_secret = "§"\n',
    '{"stripe": {"client_secret": "§"}}',
    '{\n  "stripe": {\n    "client_secret": "§"\n  }\n}',
    'const config = {\n  stripe: {\n    clientSecret: "§",\n  },\n};',
    'stripe: { client_secret: "§" }',
    'STRIPE_CLIENT_SECRET=§\n',
    'github:\n  client_secret: §\n',
    'slack:\n  client_id: 1\ngoogle:\n  client_secret: §\n',
    "const app = new App({\n  stripe: {\n    clientSecret: '§',\n  },\n});",
    'stripe:\n  production:\n    client_secret: §\n',
    'services:\n  slack:\n    bot: x\n  stripe:\n    webhooks:\n      client_secret: §\n',
    '{"stripe": {"data": {"client_secret": "§"}}}',
  ];
  for (const tpl of others) {
    test(`not Slack's: ${JSON.stringify(tpl).slice(1, -1).slice(0, 60)}`, () => {
      const s = gen.token('signing-secret');
      assert.equal(spans(scanText(tpl.replace('§', s))), '(none)', tpl);
    });
  }

  // A bare signing secret is Bolt's own name (signing_secret, signingSecret, SIGNING_SECRET): it is
  // Slack's under any section, because Slack apps keep it under sections of their own naming (`bot:`,
  // `app:`, docker-compose `environment:`, Helm `secrets:`); only another qualifier in the key's own name
  // (COOKIE_SIGNING_SECRET) says otherwise. A client secret is every OAuth provider's: the sections decide it.
  const bareSigning = [
    'services:\n  bot:\n    image: x\n    environment:\n      SIGNING_SECRET: §\n',
    'services:\n  bot:\n    environment:\n      - SIGNING_SECRET=§\n',
    'bot:\n  signing_secret: §\n',
    'app:\n  signing_secret: "§"\n',
    '{"bot": {"signingSecret": "§"}}',
    '{\n  "bot": {\n    "signingSecret": "§"\n  }\n}',
    '[server]\nsigning_secret = "§"\n',
    '[bolt]\nsigning_secret = "§"\n',
    'module.exports = {\n  app: {\n    signingSecret: "§",\n  },\n};',
    'chatbot:\n  secrets:\n    signingSecret: §\n',
    'stripe:\n  signing_secret: §\n',
  ];
  for (const tpl of bareSigning) {
    test(`a bare signing secret under any section is Slack's: ${JSON.stringify(tpl).slice(1, -1).slice(0, 50)}`, () => {
      const s = gen.token('signing-secret');
      const text = tpl.replace('§', s);
      assert.equal(spans(scanText(text)), `signing-secret@${text.indexOf(s)}-${text.indexOf(s) + s.length}`, tpl);
      // The same place with another qualifier in the key's own name is not Slack's.
      const qualified = text.replace(/(signing_secret|signingSecret|SIGNING_SECRET)/, (k) => (k === 'signingSecret' ? 'cookieSigningSecret' : k === 'SIGNING_SECRET' ? 'COOKIE_SIGNING_SECRET' : 'cookie_signing_secret'));
      assert.equal(spans(scanText(qualified)), '(none)', qualified);
    });
  }

  test('CRLF line ends and tabs are read like LF and spaces', () => {
    const s = gen.token('signing-secret');
    for (const [tpl, want] of [
      ['stripe:\r\n\tclient_secret: §\r\n', false],
      ['slack:\r\n\tsigning_secret: §\r\n', true],
      ['[stripe]\r\nclient_secret = "§"\r\n', false],
    ] as const) {
      const text = tpl.replace('§', s);
      assert.equal(scanText(text).length, want ? 1 : 0, JSON.stringify(tpl));
    }
  });

  test('the look-back is bounded: a section header too far above the key does not decide', () => {
    const s = gen.token('signing-secret');
    const filler = '  other_key: value\n'.repeat(Math.ceil(LIMITS.LOOK_BEHIND / 19));
    // Far above: the key reads as a top-level bare signing secret (Bolt's own name), as without a section.
    assert.equal(scanText(`stripe:\n${filler}  signing_secret: ${s}\n`).length, 1);
    // A client secret needs positive context, which is out of reach too.
    assert.equal(scanText(`slack:\n${filler}  client_secret: ${s}\n`).length, 0);
    // Near enough, the section decides.
    assert.equal(scanText(`stripe:\n  other_key: value\n  client_secret: ${s}\n`).length, 0);
  });

  test('the answer does not depend on where a scan starts (the key as part of a longer text)', () => {
    const s = gen.token('signing-secret');
    for (const prefix of ['', 'x'.repeat(700) + '\n', 'y: 1\n'.repeat(300)]) {
      const text = `${prefix}stripe:\n  client_secret: ${s}\nslack:\n  signing_secret: ${s}\n`;
      const found = scanText(text);
      const at = text.lastIndexOf(s);
      assert.equal(spans(found), `signing-secret@${at}-${at + s.length}`);
    }
  });

  test('20,000 sections in one text: each key is judged by its own section', function () {
    this.timeout(60_000);
    const s = gen.token('signing-secret');
    const block = `stripe:\n  client_secret: ${s}\nslack:\n  signing_secret: ${s}\n`;
    const text = block.repeat(20_000);
    const found = scanText(text);
    assert.equal(found.length, 20_000, 'one Slack secret a block');
    assert.ok(found.every((f) => f.kind === 'signing-secret'));
  });
});
