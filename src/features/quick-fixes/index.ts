// The lightbulb on a Slack token: Move to Secret Storage (preferred), Ignore this occurrence,
// Test / Revoke this token, and for legacy kinds the migration guide. Every action is linked to
// its diagnostic and runs a command that reads the token back from the document.
import * as vscode from 'vscode';
import { classifyToken, credentialOfSpan, kindInfo } from '../../core/detect';
import { diagnosticKind, isOurDiagnostic } from '../diagnostics/format';
import type { IgnoreFiles } from '../diagnostics/ignore-files';
import { withoutDialogAnswers } from '../dialog-answers';
import { Commands, MIGRATION_GUIDE_URL } from '../ids';
import type { Logger } from '../logger';
import { resultForCaller } from '../caller';
import { registerCommand } from '../run-command';
import type { TokenStore } from '../vault/token-store';
import { fingerprint } from '../../core/detect';
import { ignoreOccurrence, type IgnoreArgs } from './ignore-occurrence';
import { revokeLiteral, testLiteral, type LiteralRevokeArgs } from './literal-actions';
import { moveToSecretStorage, type MoveArgs } from './move-to-secret-storage';
import { locationArgs } from './token-at';

export interface QuickFixDeps {
  store: TokenStore;
  ignoreFiles: IgnoreFiles;
  logger: Logger;
  /** Whether a token is already in the repository's history: then Revoke comes first. */
  exposure?: { isCommitted(uri: vscode.Uri, token: string): boolean };
}

export class TokenCodeActionProvider implements vscode.CodeActionProvider {
  constructor(
    private readonly store: TokenStore,
    private readonly exposure?: QuickFixDeps['exposure'],
  ) {}

  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return actions;
    for (const d of context.diagnostics) {
      if (!isOurDiagnostic(d)) continue;
      const kind = diagnosticKind(d);
      if (!kind) continue;
      const info = kindInfo(kind);
      const args = locationArgs(doc, d.range, kind);
      const add = (title: string, command: string, preferred = false, commandArgs: unknown[] = [args]) => {
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = preferred;
        a.command = { title, command, arguments: commandArgs };
        actions.push(a);
      };
      // A split or base64-encoded token: the credential itself is the joined or decoded text.
      const span = doc.getText(d.range);
      const form = classifyToken(span, kind)?.form;
      const token = credentialOfSpan(span, form);
      const revokeTitle = info.revoke === 'api' ? vscode.l10n.t('Revoke this token…') : vscode.l10n.t('How to revoke this {0}…', info.label.toLowerCase());
      // A committed token is in every clone: moving it out of the file does not un-leak it.
      const committed = this.exposure?.isCommitted(doc.uri, token) ?? false;
      // Replacing part of a base64 blob by a reference would corrupt the encoded data: no Move there.
      const movable = form !== 'base64';
      if (committed) {
        add(vscode.l10n.t('{0} (already committed: moving it is not enough)', revokeTitle), Commands.revokeLiteral, true);
        if (movable) add(vscode.l10n.t('Move {0} to Secret Storage (it stays in the git history)', info.label.toLowerCase()), Commands.moveToSecretStorage);
      } else if (movable) add(vscode.l10n.t('Move {0} to Secret Storage', info.label.toLowerCase()), Commands.moveToSecretStorage, true);
      add(vscode.l10n.t('Ignore this token occurrence'), Commands.ignoreOccurrence);
      if (info.testable) add(vscode.l10n.t('Test this token'), Commands.testLiteral);
      if (!committed) add(revokeTitle, Commands.revokeLiteral, !movable);
      if (info.legacy) {
        // The vault's guide is per stored token (with its scopes); for a literal it does not hold,
        // Slack's guide itself.
        const stored = this.store.findByFingerprint(fingerprint(token));
        const title = vscode.l10n.t('Open the legacy token migration guide');
        if (stored) add(title, Commands.openMigrationGuide, false, [stored.id]);
        else add(title, 'vscode.open', false, [vscode.Uri.parse(MIGRATION_GUIDE_URL)]);
        add(vscode.l10n.t('Plan migration to a Slack app'), Commands.planMigration, false, stored ? [stored.id] : []);
      }
    }
    return actions;
  }
}

export function registerQuickFixes(context: vscode.ExtensionContext, deps: QuickFixDeps): vscode.Disposable {
  const { store, ignoreFiles, logger, exposure } = deps;
  return vscode.Disposable.from(
    // '*' matches every document: files, untitled buffers, notebook cells, VS Code's settings.
    vscode.languages.registerCodeActionsProvider('*', new TokenCodeActionProvider(store, exposure), TokenCodeActionProvider.metadata),
    // The vault id a move or a check names goes back only to this extension and the test host (../caller.ts).
    registerCommand(
      Commands.moveToSecretStorage,
      async (args: MoveArgs) => resultForCaller(await moveToSecretStorage(args, store, logger, (envVar) => context.environmentVariableCollection.get(envVar) !== undefined), [args], context.extensionMode),
      logger,
    ),
    registerCommand(Commands.ignoreOccurrence, (args: IgnoreArgs) => ignoreOccurrence(args, ignoreFiles, logger), logger),
    registerCommand(Commands.testLiteral, async (args: LiteralRevokeArgs) => resultForCaller(await testLiteral(withoutDialogAnswers(args, context.extensionMode), store, logger), [args], context.extensionMode), logger),
    registerCommand(Commands.revokeLiteral, async (args: LiteralRevokeArgs) => resultForCaller(await revokeLiteral(withoutDialogAnswers(args, context.extensionMode), store, logger), [args], context.extensionMode), logger),
  );
}
