// Tokens that hide (issue 13): escapes around a token, tokens split across string literals, base64-
// encoded credentials, the file export token kind, secrets decided by Slack context, placeholders
// by what they say and fixed lengths. Values come from the seeded generator at run time; failure
// messages show only masks.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { classifyToken, credentialText, fingerprint, formNote, KINDS, normalizePastedToken, scanText, type Finding, type KindId } from '../../src/core/detect';
import { scanContent } from '../../src/core/scan-file';
import { mask } from '../../src/core/redact';
import { detectedKind, PREFIX, TOKEN_KINDS, TokenGenerator, type GeneratedKind } from '../support/token-gen';

function spans(found: Finding[]): string {
  return found.map((f) => `${f.kind}${f.form ? `/${f.form}` : ''}@${f.start}-${f.end}`).join(', ') || '(none)';
}

/** Exactly one finding, of `kind` and `form`, over text[start, end), whose credential reads back as `value`. */
function assertSpan(text: string, start: number, end: number, kind: KindId, form: Finding['form'], value: string, what: string): void {
  const found = scanText(text);
  assert.equal(spans(found), `${kind}${form ? `/${form}` : ''}@${start}-${end}`, `${what}: ${mask(value)}`);
  assert.ok(credentialText(text, found[0]) === value, `${what}: the credential reads back (${mask(value)})`);
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

suite('detect forms: escapes around a token', () => {
  const gen = new TokenGenerator(1301);
  const wraps: Array<[string, string, string]> = [
    ['System.Text.Json \\u0022', '{"v":"\\u0022', '\\u0022"}'],
    ['PowerShell ConvertTo-Json \\u0027', '"value":  "\\u0027', '\\u0027",'],
    ['\\x27 (Python/C)', "b'\\x27", "\\x27'"],
    ['\\x22', 's = "\\x22', '\\x22"'],
    ['HTML &quot;', '<div data-config="{&quot;token&quot;:&quot;', '&quot;}">'],
    ['HTML &#39;', "<a title='&#39;", "&#39;'>"],
    ['HTML &#x27;', '<p>&#x27;', '&#x27;</p>'],
  ];
  for (const kind of TOKEN_KINDS) {
    test(`${kind} between escapes and entities`, () => {
      for (const [name, before, after] of wraps) {
        const t = gen.token(kind);
        assertSpan(before + t + after, before.length, before.length + t.length, detectedKind(kind), undefined, t, `${kind} in ${name}`);
      }
    });
  }
  test('a word char before the token that is not an escape still glues it', () => {
    const t = gen.token('bot');
    for (const text of [`\\q0022${t}`, `u0022${t}`, `x27${t}`, `\\xZ7${t}`]) assert.equal(spans(scanText(text)), '(none)', text.slice(0, 6));
  });
});

suite('detect forms: file export tokens (xoxe- in files.slack.com links)', () => {
  const gen = new TokenGenerator(1302);
  test('found in url_private links, plain and JSON-escaped, with a kind of its own', () => {
    for (let i = 0; i < 50; i++) {
      const t = gen.token('file-export');
      const url = `https://files.slack.com/files-pri/T0${gen.rng.chars('ABCDEFGHJK0123456789', 9)}-F0${gen.rng.chars('ABCDEFGHJK0123456789', 9)}/image.png?t=`;
      const plain = `"url_private": "${url}${t}",`;
      assertSpan(plain, plain.indexOf(t), plain.indexOf(t) + t.length, 'file-export', undefined, t, 'plain');
      const escaped = `"url_private_download": "${url.replace(/\//g, '\\/')}${t}"`;
      assertSpan(escaped, escaped.indexOf(t), escaped.indexOf(t) + t.length, 'file-export', undefined, t, 'escaped');
    }
  });
  test('its message says what it grants; refresh tokens stay refresh tokens', () => {
    assert.match(KINDS['file-export'].description, /download/);
    assert.match(KINDS['file-export'].description, /files\.slack\.com/);
    const r = gen.token('config-refresh');
    assert.equal(scanText(`t=${r}`)[0].kind, 'config-refresh');
  });
  test('one hex digit short or long, or a placeholder tail: not reported', () => {
    const r = gen.rng;
    const ids = () => `${r.digits(13)}-${r.digits(13)}-${r.digits(13)}`;
    for (const text of [`${PREFIX.refresh}${ids()}-${gen.token('user').slice(-31)}`, `${PREFIX.refresh}${ids()}-${gen.token('user').slice(-32)}a`, `${PREFIX.refresh}${ids()}-${'0'.repeat(32)}`, `${PREFIX.refresh}xxxxx`]) {
      assert.equal(spans(scanText(`?t=${text}&x=1`)), '(none)', mask(text));
    }
  });
});

suite('detect forms: tokens split across string literals', () => {
  const gen = new TokenGenerator(1303);
  /** Each form: how pieces are written and joined (and how many chars come before the first piece). */
  const forms: Array<[string, (pieces: string[]) => string, number?]> = [
    ['JS/TS, Java, C#, Go +', (p) => p.map((x) => `"${x}"`).join(' + ')],
    ['JS single quotes, no spaces', (p) => p.map((x) => `'${x}'`).join('+')],
    ['template literals', (p) => p.map((x) => `\`${x}\``).join(' + ')],
    ['Python implicit, across lines', (p) => p.map((x) => `"${x}"`).join('\n    ')],
    ['Python + with line continuation', (p) => p.map((x) => `'${x}'`).join(' + \\\n  ')],
    ['Ruby +, mixed quotes', (p) => p.map((x, i) => (i % 2 ? `'${x}'` : `"${x}"`)).join(' + ')],
    ['PHP .', (p) => p.map((x) => `'${x}'`).join(' . ')],
    ['Lua ..', (p) => p.map((x) => `"${x}"`).join(' .. ')],
    ['shell adjacent words', (p) => p.map((x, i) => (i % 2 ? `'${x}'` : `"${x}"`)).join('')],
    ['VB &', (p) => p.map((x) => `"${x}"`).join(' & ')],
    ['template pieces ${"…"}', (p) => '`' + p.map((x, i) => (i % 2 ? `\${"${x}"}` : x)).join('') + '`'],
    ["template pieces ${ '…' } and + between templates", (p) => '`' + p.slice(0, 2).map((x, i) => (i % 2 ? `\${ '${x}' }` : x)).join('') + '`' + p.slice(2).map((x) => ` + \`${x}\``).join('')],
    ["Python f-string pieces {'…'}, then implicit", (p) => 'f"' + p.slice(0, 2).map((x, i) => (i % 2 ? `{'${x}'}` : x)).join('') + '"' + p.slice(2).map((x) => ` "${x}"`).join(''), 2],
  ];
  const cut = (t: string, n: number): string[] => {
    // The prefix alone first (the common case), then n - 1 random cuts.
    const at = new Set<number>([5]);
    while (at.size < n - 1) at.add(gen.rng.int(6, t.length - 1));
    const idx = [0, ...[...at].sort((a, b) => a - b), t.length];
    return idx.slice(1).map((e, i) => t.slice(idx[i], e));
  };
  // Every kind, webhook and trigger URLs and xoxe.xox… rotating tokens included.
  for (const kind of TOKEN_KINDS) {
    test(`${kind}: every join form, 2 to 6 literals`, () => {
      for (const [name, join, lead = 1] of forms) {
        for (let n = 2; n <= 6; n++) {
          const t = gen.token(kind);
          const expr = join(cut(t, n));
          const text = `const token = ${expr};\n`;
          const start = text.indexOf(expr) + lead;
          const end = text.indexOf(expr) + expr.length - 1;
          assertSpan(text, start, end, detectedKind(kind), 'split', t, `${kind} ${name} x${n}`);
          const c = classifyToken(text.slice(start, end));
          assert.equal(c?.kind, detectedKind(kind), `classifyToken reads the span back: ${name}`);
          assert.equal(c?.form, 'split');
        }
      }
    });
  }
  test('the prefix itself cut, at every place: "xo" + "xb-…", "xoxe." + "xoxb-…", "https://hooks." + "slack.com/…", "https://" + "hooks…"', () => {
    for (const kind of TOKEN_KINDS) {
      const t = gen.token(kind);
      const head = t.startsWith('xoxe.') ? 10 : t.startsWith('http') ? t.indexOf('.com') + 4 : 5;
      for (let at = 1; at < head; at++) {
        for (const [name, join, lead = 1] of forms) {
          // The cut piece first, then the rest, itself cut once more where there is room.
          const rest = t.slice(at);
          const pieces = [t.slice(0, at), rest.slice(0, 20), rest.slice(20)];
          const expr = join(pieces);
          const text = `x = ${expr}\n`;
          const start = text.indexOf(expr) + lead;
          assertSpan(text, start, text.indexOf(expr) + expr.length - 1, detectedKind(kind), 'split', t, `${kind} cut at ${at}, ${name}`);
          assert.equal(classifyToken(text.slice(start, text.indexOf(expr) + expr.length - 1))?.kind, detectedKind(kind), `classifyToken: ${kind} cut at ${at}, ${name}`);
        }
      }
    }
  });
  test('webhook URLs split in the middle of the path, in every join form, with Move-ready spans', () => {
    for (const kind of ['webhook', 'webhook-gov', 'workflow-webhook', 'trigger'] as const) {
      const t = gen.token(kind);
      const parts = t.split('/');
      // After the host, after services/, after the team id, inside the secret.
      for (const at of [parts.slice(0, 3).join('/').length + 1, parts.slice(0, 4).join('/').length + 1, parts.slice(0, 5).join('/').length, t.length - 7]) {
        for (const [name, join, lead = 1] of forms) {
          const expr = join([t.slice(0, at), t.slice(at)]);
          const text = `post(${expr}, body)\n`;
          assertSpan(text, text.indexOf(expr) + lead, text.indexOf(expr) + expr.length - 1, kind === 'webhook-gov' ? 'webhook' : kind, 'split', t, `${kind} cut at ${at}, ${name}`);
        }
      }
    }
  });
  test('template pieces that cannot be read are skipped: ${prefix}, ${a + b}, an f-string field', () => {
    const t = gen.token('bot');
    const w = gen.token('webhook');
    for (const text of [
      `\`\${prefix}${t.slice(5)}\``,
      `\`${t.slice(0, 5)}\${prefix}${t.slice(15)}\``,
      `\`${t.slice(0, 12)}\${a + "b"}${t.slice(12)}\``,
      `f"${t.slice(0, 3)}{prefix}${t.slice(5)}"`,
      `"${t.slice(0, 3)}{'${t.slice(3, 12)}'}${t.slice(12)}"`,
      `\`${w.slice(0, 12)}\${host}${w.slice(30)}\``,
    ]) {
      assert.equal(spans(scanText(`x = ${text};`)), '(none)', mask(text));
    }
  });
  test('a cut prefix that joins into no credential: "xo" + "xo", a variable, another host, a wrong dash', () => {
    const t = gen.token('bot');
    const w = gen.token('webhook');
    for (const text of [
      `"xo" + "o" + "${t.slice(2)}"`,
      `"xo" + name + "${t.slice(2)}"`,
      `"x" + "o" + "x" + "b" + "_" + "${t.slice(5)}"`,
      `"https://hooks." + host + "${w.slice(14)}"`,
      `"https://hooks." + "slack.example.com/services/T0ABCDEFGH/B0ABCDEFGH/abc"`,
      `"h" + "ttps://notslack.com/" + "${w.slice(PREFIX.hooks.length)}"`,
      `"xo" + "${t.slice(2, -1)}" + "-more"`,
    ]) {
      assert.equal(spans(scanText(`v = ${text};`)), '(none)', mask(text));
    }
  });
  test('not a token when joined: a wrong length, a placeholder, glued to a further literal, unquoted, or with a non-joiner', () => {
    const t = gen.token('bot');
    const head = t.slice(0, 5);
    const tail = t.slice(5);
    for (const text of [
      `"${head}" + "${tail.slice(0, -20)}"`,
      `"${head}" + "${tail}" + "-more"`,
      `"${head}" + "your-token-here"`,
      `${head} + "${tail}"`,
      `"${head}" - "${tail}"`,
      `"${head}", "${tail}"`,
      `"${head}" + name + "${tail}"`,
      `"${head}" + "${tail.slice(0, 8)}\\n${tail.slice(8)}"`,
    ]) {
      assert.equal(spans(scanText(text)), '(none)', mask(text));
    }
  });
  test('a plain token followed by a concatenation is still the plain token', () => {
    const t = gen.token('bot');
    const text = `"${t}" + "\\n"`;
    assertSpan(text, 1, 1 + t.length, 'bot', undefined, t, 'plain then +');
  });
  test('diagnostic wording of the forms', () => {
    assert.equal(formNote('base64'), 'base64-encoded');
    assert.equal(formNote('split'), 'split across string literals');
    assert.equal(formNote(undefined), '');
  });
});

suite('detect forms: base64-encoded credentials', () => {
  const gen = new TokenGenerator(1304);
  const contexts: Array<[string, (v: string) => string]> = [
    ['Kubernetes Secret data', (v) => `apiVersion: v1\nkind: Secret\ndata:\n  SLACK_TOKEN: ${v}\n`],
    ['Helm values, quoted', (v) => `slack:\n  token: "${v}"\n`],
    ['echo | base64 output in CI', (v) => `      - run: echo ${v} | base64 -d > token\n`],
    ['JSON', (v) => `{"auth":"${v}"}`],
  ];
  for (const kind of TOKEN_KINDS) {
    test(`${kind}: encoded whole (base64, base64url, with a newline as echo adds), in ${contexts.length} contexts`, () => {
      for (const [name, wrap] of contexts) {
        for (const enc of [(t: string) => b64(t), (t: string) => b64url(t), (t: string) => b64(t + '\n')]) {
          const t = gen.token(kind);
          const v = enc(t);
          const text = wrap(v);
          const start = text.indexOf(v);
          // The span ends where the credential's bytes end (rounded to whole 4-char groups), or at the run's end.
          const found = scanText(text);
          assert.equal(found.length, 1, `${kind} in ${name}: ${spans(found)}`);
          const f = found[0];
          assert.equal(`${f.kind}/${f.form}@${f.start}`, `${detectedKind(kind)}/base64@${start}`, `${kind} in ${name}`);
          assert.ok(f.end <= start + v.length && f.end >= start + Math.floor((t.length * 4) / 3), `${kind} in ${name}: end`);
          assert.ok(credentialText(text, f) === t, `${kind} in ${name}: decoded (${mask(t)})`);
        }
      }
    });
  }
  test('a credential anywhere inside a decoded run: .dockerconfigjson auth, a whole .env file, any byte offset', () => {
    // The encoded span covers the whole 4-char groups that hold the credential's bytes.
    const groups = (before: string, t: string, after: string, v: string, start: number): [number, number] => {
      const s = start + Math.floor(before.length / 3) * 4;
      const e = start + Math.ceil((before.length + t.length) / 3) * 4;
      return [s, after.length === 0 && e >= start + v.length ? start + v.length : Math.min(e, start + v.length)];
    };
    for (const kind of TOKEN_KINDS) {
      for (const [name, before, after] of [
        ['.dockerconfigjson auth', 'slack-bot:', ''],
        ['.dockerconfigjson auth, longer user', 'ci-user-77:', ''],
        ['.dockerconfigjson auth, user of 11', 'deploy-user:', ''],
        ['a whole .env file', 'APP_NAME=demo\nLOG_LEVEL=info\nSLACK_BOT_TOKEN=', '\nPORT=3000\n'],
        ['a whole .env file, quoted', '# env\nSLACK_TOKEN="', '"\nDEBUG=0\n'],
        ['a whole .env file, shifted', 'A=12\nTOKEN=', '\n'],
      ] as const) {
        for (const enc of [b64, b64url]) {
          const t = gen.token(kind);
          const v = enc(before + t + after);
          const text = name.startsWith('.docker')
            ? `{"auths":{"ghcr.io":{"auth":"${v}"}}}\n`
            : `apiVersion: v1\nkind: Secret\ndata:\n  .env: ${v}\n`;
          const start = text.indexOf(v);
          const [s, e] = groups(before, t, after, v, start);
          const found = scanText(text);
          assert.equal(spans(found), `${detectedKind(kind)}/base64@${s}-${e}`, `${kind} in ${name}: ${mask(t)}`);
          assert.ok(credentialText(text, found[0]) === t, `${kind} in ${name}: decoded (${mask(t)})`);
        }
      }
    }
  });
  test('inside a decoded run, still refused: a token glued to a word before or after it, a placeholder', () => {
    const t = gen.token('bot');
    for (const v of [
      b64(`user:abc${t}`),
      b64(`user:${PREFIX.bot}${'X'.repeat(12)}-${'X'.repeat(12)}-${'X'.repeat(24)}`),
      b64(`SLACK_BOT_TOKEN=${t}-more`),
      b64(`SLACK_BOT_TOKEN=${t}_more`),
    ]) {
      assert.equal(spans(scanText(`auth: ${v}\n`)), '(none)', mask(t));
    }
  });
  test('a signing secret base64-encoded under its key (Kubernetes data:)', () => {
    for (let i = 0; i < 20; i++) {
      const s = gen.token('signing-secret');
      const v = b64(s);
      const text = `data:\n  SLACK_SIGNING_SECRET: ${v}\n  SLACK_CLIENT_SECRET: "${b64(gen.token('client-secret'))}"\n`;
      const found = scanText(text);
      assert.equal(spans(found.slice(0, 1)), `signing-secret/base64@${text.indexOf(v)}-${text.indexOf(v) + v.length}`);
      assert.equal(found[1]?.kind, 'client-secret');
      assert.ok(credentialText(text, found[0]) === s);
      assert.equal(classifyToken(v, 'signing-secret')?.form, 'base64');
    }
  });
  /** Base64 wrapped at `width` columns, each line after `indent`, joined with `eol`. */
  const wrapped = (v: string, width: number, indent: string, eol: string) => (v.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).map((l) => indent + l).join(eol);
  const layouts: Array<[string, number, string, string, (block: string) => string]> = [
    ['GNU base64 (76 columns) in a heredoc', 76, '', '\n', (b) => `cat <<EOF | base64 -d > .env\n${b}\nEOF\n`],
    ['PEM/MIME (64 columns) in a YAML block scalar', 64, '    ', '\n', (b) => `stringData:\n  env: |\n${b}\nkind: Secret\n`],
    ['76 columns, indented heredoc, CRLF', 76, '\t', '\r\n', (b) => `\tbase64 -d <<-EOF\r\n${b}\r\n\tEOF\r\n`],
    ['64 columns at the end of the file', 64, '  ', '\n', (b) => `data: |\n${b}`],
  ];
  for (const kind of TOKEN_KINDS) {
    test(`${kind}: inside line-wrapped base64 (76 and 64 columns, indented or not, LF and CRLF), at every byte offset, a line break inside the encoded prefix too`, () => {
      let checked = 0;
      for (const [name, width, indent, eol, wrap] of layouts) {
        for (let lead = 0; lead < 80; lead += 1 + (lead % 3)) {
          const t = gen.token(kind);
          const before = `APP=demo\nX=${'a'.repeat(lead)}\nSLACK_TOKEN=`;
          const v = b64(before + t + '\nPORT=3000\n');
          // Where the credential's groups start and end in the encoded text.
          const g = Math.floor(before.length / 3) * 4;
          const ge = Math.ceil((before.length + t.length) / 3) * 4;
          const text = wrap(wrapped(v, width, indent, eol));
          const block = wrapped(v, width, indent, eol);
          const at = text.indexOf(block);
          // Encoded index i lies on line floor(i / width), after that line's indent and the breaks before it.
          const src = (i: number, end: boolean) => {
            const line = end ? Math.floor((i - 1) / width) : Math.floor(i / width);
            return at + i + (line + 1) * indent.length + line * eol.length;
          };
          const found = scanText(text);
          assert.equal(spans(found), `${detectedKind(kind)}/base64@${src(g, false)}-${src(ge, true)}`, `${kind}, ${name}, lead ${lead}: ${mask(t)}`);
          assert.ok(credentialText(text, found[0]) === t, `${kind}, ${name}, lead ${lead}: decoded across the line breaks (${mask(t)})`);
          // The lightbulb reads the span back on its own (its first line may be short).
          const c = classifyToken(text.slice(found[0].start, found[0].end));
          assert.equal(`${c?.kind}/${c?.form}`, `${detectedKind(kind)}/base64`, `${kind}, ${name}, lead ${lead}: the span reads back`);
          checked++;
        }
      }
      assert.ok(checked > 60, `${checked} positions checked`);
    });
  }
  test('wrapped base64: lines are joined only when they hold whole groups and nothing but base64', () => {
    const t = gen.token('bot');
    const v = b64(`SLACK_TOKEN=${t}\n`);
    const cut = 40; // a multiple of 4, inside the token's groups
    // A line of other text, or a first line cut off mid-group, ends the block: nothing is joined.
    for (const text of [
      `${v.slice(0, cut)}\nkey: ${v.slice(cut)}\n`,
      `${v.slice(0, cut - 1)}\n${v.slice(cut - 1)}\n`,
      `${v.slice(0, cut)}\n\n${v.slice(cut)}\n`,
      `${v.slice(0, cut)}\n${v.slice(cut)} # comment\n`,
      `${v.slice(0, cut)} \n${v.slice(cut)}\n`,
    ]) {
      assert.equal(spans(scanText(text)), '(none)', JSON.stringify(text.replace(/[A-Za-z0-9+/]{6,}/g, '…')));
    }
    // Lines each holding a whole encoded token (no padding) are each found on their own.
    const whole = (kind: GeneratedKind) => {
      for (;;) {
        const x = gen.token(kind);
        if (x.length % 3 === 0) return x;
      }
    };
    const toks = [whole('bot'), whole('user'), whole('bot')];
    const text = toks.map(b64).join('\n') + '\n';
    const found = scanText(text);
    assert.equal(spans(found), toks.map((_, i) => `${detectedKind(i === 1 ? 'user' : 'bot')}/base64@${toks.slice(0, i).reduce((n, y) => n + b64(y).length + 1, 0)}-${toks.slice(0, i + 1).reduce((n, y) => n + b64(y).length + 1, 0) - 1}`).join(', '));
    assert.ok(found.every((f, i) => credentialText(text, f) === toks[i]));
  });
  test('a pasted base64 token is stored decoded', () => {
    const t = gen.token('bot');
    const r = normalizePastedToken(b64(t));
    assert.ok(r.ok && r.kind === 'bot' && r.token === t, 'decoded');
  });
  test('not reported: an encoded placeholder, random base64, a token glued to more bytes or to a word before it', () => {
    const t = gen.token('bot');
    for (const v of [
      b64(`${PREFIX.bot}your-token-here`),
      b64(`${PREFIX.bot}${'X'.repeat(12)}-${'X'.repeat(12)}-${'X'.repeat(24)}`),
      Buffer.from(gen.rng.chars('abcdef', 60)).toString('base64'),
      b64(t + '-more'),
      b64(t + 'Q'.repeat(20)),
      'QUJD' + b64(t),
      b64('Bearer ' + t).slice(0, 8),
    ]) {
      assert.equal(spans(scanText(`value: ${v}\n`)), '(none)', v.slice(0, 12));
    }
  });
});

suite('detect forms: signing and client secrets by Slack context', () => {
  const gen = new TokenGenerator(1305);
  const positives: Array<[string, KindId]> = [
    ["  let(:signing_secret) { '§' }", 'signing-secret'],
    ["  signing_secret: '§',", 'signing-secret'],
    ['AppConfig.builder().signingSecret("§").build();', 'signing-secret'],
    ['config.setSigningSecret("§");', 'signing-secret'],
    ["  signingSecret: process.env.SLACK_SIGNING_SECRET || '§',", 'signing-secret'],
    ["  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '§',", 'signing-secret'],
    ['signing_secret = os.getenv("SLACK_SIGNING_SECRET") or "§"', 'signing-secret'],
    ["ENV['SLACK_SIGNING_SECRET'] || '§'", 'signing-secret'],
    ['verifier = SignatureVerifier("§")', 'signing-secret'],
    ["verifier = SignatureVerifier(signing_secret='§')", 'signing-secret'],
    ["const app = new App({\n  clientId: '123.456',\n  clientSecret: '§',\n});", 'client-secret'],
    ["new App({ clientSecret: '§' })", 'client-secret'],
    ['oauth_settings = OAuthSettings(\n    client_id="123.456",\n    client_secret="§",\n)', 'client-secret'],
    ['AppConfig.builder()\n    .clientId("123.456")\n    .clientSecret("§")', 'client-secret'],
    ['SLACK_CLIENT_SECRET=§', 'client-secret'],
    ['slack:\n  signing_secret: §\n', 'signing-secret'],
  ];
  for (const [tpl, kind] of positives) {
    test(`found: ${tpl.split('\n').pop()?.trim()}`, () => {
      const s = gen.token('signing-secret');
      const text = tpl.replace('§', s);
      assertSpan(text, text.indexOf(s), text.indexOf(s) + s.length, kind, undefined, s, tpl);
    });
  }
  test('keys that are not Slack’s: nothing, without any list of services', () => {
    const s = gen.token('signing-secret');
    for (const tpl of [
      'COOKIE_SIGNING_SECRET=§',
      'SESSION_SIGNING_SECRET=§',
      'URL_SIGNING_SECRET=§',
      'cookieSigningSecret: "§"',
      'ACME_SIGNING_SECRET=§',
      'PAYMENTS_WEBHOOK_SIGNING_SECRET=§',
      'APP_SIGNING_SECRET=§',
      'MY_CLIENT_SECRET=§',
      'oauth:\n  client_secret: §',
      "new Thing({ clientSecret: '§' })",
      "export default function App() {\n  const auth = { clientSecret: '§' };",
    ]) {
      assert.equal(spans(scanText(tpl.replace('§', s))), '(none)', tpl);
    }
    assert.equal(spans(scanText(`COOKIE_SIGNING_SECRET: ${b64(s)}\n`)), '(none)', 'base64 under another key');
  });
});

suite('detect forms: placeholders by what they say, and fixed lengths', () => {
  const gen = new TokenGenerator(1306);
  const r = gen.rng;
  const B = PREFIX.bot;
  const id = () => r.digits(12);
  /** A random tail of n alnum chars with `word` put at `at`. */
  const withWord = (n: number, word: string, at: number) => {
    const tail = gen.token('bot').slice(-n);
    return tail.slice(0, at) + word + tail.slice(at + word.length);
  };
  test('words anywhere in the secret, in any case: EXAMPLE, SAMPLE, NOTREAL, PLACEHOLDER, REDACTED, CHANGEME, TESTING', () => {
    for (const w of ['EXAMPLE', 'example', 'Sample', 'NOTREAL', 'notReal', 'PLACEHOLDER', 'Redacted', 'CHANGEME', 'testing', 'TESTING']) {
      for (const at of [0, 5, 24 - w.length]) {
        const text = `${B}${id()}-${id()}-${withWord(24, w, at)}`;
        assert.equal(spans(scanText(text)), '(none)', `${w} at ${at}`);
      }
    }
  });
  test('FAKE, TEST, DUMMY as whole runs of letters (between digits, dashes or a change of case)', () => {
    for (const w of ['FAKE', 'fake', 'Fake', 'TEST', 'test', 'Test', 'DUMMY', 'dummy']) {
      const text = `${B}${id()}-${id()}-9${w}7${gen.token('bot').slice(-(22 - w.length))}`;
      assert.equal(spans(scanText(text)), '(none)', w);
    }
    // Not whole runs: part of a longer run of letters in random text.
    const t = `${B}${id()}-${id()}-Q9aTESTzK1m8Rb2Wc7Xp4Lq`;
    assert.equal(scanText(t).length, 1, 'TEST inside a longer run is not the word');
  });
  test('words in the id groups of webhooks and app tokens: T0EXAMPLE, BSAMPLE, AFAKE…', () => {
    const w = gen.token('webhook');
    const parts = w.split('/');
    const tail = parts.slice(-1)[0];
    for (const [tId, bId] of [
      ['T0EXAMPLE1', parts[5]],
      [parts[4], 'B0SAMPLE12'],
      [parts[4], 'BFAKE12345'],
    ]) {
      assert.equal(spans(scanText(`${PREFIX.hooks}services/${tId}/${bId}/${tail}`)), '(none)', `${tId}/${bId}`);
    }
    const a = gen.token('app').split('-');
    assert.equal(spans(scanText([a[0], a[1], 'A0EXAMPLE12', a[3], a[4]].join('-'))), '(none)', 'app id');
  });
  test('visible patterns: runs, periodic blocks, interleaved sequences, digit runs with wrap-around, alphabet runs in any case', () => {
    const U = PREFIX.user;
    const hex32 = [
      'f'.repeat(32),
      'a1'.repeat(16),
      '01'.repeat(16),
      'abc123'.repeat(5) + 'ab',
      '1234567890'.repeat(3) + '12',
      '0987654321'.repeat(3) + '09',
      '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
      '7890123456789012345678901234abcd',
    ];
    for (const s of hex32) assert.equal(spans(scanText(`${U}${id()}-${id()}-${id()}-${s}`)), '(none)', s);
    for (const s of ['abcdefghijklmnopqrstuvwx', 'ABCDEFGHIJKLMNOPQRSTUVWX', 'aBcDeFgHiJkLmNoPqRsTuVwX', 'zyxwvutsrqponmlkjihgfedc', 'AbCdEfGhIjKlMnOpQrStUvWx']) {
      assert.equal(spans(scanText(`${B}${id()}-${id()}-${s}`)), '(none)', s);
    }
  });
  test('one char short or long of a fixed length is not that kind (app 64 hex, client 64, user 32, trigger 32, secrets 32)', () => {
    const app = gen.token('app');
    const client = gen.token('client');
    const user = gen.token('user');
    for (const bad of [app.slice(0, -1), app + 'a', client.slice(0, -1), client + 'a', user.slice(0, -1), user + 'b']) {
      assert.equal(spans(scanText(`v = "${bad}"`)), '(none)', mask(bad));
    }
    const s = gen.token('signing-secret');
    assert.equal(spans(scanText(`SLACK_SIGNING_SECRET=${s.slice(0, -1)}`)), '(none)');
    assert.equal(spans(scanText(`SLACK_SIGNING_SECRET=${s}a`)), '(none)');
  });
});

/** Kinds that carry a prefix, for the CLI service token check below. */
const SERVICE_TOKEN_KINDS: GeneratedKind[] = ['user', 'config-access', 'config-refresh'];

suite('detect forms: Slack CLI service tokens', () => {
  test('a service token (`slack auth token`: a long-lived xoxp- user token) in CI settings is found as a user token', () => {
    const gen = new TokenGenerator(1307);
    for (const kind of SERVICE_TOKEN_KINDS) {
      const t = gen.token(kind);
      for (const text of [`SLACK_SERVICE_TOKEN=${t}\n`, `slack deploy --token ${t}\n`, `slack login --auth ${t}\n`, `  token: \${{ secrets.X }} # was ${t}\n`]) {
        const found = scanText(text);
        assert.equal(spans(found), `${kind}@${text.indexOf(t)}-${text.indexOf(t) + t.length}`, mask(t));
      }
    }
  });
});

suite('detect forms: what the CLI and the workspace scan report for hidden tokens', () => {
  test('the fingerprint and mask are those of the credential itself; the form is said', () => {
    const gen = new TokenGenerator(1308);
    const a = gen.token('bot');
    const b = gen.token('app');
    const text = `const t = "${a.slice(0, 5)}" + "${a.slice(5)}";\nAPP: ${b64(b)}\nplain = "${a}"\n`;
    const rows = scanContent(text, { showSecrets: false, inlineIgnore: true });
    assert.deepEqual(
      rows.map((r) => [r.kind, r.form, r.line]),
      [
        ['bot', 'split', 1],
        ['app', 'base64', 2],
        ['bot', undefined, 3],
      ],
    );
    assert.equal(rows[0].fingerprint, fingerprint(a));
    assert.equal(rows[0].fingerprint, rows[2].fingerprint, 'the split token and the plain one are the same credential');
    assert.equal(rows[1].fingerprint, fingerprint(b));
    assert.equal(rows[1].masked, mask(b));
    const shown = scanContent(text, { showSecrets: true, inlineIgnore: true });
    assert.ok(shown[1].secret === b, 'the decoded credential is the secret shown');
  });
});
