// Live diagnostics read a document only around each edit (getText(range), lineAt): in a CRLF file,
// edits that split or join line breaks, cut into tokens or paste new ones must still give exactly
// the full scan's findings, each message masking the token at its own range, on the incremental path.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mask } from '../../src/core/redact';
import type { ExtensionTestApi } from '../../src/extension';
import { Rng } from '../support/token-gen';
import { waitFor } from './helpers';
import { closeAllWithoutSaving, editorApi, removeScratch, Tokens, waitForLiveToMatchFullScan, workspaceFile } from './editor-helpers';

suite('Editor: live diagnostics read only the edited window', () => {
  let api: ExtensionTestApi;
  const tokens = new Tokens(13_0003);

  suiteSetup(async () => {
    api = await editorApi();
  });
  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await removeScratch();
  });

  test('a CRLF document under seeded edits (line breaks split and joined, tokens cut and pasted) equals a full scan', async function () {
    this.timeout(120_000);
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) lines.push(i % 20 === 0 ? `token${i} = "${tokens.make('bot')}" # slack` : `value${i} = compute(${i}) # filler line`);
    const doc = await workspaceFile('window/crlf.py', lines.join('\r\n') + '\r\n');
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const editor = await vscode.window.showTextDocument(doc);
    await waitForLiveToMatchFullScan(doc);
    const rng = new Rng(7);
    let incremental = 0;
    for (let step = 0; step < 24; step++) {
      const text = doc.getText();
      const at = rng.int(0, text.length);
      const pos = doc.positionAt(at);
      const op = step % 4;
      const before = api.editor.live.lastRescan;
      await editor.edit((e) => {
        if (op === 0) e.insert(pos, `\r\nnew${step} = "${tokens.make(rng.pick(['bot', 'user', 'app', 'webhook'] as const))}"\r\n`);
        else if (op === 1) e.delete(new vscode.Range(pos, doc.positionAt(Math.min(text.length, at + rng.int(1, 120)))));
        else if (op === 2) e.insert(pos, '\r\n');
        else e.replace(new vscode.Range(pos, doc.positionAt(Math.min(text.length, at + 3))), 'x');
      });
      await waitFor(() => api.editor.live.lastRescan !== before || undefined, 15_000, `the rescan after step ${step}`);
      const diags = await waitForLiveToMatchFullScan(doc);
      for (const d of diags) assert.ok(d.message.includes(mask(doc.getText(d.range))), `step ${step}: the message masks the token at its range`);
      if (api.editor.live.lastRescan?.uri === doc.uri.toString() && api.editor.live.lastRescan.incremental) incremental++;
    }
    assert.ok(incremental >= 20, `${incremental} of 24 rescans took the incremental path`);
  });
});
