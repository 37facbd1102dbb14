// Lookups over the generated Slack API table (slack-api-data.ts): the scopes a Web API method needs
// per token type, the scopes an event needs, and the SDK spellings of method names (Python's
// `chat_postMessage`, Java's `chatPostMessage`).
import { EVENT_SCOPES, METHOD_SCOPES } from './slack-api-data';

export interface MethodInfo {
  /** Bot scopes when a bot token can call the method. */
  bot?: string[];
  /** User scopes when a user token can call the method. */
  user?: string[];
  /** App configuration token scopes (apps.manifest.*): not part of an app's manifest. */
  configuration?: string[];
  /** Slack's reference lists no scope for any token type. */
  noScope: boolean;
  deprecated: boolean;
}

const split = (s: string | undefined): string[] | undefined => (s === undefined ? undefined : s === '' ? [] : s.split(' '));
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** What Slack's reference says about a method, or undefined for a name it does not list. */
export function methodInfo(method: string): MethodInfo | undefined {
  if (!has(METHOD_SCOPES, method)) return undefined;
  const m = METHOD_SCOPES[method];
  return { bot: split(m.b), user: split(m.u), configuration: split(m.c), noScope: m.b === undefined && m.u === undefined && m.c === undefined && m.s === undefined, deprecated: m.d === 1 };
}

export function isKnownMethod(method: string): boolean {
  return has(METHOD_SCOPES, method);
}

export interface EventInfo {
  scopes: string[];
  /** false for events only the RTM API delivers (granular apps cannot subscribe to them). */
  eventsApi: boolean;
}

export function eventInfo(event: string): EventInfo | undefined {
  if (!has(EVENT_SCOPES, event)) return undefined;
  const [scopes, api] = EVENT_SCOPES[event];
  return { scopes: split(scopes) ?? [], eventsApi: api === 'e' };
}

/** The first segment of every method name: `chat`, `conversations`, `admin`… */
export const NAMESPACES: ReadonlySet<string> = new Set(Object.keys(METHOD_SCOPES).map((m) => m.slice(0, m.indexOf('.'))));

let pythonNames: Map<string, string> | undefined;
let javaNames: Map<string, string> | undefined;

/** `chat_postMessage` → `chat.postMessage` (slack_sdk's WebClient method names). */
export function methodFromPython(name: string): string | undefined {
  pythonNames ??= new Map(Object.keys(METHOD_SCOPES).map((m) => [m.replace(/\./g, '_'), m]));
  return pythonNames.get(name);
}

/** `chatPostMessage` → `chat.postMessage` (the Java SDK's MethodsClient names). */
export function methodFromJava(name: string): string | undefined {
  javaNames ??= new Map(Object.keys(METHOD_SCOPES).map((m) => [m.split('.').map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join(''), m]));
  return javaNames.get(name);
}

/**
 * SDK helpers that are not Web API methods but call some: `files.uploadV2` (every SDK) uploads
 * through files.getUploadURLExternal and files.completeUploadExternal.
 */
export const SDK_HELPERS: { readonly [helper: string]: readonly string[] } = {
  'files.uploadV2': ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};
