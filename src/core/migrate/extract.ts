// What a program does with Slack, read from its text: the Web API methods it calls, the listeners
// it registers, Socket Mode and RTM. Text analysis only, nothing is executed. Every regular
// expression has bounded quantifiers and no nested repetition, so each match attempt does bounded
// work and a file costs time linear in its length whatever it holds.
import { positionsOf } from '../scan-file';
import { isKnownMethod, methodFromJava, methodFromPython, NAMESPACES, SDK_HELPERS } from './api-table';

export type ListenerKind = 'event' | 'message' | 'command' | 'shortcut' | 'action' | 'view' | 'options';

export type Usage =
  /** A Web API method the code calls; `via` names the SDK helper or Bolt function that calls it. */
  | { type: 'call'; method: string; via?: string }
  /** A method-shaped name Slack's reference does not list (a typo, a new or a retired method). */
  | { type: 'unknown-method'; name: string }
  /** A method chosen at run time (`client[method]()`, `apiCall(name)`): the plan cannot see it. */
  | { type: 'dynamic'; expression: string }
  /** `name`: the event, command or callback id when the code spells it out. */
  | { type: 'listener'; kind: ListenerKind; name?: string }
  | { type: 'socket-mode'; via: string }
  | { type: 'rtm'; via: string };

export type LocatedUsage = Usage & { line: number; column: number };

export type Language = 'js' | 'python' | 'java' | 'other' | 'docs';

export function languageOf(path: string): Language {
  const dot = path.lastIndexOf('.');
  const ext = dot > path.lastIndexOf('/') && dot > path.lastIndexOf('\\') ? path.slice(dot + 1).toLowerCase() : '';
  switch (ext) {
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
    case 'ts':
    case 'mts':
    case 'cts':
    case 'tsx':
      return 'js';
    case 'py':
    case 'pyi':
      return 'python';
    case 'java':
    case 'kt':
    case 'kts':
      return 'java';
    // Documentation shows example URLs; it calls nothing.
    case 'md':
    case 'markdown':
    case 'rst':
    case 'txt':
    case 'adoc':
      return 'docs';
    default:
      return 'other';
  }
}

interface Found {
  at: number;
  usage: Usage;
}

