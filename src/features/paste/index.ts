// Safe paste: when the clipboard holds a Slack credential, the editor's paste offers "Store in
// Slack Token Guard and paste a reference" (in Paste As… and the post-paste widget). The token is
// stored when the edit is resolved, before VS Code applies it, so the literal never enters the
// file; a failed store pastes nothing and says why. Plain paste stays the default unless the
// setting slackTokenGuard.paste.safePasteByDefault says otherwise.
import * as vscode from 'vscode';
import { normalizePastedToken } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import { applyEdits, referenceEdits, type Replacement } from '../../core/references';
import { scanText } from '../../core/detect';
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
    const edit = this.editFor(document, ranges, n.token, n.kind, pastedSnippet(pasted));
    if (!edit) return undefined;
    if (!vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.safePasteByDefault, false)) {
      // Plain paste first: ours is one click away in the paste widget and in Paste As….
      edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Text];
    }
    return [edit];
  }

  /**
   * The edit for pasting `token` at `ranges`, or undefined where the format has no reference syntax.
   * With a `snippet` (several lines that hold the token) everything pasted stays but the token.
   */
  editFor(document: vscode.TextDocument, ranges: readonly vscode.Range[], token: string, kind: KindId, snippet?: Snippet): SafePasteEdit | undefined {
    const text = document.getText();
    const first = ranges[0];
    const start = document.offsetAt(first.start);
    const end = document.offsetAt(first.end);
    const pasted = snippet ?? { text: token, start: 0, end: token.length };
    const envVar = proposeEnvVarFor(this.deps.store, token, kind, text.slice(0, start) + pasted.text.slice(0, pasted.start), start + pasted.start);
    // Work out the reference as if the text had been pasted, so that `"|"` loses its quotes.
    const virtual = text.slice(0, start) + pasted.text + text.slice(end);
    const p0 = start;
    const p1 = start + pasted.text.length;
    const plan = (name: string) => referenceEdits(virtual, p0 + pasted.start, p0 + pasted.end, document.languageId, document.fileName, name);
    const planned = plan(envVar);
    if (!planned) return undefined;
    const main = (edits: Replacement[]) => edits.find((e) => e.start <= p0 + pasted.start && e.end >= p0 + pasted.end) ?? edits[0];
    const build = (name: string) => {
      const edits = plan(name)!;
      // What lands in the pasted range: the pasted text with the edits inside it applied. Edits
      // outside it (quotes around the cursor, an import at the top) go to an additional edit that
      // touches, but does not overlap, the pasted range.
      const inside = edits
        .filter((e) => (e.end > p0 && e.start < p1) || (e.start === e.end && e.start >= p0 && e.start <= p1))
        .map((e) => ({ start: Math.max(e.start, p0) - p0, end: Math.min(e.end, p1) - p0, text: e.text }));
      const insertText = applyEdits(pasted.text, inside);
      if (ranges.length > 1) return { insertText };
      const additionalEdit = new vscode.WorkspaceEdit();
      let outside = 0;
      for (const e of edits) {
        const s0 = e.start < p0 ? e.start : e.start > p1 ? e.start - p1 + end : -1;
        if (e.start === e.end && s0 >= 0) {
          additionalEdit.insert(document.uri, document.positionAt(s0), e.text);
          outside++;
          continue;
        }
        // A replacement that reaches out of the pasted range deletes the quotes around it.
        if (e.start < p0) additionalEdit.delete(document.uri, new vscode.Range(document.positionAt(e.start), first.start));
        if (e.end > p1) additionalEdit.delete(document.uri, new vscode.Range(first.end, document.positionAt(end + e.end - p1)));
        if (e.start < p0 || e.end > p1) outside++;
      }
      return outside ? { insertText, additionalEdit } : { insertText };
    };
    const title = vscode.l10n.t('Store in Slack Token Guard and paste {0}', main(planned).text);
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

/** Where the one credential lies in pasted text. */
export interface Snippet {
  text: string;
  start: number;
  end: number;
}

/**
 * Pasted text of several lines (a code snippet, a config block) is kept as pasted, but for the token.
 * A single line is taken as the token with what people copy along with it (quotes, `Bearer `,
 * `KEY=`), which the reference replaces: undefined then.
 */
export function pastedSnippet(pasted: string): Snippet | undefined {
  if (!/[\r\n]/.test(pasted.trim())) return undefined;
  const found = scanText(pasted, { ignoreComments: false });
  if (found.length !== 1) return undefined;
  return { text: pasted, start: found[0].start, end: found[0].end };
}

export function registerSafePaste(_context: vscode.ExtensionContext, deps: SafePasteDeps): vscode.Disposable & { provider: SafePasteProvider } {
  const provider = new SafePasteProvider(deps);
  const registration = vscode.languages.registerDocumentPasteEditProvider('*', provider, {
    providedPasteEditKinds: [SAFE_PASTE_KIND],
    pasteMimeTypes: ['text/plain'],
  });
  return Object.assign(registration, { provider });
}
