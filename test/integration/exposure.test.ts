// Exposure in the real editor: the fixture workspace is made a git repository with a remote, then
// a diagnostic on a committed token says where it was committed and that it was pushed, the
// lightbulb puts Revoke first, an uncommitted token keeps Move first, and "Scan Workspace
// Including Git History" lists tokens that only history holds, in their own Findings group. Also
// the Scan Workspace side of the tracked-but-ignored bug.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { fingerprint } from '../../src/core/detect';
import { Commands } from '../../src/features/ids';
import type { FindingsNode, HistoryFindingNode } from '../../src/features/workspace-scan/findings-tree';
import type { ScanSummary } from '../../src/features/workspace-scan/scanner';
import { GitRepo } from '../support/git-repo';
import { closeAllWithoutSaving, editorApi, Tokens } from './editor-helpers';
import { ourDiagnostics, waitFor, workspaceRoot } from './helpers';

const DIR = 'exposure-tmp';
const tokens = new Tokens(1111);

suite('Exposure: git history in the editor', () => {
  let api: ExtensionTestApi;
  let repo: GitRepo;
  let home: string;
  let committedId = '';
  let goneId = '';
  const COMMITTED = tokens.make('bot');
  const GONE = tokens.make('user');
  const TRACKED_IGNORED = tokens.make('app');
  const FRESH = tokens.make('bot');
  const root = () => workspaceRoot().fsPath;
  const uri = (rel: string) => vscode.Uri.file(path.join(root(), DIR, rel));

  suiteSetup(async () => {
    api = await editorApi();
    await closeAllWithoutSaving();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-exposure-'));
    repo = new GitRepo(root(), home);
    repo.write(`${DIR}/committed.ts`, `export const t = "${COMMITTED}";\n`);
    repo.write(`${DIR}/gone.ts`, `export const t = "${GONE}";\n`);
    committedId = repo.commit('add config', 'Alice Example', [DIR]);
    goneId = committedId;
    repo.write(`${DIR}/gone.ts`, 'export const t = process.env.SLACK_USER_TOKEN;\n');
    repo.write(`${DIR}/.gitignore`, 'leak.env\n');
    repo.write(`${DIR}/leak.env`, `SLACK_APP_TOKEN=${TRACKED_IGNORED}\n`);
    repo.git('add', '-f', `${DIR}/leak.env`);
    repo.commit('token out of the code', 'Alice Example', [DIR]);
    const remote = path.join(home, 'origin.git');
    repo.gitIn(home, ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', 'origin', 'main');
    repo.write(`${DIR}/fresh.ts`, `export const t = "${FRESH}";\n`);
    api.editor.exposure.forgetAll();
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await vscode.commands.executeCommand(Commands.clearFindings);
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(root(), DIR), { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
    api.editor.exposure.forgetAll();
  });

  test('a committed token says where and that it was pushed; Revoke comes first. A fresh token keeps Move first', async () => {
    const committedDoc = await vscode.workspace.openTextDocument(uri('committed.ts'));
    await vscode.window.showTextDocument(committedDoc);
    const short = committedId.slice(0, 7);
    const [d] = await waitFor(
      () => {
        const ds = ourDiagnostics(committedDoc.uri);
        return ds.length === 1 && ds[0].message.includes('Already committed') ? ds : undefined;
      },
      30_000,
      'the history line on the committed token',
    );
    assert.ok(d.message.includes(`Already committed in ${short} (2026-01-02) and pushed to origin: revoke it first`), d.message);
    assert.ok(!d.message.includes(COMMITTED));
    // History is read off the typing path and re-read when refs change (the test's own commits can
    // still be arriving as watcher events): the lightbulb follows once the snapshot is ready.
    const quickFixes = async () =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', committedDoc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).filter((a) =>
        a.command?.command.startsWith('slackTokenGuard.'),
      );
    let ours = await quickFixes();
    for (let i = 0; i < 60 && ours[0]?.command?.command !== Commands.revokeLiteral; i++) {
      await new Promise((r) => setTimeout(r, 500));
      ours = await quickFixes();
    }
    assert.equal(ours[0].command?.command, Commands.revokeLiteral, ours.map((a) => a.title).join(' | '));
    assert.ok(ours[0].isPreferred);
    assert.match(ours[1].title, /stays in the git history/);

    const freshDoc = await vscode.workspace.openTextDocument(uri('fresh.ts'));
    await vscode.window.showTextDocument(freshDoc);
    const [f] = await waitFor(() => {
      const ds = ourDiagnostics(freshDoc.uri);
      return ds.length === 1 ? ds : undefined;
    });
    assert.ok(!f.message.includes('Already committed'), f.message);
    const freshActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', freshDoc.uri, f.range, vscode.CodeActionKind.QuickFix.value);
    const freshOurs = freshActions.filter((a) => a.command?.command.startsWith('slackTokenGuard.'));
    assert.equal(freshOurs[0].command?.command, Commands.moveToSecretStorage);
  });

  test('a burst of ref changes (one fetch writing many refs) rebuilds the history once, and a change during a build queues one more', async () => {
    const service = api.editor.exposure;
    const doc = await vscode.workspace.openTextDocument(uri('committed.ts'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => ourDiagnostics(doc.uri).some((d) => d.message.includes('Already committed')) || undefined, 30_000, 'the history line');
    // Let the suite's own commits settle: wait until a build has finished and none runs.
    await service.settled(repo.dir);
    const builds = () => service.buildsStartedFor(repo.dir);
    const before = builds();
    // Twenty ref events as one fetch writing twenty refs gives them, handed over the way the ref
    // watcher does (when VS Code's watcher delivers them is not this test's to rely on).
    for (let i = 0; i < 20; i++) service.refsChanged(repo.dir);
    await waitFor(() => builds() > before || undefined, 30_000, 'a build after the burst');
    await service.settled(repo.dir);
    assert.equal(builds() - before, 1, 'twenty ref changes in one burst: one build');
    // A change during a build: asked again, the same one queued build, never a second one beside it.
    service.invalidate(repo.dir);
    const running = service.snapshot(repo.dir);
    service.invalidate(repo.dir);
    const queued = service.snapshot(repo.dir);
    assert.notEqual(queued, running);
    assert.equal(service.snapshot(repo.dir), queued, 'asked twice during a stale build: the same queued build');
    await running;
    await queued;
    await service.settled(repo.dir);
    assert.equal(builds() - before, 3, 'the burst, the build that was running, and the one queued behind it');
  });

  test('a repository whose history cannot be read is tried once, not on every lookup, until its refs change', async () => {
    const service = api.editor.exposure;
    const dir = path.join(root(), DIR, 'broken');
    const broken = new GitRepo(dir, home);
    try {
      broken.write('a.ts', 'export const a = 1;\n');
      const id = broken.commit('one');
      fs.rmSync(path.join(dir, '.git', 'objects', id.slice(0, 2), id.slice(2))); // the commit object is gone
      const file = vscode.Uri.file(path.join(dir, 'a.ts'));
      const token = tokens.make('bot');
      // A ref event of the new repository can still arrive late (its watcher starts at the first
      // lookup): each one may cause one more try, so builds are counted against ref changes.
      const builds = () => service.buildsStartedFor(dir);
      const changes = () => service.refChangesOf(dir);
      for (let i = 0; i < 5; i++) {
        assert.equal(service.lookup(file, token), undefined, `lookup ${i}`);
        await service.settled(dir);
      }
      assert.equal(await service.snapshot(dir), undefined, 'asked for its snapshot: the remembered failure');
      assert.ok(builds() >= 1, 'tried');
      assert.ok(builds() <= 1 + changes(), `five lookups and a snapshot: ${builds()} builds for ${changes()} ref changes`);
      const [b0, c0] = [builds(), changes()];
      service.invalidate(dir); // what a ref change does
      for (let i = 0; i < 5; i++) {
        service.lookup(file, token);
        await service.settled(dir);
      }
      assert.ok(builds() > b0, 'after a ref change: tried again');
      assert.ok(builds() - b0 <= changes() - c0, `then ${builds() - b0} builds for ${changes() - c0} ref changes`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Scan Workspace Including Git History: an "In history only" group with the commit; tracked-but-ignored files are scanned', async () => {
    const summary = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspaceWithHistory);
    const history = summary.history ?? [];
    assert.deepEqual(history.map((h) => h.finding.fingerprint), [fingerprint(GONE)], 'only the token no file holds any more');
    const [node] = history;
    assert.equal(node.commit?.id, goneId);
    assert.equal(node.path, `${DIR}/gone.ts`);
    const tree = api.editor.findingsTree;
    const top = tree.getChildren();
    assert.equal(top[0].type, 'history');
    const group = tree.getTreeItem(top[0]);
    assert.equal(group.label, 'In history only');
    const [item] = tree.getChildren(top[0]) as HistoryFindingNode[];
    const shown = tree.getTreeItem(item);
    assert.match(String(shown.description), new RegExp(`${goneId.slice(0, 7)} 2026-01-02 · ${DIR}/gone.ts`));
    assert.equal(shown.contextValue, 'historyFinding');
    assert.ok(!JSON.stringify([shown.label, shown.description]).includes(GONE));
    // Test and Revoke read the token back from the history document, as from a file.
    const doc = await vscode.workspace.openTextDocument(item.uri);
    assert.equal(doc.getText(item.range), GONE);
    await vscode.commands.executeCommand(Commands.copyFingerprint, item);
    assert.equal(await vscode.env.clipboard.readText(), fingerprint(GONE));
    // leak.env is ignored by .gitignore but tracked: the scan reports it (git ignores untracked files only).
    const files = (top.filter((n) => n.type === 'file') as Extract<FindingsNode, { type: 'file' }>[]).map((n) => vscode.workspace.asRelativePath(n.uri, false));
    assert.ok(files.includes(`${DIR}/leak.env`), files.join(', '));
  });

  test('an untrusted workspace asks before reading history: "no" lists nothing, "yes" lists it', async () => {
    const refused = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspaceWithHistory, { trusted: false, allowGitUntrusted: false });
    assert.deepEqual(refused.history, []);
    const agreed = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspaceWithHistory, { trusted: false, allowGitUntrusted: true });
    assert.deepEqual((agreed.history ?? []).map((h) => h.finding.fingerprint), [fingerprint(GONE)]);
  });
});
