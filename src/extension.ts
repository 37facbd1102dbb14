import { MODULE_START_MS } from './features/startup-clock';
import * as vscode from 'vscode';
import { createLogger } from './features/logger';
import { Commands, EXTENSION_NAME } from './features/ids';
import { registerCommand } from './features/run-command';
import { registerVault, TokenStore, type TokensTreeProvider } from './features/vault';
import { IgnoreFiles } from './features/diagnostics/ignore-files';
import { LiveDiagnostics } from './features/diagnostics/live-diagnostics';
import { registerStatus } from './features/status';
import { registerQuickFixes } from './features/quick-fixes';
import { registerSafePaste } from './features/paste';
import { registerTerminalEnvironment } from './features/terminal-env';
import { registerWorkspaceScan } from './features/workspace-scan';
import { registerMigrationPlan } from './features/migration-plan';
import { registerExposure } from './features/exposure';
import type { EditorTestApi } from './features/diagnostics/test-api';
import { registerWelcome } from './features/welcome';

/** Every module of the bundle has been evaluated by now (see startup-clock.ts). */
const MODULE_LOADED_MS = performance.now();

/**
 * What activate() returns, in test mode only: every other extension can read an extension's
 * exports, so a production build exposes nothing. Integration tests use it to reach SecretStorage.
 */
export interface ExtensionTestApi {
  secrets: vscode.SecretStorage;
  /** The vault's index lives here; tests assert no token ever reaches it. */
  globalState: vscode.Memento;
  tokenStore: TokenStore;
  tokensTree: TokensTreeProvider;
  /** Where the extension's log file lives (tests assert no token reaches it). */
  logUri: vscode.Uri;
  /** The rest of what VS Code persists for the extension (the leak tests read all of it). */
  workspaceState: vscode.Memento;
  globalStorageUri: vscode.Uri;
  storageUri: vscode.Uri | undefined;
  /** Live diagnostics, status, safe paste and the workspace scan, as the editor tests see them. */
  editor: EditorTestApi;
  /** Points webhook probes at the fake Slack (honoured only in a test extension host). */
  redirectWebhookProbes: (origin: string | undefined) => void;
  /** performance.now() (ms since the extension host started) when the bundle began and finished loading, and activate() began and ended. */
  startup: { moduleStart: number; moduleLoaded: number; activateStart: number; activateEnd: number };
}

// activate() only composes: each feature's register…() returns one Disposable that owns
// everything the feature created (listeners, emitters, providers).
export function activate(context: vscode.ExtensionContext): ExtensionTestApi | undefined {
  const activateStart = performance.now();
  const channel = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const logger = createLogger(channel);
  const store = TokenStore.fromContext(context, logger);
  const vault = registerVault(context, { store, logger });
  const ignoreFiles = new IgnoreFiles(logger);
  const live = new LiveDiagnostics(ignoreFiles, logger);
  const status = registerStatus(context, { live });
  const paste = registerSafePaste(context, { store, logger });
  const exposure = registerExposure(context, { live, logger });
  const scan = registerWorkspaceScan(context, { live, logger, exposure: exposure.service });
  context.subscriptions.push(
    channel,
    registerCommand(Commands.showLog, () => logger.show(), logger),
    store,
    vault,
    ignoreFiles,
    live,
    status,
    registerQuickFixes(context, { store, ignoreFiles, logger, exposure: exposure.service }),
    paste,
    registerTerminalEnvironment(context, { store, logger }),
    scan,
    registerMigrationPlan(context, { store, logger }),
    exposure,
    registerWelcome(context, logger),
  );
  const editor: EditorTestApi = { live, ignoreFiles, status: () => status.snapshot(), safePaste: paste.provider, findingsTree: scan.tree, findingsView: scan.view, scanDiagnostics: scan.collection, exposure: exposure.service, terminalEnvironment: context.environmentVariableCollection };
  const startup = { moduleStart: MODULE_START_MS, moduleLoaded: MODULE_LOADED_MS, activateStart, activateEnd: performance.now() };
  return context.extensionMode === vscode.ExtensionMode.Test ? { startup, secrets: context.secrets, globalState: context.globalState, tokenStore: store, tokensTree: vault.tree, logUri: context.logUri, workspaceState: context.workspaceState, globalStorageUri: context.globalStorageUri, storageUri: context.storageUri, editor, redirectWebhookProbes: vault.redirectWebhookProbes } : undefined;
}

export function deactivate(): void {}
