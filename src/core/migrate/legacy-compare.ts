// The over-privilege made visible: what a legacy token's scopes allow (from auth.test) beside the
// granular scopes the code needs, using Slack's legacy scope replacements.
import { LEGACY_SCOPE_REPLACEMENTS, LEGACY_SCOPES, type LegacyScope } from '../slack/legacy-scopes';
import type { MigrationPlan } from './plan';

export interface LegacyRow {
  legacy: LegacyScope;
  meaning: string;
  /** The granular scopes it stood for that the code needs. */
  needed: string[];
  /** The granular scopes it stood for that the code does not need: what the migration drops. */
  dropped: string[];
}

export interface LegacyComparison {
  rows: LegacyRow[];
  /** Scopes the token holds that are not legacy scopes. */
  otherHeld: string[];
  /** Needed scopes no legacy scope stood for (commands, app_mentions:read…): new with the app. */
  newWithApp: string[];
  /** How many granular scopes the legacy scopes stand for, against how many the code needs. */
  legacyBreadth: number;
  needed: number;
}

const base = (s: string) => s.replace(/ \(.*\)$/, '');

export function compareWithLegacy(heldScopes: readonly string[], plan: MigrationPlan): LegacyComparison {
  const needed = new Set(plan.scopes.map((s) => s.scope));
  const held = LEGACY_SCOPES.filter((s) => heldScopes.includes(s));
  const covered = new Set<string>();
  const breadth = new Set<string>();
  const rows = held.map((legacy) => {
    const r = LEGACY_SCOPE_REPLACEMENTS[legacy];
    const repl = r.replacements.map(base);
    for (const s of repl) breadth.add(s);
    const rowNeeded = repl.filter((s) => needed.has(s));
    for (const s of rowNeeded) covered.add(s);
    return { legacy, meaning: r.meaning, needed: rowNeeded, dropped: repl.filter((s) => !needed.has(s)) };
  });
  return {
    rows,
    otherHeld: heldScopes.filter((s) => !(LEGACY_SCOPES as readonly string[]).includes(s)),
    newWithApp: [...needed].filter((s) => !covered.has(s)).sort(),
    legacyBreadth: breadth.size,
    needed: needed.size,
  };
}
