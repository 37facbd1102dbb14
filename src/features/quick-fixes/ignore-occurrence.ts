// "Ignore this occurrence": a `slack-token-guard:ignore` comment in the language's comment syntax,
// or, where a comment is impossible (JSON, plain text, inside a multi-line string), the token's
// fingerprint in the workspace folder's `.slack-token-guard-ignore`, which the CLI reads too.
import * as vscode from 'vscode';
import { fingerprint } from '../../core/detect';
import { ignoreCommentEdit } from '../../core/references';
import { IgnoreFiles } from '../diagnostics/ignore-files';
import type { Logger } from '../logger';
import { UserError } from '../run-command';
import { tokenAt, type TokenLocationArgs } from './token-at';

export interface IgnoreArgs extends TokenLocationArgs {
  /** Write the fingerprint to the ignore file even where a comment would do. */
  useIgnoreFile?: boolean;
}

export interface IgnoreResult {
  method: 'comment' | 'ignore-file';
  /** The ignore file written, for 'ignore-file'. */
  file?: string;
}

export async function ignoreOccurrence(args: IgnoreArgs, ignoreFiles: IgnoreFiles, logger: Logger): Promise<IgnoreResult> {
  const at = await tokenAt(args);
  const r = args.useIgnoreFile ? undefined : ignoreCommentEdit(at.doc.getText(), at.start, at.end, at.doc.languageId, at.doc.fileName);
  if (r) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(at.doc.uri, new vscode.Range(at.doc.positionAt(r.start), at.doc.positionAt(r.end)), r.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new UserError(vscode.l10n.t('Could not add the ignore comment: the document could not be edited.'));
    return { method: 'comment' };
  }
  const folder = ignoreFiles.folderFor(at.doc.uri);
  if (!folder) {
    throw new UserError(
      vscode.l10n.t('This format has no comments, and there is no workspace folder to hold a .slack-token-guard-ignore file. Open a folder first.'),
      [],
      'warning',
    );
  }
  const where = `${vscode.workspace.asRelativePath(at.doc.uri)}:${at.range.start.line + 1}`;
  await ignoreFiles.addFingerprint(folder, fingerprint(at.token), `${at.info.label} in ${where}`);
  logger.info(`ignored a ${at.info.label} in ${where} through the ignore file of ${folder.name}`);
  return { method: 'ignore-file', file: IgnoreFiles.fileFor(folder).toString() };
}
