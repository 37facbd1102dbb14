// Commands take a tree node, a StoredToken, a token id, or nothing (then a quick pick).
import * as vscode from 'vscode';
import { KINDS } from '../../../core/detect';
import { Commands } from '../../ids';
import type { Logger } from '../../logger';
import { withoutDialogAnswers } from '../../dialog-answers';
import { Cancelled, UserError } from '../../run-command';
import type { StoredToken, TokenStore } from '../token-store';
import { describeToken, type VaultNode } from '../tree';

export interface VaultDeps {
  store: TokenStore;
  logger: Logger;
}

export type TokenArg = VaultNode | StoredToken | string | undefined | null;

/**
 * Tree context menus pass (node, selectedNodes[]) — so an array in the options position is a
 * selection, not options. Options that answer a dialog count only in the test host (dialog-answers.ts).
 */
export function optionsArg<T extends object>(arg: unknown, mode: vscode.ExtensionMode): T {
  return arg && typeof arg === 'object' && !Array.isArray(arg) ? withoutDialogAnswers(arg as T, mode) : ({} as T);
}

/** The stored token's id in whatever a command was handed: an id, a tree node (token or scope), a StoredToken. */
export function tokenIdOf(arg: TokenArg): string | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (typeof arg === 'string') return arg;
  if ('type' in arg && arg.type === 'token') return arg.token.id;
  if ('type' in arg && arg.type === 'scope') return arg.tokenId;
  if ('id' in arg && typeof arg.id === 'string') return arg.id;
  return undefined;
}

export async function resolveToken(
  store: TokenStore,
  arg: TokenArg,
  pick: { title: string; filter?: (t: StoredToken) => boolean },
): Promise<StoredToken> {
  if (arg !== undefined && arg !== null) {
    const id = tokenIdOf(arg);
    const found = id ? store.get(id) : undefined;
    if (!found) throw new UserError(vscode.l10n.t('That token is no longer in the vault.'), [], 'warning');
    return found;
  }
  const candidates = store.list().filter(pick.filter ?? (() => true));
  if (candidates.length === 0) {
    throw new UserError(
      store.list().length === 0
        ? vscode.l10n.t('The vault is empty: add a token first.')
        : vscode.l10n.t('No stored token fits this command.'),
      [{ title: vscode.l10n.t('Add Token'), run: () => vscode.commands.executeCommand(Commands.addToken) }],
      'info',
    );
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((t) => ({ label: t.label, description: describeToken(t), detail: KINDS[t.kind]?.label, token: t })),
    { title: pick.title, ignoreFocusOut: true, matchOnDescription: true },
  );
  if (!picked) throw new Cancelled();
  return picked.token;
}

/** The token's secret, or a UserError when Secret Storage lost it (the entry is then dropped). */
export async function secretOf(store: TokenStore, t: StoredToken): Promise<string> {
  const secret = await store.getSecret(t.id);
  if (secret === undefined) {
    throw new UserError(
      vscode.l10n.t('“{0}” is gone from Secret Storage (removed in another window, or the keyring lost it), so it was dropped from the list.', t.label),
      [],
      'warning',
    );
  }
  return secret;
}
