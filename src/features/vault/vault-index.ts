// Which entries the vault lists, from what globalState holds: the entry keys (this build's index),
// the old single-array index (what builds before it read and write), and the ids removed. Pure, so
// it is tested in plain Node (test/unit/vault-index.test.ts).
//
// The old array is kept written in step with the entry keys, so a window still on an old build, or
// a downgrade, sees the vault as it is. An entry only the old array holds was added by such a window
// and is listed. A removed id is remembered (ids are random and never reused), so neither an old
// window's stale array nor an update that raced the removal in another window brings it back.
import type { StoredToken } from './token-store';

/** What is stored under an entry key: the facts plus the position in the list (order added). */
export type EntryRecord = StoredToken & { seq?: number };

/** The old single-array index, as builds before the entry keys read and write it. */
export interface IndexV1 {
  version: 1;
  tokens: StoredToken[];
}

/** How many removed ids are remembered: enough for any window's stale view, bounded all the same. */
export const REMOVED_IDS_KEPT = 500;

/**
 * A copy of the facts without the record's bookkeeping (seq) and without the old global
 * `exposeToTerminal` flag: terminal exposure is per workspace now (terminal-env/exposure.ts).
 */
export function publicFacts(r: EntryRecord): StoredToken {
  const facts: EntryRecord & { exposeToTerminal?: unknown } = { ...r };
  delete facts.seq;
  delete facts.exposeToTerminal;
  return facts;
}

export function isStoredToken(x: unknown): x is StoredToken {
  const t = x as StoredToken;
  return !!t && typeof t.id === 'string' && typeof t.fingerprint === 'string' && typeof t.label === 'string';
}

/** The old array's entries, whatever the stored value is (missing or malformed: none). */
export function legacyEntries(raw: unknown): StoredToken[] {
  if (raw && typeof raw === 'object' && Array.isArray((raw as IndexV1).tokens)) return (raw as IndexV1).tokens.filter(isStoredToken).map(publicFacts);
  return [];
}

/** The remembered removed ids, whatever the stored value is. */
export function removedIds(raw: unknown): Set<string> {
  return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
}

/** The list to remember after removing `id`: the newest REMOVED_IDS_KEPT, each once. */
export function withRemoved(raw: unknown, id: string): string[] {
  const ids = [...removedIds(raw)].filter((x) => x !== id);
  ids.push(id);
  return ids.slice(-REMOVED_IDS_KEPT);
}

/**
 * The vault's list: the entry records in the order added, then the old array's entries no record
 * holds (added by an old build, in its order); never a removed id.
 */
export function visibleEntries(records: readonly EntryRecord[], legacy: readonly StoredToken[], removed: ReadonlySet<string>): StoredToken[] {
  const live = records.filter((r) => !removed.has(r.id));
  live.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
  const out = live.map(publicFacts);
  const ids = new Set(out.map((t) => t.id));
  for (const t of legacy) {
    if (ids.has(t.id) || removed.has(t.id)) continue;
    ids.add(t.id);
    out.push(t);
  }
  return out;
}

/** The old array for a list, so an old build sees the same vault. */
export function legacyIndexOf(list: readonly StoredToken[]): IndexV1 {
  return { version: 1, tokens: list.map((t) => ({ ...t })) };
}

/** Whether the stored old array already says the same (so nothing is written). */
export function sameLegacyIndex(raw: unknown, list: readonly StoredToken[]): boolean {
  return raw !== undefined && JSON.stringify(raw) === JSON.stringify(legacyIndexOf(list));
}
