// The vault with more than one window writing, in the real extension host: two TokenStores over the
// same storage (see test/support/windows.ts for what VS Code shares between windows and how), the
// migration from the old single-array index, and which changes a window announces.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ENTRY_PREFIX, INDEX_KEY, REMOVED_KEY, secretKey, TokenStore, type StoredToken } from '../../src/features/vault/token-store';
import { legacyEntries } from '../../src/features/vault/vault-index';
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

  test('the old single-array index is migrated: read, written one key per entry, and kept; order and facts kept', async () => {
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
      assert.deepEqual(legacyEntries(memento.get(INDEX_KEY)), old, 'the old index stays, for a window on an old build or a downgrade');
      assert.deepEqual(
        memento.keys().filter((k) => k.startsWith('slackTokenGuard.')).sort(),
        [...old.map((t) => ENTRY_PREFIX + t.id), INDEX_KEY].sort(),
        'one key per entry and the old index, nothing else',
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

  test('the extension host\'s own globalState holds one key per entry and the old index in step', async () => {
    const api = await activateExtension();
    assert.ok(api, 'the test-mode API');
    const t = await api.tokenStore.add({ token: tokens.make('bot'), label: 'host entry' });
    try {
      assert.ok(api.globalState.keys().includes(ENTRY_PREFIX + t.id));
      assert.deepEqual(legacyEntries(api.globalState.get(INDEX_KEY)), api.tokenStore.list(), 'what an old build would list');
      tokens.assertAbsent(JSON.stringify(api.globalState.keys().map((k) => api.globalState.get(k))), 'globalState');
    } finally {
      await api.tokenStore.remove(t.id);
    }
    assert.ok(!legacyEntries(api.globalState.get(INDEX_KEY)).some((x) => x.id === t.id), 'removed from the old index too');
  });

  /** What a window on a build before the entry keys lists: the old array, nothing else. */
  const oldBuildList = (memento: vscode.Memento) => legacyEntries(memento.get(INDEX_KEY)).map((t) => [t.id, t.label, t.status]);

  test('a downgrade, or a window still on the old build, sees the vault as it is: adds, updates and removes kept in step', async () => {
    const keyring = new SharedSecrets();
    const state = new SharedMemento();
    const mine = state.window();
    const a = store(keyring.window(), mine);
    await a.ready;
    const one = await a.add({ token: tokens.make('bot'), label: 'one' });
    const two = await a.add({ token: tokens.make('user'), label: 'two' });
    await a.update(one.id, { status: 'valid' });
    await a.remove(two.id);
    assert.deepEqual(oldBuildList(mine), [[one.id, 'one', 'valid']], 'the old build lists what this one does, not an empty vault, not the removed entry');
    // The old build in another window: its copy (delivered) shows the same; it adds one of its own.
    const oldWindow = state.window();
    state.deliver();
    assert.deepEqual(oldBuildList(oldWindow), [[one.id, 'one', 'valid']]);
    const oldAdd = { ...one, id: 'old-build-add', label: 'added by the old build', status: 'unchecked' as const };
    keyring.values.set(secretKey(oldAdd.id), tokens.make('bot'));
    await oldWindow.update(INDEX_KEY, { version: 1, tokens: [...legacyEntries(oldWindow.get(INDEX_KEY)), oldAdd] });
    state.deliver();
    assert.deepEqual(a.list().map((t) => t.label), ['one', 'added by the old build'], 'what the old build added is listed');
    // This build changes the old build's entry: both keep seeing it.
    await a.update(oldAdd.id, { label: 'renamed here' });
    assert.deepEqual(oldBuildList(mine).map(([, label]) => label), ['one', 'renamed here']);
    tokens.assertAbsent(state.dump(), 'globalState');
  });

  test('an old build’s stale array does not bring a removed entry back', async () => {
    const { keyring, state, a, b } = twoWindows();
    const keep = await a.add({ token: tokens.make('bot'), label: 'keep' });
    const gone = await a.add({ token: tokens.make('bot'), label: 'gone' });
    state.deliver();
    const stale = b.list();
    await a.remove(gone.id);
    // A window on the old build, which had not heard of the removal, writes its whole array back.
    const oldWindow = state.window();
    await oldWindow.update(INDEX_KEY, { version: 1, tokens: stale });
    state.deliver();
    await settle();
    for (const s of [a, b]) {
      assert.deepEqual(s.list().map((t) => t.id), [keep.id], 'the removed entry stays removed');
      assert.equal(s.get(gone.id), undefined);
      assertNoOrphans('after the stale write', s, keyring);
    }
  });

  test('a token removed in a window on the previous build (entry keys, old array untouched) does not come back on the next start', async () => {
    const keyring = new SharedSecrets();
    const state = new SharedMemento();
    const a = store(keyring.window(), state.window());
    await a.ready;
    const keep = await a.add({ token: tokens.make('bot'), label: 'keep' });
    const gone = await a.add({ token: tokens.make('bot'), label: 'gone' });
    a.dispose(); // this build's window closes; only the previous build's window is left
    const previous = state.window();
    state.deliver();
    // The previous build removes a token: its secret, then its entry key; it neither reads nor
    // writes the old array nor the removed ids.
    keyring.values.delete(secretKey(gone.id));
    await previous.update(ENTRY_PREFIX + gone.id, undefined);
    state.deliver();
    assert.ok(legacyEntries(previous.get(INDEX_KEY)).some((t) => t.id === gone.id), 'the old array still holds it (the bug needs this)');
    // This build starts again.
    const mine = state.window();
    const c = store(keyring.window(), mine);
    await c.ready;
    state.deliver();
    for (const [name, memento] of [
      ['this build', mine],
      ['the previous build', previous],
    ] as const) {
      assert.ok(!memento.keys().includes(ENTRY_PREFIX + gone.id), `${name}: no entry key written again for a token with no secret`);
      assert.deepEqual(legacyEntries(memento.get(INDEX_KEY)).map((t) => t.id), [keep.id], `${name}: the old array no longer lists it`);
      assert.ok((memento.get<string[]>(REMOVED_KEY) ?? []).includes(gone.id), `${name}: remembered as removed`);
    }
    assert.deepEqual(c.list().map((t) => t.id), [keep.id], 'listed: only the token that has its secret');
    assertNoOrphans('after the restart', c, keyring);
    // And on the start after that, still gone.
    const d = store(keyring.window(), state.window());
    await d.ready;
    assert.deepEqual(d.list().map((t) => t.id), [keep.id]);
  });

  test('an update racing a remove in another window leaves no ghost entry, in either window, before any event is heard', async () => {
    const { keyring, state, a, b } = twoWindows();
    const keep = await a.add({ token: tokens.make('bot'), label: 'keep' });
    const raced = await a.add({ token: tokens.make('bot'), label: 'raced' });
    state.deliver();
    await settle();
    // B removes; A, which has not heard of it yet (nothing delivered, no event), finishes a Test.
    await b.remove(raced.id);
    await assert.rejects(a.update(raced.id, { status: 'valid' }), /no longer in the vault/);
    state.deliver();
    for (const [name, s] of [['A', a], ['B', b]] as const) {
      assert.deepEqual(s.list().map((t) => t.id), [keep.id], `${name}: no ghost entry`);
    }
    await settle();
    state.deliver();
    for (const s of [a, b]) {
      assert.deepEqual(s.list().map((t) => t.id), [keep.id]);
      assertNoOrphans('after the race', s, keyring);
    }
    assert.ok((state.window().get<string[]>(REMOVED_KEY) ?? []).includes(raced.id), 'the removed id is remembered (ids only)');
  });
});
