// Table-driven tests of the detector: every kind at varied shapes in many contexts, the negatives
// that peers get wrong, exact spans, suppression comments and the helper functions.
// No token literal lives here: values come from the seeded generator at run time, and failure
// messages show only masks.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import {
  classifyToken,
  fingerprint,
  KINDS,
  KIND_IDS,
  kindInfo,
  normalizePastedToken,
  scanText,
  type Finding,
  type KindId,
} from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import { detectedKind, PREFIX, TOKEN_KINDS, TokenGenerator } from '../support/token-gen';

const expectedKind = detectedKind;

/** Context templates: `T` is where the credential goes. Kept apart from the corpus templates (hold-out). */
const CONTEXTS: Array<[string, (t: string) => string]> = [
  ['JSON value', (t) => `{\n  "slack": {\n    "token": "§"\n  }\n}\n`.replace('§', t)],
  ['YAML value', (t) => `slack:\n  token: §\n  channel: "#ops"\n`.replace('§', t)],
  ['YAML quoted', (t) => `token: '§'\n`.replace('§', t)],
  ['.env', (t) => `# local settings\nSLACK_TOKEN=§\nDEBUG=1\n`.replace('§', t)],
  ['Python', (t) => `client = WebClient(token="§")  # bot\n`.replace('§', t)],
  ['JS template', (t) => 'const c = new App({ token: `§` });\n'.replace('§', t)],
  ['Go', (t) => `\tapi := slack.New("§", slack.OptionDebug(true))\n`.replace('§', t)],
  ['shell export', (t) => `export SLACK_TOKEN='§'\n`.replace('§', t)],
  ['Bearer header', (t) => `Authorization: Bearer §\r\n`.replace('§', t)],
  ['URL query', (t) => `GET /api/chat.postMessage?token=§&channel=C1 HTTP/1.1`.replace('§', t)],
  ['CRLF file', (t) => `line one\r\nkey = "§"\r\nline three\r\n`.replace('§', t)],
  ['CJK and emoji', (t) => `说明：🔑§🚀 旧令牌`.replace('§', t)],
  ['markdown code', (t) => '```bash\ncurl -d token=§ https://slack.com/api/auth.test\n```\n'.replace('§', t)],
  ['comment', (t) => `// TODO remove § before release\n`.replace('§', t)],
  ['TOML', (t) => `[slack]\ntoken = "§"\n`.replace('§', t)],
  ['XML attribute', (t) => `<add key="slack" value="§"/>`.replace('§', t)],
  ['notebook source line', (t) => `   "source": [\n    "client = WebClient(token=\\"§\\")\\n",\n`.replace('§', t)],
  ['start of text', (t) => t],
];

function spans(found: Finding[]): string {
  return found.map((f) => `${f.kind}@${f.start}-${f.end}`).join(', ') || '(none)';
}

/** Finds exactly one credential at the token's place, with the right kind. */
function assertOne(text: string, token: string, kind: KindId, what: string): void {
  const found = scanText(text);
  const start = text.indexOf(token);
  assert.ok(start >= 0);
  const want = `${kind}@${start}-${start + token.length}`;
  assert.equal(spans(found), want, `${what}: ${mask(token)}`);
}

