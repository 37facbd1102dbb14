// The settings that decide whether tokens are seen must come through src/features/settings.ts, the
// one reader that ignores a workspace's values in Restricted Mode. A feature that calls
// getConfiguration() for one of them itself would let an untrusted repository set it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Settings, TRUSTED_ONLY_SETTINGS } from '../../src/features/ids';

const featuresDir = path.join(__dirname, '..', '..', '..', 'src', 'features');

function featureSources(): { file: string; text: string }[] {
  return (fs.readdirSync(featuresDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && f !== 'settings.ts' && f !== 'ids.ts')
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(featuresDir, f), 'utf8') }));
}

/** `Settings.<name>` used in a statement that also calls getConfiguration(). */
export function directReads(text: string, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const statement of text.split(/;\s*\n/)) {
    if (!statement.includes('getConfiguration(')) continue;
    for (const n of names) if (new RegExp(`\\bSettings\\.${n}\\b`).test(statement)) out.push(n);
  }
  return out;
}

describe('settings: trusted-only settings go through the reader', () => {
  const names = Object.entries(Settings)
    .filter(([, key]) => TRUSTED_ONLY_SETTINGS.includes(key))
    .map(([name]) => name);

  it('recognises a direct read (and not a read through the reader)', () => {
    assert.deepEqual(directReads('const x = vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.scanMaxFileSizeKB, 5120) * 1024;\n', names), ['scanMaxFileSizeKB']);
    assert.deepEqual(directReads('const x = readNumberSetting(Settings.scanMaxFileSizeKB, 5120);\n', names), []);
  });

  it('no feature reads scan.maxFileSizeKB or another trusted-only setting with getConfiguration()', () => {
    assert.ok(names.includes('scanMaxFileSizeKB') && names.length === TRUSTED_ONLY_SETTINGS.length);
    const sources = featureSources();
    assert.ok(sources.some((s) => s.file.startsWith('exposure')) && sources.some((s) => s.file.startsWith('migration-plan')), 'the feature sources are read');
    const offenders = sources.flatMap((s) => directReads(s.text, names).map((n) => `${s.file}: Settings.${n}`));
    assert.deepEqual(offenders, []);
  });
});
