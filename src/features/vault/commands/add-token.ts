// Add Token: a password box that accepts what people actually paste, a label proposed from the kind,
// the endpoint (Slack, GovSlack or a user-level extra), and a duplicate notice.
import * as vscode from 'vscode';
import { fingerprint, KINDS, normalizePastedToken } from '../../../core/detect';
import type { KindId } from '../../../core/detect/types';
import { COMMERCIAL_ENDPOINT, GOV_ENDPOINT } from '../../../core/slack';
import { isValidEnvVarName } from '../../../core/references';
import { mask } from '../../../core/redact';
import { callerConfirmationText, confirmCaller, vouched, workspaceLabel } from '../../caller';
import { Commands } from '../../ids';
import { Cancelled, UserError } from '../../run-command';
import { pickEndpoint } from '../slack-service';
import { checkedLabel, type StoredToken, type TokenStore } from '../token-store';
import type { VaultDeps } from './target';

export interface AddTokenOptions {
  /** The pasted text (skips the input box). */
  token?: string;
  /** The label (skips the label box). */
  label?: string;
  /** The endpoint (skips the endpoint pick); must be Slack, GovSlack or a user-level extra. */
  endpoint?: string;
  envVar?: string;
  /** The answer to "store this handed-over token?" (honoured in the test host only: dialog-answers.ts). */
  confirm?: boolean;
}

export type AddTokenResult =
  | { ok: true; id: string; duplicate: boolean; kind: KindId; masked: string; label: string; endpoint: string; message?: string }
  | { ok: false; reason: string };

const WEBHOOK_KINDS: ReadonlySet<KindId> = new Set<KindId>(['webhook', 'workflow-webhook', 'trigger']);

/** `SLACK_BOT_TOKEN=…` / `export X=…` pastes name their variable: keep it for labels and references. */
export function envVarFromPaste(input: string): string | undefined {
  return /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*[=:]/.exec(input)?.[1];
}

export function proposeLabel(store: TokenStore, kind: KindId, envVar?: string): string {
  const base = envVar ?? KINDS[kind]?.label ?? 'Slack token';
  const taken = new Set(store.list().map((t) => t.label));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}

/** The stored token that already has this label (compared as stored: trimmed). */
function labelOwner(store: TokenStore, label: string): StoredToken | undefined {
  const wanted = label.trim();
  return store.list().find((t) => t.label === wanted);
}

/** The longest label the vault keeps (the store cuts there): a caller's longer one is refused. */
const MAX_LABEL = 200;

/**
 * Why options handed over by a caller (another extension, a keybinding, a relayed tree node)
 * cannot be used: checked before anything is asked, so a question never shows a label that could
 * imitate its own wording, and a token that is not text is a message, not a crash.
 */
function handedOptionsProblem(options: AddTokenOptions): string | undefined {
  const o = options as Record<string, unknown>;
  if (o.token !== undefined && typeof o.token !== 'string') return vscode.l10n.t('Not added: the token handed to Add Token must be text.');
  if (o.label !== undefined) {
    if (typeof o.label !== 'string') return vscode.l10n.t('Not added: the label must be text.');
    const label = o.label.trim();
    if (label === '') return vscode.l10n.t('A label cannot be empty.');
    if (label.length > MAX_LABEL) return vscode.l10n.t('Not added: a label can have at most {0} characters.', MAX_LABEL);
    if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(label)) return vscode.l10n.t('Not added: a label must be one line, without control characters.');
  }
  if (o.envVar !== undefined && (typeof o.envVar !== 'string' || !isValidEnvVarName(o.envVar.trim()))) {
    return vscode.l10n.t('Not added: the environment variable name is not valid (letters, digits and _, not starting with a digit).');
  }
  if (o.endpoint !== undefined && typeof o.endpoint !== 'string') return vscode.l10n.t('Not added: the endpoint must be text.');
  return undefined;
}

/**
 * `caller` is the options object as the command got it: a token handed over by anyone but this
 * extension (another extension, a keybinding) is stored only after the user allows it.
 */
