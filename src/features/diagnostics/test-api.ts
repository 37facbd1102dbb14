// What the editor features expose to integration tests (through activate()'s test-mode exports):
// the objects a test needs to observe behaviour that VS Code's API does not let it read back,
// such as the status bar text or the Findings view's items.
import type * as vscode from 'vscode';
import type { SafePasteProvider } from '../paste';
import type { StatusSnapshot } from '../status';
import type { FindingsNode, FindingsTreeProvider } from '../workspace-scan/findings-tree';
import type { ExposureService } from '../exposure';
import type { IgnoreFiles } from './ignore-files';
import type { LiveDiagnostics } from './live-diagnostics';

export interface EditorTestApi {
  live: LiveDiagnostics;
  ignoreFiles: IgnoreFiles;
  status: () => StatusSnapshot;
  /** The paste provider itself: the browser test host cannot run a real clipboard paste. */
  safePaste: SafePasteProvider;
  findingsTree: FindingsTreeProvider;
  /** The Findings view itself: its badge and message. */
  findingsView: vscode.TreeView<FindingsNode>;
  /** The workspace scan's Problems collection (files that are not open). */
  scanDiagnostics: vscode.DiagnosticCollection;
  terminalEnvironment: vscode.GlobalEnvironmentVariableCollection;
  /** Git history lookups behind the "already committed" line (tests wait for its snapshots). */
  exposure: ExposureService;
}
