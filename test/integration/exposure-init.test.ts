// A folder that becomes a git repository while a file in it is open (`git init`, then a commit):
// the next diagnostic of that file says the token is committed. The repository lookup used to
// remember "no repository" until the workspace folders changed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { GitRepo } from '../support/git-repo';
import { closeAllWithoutSaving, editorApi, Tokens } from './editor-helpers';
import { ourDiagnostics, waitFor, workspaceRoot } from './helpers';

const DIR = 'exposure-init-tmp';
const tokens = new Tokens(2222);

suite('Exposure: a repository created after the file was opened', () => {
  let api: ExtensionTestApi;
  let home: string;
  const dir = () => path.join(workspaceRoot().fsPath, DIR);

  suiteSetup(async () => {
    api = await editorApi();
    await closeAllWithoutSaving();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-exposure-init-'));
    api.editor.exposure.forgetAll();
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    // Stop watching the repository before its folder goes: a watched .git deleted under VS Code's
    // file watcher restarts the watcher, and the next suite's ref events can be lost meanwhile.
    api.editor.exposure.forgetAll();
    fs.rmSync(dir(), { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  test('git init and a commit in an open folder: the next diagnostic of the file says the token is committed', async () => {
    const token = tokens.make('bot');
    fs.mkdirSync(dir(), { recursive: true });
    const file = path.join(dir(), 'late.ts');
    fs.writeFileSync(file, `export const t = "${token}";\n`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const [before] = await waitFor(() => {
      const ds = ourDiagnostics(doc.uri);
      return ds.length === 1 ? ds : undefined;
    });
    assert.ok(!before.message.includes('Already committed'), 'no repository yet');
    assert.equal(api.editor.exposure.topOf(vscode.Uri.file(dir())), undefined, 'no repository yet');

    const repo = new GitRepo(dir(), home);
    const id = repo.commit('add late.ts');
    // "No repository" is remembered until the editor reports the new .git.
    await waitFor(() => api.editor.exposure.topOf(vscode.Uri.file(dir())), 30_000, 'the new repository seen');
    // No edit: the new .git makes the open files' diagnostics look their tokens up again.
    const [after] = await waitFor(
      () => {
        const ds = ourDiagnostics(doc.uri);
        return ds.length === 1 && ds[0].message.includes('Already committed') ? ds : undefined;
      },
      30_000,
      'the history line after git init',
    );
    assert.ok(after.message.includes(`Already committed in ${id.slice(0, 7)}`), after.message);
    assert.ok(!after.message.includes(token));

    // The .git deleted and made again, with no commit: the old history must not answer any more.
    // The test hands over the .git event itself, as the **/.git watcher does (when VS Code's
    // watcher delivers it is not this test's to rely on).
    const refreshes = api.editor.exposure.gitFolderRefreshes;
    fs.rmSync(path.join(dir(), '.git'), { recursive: true, force: true });
    new GitRepo(dir(), home);
    api.editor.exposure.repositoriesChanged(vscode.Uri.file(path.join(dir(), '.git')));
    await waitFor(() => api.editor.exposure.gitFolderRefreshes > refreshes || undefined, 30_000, 'the refresh after the .git event');
    await waitFor(
      () => {
        const ds = ourDiagnostics(doc.uri);
        return ds.length === 1 && !ds[0].message.includes('Already committed') ? ds : undefined;
      },
      30_000,
      'no history line once the repository is made again, empty',
    );
    // Fifty .git events at once (a submodule update) are one refresh of the open files, not fifty.
    const r0 = api.editor.exposure.gitFolderRefreshes;
    for (let i = 0; i < 50; i++) api.editor.exposure.repositoriesChanged();
    await waitFor(() => api.editor.exposure.gitFolderRefreshes > r0 || undefined, 30_000, 'the coalesced refresh');
    assert.equal(api.editor.exposure.gitFolderRefreshes - r0, 1, 'fifty .git events: one refresh');
  });
});
