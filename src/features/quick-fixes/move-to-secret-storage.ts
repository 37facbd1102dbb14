// "Move to Secret Storage": store the token in the vault first, and only when that succeeded
// replace the literal with a reference the language understands. A failing store leaves the
// document exactly as it was and says why.
import * as vscode from 'vscode';
import { isValidEnvVarName, referenceEdits, splitReplacementFor, withImport, type Replacement } from '../../core/references';
import { mask } from '../../core/redact';
import { vouched } from '../caller';
import { Commands } from '../ids';
import type { Logger } from '../logger';
import { Cancelled, UserError } from '../run-command';
import type { TokenStore } from '../vault/token-store';
import { proposeEnvVarFor, storedLabel, storeInput, tokenAt, type TokenAt, type TokenLocationArgs } from './token-at';

export interface MoveArgs extends TokenLocationArgs {
  /** Test seam and explicit choice: the variable name (otherwise proposed from the context). */
  envVar?: string;
  /**
   * Test seam for formats without reference syntax (JSON, VS Code settings, unknown languages):
   * the text that replaces the token, which the user would otherwise pick from a list.
   */
  replacement?: string;
}

export interface MoveResult {
  id: string;
  envVar: string;
  duplicate: boolean;
  /** The text now in the document where the literal was. */
  reference: string;
}

export function proposedEnvVar(at: TokenAt, store: TokenStore): string {
  return proposeEnvVarFor(store, at.token, at.finding.kind, at.doc.getText(), at.start);
}

/** For formats that cannot read the environment: the user says what goes where the token was. */
async function chooseReplacement(envVar: string, args: MoveArgs, languageId: string): Promise<string> {
  if (args.replacement !== undefined) return args.replacement;
  type Item = vscode.QuickPickItem & { value?: string };
  const items: Item[] = [
    { label: `\${env:${envVar}}`, value: `\${env:${envVar}}`, detail: vscode.l10n.t("VS Code's variable syntax: launch.json, tasks.json and settings that expand variables read it from the environment.") },
    { label: `\${${envVar}}`, value: `\${${envVar}}`, detail: vscode.l10n.t('A placeholder that tools such as Docker Compose or envsubst expand.') },
    { label: vscode.l10n.t('Empty value'), value: '', detail: vscode.l10n.t('Leave the value empty; the program reads {0} from the environment.', envVar) },
    { label: vscode.l10n.t('Other text…'), detail: vscode.l10n.t('Type what should stand where the token was.') },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('{0} files cannot read environment variables: what should replace the token?', languageId),
    placeHolder: vscode.l10n.t('The token goes to Secret Storage as {0}', envVar),
    ignoreFocusOut: true,
  });
  if (!picked) throw new Cancelled();
  if (picked.value !== undefined) return picked.value;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Text to put where the token was'),
    value: `\${env:${envVar}}`,
    ignoreFocusOut: true,
    validateInput: (v) => (/xox|hooks\.slack/.test(v) ? vscode.l10n.t('That looks like a token again.') : undefined),
  });
  if (typed === undefined) throw new Cancelled();
  return typed;
}

/** The edits for the current text (the reference, and an import it needs), or undefined when the format needs an explicit choice. */
function planReplacement(at: TokenAt, envVar: string): Replacement[] | undefined {
  const text = at.doc.getText();
  if (at.finding.form === 'split') {
    const r = splitReplacementFor(text, at.start, at.end, at.token, at.doc.languageId, at.doc.fileName, envVar);
    return r && withImport(text, r, at.doc.languageId, at.doc.fileName);
  }
  return referenceEdits(text, at.start, at.end, at.doc.languageId, at.doc.fileName, envVar);
}

/** Whether new integrated terminals of this window already get the variable (terminal exposure). */
export type IsExposed = (envVar: string) => boolean;

