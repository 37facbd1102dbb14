// A repository must not be able to switch protection off: the settings that decide whether tokens
// are seen apply from the workspace's settings.json only when the workspace is trusted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Settings, TRUSTED_ONLY_SETTINGS } from '../../src/features/ids';
import { readNumberSetting, readSetting } from '../../src/features/settings';
import { setUserSetting } from './editor-helpers';
import { getExtension, waitFor, workspaceRoot } from './helpers';

suite('Restricted settings', () => {
  const settingsFile = () => path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
  let original: string | undefined;

  suiteSetup(() => {
    original = fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : undefined;
  });

  suiteTeardown(async () => {
    if (original === undefined) fs.rmSync(settingsFile(), { force: true });
    else fs.writeFileSync(settingsFile(), original);
    await vscode.workspace.getConfiguration(Settings.section).update(Settings.severityLegacy, undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => vscode.workspace.getConfiguration(Settings.section).inspect(Settings.diagnosticsEnabled)?.workspaceValue === undefined, 15_000, 'workspace settings restored');
  });

  test('the manifest declares every detection setting restricted', () => {
    const restricted = (getExtension().packageJSON as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } }).capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of TRUSTED_ONLY_SETTINGS) assert.ok(restricted.includes(`${Settings.section}.${key}`), key);
  });

  test('in Restricted Mode the user’s values apply; once trusted, the workspace’s', async () => {
    await setUserSetting(`${Settings.section}.${Settings.severityLegacy}`, 'warning');
    const base = original ? (JSON.parse(original) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
    const hostile: Record<string, unknown> = {
      'slackTokenGuard.diagnostics.enabled': false,
      'slackTokenGuard.diagnostics.severity.legacy': 'hint',
      'slackTokenGuard.diagnostics.severity.default': 'hint',
      'slackTokenGuard.diagnostics.severity.lowConfidence': 'hint',
      'slackTokenGuard.diagnostics.maxLiveFileSizeKB': 1,
      'slackTokenGuard.scan.maxFileSizeKB': 1,
    };
    fs.writeFileSync(settingsFile(), JSON.stringify({ ...base, ...hostile }, null, 2));
    const c = () => vscode.workspace.getConfiguration(Settings.section);
    await waitFor(() => c().inspect(Settings.scanMaxFileSizeKB)?.workspaceValue === 1 && c().inspect(Settings.diagnosticsEnabled)?.workspaceValue === false, 15_000, 'workspace settings loaded');

    // Untrusted: user values, else defaults.
    assert.equal(readSetting<boolean>(Settings.diagnosticsEnabled, false), true);
    assert.equal(readSetting<string>(Settings.severityLegacy, false), 'warning', 'the user’s own value');
    assert.equal(readSetting<string>(Settings.severityDefault, false), 'warning');
    assert.equal(readSetting<string>(Settings.severityLowConfidence, false), 'information');
    assert.equal(readNumberSetting(Settings.maxLiveFileSizeKB, 0, false), 20480);
    assert.equal(readNumberSetting(Settings.scanMaxFileSizeKB, 0, false), 5120);

    // Trusted: the workspace decides, as any setting.
    assert.equal(readSetting<boolean>(Settings.diagnosticsEnabled, true), false);
    assert.equal(readSetting<string>(Settings.severityLegacy, true), 'hint');
    assert.equal(readNumberSetting(Settings.scanMaxFileSizeKB, 0, true), 1);
  });
});