const RAW_HTTP = /https?:\/\/(?:[\w-]{1,63}\.){0,3}slack(?:-gov)?\.com\/api\/([A-Za-z][\w.]{0,80})?/g;
const SOCKET_MODE = /\bsocketMode\s{0,10}:\s{0,10}true\b|\b(?:Async)?SocketMode(?:Client|Handler|App)\b/g;
const RTM = /\bR(?:TM|tm)Client\b|\bslack\.rtm\s{0,4}\(|\bslack_sdk\.rtm(?:_v2)?\b/g;

const NS_ALTERNATION = [...NAMESPACES].sort().join('|');
/**
 * Where a Web API namespace follows a dot (`.chat.`, `?.users.`): the only places a method call
 * through a client can start. Searching for these first keeps the cost per file near one pass;
 * the receiver before and the method after are then read locally.
 */
const JS_NAMESPACE = new RegExp(String.raw`\??\.\s{0,4}(${NS_ALTERNATION})\s{0,4}\??\.\s{0,4}`, 'g');
/** The rest of the method name after the namespace, then `(`. */
const JS_METHOD_REST = /([A-Za-z_$][\w$]{0,60}(?:\s{0,4}\??\.\s{0,4}[A-Za-z_$][\w$]{0,60}){0,3})\s{0,10}\(/y;
/** `](`: where a computed member is called (`client[method](`, `client.chat[name](`). */
const INDEX_CALL = /\]\s{0,10}\(/g;
/** `apiCall('chat.postMessage'`, `api_call("x.y"`, `paginate('conversations.list'`. */
const API_CALL = /(?<![\w$])(apiCall|api_call|paginate)\s{0,10}\(\s{0,10}(?:(['"`])([A-Za-z][\w.]{0,80})\2|([^)\n]{1,80}))/g;
/** `.event('x'`, `.command("/x")`, `.message(`: a Bolt listener when the receiver is the app. */
const BOLT_LISTENER = /\.\s{0,4}(event|message|command|shortcut|action|view|options)\s{0,10}\(\s{0,10}(?:(['"`])([^'"`\n]{0,100})\2)?/g;
const SAY = /(?<![\w$.])say\s{0,10}\(/g;
const PY_METHOD = new RegExp(String.raw`\.\s{0,4}((?:${NS_ALTERNATION})_\w{1,80})\s{0,10}\(`, 'g');
const PY_GETATTR = /\bgetattr\s{0,4}\(\s{0,4}([\w.]{1,80})\s{0,4},\s{0,4}([^)\n]{1,80})\)/g;
const JAVA_METHOD = /\.\s{0,4}([a-z]{2,20}[A-Z]\w{0,80})\s{0,10}\(/g;
const JAVA_LISTENER =
  /(?<![\w$.])([A-Za-z_$][\w$]{0,30})\s{0,4}\.\s{0,4}(command|event|message|blockAction|blockSuggestion|globalShortcut|messageShortcut|viewSubmission|viewClosed|dialogSubmission|attachmentAction)\s{0,10}\(\s{0,10}(?:"([^"\n]{0,100})"|([A-Z]\w{0,80})\s{0,4}\.\s{0,4}class\b)?/g;
const JAVA_SAY = /\bctx\s{0,4}\.\s{0,4}say\s{0,10}\(/g;

/** A receiver that names a Slack client, so an unknown method on it is worth reporting. */
const CLIENTISH = /client|slack|web|bolt|bot/i;
const APPISH = /(?:^|[a-z_])app$|^bolt$/i;
const BOLT_MARKER = /@slack\/bolt|slack_bolt|com\.slack\.api\.bolt/;
/** A file that mentions none of these neither calls Slack nor registers a Bolt listener. */
const SLACK_MARKER = /slack|client|app\s{0,4}\.\s{0,4}(?:event|message|command|shortcut|action|view|options|blockAction|globalShortcut|messageShortcut|viewSubmission)\b/i;

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    yield m;
  }
}

const isIdent = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isSpace = (c: number) => c === 32 || c === 9;

/**
 * The dotted name that ends just before `end` (`client`, `this.web`, `app.client`; spaces and `?.`
 * allowed), read backwards: at most 7 names of 61 characters, so bounded work per call site.
 */
function receiverBefore(text: string, end: number): { start: number; name: string } | undefined {
  const parts: string[] = [];
  let i = end;
  let start = -1;
  for (let seg = 0; seg < 7; seg++) {
    let j = i;
    while (j > 0 && i - j < 4 && isSpace(text.charCodeAt(j - 1))) j--;
    let k = j;
    while (k > 0 && j - k < 61 && isIdent(text.charCodeAt(k - 1))) k--;
    if (k === j || (k > 0 && isIdent(text.charCodeAt(k - 1)))) break;
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) break;
    parts.unshift(text.slice(k, j));
    start = k;
    let d = k;
    while (d > 0 && k - d < 4 && isSpace(text.charCodeAt(d - 1))) d--;
    if (d === 0 || text.charCodeAt(d - 1) !== 46 /* . */) break;
    i = d - 1;
    if (i > 0 && text.charCodeAt(i - 1) === 63 /* ? */) i--;
  }
  return parts.length ? { start, name: parts.join('.') } : undefined;
}

function chainCall(chain: string): Usage | undefined {
  const parts = chain.replace(/\s|\?/g, '').split('.');
  for (let i = 1; i < parts.length; i++) {
    const name = parts.slice(i).join('.');
    if (isKnownMethod(name) || SDK_HELPERS[name]) return { type: 'call', method: name };
  }
  for (let i = 1; i < parts.length - 1; i++) {
    if (NAMESPACES.has(parts[i]) && parts.slice(0, i).some((p) => CLIENTISH.test(p))) return { type: 'unknown-method', name: parts.slice(i).join('.') };
  }
  return undefined;
}

const STRING_LITERAL = /^\s*(['"`])([A-Za-z][\w.]{0,80})\1\s*$/;

/** Bolt's listeners, the same in JavaScript and Python (`app.event(…)`, `@app.event(…)`); returns how many. */
function boltListeners(text: string, out: Found[]): number {
  let n = 0;
  for (const m of matches(BOLT_LISTENER, text)) {
    const recv = receiverBefore(text, m.index);
    if (!recv || recv.name.includes('.') || !APPISH.test(recv.name)) continue;
    const at = recv.start > 0 && text.charCodeAt(recv.start - 1) === 64 /* @ */ ? recv.start - 1 : recv.start;
    out.push({ at, usage: { type: 'listener', kind: m[1] as ListenerKind, name: m[3] || undefined } });
    n++;
  }
  return n;
}

/** `client.chat.postMessage(`, `web.conversations.history(`, `app.client.users.info(`. */
function jsMethodCalls(text: string, out: Found[]): void {
  for (const m of matches(JS_NAMESPACE, text)) {
    const recv = receiverBefore(text, m.index);
    if (!recv) continue;
    JS_METHOD_REST.lastIndex = m.index + m[0].length;
    const rest = JS_METHOD_REST.exec(text);
    if (!rest) continue;
    JS_NAMESPACE.lastIndex = rest.index + rest[1].length;
    const name = `${m[1]}.${rest[1].replace(/\s|\?/g, '')}`;
    if (isKnownMethod(name) || SDK_HELPERS[name]) out.push({ at: recv.start, usage: { type: 'call', method: name } });
    else if (CLIENTISH.test(recv.name)) out.push({ at: recv.start, usage: { type: 'unknown-method', name } });
  }
}

/** `client[method](` (dynamic), `client.chat['update'](` (a literal: mapped). */
function jsIndexCalls(text: string, out: Found[]): void {
  for (const m of matches(INDEX_CALL, text)) {
    const open = text.lastIndexOf('[', m.index);
    if (open < 0 || m.index - open > 81) continue;
    const inner = text.slice(open + 1, m.index);
    if (inner.includes('\n') || inner.includes(']') || inner.trim() === '') continue;
    const recv = receiverBefore(text, open);
    if (!recv || !CLIENTISH.test(recv.name)) continue;
    const lit = STRING_LITERAL.exec(inner);
    if (lit) {
      const u = chainCall(`${recv.name}.${lit[2]}`);
      if (u) out.push({ at: recv.start, usage: u });
    } else out.push({ at: recv.start, usage: { type: 'dynamic', expression: `${recv.name}[${inner.trim()}]` } });
  }
}

/** Bolt's say() posts with chat.postMessage; respond() uses the response URL and ack() answers Slack: neither needs a scope. */
function boltSay(text: string, out: Found[]): void {
  for (const m of matches(SAY, text)) out.push({ at: m.index, usage: { type: 'call', method: 'chat.postMessage', via: 'say()' } });
}

function extractJs(text: string, out: Found[]): void {
  const listeners = boltListeners(text, out);
  jsMethodCalls(text, out);
  jsIndexCalls(text, out);
  apiCalls(text, out);
  if (listeners > 0 || BOLT_MARKER.test(text)) boltSay(text, out);
}

function apiCalls(text: string, out: Found[]): void {
  for (const m of matches(API_CALL, text)) {
    if (m[3] !== undefined) {
      const method = m[3];
      out.push({ at: m.index, usage: isKnownMethod(method) ? { type: 'call', method, via: `${m[1]}()` } : { type: 'unknown-method', name: method } });
    } else if (m[4] !== undefined) {
      out.push({ at: m.index, usage: { type: 'dynamic', expression: `${m[1]}(${m[4].trim()})` } });
    }
  }
}

function extractPython(text: string, out: Found[]): void {
  const listeners = boltListeners(text, out);
  for (const m of matches(PY_METHOD, text)) {
    const recv = receiverBefore(text, m.index);
    if (!recv) continue;
    const name = m[1];
    if (name === 'files_upload_v2') {
      out.push({ at: recv.start, usage: { type: 'call', method: 'files.uploadV2' } });
      continue;
    }
    const method = methodFromPython(name);
    if (method) out.push({ at: recv.start, usage: { type: 'call', method } });
    else if (name !== 'api_call' && CLIENTISH.test(recv.name)) out.push({ at: recv.start, usage: { type: 'unknown-method', name: name.replace(/_/g, '.') } });
  }
  for (const m of matches(PY_GETATTR, text)) {
    if (CLIENTISH.test(m[1])) out.push({ at: m.index, usage: { type: 'dynamic', expression: `getattr(${m[1]}, ${m[2].trim()})` } });
  }
  apiCalls(text, out);
  if (listeners > 0 || BOLT_MARKER.test(text)) boltSay(text, out);
}

const JAVA_LISTENER_KIND: { readonly [k: string]: ListenerKind } = {
  command: 'command',
  event: 'event',
  message: 'message',
  blockAction: 'action',
  attachmentAction: 'action',
  blockSuggestion: 'options',
  globalShortcut: 'shortcut',
  messageShortcut: 'shortcut',
  viewSubmission: 'view',
  viewClosed: 'view',
  dialogSubmission: 'view',
};

/** `AppMentionEvent` → `app_mention`: the Java SDK names each event class after the event. */
export function eventFromJavaClass(cls: string): string {
  return cls
    .replace(/Event$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function extractJava(text: string, out: Found[]): void {
  for (const m of matches(JAVA_LISTENER, text)) {
    if (!APPISH.test(m[1])) continue;
    const kind = JAVA_LISTENER_KIND[m[2]];
    const name = kind === 'event' && m[4] !== undefined ? eventFromJavaClass(m[4]) : m[3] || undefined;
    out.push({ at: m.index, usage: { type: 'listener', kind, name } });
  }
  for (const m of matches(JAVA_METHOD, text)) {
    if (m[1] === 'filesUploadV2') {
      out.push({ at: m.index, usage: { type: 'call', method: 'files.uploadV2' } });
      continue;
    }
    const method = methodFromJava(m[1]);
    if (method) out.push({ at: m.index, usage: { type: 'call', method } });
  }
  for (const m of matches(JAVA_SAY, text)) out.push({ at: m.index, usage: { type: 'call', method: 'chat.postMessage', via: 'ctx.say()' } });
}

function extractRawHttp(text: string, out: Found[]): void {
  for (const m of matches(RAW_HTTP, text)) {
    const name = m[1]?.replace(/\.+$/, '');
    if (!name) {
      // "https://slack.com/api/" + method: built at run time.
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40).split(/[\n,;)]/)[0];
      out.push({ at: m.index, usage: { type: 'dynamic', expression: `${m[0]}${after.trim()}` } });
    } else if (isKnownMethod(name)) {
      out.push({ at: m.index, usage: { type: 'call', method: name, via: 'HTTP' } });
    } else {
      out.push({ at: m.index, usage: { type: 'unknown-method', name } });
    }
  }
}

/** Every Slack usage in one file's text, in text order, with 1-based lines and columns. */
export function extractUsage(path: string, text: string): LocatedUsage[] {
  const lang = languageOf(path);
  if (lang === 'docs') return [];
  // Cheap gates first: most files of a repository never mention Slack.
  if (!SLACK_MARKER.test(text)) return [];
  const found: Found[] = [];
  if (lang === 'js') extractJs(text, found);
  else if (lang === 'python') extractPython(text, found);
  else if (lang === 'java' && /slack/i.test(text)) extractJava(text, found);
  if (lang !== 'other') {
    for (const m of matches(SOCKET_MODE, text)) found.push({ at: m.index, usage: { type: 'socket-mode', via: m[0].replace(/\s+/g, ' ') } });
    for (const m of matches(RTM, text)) found.push({ at: m.index, usage: { type: 'rtm', via: m[0].replace(/[\s(]+/g, '') } });
  }
  if (text.includes('slack.com/api') || text.includes('slack-gov.com/api')) extractRawHttp(text, found);
  if (found.length === 0) return [];
  found.sort((a, b) => a.at - b.at);
  const pos = positionsOf(
    text,
    found.map((f) => f.at),
  );
  return found.map((f, i) => ({ ...f.usage, line: pos[i].line, column: pos[i].column }));
}
