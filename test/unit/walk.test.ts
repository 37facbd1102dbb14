import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { trackedFiles } from '../../src/core/git/repo';
import { FolderWalk, type WalkOptions } from '../../src/core/walk';

function all(root: string, opts: WalkOptions): string[] {
  const w = new FolderWalk(root, [], opts);
  const out: string[] = [];
  for (let e = w.next(); e; e = w.next()) out.push(path.relative(root, e.abs).split(path.sep).join('/'));
  return out;
}

describe('the shared folder walk (CLI and the editor scan of local folders)', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-walk-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-walk-out-'));
    fs.writeFileSync(path.join(outside, 'far.txt'), 'x');
    fs.mkdirSync(path.join(root, 'src'));
    fs.mkdirSync(path.join(root, 'gen', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'x');
    fs.writeFileSync(path.join(root, 'gen', 'deep', 'b.ts'), 'x');
    fs.writeFileSync(path.join(root, 'skip.log'), 'x');
    fs.writeFileSync(path.join(root, '.gitignore'), 'skip.log\n');
    fs.symlinkSync(outside, path.join(root, 'to-dir'), 'dir');
    fs.symlinkSync('/', path.join(root, 'to-root'), 'dir');
    fs.symlinkSync(path.join(outside, 'far.txt'), path.join(root, 'to-file.txt'), 'file');
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('a tracked file that .gitignore matches is listed also when the folder is reached through a symbolic link', () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-f', 'skip.log', 'src/a.ts');
    git('commit', '-q', '-m', 'tracked, then ignored');
    const link = path.join(outside, 'via-link');
    fs.symlinkSync(root, link, 'dir');
    for (const at of [root, link]) {
      const files = new Set(all(at, { useGitignore: true, tracked: () => trackedFiles(at) }));
      assert.ok(files.has('skip.log'), `the committed, ignored file is listed when walked from ${at === root ? 'the folder' : 'a link to it'}`);
    }
  });

  it('never descends into or lists a symbolic link, to a folder, to / or to a file', () => {
    const skipped: string[] = [];
    const files = all(root, { useGitignore: true, onSkip: (abs, why) => why === 'symlink' && skipped.push(path.basename(abs)) });
    assert.deepEqual(files, ['.gitignore', 'gen/deep/b.ts', 'src/a.ts']);
    assert.deepEqual(skipped, ['to-dir', 'to-file.txt', 'to-root']);
  });

  it('with ignoreFiles false reads no ignore file; exclude prunes a folder before it is listed', () => {
    const asked: string[] = [];
    const files = all(root, {
      useGitignore: false,
      ignoreFiles: false,
      exclude: (abs) => {
        const rel = path.relative(root, abs).split(path.sep).join('/');
        asked.push(rel);
        return rel === 'gen';
      },
    });
    assert.deepEqual(files, ['.gitignore', 'skip.log', 'src/a.ts']);
    assert.ok(asked.includes('gen') && !asked.some((r) => r.startsWith('gen/')), 'nothing under an excluded folder is looked at');
    assert.ok(!asked.some((r) => r.startsWith('to-')), 'links are passed over before any exclude check');
  });
});
