import * as assert from 'node:assert/strict';
import type { StoredToken } from '../../src/features/vault/token-store';
import { legacyEntries, legacyIndexOf, REMOVED_IDS_KEPT, removedIds, sameLegacyIndex, visibleEntries, withRemoved, type EntryRecord } from '../../src/features/vault/vault-index';

function entry(id: string, seq?: number, extra: Partial<StoredToken> = {}): EntryRecord {
  return { id, label: `label ${id}`, kind: 'bot', fingerprint: `fp-${id}`, masked: 'xoxb-…0000', endpoint: 'https://slack.com/api/', status: 'unchecked', addedAt: `2026-01-01T00:00:0${seq ?? 0}.000Z`, ...extra, ...(seq === undefined ? {} : { seq }) };
}
const ids = (list: StoredToken[]) => list.map((t) => t.id);

describe('vault index: entry keys, the old array kept in step, removed ids', () => {
  it('lists the entry records in the order added, then what only the old array holds (an old build added it)', () => {
    const list = visibleEntries([entry('b', 1), entry('a', 0)], [entry('a'), entry('old-add'), entry('b')], new Set());
    assert.deepEqual(ids(list), ['a', 'b', 'old-add']);
    assert.ok(list.every((t) => !('seq' in t)), 'no bookkeeping in the facts');
  });

  it('an entry record wins over the old array’s copy of the same id (the array may be stale)', () => {
    const list = visibleEntries([entry('a', 0, { status: 'valid' })], [entry('a', undefined, { status: 'unchecked' })], new Set());
    assert.equal(list[0].status, 'valid');
  });

  it('a removed id is never listed: not from a stale old array, not from an entry key a racing update wrote back', () => {
    const removed = new Set(['gone']);
    assert.deepEqual(ids(visibleEntries([entry('keep', 0)], [entry('keep'), entry('gone')], removed)), ['keep'], 'stale old array');
    assert.deepEqual(ids(visibleEntries([entry('keep', 0), entry('gone', 1)], [], removed)), ['keep'], 'ghost entry key');
  });

  it('the old array is written as the old build reads it, and only when it differs', () => {
    const list = visibleEntries([entry('a', 0), entry('b', 1)], [], new Set());
    const index = legacyIndexOf(list);
    assert.equal(index.version, 1);
    assert.deepEqual(legacyEntries(index), list, 'an old build reads back the same vault');
    assert.ok(sameLegacyIndex(JSON.parse(JSON.stringify(index)), list));
    assert.ok(!sameLegacyIndex(index, list.slice(1)));
    assert.ok(!sameLegacyIndex(undefined, []), 'missing is not the same (a downgrade needs it)');
  });

  it('reads a missing or malformed old array or removed list as empty', () => {
    for (const raw of [undefined, null, 'x', 3, {}, { tokens: 'no' }]) assert.deepEqual(legacyEntries(raw), []);
    assert.deepEqual(legacyEntries({ version: 1, tokens: [entry('a'), { id: 1 }, null] }).map((t) => t.id), ['a']);
    for (const raw of [undefined, 'x', { a: 1 }]) assert.equal(removedIds(raw).size, 0);
    assert.deepEqual([...removedIds(['a', 2, 'b'])], ['a', 'b']);
  });

  it('remembers removed ids once each, the newest REMOVED_IDS_KEPT of them', () => {
    assert.deepEqual(withRemoved(['a', 'b'], 'a'), ['b', 'a']);
    let list: string[] = [];
    for (let i = 0; i < REMOVED_IDS_KEPT + 10; i++) list = withRemoved(list, `id-${i}`);
    assert.equal(list.length, REMOVED_IDS_KEPT);
    assert.equal(list[0], 'id-10');
    assert.equal(list.at(-1), `id-${REMOVED_IDS_KEPT + 9}`);
  });
});
