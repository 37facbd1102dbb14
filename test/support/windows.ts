// Several VS Code windows over one profile's storage, for tests of what the vault and the terminal
// exposure do when more than one window writes. What VS Code shares, and how:
// - globalState is one store per extension, but every window reads and writes its own copy; another
//   window's write reaches this copy later. `deliver()` hands the pending writes over, in the order
//   they were made (the test decides when, so nothing depends on timing).
// - SecretStorage is the OS keyring: every window reads it directly, and onDidChange fires in every
//   window (the writer's included) after a store or delete.
// - workspaceState is per workspace: a window of another folder has a store of its own.
import type * as vscode from 'vscode';

type Listener = (e: vscode.SecretStorageChangeEvent) => unknown;

export class SharedSecrets {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<Listener>();

  /** One window's view: same keyring, its own subscription. */
  window(): vscode.SecretStorage {
    return {
      get: async (key) => this.values.get(key),
      store: async (key, value) => {
        this.values.set(key, value);
        this.fire(key);
      },
      delete: async (key) => {
        this.values.delete(key);
        this.fire(key);
      },
      keys: async () => [...this.values.keys()],
      onDidChange: (listener: Listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    } as vscode.SecretStorage;
  }

  private fire(key: string): void {
    // Like VS Code: the event comes after the write has completed, not inside it.
    setImmediate(() => {
      for (const l of [...this.listeners]) l({ key });
    });
  }
}

export class SharedMemento {
  private readonly copies: Map<string, unknown>[] = [];
  private readonly pending: { from: number; key: string; value: unknown }[] = [];

  /** A window's copy, starting from what every other window has delivered so far. */
  window(seed?: Map<string, unknown>): vscode.Memento {
    const me = this.copies.length;
    const copy = new Map<string, unknown>(seed ?? this.copies[0] ?? []);
    this.copies.push(copy);
    return {
      keys: () => [...copy.keys()],
      get: <T>(key: string, dflt?: T) => (copy.has(key) ? (structuredClone(copy.get(key)) as T) : dflt),
      update: async (key: string, value: unknown) => {
        if (value === undefined) copy.delete(key);
        else copy.set(key, structuredClone(value));
        this.pending.push({ from: me, key, value: structuredClone(value) });
      },
    } as vscode.Memento;
  }

  /** Hands every window's pending writes to the other windows, in the order they were made. */
  deliver(): void {
    for (const { from, key, value } of this.pending.splice(0)) {
      for (const [i, copy] of this.copies.entries()) {
        if (i === from) continue;
        if (value === undefined) copy.delete(key);
        else copy.set(key, structuredClone(value));
      }
    }
  }

  /** Every value in every copy, as JSON (to look for leaks). */
  dump(): string {
    return JSON.stringify(this.copies.map((c) => [...c.entries()]));
  }
}

/** Lets queued events and the work they start run to the end (counts turns, not time). */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}
