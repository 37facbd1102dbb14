// Who asked for a command. executeCommand within one extension host hands arguments over by
// reference, so an argument this extension wrapped itself (a reference it passes on when the user
// chose in one of its own dialogs: Add Token, Test Token, the migration plan, Move to Secret
// Storage, a literal's quick fix) proves that the user asked here. Nothing else does: not an id or
// a plain object (another extension, a keybinding), and not a node of the Tokens view either,
// because VS Code's extension host turns any argument shaped like `{ $treeViewId, $treeItemHandle }`
// or `{ $treeViewId, $focusedTreeItem: true }` into the view's own element for every command the
// main thread runs (`runCommands` relays one for any extension), whoever sent it. So a command that
// would put a token where another extension can read it (a terminal's environment, the clipboard)
// or change an entry asks first, naming the token and the workspace, also from the view's menus;
// and no command returns what it did to such a caller outside the test host.
import * as vscode from 'vscode';
import { redact } from '../core/redact';
import { confirmIrreversible } from './confirm';
import { Cancelled } from './run-command';

// Weakly held: an entry goes with its wrapper. No other extension can add to it or reach it.
const ours = new WeakSet<object>();

/** Marks an argument as made by this extension on the user's choice (a button's target). Never a tree node. */
export function vouched<T extends object>(arg: T): T {
  ours.add(arg);
  return arg;
}

export function isVouched(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && ours.has(arg);
}

/** What a command returns to whoever ran it: everything in the test host or to this extension, nothing to anyone else. */
export function resultForCaller<T>(result: T, args: readonly unknown[], mode: vscode.ExtensionMode): T | undefined {
  return mode === vscode.ExtensionMode.Test || args.some(isVouched) ? result : undefined;
}

export type CallerAction = 'expose' | 'copy' | 'rename' | 'test' | 'dry-run' | 'store';

export interface CallerConfirmationText {
  message: string;
  detail: string;
  allow: string;
  deny: string;
}

/** The workspace a request came from, as the title bar names it. */
export function workspaceLabel(): string {
  return vscode.workspace.name ?? vscode.l10n.t('a window with no folder open');
}

export function callerConfirmationText(action: CallerAction, t: { label: string; masked: string }, workspace: string, newLabel?: string): CallerConfirmationText {
  const detail = vscode.l10n.t(
    'Another extension or a keybinding can send this request, also as if from the Tokens view. Allow it only if you just asked for it yourself.',
  );
  const deny = vscode.l10n.t("Don't Allow");
  switch (action) {
    case 'expose':
      return { message: vscode.l10n.t('Expose “{0}” ({1}) to the integrated terminals of {2}?', t.label, t.masked, workspace), detail, allow: vscode.l10n.t('Expose'), deny };
    case 'copy':
      return { message: vscode.l10n.t('Copy “{0}” ({1}) to the clipboard, asked in {2}?', t.label, t.masked, workspace), detail, allow: vscode.l10n.t('Copy'), deny };
    case 'rename':
      return { message: vscode.l10n.t('Rename “{0}” ({1}) to “{2}”, asked in {3}?', t.label, t.masked, redact(newLabel ?? ''), workspace), detail, allow: vscode.l10n.t('Rename'), deny };
    case 'test':
      return { message: vscode.l10n.t('Send “{0}” ({1}) to Slack to test it, asked in {2}?', t.label, t.masked, workspace), detail, allow: vscode.l10n.t('Test'), deny };
    case 'dry-run':
      return { message: vscode.l10n.t('Send “{0}” ({1}) to Slack for a revoke dry run, asked in {2}?', t.label, t.masked, workspace), detail, allow: vscode.l10n.t('Dry Run'), deny };
    case 'store':
      // Add Token handed a token: the caller may know it and want it where the vault's commands reach it.
      return {
        message: t.label
          ? vscode.l10n.t('Store the token {0} in Secret Storage as “{1}”, asked in {2}?', t.masked, redact(t.label), workspace)
          : vscode.l10n.t('Store the token {0} in Secret Storage, asked in {1}?', t.masked, workspace),
        detail,
        allow: vscode.l10n.t('Store'),
        deny,
      };
  }
}

/** Test All's question when another caller handed it options. */
export function testAllCallerText(count: number, workspace: string): CallerConfirmationText {
  const t = callerConfirmationText('test', { label: '', masked: '' }, workspace);
  return { ...t, message: vscode.l10n.t('Send all {0} stored tokens to Slack to test them, asked in {1}?', count, workspace), allow: vscode.l10n.t('Test All') };
}

/**
 * Asks before acting on a token the caller named itself (an id, an object, a node of the Tokens
 * view). Nothing to ask when the user picked the token (no argument: a quick pick) or the argument
 * is this extension's own wrapper. `answer` is the
 * options' `confirm`, which counts only in the test host (dialog-answers.ts).
 */
export async function confirmCaller(arg: unknown, text: () => CallerConfirmationText, answer: boolean | undefined): Promise<void> {
  if (arg === undefined || arg === null || isVouched(arg)) return;
  let ok = answer;
  if (ok === undefined) {
    const t = text();
    ok = (await confirmIrreversible(t.message, t.detail, t.deny, [t.allow])) === t.allow;
  }
  if (!ok) throw new Cancelled();
}
