// The vault with more than one window writing, in the real extension host: two TokenStores over the
// same storage (see test/support/windows.ts for what VS Code shares between windows and how), the
// migration from the old single-array index, and which changes a window announces.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ENTRY_PREFIX, INDEX_KEY, secretKey, TokenStore, type StoredToken } from '../../src/features/vault/token-store';
import { fingerprint } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import { Tokens } from './editor-helpers';
import { activateExtension } from './helpers';
import { settle, SharedMemento, SharedSecrets } from '../support/windows';

const tokens = new Tokens(20261201);

suite('Vault windows: concurrent writers merge', () => {
  const open: TokenStore[] = [];
  function store(secrets: vscode.SecretStorage, state: vscode.Memento): TokenStore {
    const s = new TokenStore(secrets, state);
    open.push(s);
    return s;
  }
  /** Two windows of one profile: one keyring, one globalState seen through two copies. */
  function twoWindows() {
    const keyring = new SharedSecrets();
    const state = new SharedMemento();
    return { keyring, state, a: store(keyring.window(), state.window()), b: store(keyring.window(), state.window()) };
  }
  teardown(() => {
    for (const s of open.splice(0)) s.dispose();
  });

  /** Every secret has an entry and every entry its secret, in this window's view. */
  function assertNoOrphans(where: string, s: TokenStore, keyring: SharedSecrets): void {
    const ids = new Set(s.list().map((t) => t.id));
    for (const key of keyring.values.keys()) {
      assert.ok(ids.has(key.slice('slackTokenGuard.token.'.length)), `${where}: a secret without an entry (orphaned)`);
    }
    for (const t of s.list()) {
      const secret = keyring.values.get(secretKey(t.id));
      assert.ok(secret, `${where}: ${t.label} has its secret`);
      assert.equal(fingerprint(secret), t.fingerprint, `${where}: ${t.label}'s secret is its token`);
    }
  }

  for (const order of ['adder delivers first', 'tester delivers first'] as const) {
    test(`one window adds while the other runs Test All: nothing vanishes, no secret orphaned (${order})`, async () => {
      const { keyring, state, a, b } = twoWindows();
      const first = await a.add({ token: tokens.make('bot'), label: 'one' });
      const second = await a.add({ token: tokens.make('user'), label: 'two' });
      state.deliver();
      await settle();
      assert.deepEqual(b.list().map((t) => t.id), [first.id, second.id], 'the other window sees both');

      // At once: window A adds a third token; window B checks every token it knows (Test All:
      // read the secret, record the status), each window writing to its own copy of globalState.
      const checkedAt = '2026-12-01T12:00:00.000Z';
      const testAll = async () => {
        for (const t of b.list()) {
          assert.ok(await b.getSecret(t.id));
          await b.update(t.id, { status: 'valid', statusDetail: 'checked', checkedAt });
        }
      };
      const [third] = await Promise.all([a.add({ token: tokens.make('bot'), label: 'three' }), testAll()]);
      await settle();
      if (order === 'adder delivers first') state.deliver();
      else {
        // B's writes reach A only after A's own write was made: deliver() keeps the order of writes,
        // so run B's check again after A's add to make B's the later writes.
        await testAll();
        state.deliver();
      }
      await settle();

      for (const [name, s] of [['window A', a], ['window B', b]] as const) {
        const list = s.list();
        assert.deepEqual(list.map((t) => t.id), [first.id, second.id, third.id], `${name}: every entry, in the order added`);
        assert.deepEqual(list.map((t) => t.status), ['valid', 'valid', 'unchecked'], `${name}: Test All's results kept`);
        assert.equal(list[0].checkedAt, checkedAt);
        assertNoOrphans(name, s, keyring);
      }
      // The other window's add reaches B through Secret Storage's change event and the shared facts.
      assert.equal(b.get(third.id)?.label, 'three');
    });
  }

  test('a removal in one window and a status update in the other: the removed entry stays removed, the rest stays', async () => {
    const { keyring, state, a, b } = twoWindows();
    const keep = await a.add({ token: tokens.make('bot'), label: 'keep' });
    const gone = await a.add({ token: tokens.make('bot'), label: 'gone' });
    state.deliver();
    await Promise.all([a.remove(gone.id), b.update(keep.id, { status: 'valid' })]);
    state.deliver();
    await settle();
    for (const s of [a, b]) {
      assert.deepEqual(s.list().map((t) => [t.id, t.status]), [[keep.id, 'valid']]);
      assertNoOrphans('after remove', s, keyring);
    }
  });

  test('reconciliation never drops an entry whose secret exists, even when the event comes before the facts', async () => {
    const { keyring, state, a, b } = twoWindows();
    const t = await a.add({ token: tokens.make('bot'), label: 'early event' });
    await settle(); // B hears of the secret before A's facts reach it
    assert.equal(b.get(t.id), undefined);
    assert.equal(await b.repair(), 0, 'nothing dropped');
    state.deliver();
    assert.equal(b.get(t.id)?.label, 'early event');
    assert.equal(await b.repair(), 0);
    assert.equal(await a.repair(), 0);
    assertNoOrphans('window A', a, keyring);
    // A secret that really went away takes its entry with it, in both windows.
    await keyring.window().delete(secretKey(t.id));
    await settle();
    state.deliver();
    assert.equal(a.get(t.id), undefined);
    assert.equal(b.get(t.id), undefined);
  });

  test('the old single-array index is migrated: read, written one key per entry, removed; order and facts kept', async () => {
    const keyring = new SharedSecrets();
    const values = [tokens.make('bot'), tokens.make('user'), tokens.make('bot')];
    const old: StoredToken[] = values.map((v, i) => ({
      id: `old-${i}`,
      label: `legacy ${i}`,
      kind: i === 1 ? 'user' : 'bot',
      fingerprint: fingerprint(v),
      masked: mask(v),
      endpoint: 'https://slack.com/api/',
      status: i === 0 ? 'valid' : 'unchecked',
      addedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    }));
    for (const [i, v] of values.entries()) keyring.values.set(secretKey(old[i].id), v);
    const state = new SharedMemento();
    const seed = new Map<string, unknown>([[INDEX_KEY, { version: 1, tokens: old }]]);
    // Two windows start at once, both seeing the old index.
    const wa = state.window(seed);
    const wb = state.window(seed);
    const a = store(keyring.window(), wa);
    const b = store(keyring.window(), wb);
    assert.deepEqual(a.list(), old, 'usable before the migration has run');
    await Promise.all([a.ready, b.ready]);
    state.deliver();
    for (const [s, memento] of [
      [a, wa],
      [b, wb],
    ] as const) {
      assert.deepEqual(s.list(), old, 'every entry, in the old order, with its facts');
      assert.equal(memento.get(INDEX_KEY), undefined, 'the old index is removed');
      assert.deepEqual(
        memento.keys().filter((k) => k.startsWith('slackTokenGuard.')).sort(),
        old.map((t) => ENTRY_PREFIX + t.id).sort(),
        'one key per entry, nothing else',
      );
      assertNoOrphans('migrated', s, keyring);
    }
    const added = await a.add({ token: tokens.make('bot'), label: 'after migration' });
    assert.equal(a.list().at(-1)?.id, added.id, 'a new entry comes after the migrated ones');
    tokens.assertAbsent(state.dump(), 'globalState');
  });

  test("a window announces its own writes once, and another window's writes too", async () => {
    const { state, a, b } = twoWindows();
    let inA = 0;
    let inB = 0;
    a.onDidChange(() => inA++);
    b.onDidChange(() => inB++);
    const t = await a.add({ token: tokens.make('bot'), label: 'echo' });
    state.deliver();
    await settle();
    assert.equal(inA, 1, "A's own add: one change event, not a second one for the echo of its own write");
    assert.equal(inB, 1, "B hears of A's add");
    await a.remove(t.id);
    state.deliver();
    await settle();
    assert.equal(inA, 2, "A's own remove: one event");
    assert.equal(inB, 2, "B hears of A's remove");
  });

  test('the extension host\'s own globalState holds one key per entry and no old index', async () => {
    const api = await activateExtension();
    assert.ok(api, 'the test-mode API');
    const t = await api.tokenStore.add({ token: tokens.make('bot'), label: 'host entry' });
    try {
      assert.ok(api.globalState.keys().includes(ENTRY_PREFIX + t.id));
      assert.ok(!api.globalState.keys().includes(INDEX_KEY));
      tokens.assertAbsent(JSON.stringify(api.globalState.keys().map((k) => api.globalState.get(k))), 'globalState');
    } finally {
      await api.tokenStore.remove(t.id);
    }
  });
});
