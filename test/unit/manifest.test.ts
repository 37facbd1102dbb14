// What ships with the package and must not drift from the code: every manifest string in
// package.nls.json, every vscode.l10n.t string in l10n/bundle.l10n.json, every command and setting
// in the README, the walkthrough's media on disk, and the package allow-list.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Settings, TRUSTED_ONLY_SETTINGS, USER_ONLY_SETTINGS } from '../../src/features/ids';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function script(name: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', name), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('Manifest, localisation and README', () => {
  it('every user-facing manifest string is a %key% that package.nls.json defines', () => {
    const r = script('manifest-nls.mjs', '--check');
    assert.equal(r.status, 0, r.out);
    const used = new Set<string>();
    JSON.stringify(pkg, (_k, v: unknown) => {
      if (typeof v === 'string' && /^%[\w.-]+%$/.test(v)) used.add(v.slice(1, -1));
      return v;
    });
    for (const key of used) assert.ok(typeof nls[key] === 'string' && nls[key].trim() !== '', `package.nls.json defines ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json key ${key} is used by package.json`);
    for (const c of pkg.contributes.commands) assert.match(c.title, /^%.+%$/, `${c.command} title is localisable`);
  });

  it('l10n/bundle.l10n.json holds exactly the vscode.l10n.t strings of src/, each a literal', () => {
    assert.equal(pkg.l10n, './l10n');
    const r = script('l10n-bundle.mjs', '--check');
    assert.equal(r.status, 0, r.out);
  });

  it('the README lists every command and every setting (tables generated from the manifest)', () => {
    const r = script('readme-tables.mjs', '--check');
    assert.equal(r.status, 0, r.out);
    for (const c of pkg.contributes.commands) assert.ok(readme.includes(`\`${c.command}\``), `README lists ${c.command}`);
    const props = [pkg.contributes.configuration].flat().flatMap((s: { properties: Record<string, unknown> }) => Object.keys(s.properties));
    for (const key of props) assert.ok(readme.includes(`\`${key}\``), `README lists ${key}`);
  });

  it('settings: documented in Markdown, with a default and an order; routing settings are user-level and restricted', () => {
    const sections = [pkg.contributes.configuration].flat() as { properties: Record<string, { markdownDescription?: string; default?: unknown; order?: number; scope?: string }> }[];
    const orders = new Set<number>();
    for (const [key, p] of sections.flatMap((s) => Object.entries(s.properties))) {
      assert.ok(p.markdownDescription, `${key} has a markdownDescription`);
      assert.ok('default' in p, `${key} has a default`);
      assert.equal(typeof p.order, 'number', `${key} has an order`);
      assert.ok(!orders.has(p.order!), `${key}'s order is unique`);
      orders.add(p.order!);
    }
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['slackTokenGuard.api.extraEndpoints', 'slackTokenGuard.api.requestTimeoutSeconds', 'slackTokenGuard.paste.safePasteByDefault']) {
      assert.ok(restricted.includes(key), `${key} is restricted in untrusted workspaces`);
      const p = sections.find((s) => s.properties[key])?.properties[key];
      assert.equal(p?.scope, 'application', `${key} is read from user settings only`);
    }
  });

  it('restricted settings: the manifest declares exactly the ones the settings reader keeps from an untrusted workspace', () => {
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    const expected = [...USER_ONLY_SETTINGS, ...TRUSTED_ONLY_SETTINGS].map((k) => `${Settings.section}.${k}`);
    assert.deepEqual([...restricted].sort(), expected.sort());
    for (const key of ['diagnostics.enabled', 'diagnostics.severity.legacy', 'diagnostics.severity.default', 'diagnostics.severity.lowConfidence', 'diagnostics.maxLiveFileSizeKB', 'scan.maxFileSizeKB']) {
      assert.ok(TRUSTED_ONLY_SETTINGS.includes(key), `${key} applies from a workspace only when it is trusted`);
    }
  });

  it('the walkthrough: four steps, each with media that exists, buttons that run declared commands', () => {
    const [w] = pkg.contributes.walkthroughs as { steps: { id: string; description: string; media: { image?: string; markdown?: string } }[] }[];
    assert.equal(w.steps.length, 4);
    const declared = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const s of w.steps) {
      const media = s.media.image ?? s.media.markdown;
      assert.ok(media && fs.existsSync(path.join(ROOT, media)), `${s.id}: ${media} exists`);
      assert.ok(media.startsWith('media/walkthrough/'), `${s.id}: media is in media/walkthrough/ (packaged)`);
      const text = nls[s.description.slice(1, -1)];
      for (const m of text.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(declared.has(m[1]) || m[1].startsWith('workbench.'), `${s.id}: button runs ${m[1]}`);
      }
    }
    assert.deepEqual(
      w.steps.map((s) => s.id),
      ['whatItDoes', 'addToken', 'scanWorkspace', 'legacyTokens'],
    );
  });

  it('the package manifest is complete for the Marketplace', () => {
    for (const field of ['publisher', 'license', 'icon', 'repository', 'galleryBanner', 'categories', 'keywords']) assert.ok(pkg[field], `${field} is set`);
    assert.ok(fs.existsSync(path.join(ROOT, pkg.icon)) && pkg.icon.endsWith('.png'), 'a PNG icon');
    assert.deepEqual(pkg.activationEvents, ['onStartupFinished']);
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m, '.vscodeignore is an allow-list');
  });
});
