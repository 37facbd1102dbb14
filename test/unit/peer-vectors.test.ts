// The Slack samples from the test suites of gitleaks, secretlint and detect-secrets
// (../shared/peer-vectors/slack.json, base64 so no token literal sits in any repository).
// Decoded only in memory; failure messages name the vector by index and source, never its text.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanText, type KindId } from '../../src/core/detect';

interface Vector {
  source: string;
  text_b64: string;
  peer_says: 'secret' | 'not-secret';
  we_expect: 'detect' | 'ignore' | 'either';
  kind: string;
}

/** The vector file's kind names, mapped to the detector kinds that count as a match. */
const COMPATIBLE: Record<string, KindId[]> = {
  bot: ['bot', 'bot-legacy'],
  'bot-legacy': ['bot-legacy', 'bot'],
  user: ['user', 'user-short'],
  'legacy-session': ['legacy-session'],
  workspace: ['workspace'],
  client: ['client'],
  cookie: ['cookie'],
  app: ['app'],
  'config-access': ['config-access'],
  'config-refresh': ['config-refresh'],
  'workflow-token': ['workflow-token'],
  webhook: ['webhook'],
  'workflow-webhook': ['workflow-webhook'],
  trigger: ['trigger'],
  'signing-secret': ['signing-secret', 'client-secret'],
};

function findVectors(): string {
  // out/test/unit -> project root -> ../shared
  const candidates = [path.resolve(__dirname, '../../../../shared/peer-vectors/slack.json'), path.resolve(process.cwd(), '../shared/peer-vectors/slack.json')];
  const hit = candidates.find((p) => fs.existsSync(p));
  if (!hit) throw new Error(`peer vectors not found at ${candidates.join(' or ')}`);
  return hit;
}

suite('peer vectors (gitleaks, secretlint, detect-secrets)', () => {
  const vectors = (JSON.parse(fs.readFileSync(findVectors(), 'utf8')) as { vectors: Vector[] }).vectors;

  test('the file holds the 81 curated vectors', () => {
    assert.equal(vectors.length, 81);
  });

  vectors.forEach((v, i) => {
    if (v.we_expect === 'either') return;
    test(`#${i} ${v.we_expect} ${v.kind} (${v.source.split(' ')[0]})`, () => {
      const text = Buffer.from(v.text_b64, 'base64').toString('utf8');
      const found = scanText(text);
      if (v.we_expect === 'ignore') {
        assert.equal(found.length, 0, `vector #${i} must yield no finding, got ${found.map((f) => f.kind).join(',')}`);
        return;
      }
      assert.equal(found.length, 1, `vector #${i} must yield one finding, got ${found.length}`);
      const ok = COMPATIBLE[v.kind] ?? [];
      assert.ok(ok.includes(found[0].kind), `vector #${i}: kind ${found[0].kind} is not compatible with ${v.kind}`);
      // The finding covers the whole credential: it ends where the token-shaped run ends.
      const after = text.slice(found[0].end, found[0].end + 1);
      assert.ok(after === '' || /[^A-Za-z0-9_]/.test(after), `vector #${i}: span cut inside the token`);
    });
  });

  test('every either vector is handled without error', () => {
    for (const v of vectors.filter((x) => x.we_expect === 'either')) {
      const found = scanText(Buffer.from(v.text_b64, 'base64').toString('utf8'));
      assert.ok(found.length <= 1);
    }
  });
});
