// Files are read without following a symbolic link (O_NOFOLLOW where the platform has it): a file
// swapped for a link between the folder listing and the read is not read through it, on the
// worker threads, the CLI's own thread and the migration plan alike (core/scan-file.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileText, scanFile } from '../../src/core/scan-file';
import { cli, ensureBuilt } from '../support/cli-run';
import { TokenGenerator } from '../support/token-gen';

const haveNoFollow = fs.constants.O_NOFOLLOW !== undefined;

describe('scan reads follow no symbolic link', () => {
  const gen = new TokenGenerator(1316);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-nofollow-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a listed file replaced by a link to a file outside is not read through it', function () {
    if (!haveNoFollow) this.skip(); // Windows: no O_NOFOLLOW (the walker still lists no link)
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, `SLACK_BOT_TOKEN=${gen.token('bot')}\n`);
    const listed = path.join(dir, 'listed.txt');
    fs.writeFileSync(listed, 'nothing here\n');
    assert.equal(readFileText(listed, 1 << 20).status, 'scanned', 'the plain file is read');
    // Swapped after the listing:
    fs.rmSync(listed);
    fs.symlinkSync(outside, listed);
    assert.equal(readFileText(listed, 1 << 20).status, 'not-a-file');
    const out = scanFile(listed, { maxFileSize: 1 << 20, showSecrets: false, inlineIgnore: true });
    assert.equal(out.status, 'not-a-file');
    assert.deepEqual(out.findings, [], 'nothing found through the link');
    assert.equal(scanFile(outside, { maxFileSize: 1 << 20, showSecrets: false, inlineIgnore: true }).findings.length, 1, 'the target itself holds the token');
  });

  it('the CLI says it skips a link named on the command line, and scans the file it points to when named', function () {
    if (!haveNoFollow) this.skip();
    ensureBuilt();
    fs.writeFileSync(path.join(dir, 'target.env'), `SLACK_BOT_TOKEN=${gen.token('bot')}\n`);
    fs.symlinkSync(path.join(dir, 'target.env'), path.join(dir, 'link.env'));
    const viaLink = cli(dir, ['scan', 'link.env']);
    assert.equal(viaLink.status, 0, viaLink.stderr);
    assert.match(viaLink.stderr, /skipped \(symbolic link; name the file it points to\): link\.env/);
    const direct = cli(dir, ['scan', 'target.env']);
    assert.notEqual(direct.status, 0, 'the target is scanned and its token reported');
    assert.match(direct.stdout, /target\.env/);
  });
});
