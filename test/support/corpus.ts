// Seeded corpus of realistic files with Slack credentials at known offsets and hard negatives.
// Used by the detector's recall/precision test (a hold-out variant with its own seed and context
// templates) and by the CLI benchmark (`npm run bench`). Everything is built at run time from the
// token generator: no credential literal exists in the repository.
import { scanText } from '../../src/core/detect';
import type { Finding, KindId } from '../../src/core/detect/types';
import { detectedKind, PREFIX, Rng, TOKEN_KINDS, TokenGenerator, type GeneratedKind } from './token-gen';

export interface ExpectedFinding {
  kind: KindId;
  start: number;
  end: number;
}

export interface CorpusFile {
  /** Relative path with an extension that says the file type, e.g. `src/app/file12.py`. */
  path: string;
  content: string;
  /** Every real credential in `content`, sorted by start. Hard negatives are not listed. */
  expected: ExpectedFinding[];
}

export interface CorpusOptions {
  seed: number;
  /** How many files to yield. */
  files: number;
  /** Approximate total size in bytes (UTF-16 units) over all files; default 4 KiB a file. */
  targetBytes?: number;
  /** Context templates: `tune` (used while developing) or `holdout` (never looked at while tuning). */
  variant?: 'tune' | 'holdout';
  /** Credentials per 1,000 lines (default 8). */
  tokenRate?: number;
  /** Hard negatives per 1,000 lines (default 12). */
  negativeRate?: number;
}

/** Every token kind once, the common ones again (weights), and the two secrets found by key name. */
const CRED_KINDS: Array<GeneratedKind | 'signing-secret' | 'client-secret'> = [...TOKEN_KINDS, 'bot', 'bot', 'user', 'webhook', 'signing-secret', 'client-secret'];

type Lang = 'ts' | 'js' | 'py' | 'go' | 'rb' | 'java' | 'yaml' | 'json' | 'toml' | 'env' | 'md' | 'ipynb' | 'minjs' | 'crlf' | 'txt';
const LANGS: Lang[] = ['ts', 'js', 'py', 'go', 'rb', 'java', 'yaml', 'json', 'toml', 'env', 'md', 'ipynb', 'minjs', 'crlf', 'txt'];
const EXT: Record<Lang, string> = {
  ts: 'ts',
  js: 'js',
  py: 'py',
  go: 'go',
  rb: 'rb',
  java: 'java',
  yaml: 'yaml',
  json: 'json',
  toml: 'toml',
  env: 'env',
  md: 'md',
  ipynb: 'ipynb',
  minjs: 'min.js',
  crlf: 'ps1',
  txt: 'txt',
};

const WORDS = 'user channel message client config request response handler payload event token team bot app value result error status count index item list data name path file cache queue worker retry timeout limit offset cursor thread reply post update delete create fetch parse render format build'.split(' ');
const NON_ASCII = ['日本語のテキスト', '설정 파일', 'Grüße aus Köln', 'données réelles', '🚀 deploy', '✅ ok', 'Привет мир', '中文说明', '🔥🔥', 'naïve café'];

/** A credential template: how one credential sits on a line (the credential may be transformed). */
interface Tpl {
  before: string;
  after: string;
  /** e.g. JSON-escaping '/' as '\/'. The expected span covers the transformed text. */
  transform?: (v: string) => string;
}

function secretKey(kind: 'signing-secret' | 'client-secret', r: Rng, lang: Lang): string {
  const signing = ['SLACK_SIGNING_SECRET', 'slack_signing_secret', 'signingSecret', 'signing_secret', 'SLACK_APP_SIGNING_SECRET'];
  const client = ['SLACK_CLIENT_SECRET', 'slack_client_secret', 'slackClientSecret', 'SLACK_OAUTH_CLIENT_SECRET'];
  const k = r.pick(kind === 'signing-secret' ? signing : client);
  return lang === 'json' || lang === 'ipynb' ? `"${k}"` : k;
}

