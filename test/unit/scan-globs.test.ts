import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BRACE_LIMITS, combineGlobs, expandBraces, globMatcher, globToRegExp, patternsFromExcludeSetting } from '../../src/features/workspace-scan/globs';

describe('workspace scan: exclude globs from settings', () => {
  it('expands braces, nested groups included, one level at a time', () => {
    assert.deepEqual(expandBraces('**/*.{js,map}'), ['**/*.js', '**/*.map']);
    assert.deepEqual(expandBraces('{a,b}/x.{c,d}'), ['a/x.c', 'a/x.d', 'b/x.c', 'b/x.d']);
    assert.deepEqual(expandBraces('plain/**'), ['plain/**']);
  });
  it('keeps only patterns set to true, and covers the files of folder patterns', () => {
    assert.deepEqual(patternsFromExcludeSetting({ '**/node_modules': true, '**/out/**': true, '**/*.log': false, '**/*.js': { when: '$(basename).ts' } }), [
      '**/node_modules',
      '**/node_modules/**',
      '**/out/**',
    ]);
    assert.deepEqual(patternsFromExcludeSetting(undefined), []);
  });
  it('bounds brace expansion: a hostile pattern is skipped with one log line, the others still apply, with bounded work', () => {
    const bomb = '{a,b}'.repeat(30); // 2^30 globs if expanded
    let steps = 0;
    const limits = { ...BRACE_LIMITS };
    const counting = new Proxy(limits, { get: (t, k: keyof typeof limits) => (steps++, t[k]) });
    assert.equal(expandBraces(bomb, counting), undefined);
    assert.ok(steps < 10 * BRACE_LIMITS.maxGlobs, `${steps} limit checks`);
    assert.equal(expandBraces('{' + 'x,'.repeat(300) + 'y}'), undefined, 'too many alternatives');
    assert.equal(expandBraces('a'.repeat(BRACE_LIMITS.maxLength + 1)), undefined, 'too long');
    assert.equal(expandBraces('{a,b}'.repeat(8))?.length, 256, 'at the limit it still expands');
    const logs: string[] = [];
    const out = patternsFromExcludeSetting({ [bomb]: true, '**/dist': true }, (m) => logs.push(m));
    assert.deepEqual(out, ['**/dist', '**/dist/**']);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /1 exclude pattern\(s\) skipped/);
    assert.ok(!logs[0].includes('{a,b}'), 'the log names no workspace text');
  });
  it('bounds the total across the patterns of one setting', () => {
    const many: Record<string, boolean> = {};
    for (let i = 0; i < 100; i++) many[`p${i}/{a,b,c,d,e,f,g,h}{1,2,3,4}`] = true; // 32 globs each, 64 with /**
    const logs: string[] = [];
    const out = patternsFromExcludeSetting(many, (m) => logs.push(m));
    assert.ok(out.length <= BRACE_LIMITS.maxTotal, String(out.length));
    assert.equal(out.length, 64 * 64);
    assert.match(logs[0], /36 exclude pattern/);
  });
  it('combines into one brace group without duplicates or commas', () => {
    assert.equal(combineGlobs(['**/.git/**']), '**/.git/**');
    assert.equal(combineGlobs(['a', 'b', 'a', 'c,d']), '{a,b}');
  });
  it('matches folder-relative paths as VS Code globs do, for the local walk', () => {
    const m = (glob: string, rel: string) => globToRegExp(glob).test(rel);
    assert.ok(m('**/node_modules', 'node_modules') && m('**/node_modules', 'a/b/node_modules'));
    assert.ok(m('**/out/**', 'out') && m('**/out/**', 'x/out/y/z.js'));
    assert.ok(!m('**/out/**', 'outside/z.js') && !m('**/out', 'x/layout'));
    assert.ok(m('**/*.log', 'a/b.log') && !m('**/*.log', 'a/blog') && !m('*.log', 'a/b.log') && m('*.log', 'b.log'));
    assert.ok(m('a/**/b', 'a/b') && m('a/**/b', 'a/x/y/b') && !m('a/**/b', 'ab'));
    assert.ok(m('src/?.ts', 'src/x.ts') && !m('src/?.ts', 'src/xy.ts'));
    assert.ok(m('[!a]x', 'bx') && !m('[!a]x', 'ax') && m('[ab].c', 'b.c'));
    assert.ok(m('a+b (1).txt', 'a+b (1).txt') && !m('a.b', 'aXb'), 'regex characters are literal');
    assert.ok(globToRegExp('**/Build', true).test('x/build') && !m('**/Build', 'x/build'));
    const any = globMatcher(patternsFromExcludeSetting({ '**/by-files': true, '**/*.{tmp,bak}': true }));
    assert.ok(any('by-files') && any('k/by-files/a.ts') && any('x.bak') && !any('kept/c.ts'));
  });
  it('folds ASCII letters only under ignoreCase, as VS Code does: the Kelvin sign is not k', () => {
    for (const [p, rel] of [['**/*.bak', 'secrets.ba\u212A'], ['**/bak', 'x/ba\u212A'], ['**/pk/**', 'p\u212A/a.env'], ['**/i', '\u0130']]) {
      assert.equal(globMatcher([p], true)(rel), false, `${p} ${JSON.stringify(rel)}`);
      assert.equal(globToRegExp(p, true).test(rel), false);
    }
    assert.ok(globMatcher(['**/*.bak'], true)('secrets.BAK') && globMatcher(['**/pk/**'], true)('PK/a.env'));
    // A non-ASCII name stays on the RegExp, which folds it as VS Code does (Ü and ü).
    assert.ok(globMatcher(['**/Ünï'], true)('x/ünï') && !globMatcher(['**/Ünï'], false)('x/ünï'));
  });
  it('matches exactly as the patterns\' RegExps do, the by-segment shortcuts included', () => {
    // The forms globMatcher checks by segment, forms it leaves to the RegExp, and names that look alike.
    // Non-ASCII names and look-alikes: K is U+212A KELVIN SIGN (toLowerCase gives ASCII k), ẞ/ß, İ.
    const names = ['node_modules', 'out', 'Out', '.git', 'a.b', 'x+y', '.code-search', 'Ünï', 'bak', 'ß', 'ẞ', 'İ'];
    const pattern = fc.oneof(
      fc.constantFrom(...names).map((n) => `**/${n}`),
      fc.constantFrom(...names).map((n) => `**/${n}/**`),
      fc.constantFrom(...names).map((n) => `**/*${n}`),
      fc.constantFrom(...names).map((n) => `**/*${n}/**`),
      fc.constantFrom('out/**', 'a.b', '**/o?t', '*.log', 'src/**/gen', './out', '**/[ab].c'),
    );
    const segment = fc.oneof(fc.constantFrom(...names, 'src', 'b.c', 'gen', 'layout', 'outside', 'a.bc', 'x.log', 'ünï', 'OUT', 'NODE_MODULES', '\u212A', 'ba\u212A', 'secrets.ba\u212A', 'ß', 'ẞ', 'İ', 'i', 'ss', 'BAK'), fc.string({ minLength: 1, maxLength: 6 }).filter((x) => !x.includes('/')));
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 5 }), fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), (patterns, segs, ignoreCase) => {
        const rel = segs.join('/');
        const expected = patterns.some((p) => globToRegExp(p, ignoreCase).test(rel));
        assert.equal(globMatcher(patterns, ignoreCase)(rel), expected, `${JSON.stringify(patterns)} ${ignoreCase} ${JSON.stringify(rel)}`);
      }),
      { numRuns: 3000 },
    );
  });
});