suite('detect: kinds table', () => {
  test('has one complete row per kind', () => {
    for (const id of KIND_IDS) {
      const k = kindInfo(id);
      assert.equal(k.id, id);
      assert.ok(k.label.length > 3 && k.description.length > 20, id);
      assert.match(k.docsUrl, /^https:\/\/(docs\.slack\.dev|api\.slack\.com|slack\.com)\//, id);
      assert.match(k.envVar, /^SLACK_[A-Z_]+$/, id);
      assert.ok(['high', 'medium', 'low'].includes(k.confidence));
    }
    assert.equal(KIND_IDS.length, 18);
    assert.equal(KINDS['bot-legacy'].legacy, true);
    assert.equal(KINDS.user.envVar, 'SLACK_USER_TOKEN');
    assert.equal(KINDS.webhook.testable, false);
    assert.equal(KINDS.app.revoke, 'app-settings');
    assert.match(KINDS.user.description, /full access to your workspace/);
  });
});

suite('detect: positives in every context', () => {
  for (const kind of TOKEN_KINDS) {
    test(`${kind}: ${CONTEXTS.length} contexts x 6 shapes`, () => {
      const gen = new TokenGenerator(1000 + TOKEN_KINDS.indexOf(kind));
      for (const [name, wrap] of CONTEXTS) {
        for (let i = 0; i < 6; i++) {
          const token = gen.token(kind);
          assertOne(wrap(token), token, expectedKind(kind), `${kind} in ${name}`);
        }
      }
    });
  }

  test('JSON-escaped webhook URLs (\\/) are found with the escaped span', () => {
    const gen = new TokenGenerator(5);
    for (const kind of ['webhook', 'webhook-gov', 'workflow-webhook', 'trigger'] as const) {
      const url = gen.token(kind).replace(/\//g, '\\/');
      const text = `{"url":"${url}","ok":true}`;
      assertOne(text, url, expectedKind(kind), 'escaped');
    }
  });

  test('URL-encoded webhook URLs (%2F) in query strings are found whole', () => {
    const gen = new TokenGenerator(15);
    for (const kind of ['webhook', 'webhook-gov', 'workflow-webhook', 'trigger'] as const) {
      const url = encodeURIComponent(gen.token(kind));
      assertOne(`https://example.com/notify?hook=${url}&x=1`, url, expectedKind(kind), 'percent-encoded');
      const lower = url.replace(/%2F/g, '%2f').replace('https%3A%2f%2f', '');
      assertOne(`u=${lower}`, lower, expectedKind(kind), 'percent-encoded without scheme');
    }
  });

  test('webhooks over http and without a scheme', () => {
    const gen = new TokenGenerator(6);
    const url = gen.token('webhook');
    const http = url.replace('https://', 'http://');
    assertOne(`post(${http})`, http, 'webhook', 'http');
    const bare = url.replace('https://', '');
    assertOne(`url: ${bare}\n`, bare, 'webhook', 'bare host');
  });

  test('several tokens on one minified line are several findings', () => {
    const gen = new TokenGenerator(7);
    const toks = TOKEN_KINDS.map((k) => gen.token(k));
    const line = 'var a={' + toks.map((t, i) => `k${i}:"${t}"`).join(',') + '};function f(){return a}';
    const found = scanText(line);
    assert.equal(found.length, toks.length, spans(found));
    toks.forEach((t, i) => {
      const s = line.indexOf(t);
      assert.equal(found[i].start, s);
      assert.equal(found[i].end, s + t.length);
      assert.equal(found[i].kind, expectedKind(TOKEN_KINDS[i]));
    });
  });

  test('tokens after escapes and URL-encoded bytes are not glued', () => {
    const gen = new TokenGenerator(8);
    const t = gen.token('bot');
    assertOne(`"first\\n${t}"`, t, 'bot', 'after \\n');
    assertOne(`a=1&token%3D${t}&b=2`, t, 'bot', 'after %3D');
    const d = gen.token('cookie');
    assertOne(`Cookie: d=${d}; d-s=1700000000`, d, 'cookie', 'cookie header');
  });

  test('the xoxb- inside xoxe.xoxb- is reported once, as config-access', () => {
    const gen = new TokenGenerator(9);
    for (let i = 0; i < 50; i++) {
      const t = gen.token('config-access');
      const found = scanText(`token: ${t}\n`);
      assert.equal(spans(found), `config-access@7-${7 + t.length}`);
    }
  });

  test('kind details: confidence and legacy flags come from the table', () => {
    const gen = new TokenGenerator(10);
    for (const kind of TOKEN_KINDS) {
      const f = scanText(gen.token(kind))[0];
      const info = KINDS[f.kind];
      assert.equal(f.confidence, info.confidence);
      assert.equal(f.legacy, info.legacy);
    }
  });
});

suite('detect: every allowed length of every part', () => {
  const gen = new TokenGenerator(2024);
  const r = gen.rng;
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const HEX = '0123456789abcdef';
  /** A random secret that mixes classes like a real one (retries the rare all-one-class draw). */
  const secret = (alphabet: string, n: number): string => {
    for (;;) {
      const v = r.chars(alphabet, n);
      if (/\d/.test(v) && /[a-zA-Z]/.test(v)) return v;
    }
  };
  const cases: Array<[KindId, () => string]> = [];
  for (let d = 8; d <= 14; d++) for (let n = 20; n <= 40; n += 4) cases.push(['bot', () => `${PREFIX.bot}${r.digits(d)}-${r.digits(22 - d)}-${secret(ALNUM, n)}`]);
  for (let d = 8; d <= 14; d++) for (let n = 18; n <= 30; n += 3) cases.push(['bot-legacy', () => `${PREFIX.bot}${r.digits(d)}-${secret(ALNUM, n)}`]);
  for (let d = 5; d <= 14; d++) cases.push(['user', () => `${PREFIX.user}${r.digits(d)}-${r.digits(19 - d)}-${r.digits(9)}-${secret(HEX, 32)}`]);
  for (let n = 6; n <= 10; n++) cases.push(['user-short', () => `${PREFIX.user}${r.digits(9)}-${r.digits(9)}-${r.digits(9)}-${secret(ALNUM, n)}`]);
  for (const n of [10, 18, 32, 40, 64]) cases.push(['legacy-session', () => `${r.pick([PREFIX.session, PREFIX.oauth])}${r.digits(10)}-${r.digits(10)}-${r.digits(10)}-${secret(HEX, n)}`]);
  for (let i = 9; i <= 12; i++) cases.push(['app', () => `${PREFIX.app}1-A${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', i - 1)}-${r.digits(10 + (i % 5))}-${secret(HEX, 64)}`]);
  for (let i = 9; i <= 13; i++) {
    for (const n of [20, 24, 32]) {
      const id = (c: string) => c + r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', i - 1);
      cases.push(['webhook', () => `${r.pick(['http://', 'https://'])}hooks.${r.pick(['slack.com', 'slack-gov.com'])}/services/${id(r.pick(['T', 'E']))}/${id('B')}/${secret(ALNUM, n)}`]);
      cases.push(['workflow-webhook', () => `${PREFIX.hooks}workflows/${id('T')}/${id('A')}/${r.digits(15 + (n % 6))}/${secret(ALNUM, n)}`]);
    }
    cases.push(['trigger', () => `${PREFIX.hooksGov}triggers/${r.pick(['T', 'E'])}${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', i - 1)}/${r.digits(i + 1)}/${secret(HEX, 32)}`]);
  }
  for (const n of [20, 64, 200]) cases.push(['workflow-token', () => `${PREFIX.workflow}${secret(ALNUM + '-_', n)}`]);
  for (const n of [40, 160, 400]) cases.push(['cookie', () => `${PREFIX.cookie}${Buffer.from(r.chars(ALNUM, n)).toString('base64').replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D')}`]);
  for (const p of [PREFIX.workspaceA, PREFIX.workspaceA + '2-', PREFIX.workspaceR]) cases.push(['workspace', () => `${p}${r.digits(9)}-${r.digits(11)}-${secret(HEX, 18)}`]);

  test(`${cases.length} shapes, each found whole with its kind`, () => {
    for (const [kind, make] of cases) {
      for (let k = 0; k < 5; k++) {
        const token = make();
        assertOne(`x = '${token}';`, token, kind, `${kind} length ${token.length}`);
      }
    }
  });

  test('one part too long or too short: not reported', () => {
    const bad = [
      `${PREFIX.bot}${r.digits(15)}-${r.digits(12)}-${secret(ALNUM, 24)}`,
      `${PREFIX.bot}${r.digits(12)}-${r.digits(12)}-${secret(ALNUM, 41)}`,
      `${PREFIX.bot}${r.digits(7)}-${secret(ALNUM, 24)}`,
      `${PREFIX.user}${r.digits(4)}-${r.digits(9)}-${r.digits(9)}-${secret(HEX, 32)}`,
      `${PREFIX.user}${r.digits(9)}-${r.digits(9)}-${r.digits(9)}-${secret(HEX, 33)}`,
      `${PREFIX.user}${r.digits(9)}-${r.digits(9)}-${r.digits(9)}-${secret(HEX, 20)}`,
      `${PREFIX.app}1-A${r.chars('ABCDEFGHJK', 12)}-${r.digits(13)}-${secret(HEX, 64)}`,
      `${PREFIX.hooks}services/T${r.chars('ABCDEFGHJK', 7)}/B${r.chars('ABCDEFGHJK', 9)}/${secret(ALNUM, 24)}`,
      `${PREFIX.hooks}services/T${r.chars('ABCDEFGHJK', 9)}/B${r.chars('ABCDEFGHJK', 9)}/${secret(ALNUM, 33)}`,
      `${PREFIX.hooks}triggers/T${r.chars('ABCDEFGHJK', 9)}/${r.digits(12)}/${secret(HEX, 31)}`,
    ];
    for (const b of bad) assert.equal(spans(scanText(`v = "${b}"`)), '(none)', mask(b));
  });
});

suite('detect: signing and client secrets from key names', () => {
  const gen = new TokenGenerator(11);
  const cases: Array<[string, KindId]> = [
    ['SLACK_SIGNING_SECRET=§\n', 'signing-secret'],
    ['export SLACK_SIGNING_SECRET="§"\n', 'signing-secret'],
    ['{"signingSecret": "§"}', 'signing-secret'],
    ['signing_secret: §\n', 'signing-secret'],
    ['slack_signing_secret = "§"\n', 'signing-secret'],
    ["os.environ.get('SLACK_SIGNING_SECRET', '§')", 'signing-secret'],
    ['const app = new App({ signingSecret: `§` });', 'signing-secret'],
    ['SLACK_APP_SIGNING_SECRET=§\n', 'signing-secret'],
    ['config.signingSecret = "§";', 'signing-secret'],
    ['SLACK_CLIENT_SECRET=§\n', 'client-secret'],
    ['slack_client_secret: §\n', 'client-secret'],
    ['slack.client_secret = "§"', 'client-secret'],
    ['slack: { clientSecret: "§" }', 'client-secret'],
    ['$env:SLACK_CLIENT_SECRET = "§"', 'client-secret'],
    ['SlackClientSecret := "§"', 'client-secret'],
    ['    "SLACK_SIGNING_SECRET = \\"§\\"\\n",', 'signing-secret'],
    ['slack:\n  client_id: "123.456"\n  client_secret: §\n', 'client-secret'],
    ['{\n  "slack": {\n    "clientSecret": "§"\n  }\n}', 'client-secret'],
    ['[slack.oauth]\r\nclient_secret = "§"\r\n', 'client-secret'],
    ['{\\"slackClientSecret\\": \\"§\\"}', 'client-secret'],
  ];
  for (const [tpl, kind] of cases) {
    test(tpl.trim(), () => {
      const s = gen.token('signing-secret');
      assertOne(tpl.replace('§', s), s, kind, tpl);
    });
  }
  test('no key, an unrelated key, or a client secret of another service: nothing', () => {
    const s = gen.token('client-secret');
    for (const tpl of [
      '§',
      'id = "§"',
      'GITHUB_CLIENT_SECRET=§',
      'google: { clientSecret: "§" }',
      'client_secret: §',
      'SLACK_SIGNING_SECRET_FILE=§',
      'STRIPE_SIGNING_SECRET=§',
      'GITHUB_WEBHOOK_SIGNING_SECRET=§',
      'twilio_signing_secret = "§"',
      'webhookSigningSecret: "§"',
      'SLACK_SIGNING_SECRET=§a',
      'slack_signing_secret:\n  §',
      'github:\n  client_secret: §',
      'slack_enabled = true\nclient_secret = "§"',
      '# slack notes\nclient_secret: §',
      // The 300-char look-back for a slack section starts inside the first line, at "SLACK_BOT".
      `x = 1; SLACK_BOT\n${'#  filler\n'.repeat(29)}GITHUB_CLIENT_SECRET=§`,
    ]) {
      assert.equal(spans(scanText(tpl.replace('§', s))), '(none)', tpl);
    }
  });
});

suite('detect: negatives', () => {
  const gen = new TokenGenerator(12);
  const B = PREFIX.bot;
  const id = () => gen.rng.digits(12);
  const placeholders: Array<[string, string]> = [
    ['words', `${B}your-token-here`],
    ['X run', `${B}${'X'.repeat(12)}-${'X'.repeat(12)}-${'X'.repeat(24)}`],
    ['x tail', `${B}${id()}-${id()}-${'x'.repeat(24)}`],
    ['zero tail', `${B}${id()}-${id()}-${'0'.repeat(24)}`],
    ['alphabet run', `${B}${id()}-${id()}-abcdefghijklmnopqrstuvwx`],
    ['digit sequence', `${B}${id()}-${id()}-123456789012345678901234`],
    ['alternating', `${B}${id()}-${id()}-${'xX'.repeat(12)}`],
    ['words in tail', `${B}${id()}-${id()}-yourbottokengoeshere1234`],
    ['example', `${B}${id()}-${id()}-ExampleExampleExample123`],
    ['sample dummy', `${B}${id()}-${id()}-sampleDummyFakeMockTest`],
    ['changeme', `${B}${id()}-${id()}-changemechangemechangeme`],
    ['interleaved sequences', `${B}${id()}-${id()}-1a2b3c4d5e6f7g8h9i0j1k2l`],
    ['keyboard rows', `${B}${id()}-${id()}-qwertyuiopasdfghjklzxcvb`],
    ['lorem ipsum', `${B}${id()}-${id()}-LoremIpsumDolorSitAmet12`],
    ['repeated block', `${PREFIX.user}${id()}-${id()}-${id()}-${'a1b2c3d4'.repeat(4)}`],
    ['redacted', `${B}${id()}-${id()}-REDACTEDREDACTEDREDACTED`],
    ['placeholder', `${B}${id()}-placeholderplaceholder12`],
    ['template ${}', `${B}\${SLACK_BOT_TOKEN}`],
    ['template {{}}', `${B}{{ slack_token }}`],
    ['$VAR', `${B}$SLACK_TOKEN`],
    ['angle', `${B}<your-token>`],
    ['mask ****', `${B}${id()}-${id()}-****************`],
    ['mask ####', `${PREFIX.user}${id()}-${id()}-${id()}-${'#'.repeat(32)}`],
    ['mask •••', `${B}${id()}-${id()}-••••••••••••••••••••••••`],
    ['mask …', `${B}…Ab3F`],
    ['truncated bot', `${B}${id()}-${id()}`],
    ['truncated user', `${PREFIX.user}${id()}-${id()}-${id()}`],
    ['user tail not 32 hex', `${PREFIX.user}${id()}-${id()}-${id()}-${gen.token('user').slice(-20)}`],
    ['short ids', `${PREFIX.user}1234-1234-1234-${gen.token('user').slice(-32)}`],
    ['xoxe body that decodes to nothing', `${PREFIX.refresh}1-${gen.rng.chars('ABCDEFGHIJKLMNOPabcdefghijk0123456789', 160)}`],
    ['xoxe word', `${PREFIX.refresh}1-initial`],
    ['docs webhook', `${PREFIX.hooks}services/T00000000/B00000000/${'X'.repeat(24)}`],
    ['x webhook', `${PREFIX.hooks}services/Txxxxxxxx/Bxxxxxxxx/${'x'.repeat(24)}`],
    ['webhook zero ids', `${PREFIX.hooks}services/T00000000/B00000000/${gen.token('webhook').slice(-24)}`],
    ['webhook truncated', `${PREFIX.hooks}services/T0123ABCD9/B0123ABCD9/`],
    ['cookie x', `${PREFIX.cookie}${'x'.repeat(60)}`],
    ['workflow words', `${PREFIX.workflow}your-workflow-token-goes-here`],
    ['workspace words', `${PREFIX.workspaceA}access-token-string`],
    ['zero secret', `SLACK_SIGNING_SECRET=${'0'.repeat(32)}`],
    ['sequential secret', `SLACK_SIGNING_SECRET=${'0123456789abcdef'.repeat(2)}`],
    ['hex alphabet secret', `signingSecret: "abcdef0123456789abcdef0123456789"`],
  ];
  for (const [name, text] of placeholders) {
    test(`placeholder: ${name}`, () => {
      assert.equal(spans(scanText(`token = "${text}"\n`)), '(none)', name);
    });
  }

  test('glued identifiers and look-alike prefixes', () => {
    const t = gen.token('bot');
    const tail = t.slice(PREFIX.bot.length);
    for (const text of [
      `foo${t}`,
      `my_${t}`,
      `X${t}`,
      `${t}${'Q'.repeat(20)}`,
      `XOXB-${tail}`,
      `xoxB-${tail}`,
      `xoxz-${tail}`,
      `xox-${tail}`,
      `xoxb_${tail}`,
      `xoxb ${tail}`,
      `https://myhooks.slack.com/services/T0123ABCD9/B0123ABCD9/${t.slice(-24)}`,
      `https://hooks.slack.community/services/T0123ABCD9/B0123ABCD9/${t.slice(-24)}`,
      'https://docs.example.com/xoxo-indieweb-1.jpg',
      `${PREFIX.hooks}services/T0123ABCD9/B0123ABCD9/${t.slice(-24)}${'Q'.repeat(12)}`,
    ]) {
      assert.equal(spans(scanText(text)), '(none)', mask(text));
    }
  });

  test('ordinary source without credentials', () => {
    const text = [
      'import { WebClient } from "@slack/web-api";',
      'const token = process.env.SLACK_BOT_TOKEN;',
      'const secret = process.env.SLACK_SIGNING_SECRET;',
      'const hook = process.env.SLACK_WEBHOOK_URL; // hooks.slack.com/services/…',
      'const clientSecret = config.get("slack.clientSecret");',
      '# xoxo hugs and kisses, xoxb- tokens start like this',
    ].join('\n');
    assert.equal(spans(scanText(text)), '(none)');
  });
});

suite('detect: suppression comments', () => {
  const gen = new TokenGenerator(13);
  test('same line, any comment syntax', () => {
    for (const c of ['// slack-token-guard:ignore', '# slack-token-guard:ignore', '<!-- slack-token-guard:ignore -->', '-- slack-token-guard:ignore', '/* slack-token-guard:ignore */', '; slack-token-guard:ignore']) {
      const t = gen.token('bot');
      assert.equal(scanText(`x = "${t}" ${c}\ny = 1`).length, 0, c);
      assert.equal(scanText(`${c}\nx = "${t}"`).length, 1, `${c} does not reach the next line`);
    }
  });
  test('ignore-next-line covers exactly the next line (LF and CRLF)', () => {
    for (const nl of ['\n', '\r\n']) {
      const [a, b, c] = [gen.token('bot'), gen.token('user'), gen.token('webhook')];
      const text = [`# slack-token-guard:ignore-next-line`, `A=${a}`, `B=${b}`, `// slack-token-guard:ignore-next-line`, `C=${c}`].join(nl);
      const found = scanText(text);
      assert.deepEqual(
        found.map((f) => f.kind),
        ['user'],
      );
    }
  });
  test('ignoreComments: false reports suppressed findings too', () => {
    const t = gen.token('app');
    assert.equal(scanText(`${t} // slack-token-guard:ignore`, { ignoreComments: false }).length, 1);
  });
  test('a marker on the last line and several markers on one line', () => {
    const t = gen.token('bot');
    assert.equal(scanText(`${t} # slack-token-guard:ignore-next-line`).length, 1);
    assert.equal(scanText(`# slack-token-guard:ignore slack-token-guard:ignore-next-line\n${t}`).length, 0);
  });
});

suite('detect: classifyToken, normalizePastedToken, fingerprint', () => {
  const gen = new TokenGenerator(14);
  test('classifyToken accepts exactly one whole credential', () => {
    for (const kind of TOKEN_KINDS) {
      const t = gen.token(kind);
      assert.equal(classifyToken(t)?.kind, expectedKind(kind), kind);
      assert.equal(classifyToken(`  ${t}\n`)?.kind, expectedKind(kind), kind);
      assert.equal(classifyToken(`"${t}"`), undefined);
      assert.equal(classifyToken(`${t} ${t}`), undefined);
    }
    const s = gen.token('signing-secret');
    assert.equal(classifyToken(s), undefined);
    assert.equal(classifyToken(s, 'signing-secret')?.kind, 'signing-secret');
    assert.equal(classifyToken('0'.repeat(32), 'client-secret'), undefined);
    assert.equal(classifyToken(''), undefined);
  });

  test('normalizePastedToken strips quotes, Bearer and KEY=value', () => {
    const t = gen.token('bot');
    for (const input of [t, ` ${t} `, `"${t}"`, `'${t}'`, `Bearer ${t}`, `Authorization: Bearer ${t}`, `SLACK_BOT_TOKEN=${t}`, `export SLACK_BOT_TOKEN="${t}"`, `"token": "${t}",`, `\t${t}\r\n`]) {
      const r = normalizePastedToken(input);
      assert.ok(r.ok, mask(input));
      if (r.ok) {
        assert.equal(r.kind, 'bot');
        assert.ok(r.token === t, 'token extracted exactly');
      }
    }
    const s = gen.token('signing-secret');
    const r = normalizePastedToken(`SLACK_SIGNING_SECRET=${s}`);
    assert.ok(r.ok && r.kind === 'signing-secret' && r.token === s);
    const c = normalizePastedToken(`SLACK_CLIENT_SECRET: "${s}"`);
    assert.ok(c.ok && c.kind === 'client-secret' && c.token === s);
    const w = gen.token('webhook');
    const e = normalizePastedToken(JSON.stringify({ url: w }).replace(/\//g, '\\/'));
    assert.ok(e.ok && e.kind === 'webhook' && e.token === w, 'JSON-escaped webhook is unescaped');
    const q = normalizePastedToken(`https://example.com/?hook=${encodeURIComponent(w)}`);
    assert.ok(q.ok && q.kind === 'webhook' && q.token === w, 'URL-encoded webhook is decoded');
  });

  test('normalizePastedToken reasons never contain the input', () => {
    const t = gen.token('bot');
    const s = gen.token('signing-secret');
    for (const input of ['', '   ', 'hello world', `${PREFIX.bot}your-token-here`, s, `${t} ${gen.token('user')}`, 'x'.repeat(5000)]) {
      const r = normalizePastedToken(input);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.ok(r.reason.length > 5);
        assert.ok(!input.trim() || !r.reason.includes(input.trim().slice(0, 12)), 'reason leaks input');
      }
    }
  });

  test('fingerprint is stable, prefixed and not the token', () => {
    const t = gen.token('bot');
    const fp = fingerprint(t);
    assert.match(fp, /^stg1:[0-9a-f]{32}$/);
    assert.equal(fingerprint(t), fp);
    assert.notEqual(fingerprint(t + 'a'), fp);
    assert.ok(!fp.includes(t.slice(-8)));
    // sha256("") first 32 hex digits: pins the documented format.
    assert.equal(fingerprint(''), 'stg1:e3b0c44298fc1c149afbf4c8996fb924');
  });
});
