// Split tokens (issue 13): Python f-string pieces `{'…'}` are read in every literal of a join, not
// only the first; a literal after the one where a token ends is not swallowed into it
// (`"xo" + "xb-…" + "more"`). Each form is also run through the real language (python3, node):
// the expression is what the program uses, and Move to Secret Storage replaces exactly the token's
// pieces. Values come from the seeded generator at run time; failure messages show only masks.
import { after, before, suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classifyToken, credentialText, scanText, type Finding } from '../../src/core/detect';
import { applyEdits, splitReplacementFor, withImport } from '../../src/core/references';
import { mask } from '../../src/core/redact';
import { detectedKind, TOKEN_KINDS, TokenGenerator } from '../support/token-gen';

function spans(found: Finding[]): string {
  return found.map((f) => `${f.kind}${f.form ? `/${f.form}` : ''}@${f.start}-${f.end}`).join(', ') || '(none)';
}

const VAR = 'SLACK_TOKEN';
const VALUE = 'value-from-the-environment';
let dir: string;

/** Runs `cmd` on a file holding `src`; its stdout, trimmed. */
function run(cmd: string, name: string, src: string, env: NodeJS.ProcessEnv = {}): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, src);
  const r = spawnSync(cmd, [file], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  assert.equal(r.error, undefined, `${cmd} could not run: ${String(r.error)}`);
  assert.equal(r.status, 0, `${cmd} ${name} failed: ${mask(r.stderr)}`);
  return r.stdout.trim();
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-split-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

suite('detect forms: f-string pieces in every literal of a join', () => {
  const gen = new TokenGenerator(1341);
  /** Python expressions of three pieces, f-string pieces in a later literal; [name, expression, chars before the first piece]. */
  const forms: Array<[string, (p: string[]) => string, number]> = [
    ['implicit, the second an f-string', (p) => `"${p[0]}" f"{'${p[1]}'}${p[2]}"`, 1],
    ['+, the second an f-string with single-quoted outer quotes', (p) => `'${p[0]}' + f'{"${p[1]}"}${p[2]}'`, 1],
    ['two f-strings, pieces in both', (p) => `f"${p[0]}{'${p[1].slice(0, 4)}'}" f"${p[1].slice(4)}{'${p[2]}'}"`, 2],
    ['rf and Fr prefixes', (p) => `"${p[0]}" rf"{'${p[1]}'}" Fr"${p[2]}"`, 1],
    ['across lines in parentheses', (p) => `(\n    "${p[0]}"\n    f"{'${p[1]}'}"\n    f"${p[2]}"\n)`, 7],
  ];
  for (const kind of TOKEN_KINDS) {
    test(`${kind}: found over the whole expression, read back, and Python joins it the same way`, () => {
      const lines: string[] = [];
      const tokens: string[] = [];
      for (const [name, make, lead] of forms) {
        const t = gen.token(kind);
        const cut = t.startsWith('xoxe.') ? 10 : t.startsWith('http') ? 20 : 5;
        const expr = make([t.slice(0, cut), t.slice(cut, cut + 9), t.slice(cut + 9)]);
        const text = `token = ${expr}\n`;
        const start = text.indexOf(expr) + lead;
        const end = text.indexOf(expr) + expr.lastIndexOf(expr.includes('\n') ? '"' : expr[expr.length - 1]);
        const found = scanText(text);
        assert.equal(spans(found), `${detectedKind(kind)}/split@${start}-${end}`, `${kind}, ${name}: ${mask(t)}`);
        assert.ok(credentialText(text, found[0]) === t, `${kind}, ${name}: the pieces join into the token`);
        assert.equal(classifyToken(text.slice(start, end))?.form, 'split', `${kind}, ${name}: the span reads back`);
        lines.push(`print(${expr} == ${JSON.stringify(t)})`);
        tokens.push(t);
      }
      assert.equal(run('python3', `${kind}.py`, lines.join('\n') + '\n'), forms.map(() => 'True').join('\n'), 'python3 reads each expression as the token');
    });
  }
  test('Move replaces the whole expression, every f included, and the program runs', () => {
    const t = gen.token('bot');
    const text = `tok = "${t.slice(0, 5)}" f"{'${t.slice(5, 14)}'}" f"${t.slice(14)}"\nprint(tok)\n`;
    const [f] = scanText(text);
    assert.equal(f?.form, 'split');
    const r = splitReplacementFor(text, f.start, f.end, credentialText(text, f), 'python', 'a.py', VAR);
    assert.ok(r);
    const out = applyEdits(text, withImport(text, r, 'python', 'a.py'));
    assert.equal(out, `import os\ntok = os.environ["${VAR}"]\nprint(tok)\n`);
    assert.equal(run('python3', 'moved.py', out, { [VAR]: VALUE }), VALUE);
  });
  test('a later f-string with a field that is not a literal ({name}) is not resolved', () => {
    const t = gen.token('bot');
    for (const text of [`"${t.slice(0, 5)}" f"{prefix}${t.slice(5)}"`, `"${t.slice(0, 5)}" f"${t.slice(5, 12)}{n}${t.slice(12)}"`, `"${t.slice(0, 5)}" f"{{${t.slice(5)}}}"`]) {
      assert.equal(spans(scanText(`x = ${text}\n`)), '(none)', mask(t));
    }
  });
  test('an f glued to the previous quote ("…"f"…", a shell word as often as Python) joins nothing; with a gap or + it is a prefix', () => {
    const t = gen.token('bot');
    for (const cut of [5, 9, 14]) {
      const glued = `T="${t.slice(0, cut)}"f"${t.slice(cut)}"\n`;
      assert.equal(spans(scanText(glued)), '(none)', mask(t));
      for (const gap of [' ', ' + ']) {
        const text = `T = "${t.slice(0, cut)}"${gap}f"${t.slice(cut)}"\n`;
        const [f] = scanText(text);
        assert.ok(f?.form === 'split' && credentialText(text, f) === t, `${JSON.stringify(gap)}: ${mask(t)}`);
      }
    }
  });
  test('an f that is not a prefix (a call, a word) joins nothing', () => {
    const t = gen.token('bot');
    for (const text of [`"${t.slice(0, 5)}" + f("${t.slice(5)}")`, `"${t.slice(0, 5)}" if"${t.slice(5)}"`]) {
      assert.equal(spans(scanText(`x = ${text}\n`)), '(none)', mask(t));
    }
  });
});

suite('detect forms: a literal after the token is not swallowed', () => {
  const gen = new TokenGenerator(1342);
  const joins: Array<[string, (p: string[]) => string]> = [
    ['+', (p) => p.map((x) => `"${x}"`).join(' + ')],
    ['implicit (Python)', (p) => p.map((x) => `'${x}'`).join(' ')],
    ['PHP .', (p) => p.map((x) => `'${x}'`).join(' . ')],
  ];
  for (const kind of ['bot', 'webhook', 'workflow-webhook'] as const) {
    test(`${kind}: "…cut prefix" + "<rest of the token>" + "more" ends where the token ends`, () => {
      for (const [name, join] of joins) {
        for (const cut of [2, 5, 12]) {
          const t = gen.token(kind);
          for (const more of ['more', 'X9', 'abc123']) {
            const expr = join([t.slice(0, cut), t.slice(cut), more]);
            const text = `v = ${expr};\n`;
            const start = text.indexOf(expr) + 1;
            // The token's own pieces: up to the closing quote of the literal holding its last char.
            const end = text.indexOf(expr) + join([t.slice(0, cut), t.slice(cut)]).length - 1;
            const found = scanText(text);
            assert.equal(spans(found), `${detectedKind(kind)}/split@${start}-${end}`, `${kind}, ${name}, cut at ${cut}, then ${more}: ${mask(t)}`);
            assert.ok(credentialText(text, found[0]) === t, `${kind}, ${name}: the token without what follows it`);
          }
        }
      }
    });
  }
  test('a token cut inside its secret short of its usual length still takes the literals that complete it', () => {
    for (let i = 0; i < 20; i++) {
      const t = gen.token('bot');
      const expr = `"${t.slice(0, 5)}" + "${t.slice(5, -3)}" + "${t.slice(-3)}"`;
      const text = `v = ${expr};\n`;
      const found = scanText(text);
      assert.equal(spans(found), `bot/split@5-${4 + expr.length - 1}`, mask(t));
      assert.ok(credentialText(text, found[0]) === t);
    }
  });
  test('Move replaces only the token’s pieces, and the program still appends what followed (node)', () => {
    const t = gen.token('bot');
    const text = `const v = "xo" + "${t.slice(2)}" + "more";\nconsole.log(v);\n`;
    const [f] = scanText(text);
    assert.equal(f?.form, 'split');
    const r = splitReplacementFor(text, f.start, f.end, credentialText(text, f), 'javascript', 'a.js', VAR);
    assert.ok(r);
    const out = applyEdits(text, [r]);
    assert.equal(out, `const v = process.env.${VAR} + "more";\nconsole.log(v);\n`);
    assert.equal(run(process.execPath, 'moved.js', out, { [VAR]: VALUE }), `${VALUE}more`);
  });
  test('Move before a literal joined by juxtaposition writes an explicit join (python3), and refuses where none exists (C)', () => {
    const t = gen.token('bot');
    const cases = [
      [`v = 'xo' '${t.slice(2)}' 'more'\nprint(v)\n`, `v = os.environ["${VAR}"] + 'more'\nprint(v)\n`],
      [`v = 'xo' '${t.slice(2)}''more'\nprint(v)\n`, `v = os.environ["${VAR}"] + 'more'\nprint(v)\n`],
      [`v = ("xoxb-"\n     "${t.slice(5)}"\n     "more")\nprint(v)\n`, `v = (os.environ["${VAR}"] +\n     "more")\nprint(v)\n`],
      [`v = "xo" \\\n  "${t.slice(2)}" \\\n  f"{'more'}"\nprint(v)\n`, `v = os.environ["${VAR}"] + \\\n  f"{'more'}"\nprint(v)\n`],
    ];
    for (const [text, want] of cases) {
      const [f] = scanText(text);
      assert.equal(f?.form, 'split', JSON.stringify(text.replace(t.slice(5), '…')));
      const r = splitReplacementFor(text, f.start, f.end, credentialText(text, f), 'python', 'a.py', VAR);
      assert.ok(r);
      const out = applyEdits(text, withImport(text, r, 'python', 'a.py'));
      assert.equal(out, `import os\n${want}`);
      assert.equal(run('python3', 'moved.py', out, { [VAR]: VALUE }), `${VALUE}more`);
    }
    // A statement on the next line is not joined to the reference.
    const apart = `v = ("xo" '${t.slice(2)}')\n"more"\n`;
    const [g] = scanText(apart);
    const r = splitReplacementFor(apart, g.start, g.end, credentialText(apart, g), 'python', 'a.py', VAR);
    assert.equal(r && applyEdits(apart, [r]), `v = (os.environ["${VAR}"])\n"more"\n`);
    // C and C++ cannot join an expression to a literal by juxtaposition: no reference is offered.
    const c = `const char *v = "xo" "${t.slice(2)}" "more";\n`;
    const [h] = scanText(c);
    assert.equal(h?.form, 'split');
    for (const [id, file] of [['c', 'a.c'], ['cpp', 'a.cpp'], ['javascript', 'a.js']]) {
      assert.equal(splitReplacementFor(c, h.start, h.end, credentialText(c, h), id, file, VAR), undefined, id);
    }
  });
});
