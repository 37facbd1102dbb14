// The Findings view in a real extension host: tokens in file and folder names are masked in its
// labels, its icons follow the severities Problems shows (settings included), and its badge and
// message always give the same count, after a scan and after every saved edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mask } from '../../src/core/redact';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { FileNode, FindingNode } from '../../src/features/workspace-scan/findings-tree';
import type { ScanSummary } from '../../src/features/workspace-scan/scanner';
import { closeAllWithoutSaving, editorApi, removeScratch, scratchFile, setUserSetting, Tokens } from './editor-helpers';
import { waitFor } from './helpers';

const tokens = new Tokens(5151);

const scan = () => vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);

function itemText(item: vscode.TreeItem): string {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
  return `${label} ${item.description ?? ''} ${tooltip}`;
}

const ICON: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'lightbulb',
};

suite('Findings view: masked names, Problems severities, counts in step', () => {
  let api: ExtensionTestApi;
  suiteSetup(async () => {
    api = await editorApi();
    await closeAllWithoutSaving();
  });
  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await setUserSetting('slackTokenGuard.diagnostics.severity.default', undefined);
    await removeScratch();
    await vscode.commands.executeCommand(Commands.clearFindings);
  });

  const fileNode = (uri: vscode.Uri) => (api.editor.findingsTree.getChildren() as FileNode[]).find((f) => f.uri.toString() === uri.toString());

  test('a token in a file or folder name is masked in the label, description and tooltip', async () => {
    const named = tokens.make('bot');
    const folder = tokens.make('user');
    const uri = await scratchFile(`names/cfg-${folder}/token-${named}.ts`, `export const t = '${tokens.make('bot')}';\n`);
    await scan();
    const node = await waitFor(() => fileNode(uri), 10_000, 'the file is in the view');
    const text = itemText(api.editor.findingsTree.getTreeItem(node));
    tokens.assertAbsent(text, 'the Findings view file item');
    for (const t of [named, folder]) assert.ok(!text.includes(t.slice(-12)), 'no tail of a token from a name');
    assert.ok(text.includes(`token-${mask(named)}.ts`), text);
    assert.ok(text.includes(`cfg-${mask(folder)}`), text);
  });

  test('icons follow the severity Problems gives each finding, and follow the settings', async () => {
    const uri = await scratchFile('severity/kinds.ts', `export const u = '${tokens.make('user')}';\nexport const b = '${tokens.make('bot')}';\nexport const l = '${tokens.make('bot-legacy')}';\n`);
    await scan();
    const check = async (expectBot: string) => {
      const node = await waitFor(() => fileNode(uri), 10_000, 'the file is in the view');
      const diagnostics = await waitFor(() => api.editor.scanDiagnostics.get(uri)?.length === 3 && api.editor.scanDiagnostics.get(uri), 10_000, 'three Problems entries');
      for (const f of api.editor.findingsTree.getChildren(node) as FindingNode[]) {
        const d = diagnostics.find((x) => x.range.isEqual(f.range));
        assert.ok(d, 'a Problems entry for each finding');
        const icon = api.editor.findingsTree.getTreeItem(f).iconPath as vscode.ThemeIcon;
        assert.equal(icon.id, ICON[d.severity], `${f.kind}: the icon matches Problems`);
        if (f.kind === 'user') assert.equal(icon.id, 'error', 'a user token acts as a person: an error in both');
        if (f.kind === 'bot') assert.equal(icon.id, expectBot);
      }
    };
    await check('warning');
    await setUserSetting('slackTokenGuard.diagnostics.severity.default', 'error');
    await waitFor(() => api.editor.scanDiagnostics.get(uri)?.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.message.startsWith('Bot token')), 10_000, 'the setting reached Problems');
    await check('error');
    await setUserSetting('slackTokenGuard.diagnostics.severity.default', undefined);
  });

  test('the badge and the message give the same count after a scan and after a saved edit', async () => {
    const uri = await scratchFile('counts/edit.ts', `export const a = '${tokens.make('bot')}';\n`);
    await scan();
    const inStep = () => {
      const n = api.editor.findingsTree.findingCount();
      const view = api.editor.findingsView;
      return view.badge?.value === n && (view.message ?? '').startsWith(`${n} Slack credentials`) ? n : undefined;
    };
    const before = await waitFor(inStep, 10_000, 'badge and message agree after the scan');
    await vscode.commands.executeCommand('vscode.open', uri);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined), 10_000, 'the editor');
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), `export const b = '${tokens.make('user')}';\n`));
    await editor.document.save();
    await waitFor(() => api.editor.findingsTree.findingCount() === before + 1, 10_000, 'the saved edit reached the view');
    assert.equal(await waitFor(inStep, 10_000, 'badge and message agree after the edit'), before + 1);
    // Removing every token of the file: both go down together.
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, 2, 0)));
    await editor.document.save();
    await waitFor(() => api.editor.findingsTree.findingCount() === before - 1, 10_000, 'the emptied file left the view');
    assert.equal(await waitFor(inStep, 10_000, 'badge and message agree after emptying the file'), before - 1);
  });
});
