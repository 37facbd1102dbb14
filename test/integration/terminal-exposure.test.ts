// Terminal exposure per workspace, in the real extension host: a token exposed in this workspace is
// recorded in this workspace's state (never in the shared globalState), so a window of another
// workspace, over the same vault, puts nothing into its terminals; an untrusted workspace gets
// nothing until the user grants trust.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { ToggleResult } from '../../src/features/terminal-env';
import { EXPOSED_KEY, TerminalExposure, type EnvTarget } from '../../src/features/terminal-env/exposure';
import { ENTRY_PREFIX } from '../../src/features/vault/token-store';
import { editorApi, Tokens } from './editor-helpers';
import { waitFor } from './helpers';

const tokens = new Tokens(20261202);

/** A window's environment variable collection (the parts the exposure uses). */
class FakeCollection implements EnvTarget {
  readonly values = new Map<string, string>();
  description: string | vscode.MarkdownString | undefined;
  replace(variable: string, value: string): void {
    this.values.set(variable, value);
  }
  clear(): void {
    this.values.clear();
  }
}

/** Another workspace's (or this one's, seeded) workspaceState. */
function memento(seed: [string, unknown][] = []): vscode.Memento {
  const m = new Map<string, unknown>(seed);
  return {
    keys: () => [...m.keys()],
    get: <T>(key: string, dflt?: T) => (m.has(key) ? (m.get(key) as T) : dflt),
    update: async (key: string, value: unknown) => {
      if (value === undefined) m.delete(key);
      else m.set(key, value);
    },
  } as vscode.Memento;
}

suite('Terminal exposure per workspace', () => {
  let api: ExtensionTestApi;
  const open: vscode.Disposable[] = [];
  const never = new vscode.EventEmitter<void>();

  suiteSetup(async () => {
    api = await editorApi();
  });
  teardown(async () => {
    for (const d of open.splice(0)) d.dispose();
    for (const t of api.tokenStore.list()) if (t.label.startsWith('tx ')) await api.tokenStore.remove(t.id);
  });

  function window(workspaceState: vscode.Memento, trusted: () => boolean, onDidGrantTrust: vscode.Event<void> = never.event) {
    const collection = new FakeCollection();
    const exposure = new TerminalExposure({ store: api.tokenStore, workspaceState, collection, isTrusted: trusted, onDidGrantTrust });
    open.push(exposure);
    return { collection, exposure };
  }

  test('exposing records the id in this workspace only: another workspace\'s window gets nothing, this workspace\'s does', async () => {
    const value = tokens.make('bot');
    const t = await api.tokenStore.add({ token: value, label: 'tx here', envVar: 'TX_HERE_TOKEN' });
    const on = await vscode.commands.executeCommand<ToggleResult>(Commands.toggleTerminalEnv, t.id, { expose: true, quiet: true, confirm: true });
    assert.equal(on.exposed, true);
    await waitFor(() => api.editor.terminalEnvironment.get('TX_HERE_TOKEN')?.value === value, 10_000, 'this window gets the variable');

    assert.deepEqual(api.workspaceState.get(EXPOSED_KEY), [t.id], 'recorded in workspaceState, ids only');
    const facts = JSON.stringify(api.globalState.get(ENTRY_PREFIX + t.id));
    assert.ok(!/expose/i.test(facts), `no exposure fact in the shared globalState: ${facts}`);
    tokens.assertAbsent(JSON.stringify(api.workspaceState.keys().map((k) => api.workspaceState.get(k))), 'workspaceState');

    // Another window, of another workspace, over the same vault: nothing in its terminals.
    const other = window(memento(), () => true);
    await other.exposure.resync();
    assert.deepEqual([...other.collection.values.keys()], [], 'another workspace gets no exposed token');
    assert.equal(other.collection.description, undefined);
    // Another window of this same workspace (same workspaceState) does get it.
    const same = window(memento([[EXPOSED_KEY, api.workspaceState.get(EXPOSED_KEY)]]), () => true);
    await same.exposure.resync();
    assert.equal(same.collection.values.get('TX_HERE_TOKEN'), value);

    // Exposing in the other workspace is that workspace's record, and does not touch this one's.
    await other.exposure.setExposed(t.id, true);
    await other.exposure.setExposed(t.id, false);
    assert.deepEqual(api.workspaceState.get(EXPOSED_KEY), [t.id]);

    const off = await vscode.commands.executeCommand<ToggleResult>(Commands.toggleTerminalEnv, t.id, { quiet: true });
    assert.equal(off.exposed, false);
    await waitFor(() => api.editor.terminalEnvironment.get('TX_HERE_TOKEN') === undefined, 10_000, 'the variable removed');
    assert.deepEqual(api.workspaceState.get(EXPOSED_KEY), []);
  });

  test('an untrusted workspace gets no exposed token, and gets the recorded ones when trust is granted', async () => {
    const value = tokens.make('user');
    const t = await api.tokenStore.add({ token: value, label: 'tx restricted', envVar: 'TX_RESTRICTED_TOKEN' });
    let trusted = false;
    const grant = new vscode.EventEmitter<void>();
    open.push(grant);
    const w = window(memento([[EXPOSED_KEY, [t.id]]]), () => trusted, grant.event);
    await w.exposure.resync();
    assert.deepEqual([...w.collection.values.keys()], [], 'Restricted Mode: nothing, though the token is recorded');
    assert.equal(w.collection.description, undefined);
    // A vault change (another window adding a token) must not bring it in either.
    await api.tokenStore.add({ token: tokens.make('bot'), label: 'tx other' });
    await w.exposure.resync();
    assert.deepEqual([...w.collection.values.keys()], []);

    trusted = true;
    // The grant itself must bring it in: no resync() by the test.
    grant.fire();
    await waitFor(() => w.collection.values.get('TX_RESTRICTED_TOKEN') === value, 10_000, 'applied once the workspace is trusted');
  });
});
