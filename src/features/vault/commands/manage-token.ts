// Remove, Rename and Copy: the vault's housekeeping commands.
import * as vscode from 'vscode';
import { callerConfirmationText, confirmCaller, workspaceLabel } from '../../caller';
import { confirmIrreversible, irreversibleButtons } from '../../confirm';
import type { ClipboardGuard } from '../clipboard';
import { Cancelled } from '../../run-command';
import { resolveToken, secretOf, type TokenArg, type VaultDeps } from './target';

export interface RemoveOptions {
  /** The modal's answer; without it the modal asks. */
  confirm?: boolean;
}

export interface RemoveTokenResult {
  id: string;
  removed: boolean;
}

export function removeConfirmationText(t: { label: string; masked: string; status: string }): { message: string; detail: string } {
  return {
    message: vscode.l10n.t('Remove “{0}” ({1}) from the vault?', t.label, t.masked),
    detail:
      t.status === 'revoked'
        ? vscode.l10n.t('The token is already revoked; this only deletes it from Secret Storage.')
        : vscode.l10n.t('This deletes it from Secret Storage only: the token itself keeps working at Slack. If it leaked, revoke it first.'),
  };
}

/** The remove modal's buttons as VS Code receives them: the first (Enter) keeps the token. */
export function removeButtons(): string[] {
  return irreversibleButtons(vscode.l10n.t('Keep Token'), [vscode.l10n.t('Remove')]);
}

export async function removeToken(deps: VaultDeps, arg?: TokenArg, options: RemoveOptions = {}): Promise<RemoveTokenResult> {
  const t = await resolveToken(deps.store, arg, { title: vscode.l10n.t('Remove which token?') });
  let confirmed = options.confirm;
  if (confirmed === undefined) {
    const { message, detail } = removeConfirmationText(t);
    const [keep, remove] = removeButtons();
    confirmed = (await confirmIrreversible(message, detail, keep, [remove])) === remove;
  }
  if (!confirmed) return { id: t.id, removed: false };
  const removed = await deps.store.remove(t.id);
  return { id: t.id, removed };
}

export interface RenameOptions {
  /** The new label (skips the input box). */
  label?: string;
  /** The answer to "rename, asked from outside?" (a bare id with a label); without it the modal asks. */
  confirm?: boolean;
}

export async function renameToken(deps: VaultDeps, arg?: TokenArg, options: RenameOptions = {}): Promise<{ id: string; label: string }> {
  const t = await resolveToken(deps.store, arg, { title: vscode.l10n.t('Rename which token?') });
  const label =
    options.label ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename “{0}”', t.label),
      value: t.label,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A label cannot be empty.') : undefined),
    }));
  if (label === undefined) throw new Cancelled();
  // A label handed over with an id the caller named skips the input box: the user has not seen it.
  if (options.label !== undefined) await confirmCaller(arg, () => callerConfirmationText('rename', t, workspaceLabel(), label.trim()), options.confirm);
  const updated = await deps.store.rename(t.id, label);
  return { id: t.id, label: updated.label };
}

export interface CopyOptions {
  /** Seconds until the clipboard is cleared: shorter than the default only (tests). */
  clearAfterSeconds?: number;
  /** The answer to "copy, asked from outside?" (an id the caller named); without it the modal asks. */
  confirm?: boolean;
}

export interface CopyTokenResult {
  id: string;
  copied: boolean;
  masked: string;
  /** Seconds after which the clipboard is emptied if it still holds the token. */
  clearsAfterSeconds: number;
}

export async function copyToken(deps: VaultDeps & { clipboard: ClipboardGuard }, arg?: TokenArg, options: CopyOptions = {}): Promise<CopyTokenResult> {
  const t = await resolveToken(deps.store, arg, { title: vscode.l10n.t('Copy which token?') });
  // Any extension can read the clipboard: only the user puts a token there.
  await confirmCaller(arg, () => callerConfirmationText('copy', t, workspaceLabel()), options.confirm);
  const secret = await secretOf(deps.store, t);
  const seconds = await deps.clipboard.copy(secret, options.clearAfterSeconds);
  deps.logger.info(`copied ${t.masked} to the clipboard (cleared in ${seconds} s if still there)`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '“{0}” ({1}) is on the clipboard for {2} seconds, then it is cleared if it is still there. Paste it where it is needed, and do not paste it into a file that gets committed.',
      t.label,
      t.masked,
      seconds,
    ),
  );
  return { id: t.id, copied: true, masked: t.masked, clearsAfterSeconds: seconds };
}
