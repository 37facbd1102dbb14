// The API settings are read from user (global) values and defaults only: a workspace must never be
// able to redirect where tokens are sent, even if its settings.json names these keys.
import { COMMERCIAL_ENDPOINT, GOV_ENDPOINT, normalizeEndpoint } from '../../core/slack';
import { Settings } from '../ids';
import { readSetting } from '../settings';

export interface ApiSettings {
  /** Valid extra endpoints from the user-level setting, canonical form, deduplicated. */
  extraEndpoints: string[];
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_SECONDS = 10;

/** Only globalValue/defaultValue: workspace and folder values are ignored on purpose (USER_ONLY_SETTINGS). */
const userLevel = <T>(key: string): T | undefined => readSetting<T>(key);

export function readApiSettings(): ApiSettings {
  const rawEndpoints = userLevel<unknown>(Settings.extraEndpoints);
  const extraEndpoints: string[] = [];
  if (Array.isArray(rawEndpoints)) {
    for (const e of rawEndpoints) {
      if (typeof e !== 'string') continue;
      const r = normalizeEndpoint(e);
      if (r.ok && !extraEndpoints.includes(r.endpoint) && r.endpoint !== COMMERCIAL_ENDPOINT && r.endpoint !== GOV_ENDPOINT) {
        extraEndpoints.push(r.endpoint);
      }
    }
  }
  const rawTimeout = userLevel<unknown>(Settings.requestTimeoutSeconds);
  const seconds = typeof rawTimeout === 'number' && Number.isFinite(rawTimeout) ? Math.min(120, Math.max(1, rawTimeout)) : DEFAULT_TIMEOUT_SECONDS;
  return { extraEndpoints, timeoutMs: Math.round(seconds * 1000) };
}

/** Every endpoint tokens may be sent to right now: Slack, GovSlack, and the user-level extras. */
export function allowedEndpoints(): string[] {
  return [COMMERCIAL_ENDPOINT, GOV_ENDPOINT, ...readApiSettings().extraEndpoints];
}

export function isAllowedEndpoint(endpoint: string): boolean {
  const r = normalizeEndpoint(endpoint);
  return r.ok && allowedEndpoints().includes(r.endpoint);
}
