// Scan Workspace on the extension host's thread (and the migration plan, which reads the same way)
// reads a local file without following a symbolic link: a file swapped for a link after the
// listing is not read through it (test/unit/scan-nofollow.test.ts covers the CLI and the workers).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readUriText, scanUri } from '../../src/features/workspace-scan/scanner';
import { Tokens } from './editor-helpers';

const tokens = new Tokens(4343);

suite('Scan: local reads follow no symbolic link', () => {
  test('a file swapped for a link to a file outside is not read through it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-nofollow-'));
    try {
      const outside = path.join(dir, 'outside.env');
      fs.writeFileSync(outside, `SLACK_BOT_TOKEN=${tokens.make('bot')}\n`);
      const listed = vscode.Uri.file(path.join(dir, 'listed.env'));
      fs.writeFileSync(listed.fsPath, 'nothing here\n');
      assert.equal((await readUriText(listed, 1 << 20)).status, 'text', 'the plain file is read');
      fs.rmSync(listed.fsPath);
      fs.symlinkSync(outside, listed.fsPath);
      assert.equal((await readUriText(listed, 1 << 20)).status, 'unreadable');
      assert.deepEqual(await scanUri(listed, 1 << 20, () => false), { status: 'unreadable' }, 'nothing found through the link');
      const direct = await scanUri(vscode.Uri.file(outside), 1 << 20, () => false);
      assert.ok(direct.status === 'scanned' && direct.findings.length === 1, 'the target itself holds the token');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
