// Commands take options that answer their own dialogs (`confirm`, `confirmEndpoint`, `dryRun`,
// `remove`), because VS Code refuses modal dialogs while an extension host runs tests. Any other
// extension can call executeCommand with the same options, so they are honoured only when this
// extension itself runs in a test host: `context.extensionMode` is set by VS Code for the extension
// being developed or tested, and no other extension can change it. Everywhere else they are
// dropped, and the user is asked.
import * as vscode from 'vscode';

/**
 * Options that skip a confirmation, or (`quiet`) the notice that says a token was exposed to
 * terminals or tested: another extension must not do either unseen. `dryRun: true` only ever does
 * less, so it stays.
 */
const ANSWER_KEYS = ['confirm', 'confirmEndpoint', 'remove', 'allowGitUntrusted', 'quiet'] as const;

/** The options object without the keys that answer dialogs, unless `mode` is the test host's. */
export function withoutDialogAnswers<T extends object>(options: T, mode: vscode.ExtensionMode): T {
  if (mode === vscode.ExtensionMode.Test) return options;
  const copy = { ...options } as Record<string, unknown>;
  for (const k of ANSWER_KEYS) delete copy[k];
  // dryRun: false says "revoke for real without asking"; without it the modal asks.
  if (copy.dryRun !== true) delete copy.dryRun;
  return copy as T;
}
