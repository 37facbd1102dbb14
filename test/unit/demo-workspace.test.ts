// The demo workspace `npm start` opens is read by a person: its comments and README speak to them,
// not about tests or fixtures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFixtureWorkspace } from '../support/fixture-workspace';

const ROOT = path.resolve(__dirname, '../../..');

describe('demo workspace: written for a user', () => {
  it('no comment in its files and no line of its README talks about tests, fixtures or test time (Test Token, a feature, may be named)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-demo-'));
    try {
      const manifest = writeFixtureWorkspace(dir, 4242);
      const demo = fs.readFileSync(path.join(ROOT, 'scripts', 'lib', 'demo.mjs'), 'utf8');
      const readme = /const DEMO_README = `([\s\S]*?)`;/.exec(demo)?.[1];
      assert.ok(readme, 'demo.mjs writes a README');
      const texts: [string, string][] = [['README.md', readme]];
      for (const f of Object.values(manifest.files)) texts.push([f.path, fs.readFileSync(path.join(dir, f.path), 'utf8')]);
      assert.ok(texts.length > 10);
      for (const [name, text] of texts) {
        // Comment lines (and the README's prose): `//`, `#` (not a shebang), Markdown.
        const prose = name.endsWith('.md') ? text.split('\n') : text.split('\n').flatMap((l) => /(?:^|\s)(?:\/\/|#(?!!))(.*)$/.exec(l)?.[1] ?? []);
        for (const line of prose) assert.doesNotMatch(line, /\b(?:tests|testing|fixtures?|test (?:time|run|suite|host)|(?:unit|integration) tests?|assert\w*|mock\w*)\b/i, `${name}: "${line.trim()}"`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
