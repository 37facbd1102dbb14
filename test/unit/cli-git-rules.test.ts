// scan --git/--staged look up the tool's ignore files for every path in history: each folder's
// chain is built once, from its parent's, so each ignore file is read once however many folders
// lie below it (counted, not timed).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { toolRules } from '../../src/cli/run-git';
import { TOOL_IGNORE_FILE } from '../../src/core/ignore-rules';

describe('scan --git: ignore-file chains for history paths', () => {
  let top: string;
  beforeEach(() => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-rules-'));
    fs.mkdirSync(path.join(top, '.git'));
    fs.writeFileSync(path.join(top, TOOL_IGNORE_FILE), 'stg1:toplevel\nfixtures/\n');
    fs.mkdirSync(path.join(top, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(top, 'a', TOOL_IGNORE_FILE), 'stg1:nested\n');
  });
  afterEach(() => fs.rmSync(top, { recursive: true, force: true }));

  it('each ignore file is read once, and each folder looked up once, for 200 paths in 100 folders', () => {
    const reads = new Map<string, number>();
    // The module object itself (an `import * as` copy only reads through to it).
    const fsm = createRequire(__filename)('node:fs') as { readFileSync: (...a: unknown[]) => unknown };
    const saved = fsm.readFileSync;
    fsm.readFileSync = (...a: unknown[]) => {
      const f = String(a[0]);
      if (f.endsWith(TOOL_IGNORE_FILE)) reads.set(f, (reads.get(f) ?? 0) + 1);
      return saved.apply(fsm, a);
    };
    const chainFor = toolRules(top);
    const chains = [];
    try {
      for (let i = 0; i < 100; i++) for (const leaf of ['x.ts', 'y.ts']) chains.push({ i, chain: chainFor(`a/b/c${i}/d/${leaf}`) });
      chains.push({ i: -1, chain: chainFor('root.ts') });
    } finally {
      fsm.readFileSync = saved;
    }
    const over = [...reads].filter(([, n]) => n > 1).map(([f, n]) => `${path.relative(top, f)}: ${n}`);
    assert.deepEqual(over, [], 'no ignore file is read twice');
    // every folder on the way was looked at once: top, a, a/b, and c<i>, c<i>/d for each i
    assert.equal(reads.size, 3 + 2 * 100, 'each folder looked up once');
    for (const { i, chain } of chains) {
      const prints = chain.flatMap((r) => [...(r.fingerprints ?? [])]);
      assert.deepEqual(prints, i < 0 ? ['stg1:toplevel'] : ['stg1:toplevel', 'stg1:nested'], `chain ${i}`);
    }
  });

  it('a history path under a folder that is now a repository of its own still gets the top-level ignore file', () => {
    fs.mkdirSync(path.join(top, 'a', 'b', 'sub', '.git'), { recursive: true });
    const chain = toolRules(top)('a/b/sub/old.ts');
    assert.deepEqual(chain.flatMap((r) => [...(r.fingerprints ?? [])]), ['stg1:toplevel', 'stg1:nested']);
  });

  it('no repository top: no rules', () => {
    assert.deepEqual(toolRules(undefined)('a/x.ts'), []);
  });
});