export async function moveToSecretStorage(args: MoveArgs, store: TokenStore, logger: Logger, isExposed: IsExposed = () => false): Promise<MoveResult> {
  const at = await tokenAt(args);
  if (at.finding.form === 'base64') {
    throw new UserError(
      vscode.l10n.t('This {0} is base64-encoded inside other data, so replacing it in place would corrupt that data. Store it with Add Token, rebuild the encoded value from the environment, then revoke the old token.', at.info.label.toLowerCase()),
      [],
      'warning',
    );
  }
  let envVar = args.envVar ?? proposedEnvVar(at, store);
  if (!isValidEnvVarName(envVar)) throw new UserError(vscode.l10n.t('"{0}" is not a valid environment variable name.', envVar), [], 'warning');

  // Decide the replacement before storing, so that a cancelled choice stores nothing.
  let chosen: string | undefined;
  if (!planReplacement(at, envVar)) chosen = await chooseReplacement(envVar, args, at.doc.languageId);

  const versionBefore = at.doc.version;
  const label = storedLabel(envVar, at.doc.uri);
  let added;
  try {
    added = await store.add({ token: storeInput(at.token, at.finding.kind), envVar, label });
  } catch (e) {
    logger.warn(`move to Secret Storage: storing ${mask(at.token)} failed; the document was not changed`, e);
    const why = e instanceof UserError ? e.message : e instanceof Error ? e.message : String(e);
    throw new UserError(vscode.l10n.t('Could not store the token in Secret Storage, so the file was not changed: {0}', why));
  }
  if (added.envVar && added.envVar !== envVar && args.envVar === undefined) envVar = added.envVar;

  // The document may have changed while the store ran: find the token again.
  let current = at;
  if (at.doc.version !== versionBefore || at.doc.getText(at.range) !== at.span) {
    const text = at.doc.getText();
    const first = text.indexOf(at.span);
    if (first < 0 || text.indexOf(at.span, first + 1) >= 0) {
      throw new UserError(
        vscode.l10n.t('The token is now in Secret Storage as {0}, but the document changed meanwhile; replace the literal by hand or run the fix again.', envVar),
        [],
        'warning',
      );
    }
    const range = new vscode.Range(at.doc.positionAt(first), at.doc.positionAt(first + at.span.length));
    current = { ...at, range, start: first, end: first + at.span.length };
  }
  const edits: Replacement[] = chosen !== undefined ? [{ start: current.start, end: current.end, text: chosen }] : planReplacement(current, envVar)!;
  const r = edits.find((e) => e.start <= current.start && e.end >= current.end) ?? edits[0];
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(at.doc.uri, new vscode.Range(at.doc.positionAt(e.start), at.doc.positionAt(e.end)), e.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new UserError(vscode.l10n.t('The token is now in Secret Storage as {0}, but the document could not be edited; replace the literal by hand.', envVar));
  }
  logger.info(`moved ${added.masked} to Secret Storage as ${envVar}${added.duplicate ? ' (already stored)' : ''}`);
  announceMove(isExposed(envVar), added.id, added.masked, envVar, chosen !== undefined ? r.text : undefined);
  return { id: added.id, envVar, duplicate: added.duplicate, reference: r.text };
}

/**
 * Says what happened and how the program gets the value now, with a button that exposes the
 * variable to VS Code's integrated terminals (unless it already is). Does not wait for an answer.
 * `literal` is the text the user chose where the file cannot read the environment.
 */
function announceMove(exposed: boolean, id: string, masked: string, envVar: string, literal: string | undefined): void {
  const how =
    literal === undefined
      ? vscode.l10n.t('The file now reads the environment variable {0}.', envVar)
      : vscode.l10n.t('The file now holds {0} where the token was.', literal === '' ? vscode.l10n.t('an empty value') : literal);
  const where = exposed
    ? vscode.l10n.t('New integrated terminals get {0} from Secret Storage; elsewhere, set it where the program runs.', envVar)
    : vscode.l10n.t('Set {0} where the program runs, or expose it to the integrated terminals of VS Code.', envVar);
  const message = `${vscode.l10n.t('{0} is in Secret Storage as {1}.', masked, envVar)} ${how} ${where}`;
  const expose = vscode.l10n.t('Expose to Terminals');
  void Promise.resolve(exposed ? vscode.window.showInformationMessage(message) : vscode.window.showInformationMessage(message, expose)).then((choice) => {
    if (choice === expose) void vscode.commands.executeCommand(Commands.toggleTerminalEnv, vouched({ id }), { expose: true });
  });
}
