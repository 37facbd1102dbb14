import * as vscode from 'vscode';
import { redact } from '../core/redact';
import { Commands } from './ids';
import type { Logger } from './logger';

/**
 * An error whose message is written for the user (already free of secrets) and shown as is,
 * with optional buttons. Anything else a command throws is shown as a generic failure.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly actions: { title: string; run: () => unknown }[] = [],
    readonly severity: 'error' | 'warning' | 'info' = 'error',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A cancelled input box or quick pick: stop quietly. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/**
 * Registers a command behind the one wrapper every command uses: it catches, logs through the
 * redacting logger, and shows one actionable message. The handler's result is returned to callers
 * of executeCommand (tests rely on it).
 */
export function registerCommand(
  id: string,
  // never[]: any handler, whatever its parameter types, fits; callers pass what VS Code hands over.
  handler: (...args: never[]) => unknown,
  logger: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as never[]));
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      const showLog = vscode.l10n.t('Show Log');
      if (e instanceof UserError) {
        logger.warn(`${id}: ${e.message}`);
        const titles = [...e.actions.map((a) => a.title), showLog];
        const show =
          e.severity === 'info'
            ? vscode.window.showInformationMessage
            : e.severity === 'warning'
              ? vscode.window.showWarningMessage
              : vscode.window.showErrorMessage;
        void show(redact(e.message), ...titles).then((picked) => {
          if (picked === showLog) logger.show();
          else e.actions.find((a) => a.title === picked)?.run();
        });
        return undefined;
      }
      logger.error(`${id} failed`, e);
      void vscode.window
        .showErrorMessage(vscode.l10n.t('Slack Token Guard: the command failed. See the log for details.'), showLog)
        .then((picked) => {
          if (picked === showLog) void vscode.commands.executeCommand(Commands.showLog);
        });
      return undefined;
    }
  });
}
