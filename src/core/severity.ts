// How serious a finding is, in one place: the Problems panel, the Findings view and SARIF levels
// all start from this classification (the editor lets settings change the severity of each class).
import type { Finding, KindId } from './detect/types';

/** Kinds that act as a person: a leak is as bad as handing out their account. */
const USER_POWER: ReadonlySet<KindId> = new Set<KindId>(['user', 'user-short', 'legacy-session', 'client', 'cookie']);

/** The three classes behind `slackTokenGuard.diagnostics.severity.{legacy,default,lowConfidence}`. */
export type SeverityClass = 'legacy' | 'default' | 'lowConfidence';

/** Low confidence first (it may not be a token at all), then legacy and user-power, then the rest. */
export function severityClass(f: Pick<Finding, 'kind' | 'confidence' | 'legacy'>): SeverityClass {
  if (f.confidence === 'low') return 'lowConfidence';
  if (f.legacy || USER_POWER.has(f.kind)) return 'legacy';
  return 'default';
}

/** Each class's severity when the settings are left alone (the settings' defaults in package.json). */
export const DEFAULT_SEVERITY: Readonly<Record<SeverityClass, 'error' | 'warning' | 'information'>> = Object.freeze({
  legacy: 'error',
  default: 'warning',
  lowConfidence: 'information',
});
