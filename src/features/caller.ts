// Who asked for a command. A command run from a menu of the Tokens view gets the very node object
// the view's provider returned (VS Code maps the tree item back to its element), and executeCommand
// within one extension host hands arguments over by reference. So an argument this extension made
// itself (a node of its tree, or a reference it wrapped when the user chose in one of its own
// dialogs) proves that the user asked here. Anything else (an id, a plain object) may come from
// another extension or a keybinding: a command that would put a token where another extension can
// read it (a terminal's environment, the clipboard) or change an entry asks first, naming the token
// and the workspace; and no command returns what it did to such a caller outside the test host.
import * as vscode from 'vscode';
import { redact } from '../core/redact';
import { confirmIrreversible } from './confirm';
import { Cancelled } from './run-command';

// Weakly held: an entry goes with its node. No other extension can add to it or reach it.
const ours = new WeakSet<object>();

/** Marks an argument as made by this extension on the user's choice (a tree node, a button's target). */
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

export type CallerAction = 'expose' | 'copy' | 'rename';

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
    'This was not asked from the Tokens view or a choice you made in Slack Token Guard: another extension or a keybinding sent it. Allow it only if you started it.',
  );
  const deny = vscode.l10n.t("Don't Allow");
  switch (action) {
    case 'expose':
      return { message: vscode.l10n.t('Expose “{0}” ({1}) to the integrated terminals of {2}?', t.label, t.masked, workspace), detail, allow: vscode.l10n.t('Expose'), deny };
    case 'copy':
      return { message: vscode.l10n.t('Copy “{0}” ({1}) to the clipboard, asked in {2}?', t.label, t.masked, workspace), detail, allow: vscode.l10n.t('Copy'), deny };
    case 'rename':
      return { message: vscode.l10n.t('Rename “{0}” ({1}) to “{2}”, asked in {3}?', t.label, t.masked, redact(newLabel ?? ''), workspace), detail, allow: vscode.l10n.t('Rename'), deny };
  }
}

/**
 * Asks before acting on a token the caller named itself. Nothing to ask when the user picked the
 * token (no argument: a quick pick) or the argument is this extension's own. `answer` is the
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
