// First start: open the "Get started" walkthrough once per profile, as the README promises. VS Code
// opens walkthroughs by itself only for extensions installed from a gallery, not for one put into
// the extensions folder (`npm start`, a .vsix copied in, a dev container), so the extension does it.
// It honours `workbench.welcomePage.walkthroughs.openOnInstall` and never runs in the test host.
import * as vscode from 'vscode';
import type { Logger } from '../logger';

/** globalState key: set once the walkthrough was opened (a boolean, nothing else). */
export const WELCOMED_KEY = 'slackTokenGuard.welcomed';
export const WALKTHROUGH = 'getStarted';

export type CommandRunner = (command: string, ...args: unknown[]) => Thenable<unknown>;

/**
 * Opens the walkthrough `extensionId#getStarted` unless this profile has seen it; true when it did.
 * The flag is set first, so a failure or a second window never opens it twice.
 */
export async function openWalkthroughOnFirstRun(state: vscode.Memento, extensionId: string, run: CommandRunner = vscode.commands.executeCommand): Promise<boolean> {
  if (state.get<boolean>(WELCOMED_KEY) === true) return false;
  await state.update(WELCOMED_KEY, true);
  await run('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH}`, false);
  return true;
}

export function registerWelcome(context: vscode.ExtensionContext, logger: Logger): vscode.Disposable {
  // The remote extension host does not always see that workbench setting (code-server: it reads
  // true while the user's settings say false), so scripted sessions also switch it off by environment.
  const enabled =
    vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true) && process.env.SLACK_TOKEN_GUARD_NO_WALKTHROUGH !== '1';
  if (context.extensionMode !== vscode.ExtensionMode.Test && enabled) {
    openWalkthroughOnFirstRun(context.globalState, context.extension.id).then(
      (opened) => opened && logger.info('first start: opened the Get started walkthrough'),
      (e) => logger.warn('first start: could not open the walkthrough', e),
    );
  }
  return new vscode.Disposable(() => {});
}
