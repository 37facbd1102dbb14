import * as vscode from 'vscode';
import { createLogger } from './features/logger';
import { Commands, EXTENSION_NAME } from './features/ids';
import { registerCommand } from './features/run-command';

// activate() only composes: each feature's register…() returns one Disposable that owns
// everything the feature created (listeners, emitters, providers).
export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const logger = createLogger(channel);
  context.subscriptions.push(
    channel,
    registerCommand(Commands.showLog, () => logger.show(), logger),
  );
}

export function deactivate(): void {}
