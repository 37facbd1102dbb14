// An edit above findings moves their diagnostics: the live diagnostics copy each moved one to its
// new range instead of building it again. The copies must be exactly what a fresh scan of the same
// text shows: message (masked token and wording), severity, source and the code with its docs link.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { waitFor } from './helpers';
import { closeAllWithoutSaving, editorApi, untitled, Tokens, waitForCount, waitForLiveToMatchFullScan } from './editor-helpers';

/** What Problems shows of a diagnostic, in document order. */
function shown(ds: readonly vscode.Diagnostic[]): string[] {
  return [...ds]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => {
      const code = d.code as { value: string; target: vscode.Uri };
      const r = d.range;
      return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.severity} ${d.source} ${code.value} ${code.target.toString()} ${d.message}`;
    });
}

suite('Editor: diagnostics that an edit moves', () => {
  let api: ExtensionTestApi;
  const tokens = new Tokens(16_0013);

  suiteSetup(async () => {
    api = await editorApi();
  });
  suiteTeardown(async () => {
    await closeAllWithoutSaving();
  });

  test('a diagnostic moved by an edit above it is the one a fresh scan of the new text builds', async () => {
    // Kinds with different wording and severities (a legacy token is an error, the others warnings).
    const kinds = ['bot', 'bot-legacy', 'user', 'app', 'webhook', 'config-refresh'] as const;
    const lines = kinds.flatMap((k, i) => [`// filler ${i}`, `token${i} = "${tokens.make(k)}"`]);
    // Another feature's text appended to the message (as exposure's "Already committed…" is), and a
    // count of the diagnostics built: a moved one is copied with that text, not built and decorated again.
    const live = api.editor.live;
    const decorate = live.decorate;
    let built = 0;
    live.decorate = (uri, token, d, fp) => {
      built++;
      decorate?.(uri, token, d, fp);
      d.message = `${d.message} (appended by another feature)`;
    };
    try {
      const editor = await untitled(lines.join('\n') + '\n');
      const doc = editor.document;
      const before = await waitForCount(doc.uri, kinds.length);
      assert.ok(built >= kinds.length, 'each finding built and decorated');
      assert.ok(before.every((d) => d.message.endsWith(' (appended by another feature)')));
      const builtBeforeEdit = built;
      // A line above the second finding: the first keeps its diagnostic, the rest move down a line.
      const last = api.editor.live.lastRescan;
      await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'const moved = true;\n'));
      await waitFor(() => api.editor.live.lastRescan !== last || undefined, 15_000, 'the rescan after the edit');
      const moved = await waitForLiveToMatchFullScan(doc);
      assert.equal(api.editor.live.lastRescan?.incremental, true, 'the edit took the incremental path');
      assert.equal(moved.length, kinds.length);
      const sortedBefore = [...before].sort((a, b) => a.range.start.compareTo(b.range.start));
      const sortedMoved = [...moved].sort((a, b) => a.range.start.compareTo(b.range.start));
      for (let i = 1; i < kinds.length; i++) assert.equal(sortedMoved[i].range.start.line, sortedBefore[i].range.start.line + 1, `finding ${i} moved down a line`);
      // Only a finding next to the edit may be scanned again; the others moved as copies.
      assert.ok(built - builtBeforeEdit <= 1, `diagnostics built for the edit: ${built - builtBeforeEdit} (the moved ones are copied)`);
      // The same text scanned afresh in a document of its own.
      const fresh = await untitled(doc.getText());
      const freshDiagnostics = await waitForCount(fresh.document.uri, kinds.length);
      assert.deepEqual(shown(moved), shown(freshDiagnostics));
      assert.ok(built >= builtBeforeEdit + kinds.length, 'the fresh document was built and decorated');
      assert.ok(new Set(moved.map((d) => d.severity)).size >= 2, 'the kinds differ in severity');
      tokens.assertAbsent(shown(moved).join('\n'), 'the diagnostics');
    } finally {
      live.decorate = decorate;
    }
  });
});