export async function addToken(deps: VaultDeps, options: AddTokenOptions = {}, caller: unknown = options): Promise<AddTokenResult> {
  const { store } = deps;
  const problem = handedOptionsProblem(options);
  if (problem) throw new UserError(problem, [], 'warning');
  const raw =
    options.token ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Slack Token'),
      prompt: vscode.l10n.t('Paste a Slack token, webhook URL or secret. Quotes, "Bearer " and KEY=value lines are fine.'),
      placeHolder: 'xoxb-…, xoxp-…, https://hooks.slack.com/services/…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => {
        if (v.trim() === '') return undefined;
        const n = normalizePastedToken(v);
        return n.ok ? undefined : { message: n.reason, severity: vscode.InputBoxValidationSeverity.Error };
      },
    }));
  if (raw === undefined) throw new Cancelled();
  const normalized = normalizePastedToken(raw);
  if (!normalized.ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Not added: {0}', normalized.reason));
    return { ok: false, reason: normalized.reason };
  }
  const { token, kind } = normalized;
  if (options.token !== undefined) {
    // The store's own label rule, before the question shows the label: it also refuses a label that
    // holds the handed-over token itself, which redact() cannot see when it is a bare secret.
    if (options.label !== undefined) checkedLabel(options.label, token);
    // mask(), as the vault stores it: redact() would leave a bare signing or client secret whole
    // (it knows one only next to its name, which normalizing strips).
    await confirmCaller(caller, () => callerConfirmationText('store', { label: options.label ?? '', masked: mask(token) }, workspaceLabel()), options.confirm);
  }
  const envVar = options.envVar ?? envVarFromPaste(raw);

  const existing = store.findByFingerprint(fingerprint(token));
  if (existing) {
    const again = await store.add({ token, endpoint: existing.endpoint });
    void vscode.window.showInformationMessage(vscode.l10n.t('This token is already in the vault as “{0}”.', existing.label));
    return { ok: true, id: again.id, duplicate: true, kind, masked: again.masked, label: again.label, endpoint: again.endpoint };
  }

  const label =
    options.label ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Name this token'),
      prompt: vscode.l10n.t('A name for the token in the vault (shown in the Tokens view).'),
      value: proposeLabel(store, kind, envVar),
      ignoreFocusOut: true,
      validateInput: (v) => {
        if (v.trim() === '') return vscode.l10n.t('A label cannot be empty.');
        const other = labelOwner(store, v);
        return other
          ? { message: vscode.l10n.t('Another token ({0}) already has this name: this one will get a number.', other.masked), severity: vscode.InputBoxValidationSeverity.Warning }
          : undefined;
      },
    }));
  if (label === undefined) throw new Cancelled();

  let endpoint: string;
  if (WEBHOOK_KINDS.has(kind)) {
    endpoint = token.includes('slack-gov.com') ? GOV_ENDPOINT : COMMERCIAL_ENDPOINT;
  } else if (options.endpoint !== undefined) {
    endpoint = (await pickEndpoint(options.endpoint)) as string;
  } else if (!KINDS[kind]?.testable && KINDS[kind]?.revoke !== 'api') {
    endpoint = COMMERCIAL_ENDPOINT; // secrets and cookies are never sent anywhere
  } else {
    const picked = await pickEndpoint();
    if (!picked) throw new Cancelled();
    endpoint = picked;
  }

  // Two entries under one name could not be told apart in any message: the new one gets a number.
  const clash = labelOwner(store, label);
  const added = await store.add({ token, label: clash ? proposeLabel(store, kind, label.trim()) : label, endpoint, envVar });
  const testable = KINDS[kind]?.testable;
  const testNow = vscode.l10n.t('Test Token');
  const rename = vscode.l10n.t('Rename…');
  const message = clash
    ? vscode.l10n.t('“{0}” is already the name of another token ({1}), so this one ({2}) is stored as “{3}”.', clash.label, clash.masked, added.masked, added.label)
    : vscode.l10n.t('Stored “{0}” ({1}) in Secret Storage.', added.label, added.masked);
  void (clash ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(message, ...(clash ? [rename] : []), ...(testable ? [testNow] : [])).then((picked) => {
    if (picked === testNow) void vscode.commands.executeCommand(Commands.testToken, vouched({ id: added.id }));
    if (picked === rename) void vscode.commands.executeCommand(Commands.renameToken, vouched({ id: added.id }));
  });
  return { ok: true, id: added.id, duplicate: added.duplicate, kind, masked: added.masked, label: added.label, endpoint: added.endpoint, message };
}