function templates(lang: Lang, variant: 'tune' | 'holdout', r: Rng, secret?: 'signing-secret' | 'client-secret'): Tpl {
  const id = `${r.pick(WORDS)}${r.pick(['Token', 'Url', 'Key', '_token', '_url'])}`;
  if (secret) {
    const key = secretKey(secret, r, lang);
    const tune: Tpl[] = [
      { before: `${key}=`, after: '' },
      { before: `${key}: "`, after: '"' },
      { before: `${key} = '`, after: "'" },
    ];
    const hold: Tpl[] = [
      { before: `    ${key}: `, after: '  # rotated quarterly' },
      { before: `export ${key}="`, after: '"' },
      { before: `  ${key} => '`, after: "'," },
      { before: `config[${JSON.stringify(key.replace(/"/g, ''))}] = "`, after: '"' },
    ];
    return r.pick(variant === 'tune' ? tune : hold);
  }
  const esc = (v: string) => v.replace(/\//g, '\\/');
  const byLang: Record<Lang, [Tpl[], Tpl[]]> = {
    ts: [
      [{ before: `const ${id} = "`, after: '";' }, { before: `  token: '`, after: "'," }],
      [{ before: `export const ${id.toUpperCase()}: string = \``, after: '`;' }, { before: `headers.set('Authorization', 'Bearer `, after: "');" }],
    ],
    js: [
      [{ before: `var ${id} = '`, after: "';" }, { before: `fetch("https://slack.com/api/auth.test?token=`, after: '")' }],
      [{ before: `module.exports.${id} = "`, after: '"' }, { before: `  /* old: `, after: ' */' }],
    ],
    py: [
      [{ before: `${id} = "`, after: '"' }, { before: `client = WebClient(token='`, after: "')" }],
      [{ before: `os.environ.setdefault("SLACK_TOKEN", "`, after: '")' }, { before: `    # ${r.pick(WORDS)}: `, after: '' }],
    ],
    go: [
      [{ before: `\t${id} := "`, after: '"' }, { before: `var token = "`, after: '"' }],
      [{ before: '\tapi := slack.New(`', after: '`)' }, { before: `\treq.Header.Set("Authorization", "Bearer `, after: '")' }],
    ],
    rb: [
      [{ before: `${id} = '`, after: "'" }, { before: `  config.token = "`, after: '"' }],
      [{ before: `Slack.configure { |c| c.token = %q(`, after: ') }' }, { before: `ENV.fetch("SLACK_TOKEN") { "`, after: '" }' }],
    ],
    java: [
      [{ before: `    private static final String TOKEN = "`, after: '";' }, { before: `        String ${id} = "`, after: '";' }],
      [{ before: `        .header("Authorization", "Bearer `, after: '")' }, { before: `    @Value("`, after: '") String token;' }],
    ],
    yaml: [
      [{ before: `  ${id}: `, after: '' }, { before: `  token: "`, after: '"' }],
      [{ before: `      - name: SLACK_TOKEN\n        value: `, after: '' }, { before: `  ${id}: '`, after: "'  # TODO move to vault" }],
    ],
    json: [
      [{ before: `  "${id}": "`, after: '",' }, { before: `    "token": "`, after: '"' }],
      [{ before: `  "${id}": "`, after: '",', transform: esc }, { before: `{"ok":true,"value":"`, after: '"}', transform: esc }],
    ],
    toml: [
      [{ before: `${id} = "`, after: '"' }, { before: `token = '`, after: "'" }],
      [{ before: `${id} = """`, after: '"""' }, { before: `  token = "`, after: '"  # prod' }],
    ],
    env: [
      [{ before: `SLACK_TOKEN=`, after: '' }, { before: `${id.toUpperCase()}="`, after: '"' }],
      [{ before: `export SLACK_${r.pick(['BOT', 'USER', 'APP'])}_TOKEN=`, after: '' }, { before: `${id.toUpperCase()}='`, after: "' # staging" }],
    ],
    md: [
      [{ before: '    curl -H "Authorization: Bearer ', after: '" https://slack.com/api/auth.test' }, { before: '`', after: '`' }],
      [{ before: '- the old token was ', after: ' (rotated)' }, { before: '| prod | ', after: ' | active |' }],
    ],
    ipynb: [
      [{ before: `    "token = '`, after: `'\\n",` }, { before: `    "client = WebClient(token=\\"`, after: `\\")\\n",` }],
      [{ before: `    "os.environ['SLACK_TOKEN'] = '`, after: `'\\n",` }, { before: `      "text/plain": ["'`, after: `'"]` }],
    ],
    minjs: [
      [{ before: `var ${id.slice(0, 2)}="`, after: '";' }, { before: `,token:"`, after: '"' }],
      [{ before: `,${id.slice(0, 3)}:'`, after: "'" }, { before: `;e.token=\``, after: '`' }],
    ],
    crlf: [
      [{ before: `$token = "`, after: '"' }, { before: `$env:SLACK_TOKEN = '`, after: "'" }],
      [{ before: `Set-Variable -Name ${id} -Value "`, after: '"' }, { before: `$headers = @{ Authorization = "Bearer `, after: '" }' }],
    ],
    txt: [
      [{ before: `${r.pick(NON_ASCII)}：`, after: ` ${r.pick(NON_ASCII)}` }, { before: '🔑 ', after: ' 🔑' }],
      [{ before: `${r.pick(NON_ASCII)} → `, after: '' }, { before: '「', after: '」' }],
    ],
  };
  const [tune, hold] = byLang[lang];
  return r.pick(variant === 'tune' ? tune : hold);
}

function fillerLine(lang: Lang, r: Rng): string {
  const w = () => r.pick(WORDS);
  const n = () => r.int(0, 99999);
  switch (lang) {
    case 'ts':
    case 'js':
      return r.pick([
        `  const ${w()}${r.int(1, 9)} = await ${w()}.${w()}(${w()}, { ${w()}: ${n()} });`,
        `  if (!${w()}) throw new Error('${w()} ${w()} failed');`,
        `// ${w()} the ${w()} before ${w()} (see #${n()})`,
        `export function ${w()}${w()}(${w()}: string): number {`,
        `  return ${w()}.map((x) => x.${w()}).filter(Boolean);`,
        `}`,
        ``,
      ]);
    case 'py':
      return r.pick([`def ${w()}_${w()}(${w()}, ${w()}=None):`, `    return self.${w()}.get("${w()}", ${n()})`, `# ${w()} ${w()} ${w()}`, `    ${w()} = [x for x in ${w()} if x.${w()}]`, ``]);
    case 'go':
      return r.pick([`func (s *${w()}) ${w()}(ctx context.Context) error {`, `\tif err != nil {\n\t\treturn fmt.Errorf("${w()}: %w", err)\n\t}`, `\t${w()} := make([]string, 0, ${n()})`, `}`, `// ${w()} ${w()}.`]);
    case 'rb':
      return r.pick([`  def ${w()}_${w()}(${w()})`, `    @${w()} ||= ${w()}.fetch(:${w()}, ${n()})`, `  end`, `# ${w()} ${w()}`]);
    case 'java':
      return r.pick([`    public ${w()} get${w()}() { return this.${w()}; }`, `        List<String> ${w()} = new ArrayList<>();`, `    // ${w()} ${w()} ${n()}`, `    }`]);
    case 'yaml':
      return r.pick([`  ${w()}: ${w()}-${n()}`, `${w()}:`, `    - ${w()}`, `  ${w()}: "${w()} ${w()}"`, `# ${w()} ${w()}`]);
    case 'json':
      return r.pick([`  "${w()}": "${w()}-${n()}",`, `  "${w()}": ${n()},`, `  "${w()}": [${n()}, ${n()}],`, `  "${w()}": true,`]);
    case 'toml':
      return r.pick([`[${w()}]`, `${w()} = "${w()}"`, `${w()} = ${n()}`, `# ${w()}`]);
    case 'env':
      return r.pick([`${w().toUpperCase()}_${w().toUpperCase()}=${w()}${n()}`, `# ${w()} ${w()}`, `${w().toUpperCase()}=${n()}`]);
    case 'md':
      return r.pick([`## ${w()} ${w()}`, `The ${w()} sends a ${w()} to the ${w()} when the ${w()} ${w()}s.`, `- ${w()}: ${w()}`, '```', ``]);
    case 'ipynb':
      return r.pick([`    "${w()} = ${w()}(${n()})\\n",`, `    "print(${w()})\\n",`, `   "execution_count": ${r.int(1, 99)},`, `   "metadata": {},`]);
    case 'minjs':
      return `function ${w().slice(0, 2)}(e,t){return e.${w()}(t)||${n()}}var ${w().slice(0, 1)}=${n()},${w().slice(0, 2)}="${w()}";`;
    case 'crlf':
      return r.pick([`function Get-${w()} { param($${w()}) }`, `    Write-Host "${w()} ${w()}"`, `# ${w()} ${w()}`, `}`]);
    case 'txt':
      return r.pick([`${r.pick(NON_ASCII)} ${w()} ${r.pick(NON_ASCII)}`, `${w()} ${w()} ${w()}.`, `${r.pick(NON_ASCII)}`]);
  }
}

/** Hard negatives: placeholders and look-alikes, each a line (or a piece of a minified line). */
function negative(gen: TokenGenerator): string {
  const r = gen.rng;
  const id = () => r.digits(r.int(10, 13));
  const real = (k: GeneratedKind) => gen.token(k);
  const tail = (k: GeneratedKind, n: number) => real(k).slice(-n);
  const options: Array<() => string> = [
    () => `token = "${PREFIX.bot}your-bot-token-here"`,
    () => `token: ${PREFIX.bot}${'x'.repeat(r.int(8, 12))}-${'x'.repeat(r.int(8, 12))}-${'x'.repeat(24)}`,
    () => `SLACK_BOT_TOKEN=${PREFIX.bot}${'X'.repeat(10)}-${'X'.repeat(13)}-${'X'.repeat(24)}`,
    () => `"token": "${PREFIX.user}${id()}-${id()}-${id()}-${'0'.repeat(32)}"`,
    () => `token = "${PREFIX.user}${id()}-${id()}-${id()}-${'*'.repeat(32)}"`,
    () => `token = '${PREFIX.bot}\${SLACK_BOT_TOKEN}'`,
    () => `token: "${PREFIX.bot}{{ .Values.slack.token }}"`,
    () => `export SLACK_TOKEN=${PREFIX.bot}$SLACK_BOT`,
    () => `webhook: ${PREFIX.hooks}services/T00000000/B00000000/${'X'.repeat(24)}`,
    () => `url = "${PREFIX.hooks}services/TXXXXXXXX/BXXXXXXXX/${'X'.repeat(24)}"`,
    () => `token = "${PREFIX.bot}${id()}-${id()}"  # truncated`,
    () => `see ${PREFIX.user}${id()}-${id()}-${id()}-… for details`,
    () => `token = "${PREFIX.bot}${id()}-${id()}-abcdefghijklmnopqrstuvwx"`,
    () => `token = "${PREFIX.bot}${id()}-${id()}-${'xX'.repeat(12)}"`,
    () => `token = "${PREFIX.bot}${id()}-${id()}-ExampleTokenExampleToken"`,
    () => `token = "${PREFIX.bot}${id()}-${id()}-dummyfakemocktesttoken12"`,
    () => `token = "${PREFIX.bot}${id()}-${id()}-CHANGEMEchangemeCHANGEME"`,
    () => `masked: ${PREFIX.bot}…${tail('bot', 4)}`,
    () => `const ${'foo'}${real('bot')} = 1;`,
    () => `XOXB-${real('bot').slice(5)}`,
    () => `hugs and kisses, xoxo-${r.pick(['gossip', 'girl', 'forever'])}-${id()}`,
    () => `https://example.org/images/${id()}-xoxo-party-1.jpg`,
    () => `SLACK_SIGNING_SECRET=${'0'.repeat(32)}`,
    () => `signing_secret: "${'a1b2c3d4'.repeat(4)}"`,
    () => `client_secret = "${gen.token('client-secret')}"  # github`,
    () => `GITHUB_CLIENT_SECRET=${gen.token('client-secret')}`,
    () => `checksum: ${gen.token('signing-secret')}`,
    () => `token = "${PREFIX.refresh}1-${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 150)}"`,
    () => `${PREFIX.hooks.replace('hooks.', 'myhooks.')}services/T${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 9)}/B${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 9)}/${tail('webhook', 24)}`,
    () => `cookie d=${PREFIX.cookie}${'x'.repeat(60)}`,
    () => `token: ${PREFIX.workflow}your-workflow-token-goes-here`,
    () => `legacy: ${PREFIX.workspaceA}access-token-string`,
    () => `sha = "${tail('user', 32)}"`,
  ];
  return r.pick(options)();
}

function wrapFile(lang: Lang, body: string, nl: string): { head: string; foot: string } {
  switch (lang) {
    case 'json':
      return { head: `{${nl}`, foot: `  "end": true${nl}}${nl}` };
    case 'ipynb':
      return { head: `{${nl} "cells": [${nl}  {${nl}   "cell_type": "code",${nl}   "source": [${nl}`, foot: `    "pass\\n"${nl}   ]${nl}  }${nl} ]${nl}}${nl}` };
    default:
      void body;
      return { head: '', foot: '' };
  }
}

/** Yields `files` files; the same options always yield the same corpus. */
export function* generateCorpus(opts: CorpusOptions): Generator<CorpusFile> {
  const gen = new TokenGenerator(opts.seed);
  const r = gen.rng;
  const variant = opts.variant ?? 'tune';
  const perFile = Math.max(256, Math.floor((opts.targetBytes ?? opts.files * 4096) / Math.max(1, opts.files)));
  const tokenRate = (opts.tokenRate ?? 8) / 1000;
  const negRate = (opts.negativeRate ?? 12) / 1000;
  for (let f = 0; f < opts.files; f++) {
    const lang = LANGS[f % LANGS.length];
    const nl = lang === 'crlf' || (lang === 'txt' && r.next() < 0.3) ? '\r\n' : '\n';
    const lineSep = lang === 'minjs' ? ';' : nl;
    const { head, foot } = wrapFile(lang, '', nl);
    let content = head;
    const expected: ExpectedFinding[] = [];
    let guaranteed = false;
    while (content.length < perFile - foot.length) {
      const roll = r.next();
      if (roll < tokenRate || (!guaranteed && content.length > perFile / 2)) {
        guaranteed = true;
        const k = r.pick(CRED_KINDS);
        const secret = k === 'signing-secret' || k === 'client-secret' ? k : undefined;
        const tpl = templates(lang, variant, r, secret);
        const raw = gen.token(k);
        const value = tpl.transform ? tpl.transform(raw) : raw;
        const start = content.length + tpl.before.length;
        content += tpl.before + value + tpl.after + lineSep;
        expected.push({ kind: secret ?? detectedKind(k as GeneratedKind), start, end: start + value.length });
      } else if (roll < tokenRate + negRate) {
        const neg = negative(gen);
        content += (lang === 'minjs' ? `;/*${neg}*/` : lang === 'ipynb' || lang === 'json' ? `    ${JSON.stringify(neg)},` : neg) + lineSep;
      } else {
        content += fillerLine(lang, r) + lineSep;
      }
    }
    content += foot;
    yield { path: `${r.pick(['src', 'config', 'scripts', 'docs', 'notebooks'])}/${r.pick(WORDS)}/file${f}.${EXT[lang]}`, content, expected };
  }
}

export interface Score {
  files: number;
  expected: number;
  found: number;
  truePositives: number;
  recall: number;
  precision: number;
  missedKinds: Record<string, number>;
  wrongKinds: Record<string, number>;
}

/** Scans every corpus file with `scan` (default scanText) and scores findings against `expected` (exact span and kind). */
export function scoreCorpus(opts: CorpusOptions, scan: (text: string) => Finding[] = scanText): Score {
  let expected = 0;
  let found = 0;
  let tp = 0;
  let files = 0;
  const missedKinds: Record<string, number> = {};
  const wrongKinds: Record<string, number> = {};
  for (const file of generateCorpus(opts)) {
    files++;
    const got = scan(file.content);
    expected += file.expected.length;
    found += got.length;
    const key = (f: { kind: string; start: number; end: number }) => `${f.kind}@${f.start}-${f.end}`;
    const want = new Set(file.expected.map(key));
    const have = new Set(got.map(key));
    for (const g of got) {
      if (want.has(key(g))) tp++;
      else wrongKinds[g.kind] = (wrongKinds[g.kind] ?? 0) + 1;
    }
    for (const e of file.expected) if (!have.has(key(e))) missedKinds[e.kind] = (missedKinds[e.kind] ?? 0) + 1;
  }
  return { files, expected, found, truePositives: tp, recall: tp / expected, precision: found ? tp / found : 1, missedKinds, wrongKinds };
}

