// In Restricted Mode a repository must not hide its own files from Scan Workspace: its
// files.exclude and search.exclude apply only once the workspace is trusted; the user's do always.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { excludeGlob, excludePatterns } from '../../src/features/workspace-scan/excludes';
import { FolderScanContext } from '../../src/features/workspace-scan/scanner';
import { setUserSetting } from './editor-helpers';
import { waitFor, workspaceRoot } from './helpers';

suite('Restricted Mode excludes', () => {
  const settingsFile = () => path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
  let original: string | undefined;
  let userFiles: unknown;
  const folder = () => vscode.workspace.workspaceFolders![0];
  const hidden = '**/hidden-by-repo/**';
  const searchHidden = '**/search-hidden-by-repo/**';
  const mine = '**/hidden-by-user/**';

  suiteSetup(() => {
    original = fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : undefined;
    userFiles = vscode.workspace.getConfiguration('files').inspect('exclude')?.globalValue;
  });

  suiteTeardown(async () => {
    if (original === undefined) fs.rmSync(settingsFile(), { force: true });
    else fs.writeFileSync(settingsFile(), original);
    await vscode.workspace.getConfiguration('files').update('exclude', userFiles, vscode.ConfigurationTarget.Global);
    await waitFor(() => !excludePatterns(folder(), undefined, true).includes(hidden), 15_000, 'workspace settings restored');
  });

  test('untrusted: only the user’s files.exclude and search.exclude; trusted: the workspace’s too', async () => {
    await setUserSetting('files.exclude', { ...(userFiles as object), [mine]: true });
    const base = original ? (JSON.parse(original) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
    fs.writeFileSync(settingsFile(), JSON.stringify({ ...base, 'files.exclude': { [hidden]: true }, 'search.exclude': { [searchHidden]: true } }, null, 2));
    await waitFor(() => excludePatterns(folder(), undefined, true).includes(searchHidden), 15_000, 'workspace settings loaded');

    const trusted = excludePatterns(folder(), undefined, true);
    assert.ok(trusted.includes(hidden) && trusted.includes(searchHidden), 'a trusted workspace’s excludes apply');

    const untrusted = excludePatterns(folder(), undefined, false);
    assert.ok(!untrusted.includes(hidden), 'the repository’s files.exclude is ignored in Restricted Mode');
    assert.ok(!untrusted.includes(searchHidden), 'the repository’s search.exclude is ignored in Restricted Mode');
    assert.ok(untrusted.includes(mine), 'the user’s own files.exclude still applies');
    assert.ok(untrusted.includes('**/.git/**'));
    const defaults = vscode.workspace.getConfiguration('files').inspect<Record<string, boolean>>('exclude')?.defaultValue ?? {};
    const defaultPatterns = Object.keys(defaults).filter((k) => defaults[k] === true && !k.includes('{'));
    assert.ok(defaultPatterns.length > 0, 'VS Code has default files.exclude patterns');
    for (const p of defaultPatterns) assert.ok(untrusted.includes(p), `the default ${p} still applies beside the user's own files.exclude (merged, as VS Code does)`);
    assert.ok(!excludeGlob(folder(), undefined, false).includes('hidden-by-repo'), 'and so is the glob findFiles gets');
  });

  test('untrusted: a repository’s .gitignore skips nothing (git is not run to tell tracked files apart); trusted: it does', async () => {
    const dir = path.join(workspaceRoot().fsPath, 'restricted-gitignore');
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.writeFileSync(path.join(dir, '.gitignore'), '*\n');
      const file = vscode.Uri.file(path.join(dir, 'committed.txt'));
      fs.writeFileSync(file.fsPath, 'text\n');
      assert.equal((await FolderScanContext.create(folder(), true)).ignoresPath(file), true, 'trusted: an untracked file the .gitignore matches is skipped');
      assert.equal((await FolderScanContext.create(folder(), false)).ignoresPath(file), false, 'Restricted Mode: not skipped, whatever the .gitignore says');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
