// The pure parts of src/core/git: cat-file --batch output parsed however the pipe splits it, NUL
// lists, and revision arguments that can never be taken as options.
import * as assert from 'node:assert/strict';
import { batchParser, revArgs, type Blob } from '../../src/core/git/objects';
import { splitNul } from '../../src/core/git/repo';

function batchOutput(objects: { oid: string; type: string; rest: string; data: Buffer }[]): Buffer {
  return Buffer.concat(objects.flatMap((o) => [Buffer.from(`${o.oid} ${o.type} ${o.data.length} ${o.rest}\n`), o.data, Buffer.from('\n')]));
}

describe('git objects: the cat-file --batch parser', () => {
  const a = { oid: 'a'.repeat(40), type: 'blob', rest: 'src/a b.ts', data: Buffer.from('line one\nline two\n') };
  const b = { oid: 'b'.repeat(40), type: 'blob', rest: 'big.bin', data: Buffer.alloc(300, 0x41) };
  const c = { oid: 'c'.repeat(40), type: 'blob', rest: 'empty', data: Buffer.alloc(0) };
  const out = batchOutput([a, b, c]);

  it('gives the same blobs whatever the chunk boundaries, and passes over oversized ones', () => {
    for (let cut = 0; cut <= out.length; cut++) {
      for (const step of [1, 7, out.length]) {
        const got: Blob[] = [];
        const p = batchParser(100, (x) => got.push(x));
        p.push(out.subarray(0, cut));
        for (let i = cut; i < out.length; i += step) p.push(out.subarray(i, Math.min(out.length, i + step)));
        assert.equal(p.error(), undefined, `cut ${cut} step ${step}`);
        assert.deepEqual(
          got.map((x) => [x.oid[0], x.path, x.size, x.data?.toString()]),
          [
            ['a', 'src/a b.ts', a.data.length, a.data.toString()],
            ['b', 'big.bin', 300, undefined],
            ['c', 'empty', 0, ''],
          ],
          `cut ${cut} step ${step}`,
        );
      }
    }
  });

  it('reports a missing object and output that ends inside an object', () => {
    const missing = batchParser(100, () => undefined);
    missing.push(Buffer.from(`${'d'.repeat(40)} missing\n`));
    assert.match(String(missing.error()?.message), /missing or corrupt object/);
    const cut = batchParser(100, () => undefined);
    cut.push(out.subarray(0, 60));
    assert.match(String(cut.error()?.message), /ended in the middle/);
  });
});

describe('git objects: helpers', () => {
  it('splitNul keeps empty fields and drops only the trailing terminator', () => {
    assert.deepEqual(splitNul(Buffer.from('a\0\0b\0')).map(String), ['a', '', 'b']);
    assert.deepEqual(splitNul(Buffer.from('a\0b')).map(String), ['a', 'b']);
    assert.deepEqual(splitNul(Buffer.alloc(0)), []);
  });

  it('revArgs: every ref and HEAD by default, --end-of-options before revisions, options refused', () => {
    assert.deepEqual(revArgs({ revs: [] }), ['--all', '--end-of-options', 'HEAD']);
    assert.deepEqual(revArgs({ revs: [], head: false }), ['--all', '--end-of-options']);
    assert.deepEqual(revArgs({ revs: ['main', 'v1..v2'], since: '2026-01-01' }), ['--since=2026-01-01', '--end-of-options', 'main', 'v1..v2']);
    assert.throws(() => revArgs({ revs: ['--output=/tmp/x'] }), /not a revision/);
  });
});
