// Safe paste: when the clipboard holds a Slack credential, the editor's paste offers "Store in
// Slack Token Guard and paste a reference" (in Paste As… and the post-paste widget). The token is
// stored when the edit is resolved, before VS Code applies it, so the literal never enters the
// file; a failed store pastes nothing and says why. Plain paste stays the default unless the
// setting slackTokenGuard.paste.safePasteByDefault says otherwise.
import * as vscode from 'vscode';
import { normalizePastedToken } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import { replacementFor } from '../../core/references';
import { mask, redact } from '../../core/redact';
import { Settings } from '../ids';
import type { Logger } from '../logger';
import { proposeEnvVarFor, storedLabel, storeInput } from '../quick-fixes/token-at';
import type { TokenStore } from '../vault/token-store';

export const SAFE_PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('slackTokenGuard', 'secretReference');

/** A paste edit that still holds the token in memory until it is resolved (stored) or dropped. */
export class SafePasteEdit extends vscode.DocumentPasteEdit {
  constructor(
    readonly token: string,
    readonly kindId: KindId,
    readonly uri: vscode.Uri,
    public envVar: string,
    /** Builds insertText/additionalEdit for a variable name (the vault may already know a name). */
    readonly build: (envVar: string) => { insertText: string; additionalEdit?: vscode.WorkspaceEdit },
    title: string,
  ) {
    const built = build(envVar);
    super(built.insertText, title, SAFE_PASTE_KIND);
    this.additionalEdit = built.additionalEdit;
  }
}

export interface SafePasteDeps {
  store: TokenStore;
  logger: Logger;
}

export class SafePasteProvider implements vscode.DocumentPasteEditProvider<SafePasteEdit> {
  /** The last resolve's outcome, for tests: stored id or the reason it failed. */
  lastResult: { ok: true; id: string; envVar: string } | { ok: false; reason: string } | undefined;

  constructor(private readonly deps: SafePasteDeps) {}

  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
    _context: vscode.DocumentPasteEditContext,
    token: vscode.CancellationToken,
  ): Promise<SafePasteEdit[] | undefined> {
    const item = dataTransfer.get('text/plain');
    if (!item || ranges.length === 0) return undefined;
    const pasted = await item.asString();
    if (token.isCancellationRequested || pasted.length > 4096) return undefined;
    const n = normalizePastedToken(pasted);
    if (!n.ok) return undefined;
    const edit = this.editFor(document, ranges, n.token, n.kind);
    if (!edit) return undefined;
    if (!vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.safePasteByDefault, false)) {
      // Plain paste first: ours is one click away in the paste widget and in Paste As….
      edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Text];
    }
    return [edit];
  }

  /** The edit for pasting `token` at `ranges`, or undefined where the format has no reference syntax. */
  editFor(document: vscode.TextDocument, ranges: readonly vscode.Range[], token: string, kind: KindId): SafePasteEdit | undefined {
    const text = document.getText();
    const first = ranges[0];
    const start = document.offsetAt(first.start);
    const end = document.offsetAt(first.end);
    const envVar = proposeEnvVarFor(this.deps.store, token, kind, text, start);
    // Work out the reference as if the token had been pasted, so that `"|"` loses its quotes.
    const virtual = text.slice(0, start) + token + text.slice(end);
    const plan = (name: string) => replacementFor(virtual, start, start + token.length, document.languageId, document.fileName, name);
    const planned = plan(envVar);
    if (!planned) return undefined;
    const build = (name: string) => {
      const r = plan(name)!;
      if (ranges.length > 1 || (r.start === start && r.end === start + token.length)) return { insertText: r.text };
      // The reference also replaces text around the paste (quotes): delete those parts through an
      // additional edit that touches, but does not overlap, the pasted range.
      const additionalEdit = new vscode.WorkspaceEdit();
      if (r.start < start) additionalEdit.delete(document.uri, new vscode.Range(document.positionAt(r.start), first.start));
      const after = r.end - (start + token.length);
      if (after > 0) additionalEdit.delete(document.uri, new vscode.Range(first.end, document.positionAt(end + after)));
      return { insertText: r.text, additionalEdit };
    };
    const title = vscode.l10n.t('Store in Slack Token Guard and paste {0}', planned.text);
    return new SafePasteEdit(token, kind, document.uri, envVar, build, title);
  }

  async resolveDocumentPasteEdit(edit: SafePasteEdit): Promise<SafePasteEdit> {
    const { store, logger } = this.deps;
    try {
      const label = storedLabel(edit.envVar, edit.uri);
      const added = await store.add({ token: storeInput(edit.token, edit.kindId), envVar: edit.envVar, label });
      if (added.envVar && added.envVar !== edit.envVar) {
        edit.envVar = added.envVar;
        const rebuilt = edit.build(added.envVar);
        edit.insertText = rebuilt.insertText;
        edit.additionalEdit = rebuilt.additionalEdit;
      }
      logger.info(`safe paste: stored ${added.masked} as ${edit.envVar}${added.duplicate ? ' (already stored)' : ''}`);
      this.lastResult = { ok: true, id: added.id, envVar: edit.envVar };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      logger.warn(`safe paste: storing ${mask(edit.token)} failed; nothing was pasted`, e);
      this.lastResult = { ok: false, reason };
      // Paste nothing: neither the token nor a reference to a secret that is not stored.
      edit.insertText = '';
      edit.additionalEdit = undefined;
      void vscode.window.showErrorMessage(vscode.l10n.t('Slack Token Guard could not store the pasted token, so nothing was pasted: {0}', redact(reason)));
    }
    return edit;
  }
}

export function registerSafePaste(_context: vscode.ExtensionContext, deps: SafePasteDeps): vscode.Disposable & { provider: SafePasteProvider } {
  const provider = new SafePasteProvider(deps);
  const registration = vscode.languages.registerDocumentPasteEditProvider('*', provider, {
    providedPasteEditKinds: [SAFE_PASTE_KIND],
    pasteMimeTypes: ['text/plain'],
  });
  return Object.assign(registration, { provider });
}
