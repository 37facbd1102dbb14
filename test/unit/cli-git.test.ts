// The CLI against real git repositories built in temporary folders: tracked-but-ignored files,
// explicitly named ignored folders, `scan --staged`, `install-hook`, and `scan --git` with its
// bad inputs. Runs the built dist/cli.js, as users get it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import { equalRedacted } from '../support/assert-redacted';
import { cli, ensureBuilt, jsonLines, type Run } from '../support/cli-run';
import { GitRepo } from '../support/git-repo';
import { TokenGenerator } from '../support/token-gen';

describe('CLI with git: tracked files, --staged, install-hook, --git', function () {
  this.timeout(60000);
  const gen = new TokenGenerator(1111);
  const BOT = gen.token('bot');
  const USER = gen.token('user');
  const APP = gen.token('app');
  const HOOK = gen.token('webhook');
  const ALL = [BOT, USER, APP, HOOK];
  let tmp: string;
  let n = 0;
  const repo = () => new GitRepo(path.join(tmp, `r${n++}`), tmp);
  const run = (r: GitRepo, args: string[], cwd = r.dir, env: NodeJS.ProcessEnv = {}): Run => cli(cwd, args, undefined, { ...r.env, ...env });
  const noSecrets = (r: Run) => {
    for (const t of ALL) assert.ok(!r.stdout.includes(t) && !r.stderr.includes(t), 'a token reached the output');
  };

  before(function () {
    this.timeout(120000);
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-cli-git-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('bugs: what .gitignore hides', () => {
    it('scans a tracked file that a .gitignore pattern matches (git ignores untracked files only)', () => {
      const r = repo();
      r.write('prod.env', `SLACK_BOT_TOKEN=${BOT}\n`);
      r.write('vendor/keys.txt', `${USER}\n`);
      r.commit('the classic leak');
      r.write('.gitignore', '*.env\nvendor/\n');
      r.write('local.env', `SLACK_APP_TOKEN=${APP}\n`);
      r.write('vendor/untracked.txt', `${HOOK}\n`);
      r.commit('ignore env files from now on');
      const out = run(r, ['scan', '--format', 'json', '--verbose']);
      assert.equal(out.status, 1, out.stderr);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.file), ['prod.env', 'vendor/keys.txt']);
      assert.match(out.stderr, /skipped \(ignored by \.gitignore and not tracked by git\): local\.env/);
      assert.match(out.stderr, /skipped \(ignored by \.gitignore and not tracked by git\): vendor\/untracked\.txt/);
      noSecrets(out);
      // Outside a repository nothing is tracked: the .gitignore rules apply as before.
      const plain = fs.mkdtempSync(path.join(tmp, 'plain-'));
      fs.writeFileSync(path.join(plain, '.gitignore'), '*.env\n');
      fs.writeFileSync(path.join(plain, 'prod.env'), `${BOT}\n`);
      assert.equal(cli(plain, ['scan']).status, 0);
    });

    it('scans a folder named on the command line under an ignored parent, and --verbose says why', () => {
      const r = repo();
      r.write('.gitignore', '.cache/\n');
      r.write('.cache/demo-workspace/app.ts', `const t = "${BOT}";\n`);
      r.write('.cache/demo-workspace/.gitignore', 'out/\n');
      r.write('.cache/demo-workspace/out/build.js', `${USER}\n`);
      r.commit('ignored cache');
      const out = run(r, ['scan', '--format', 'json', '--verbose', '.cache/demo-workspace']);
      assert.equal(out.status, 1, out.stderr);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.file), ['.cache/demo-workspace/app.ts']);
      assert.match(out.stderr, /scanning \.cache\/demo-workspace although \.gitignore ignores it: it was named on the command line/);
      assert.match(out.stderr, /skipped \(ignored by \.gitignore and not tracked by git\): \.cache\/demo-workspace\/out/);
      // Walking the whole repository still passes the ignored folder over.
      const all = run(r, ['scan', '.']);
      assert.equal(all.status, 0, all.stdout);
    });
  });

  describe('scan --staged', () => {
    it('scans the index versions, not the working tree, with their paths; exit 1 on findings', () => {
      const r = repo();
      r.write('README.md', 'hello\n');
      r.commit('start');
      r.write('src/config.ts', `export const t = "${BOT}";\n`);
      r.git('add', 'src/config.ts');
      r.write('src/config.ts', 'export const t = process.env.SLACK_BOT_TOKEN;\n'); // fixed in the tree, not staged
      r.write('notes.txt', `${USER}\n`); // in the tree, never staged
      const out = run(r, ['scan', '--staged', '--format', 'json']);
      assert.equal(out.status, 1, out.stderr);
      const found = jsonLines(out.stdout);
      assert.deepEqual(found.map((f) => [f.file, f.line, f.column, f.masked]), [['src/config.ts', 1, 19, mask(BOT)]]);
      noSecrets(out);
      // From a subfolder, paths are relative to it, as for a file scan.
      const sub = run(r, ['scan', '--staged'], path.join(r.dir, 'src'));
      assert.match(sub.stdout, /^config\.ts:1:19 bot /);
      // Staged clean over a working tree with a token: nothing to report.
      r.git('add', 'src/config.ts');
      r.write('src/config.ts', `export const t = "${BOT}";\n`);
      assert.equal(run(r, ['scan', '--staged']).status, 0);
    });

    it('nothing staged (or only deletions) exits 0 quietly', () => {
      const r = repo();
      r.write('a.txt', `${BOT}\n`);
      r.commit('old leak');
      const empty = run(r, ['scan', '--staged']);
      assert.deepEqual([empty.status, empty.stdout, empty.stderr], [0, '', '']);
      r.git('rm', '-q', 'a.txt');
      const del = run(r, ['scan', '--staged']);
      assert.deepEqual([del.status, del.stdout, del.stderr], [0, '', '']);
    });

    it('works on the first commit of a repository and honours the tool ignore file and baselines', () => {
      const r = repo();
      r.write('test/fixtures/sample.txt', `${BOT}\n`);
      r.write('.slack-token-guard-ignore', 'test/fixtures/\n');
      r.write('app.ts', `"${USER}"\n`);
      r.git('add', '-A');
      const out = run(r, ['scan', '--staged', '--format', 'json']);
      assert.equal(out.status, 1);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.file), ['app.ts']);
      assert.equal(run(r, ['scan', '--staged', '--write-baseline', 'base.json']).status, 0);
      assert.equal(run(r, ['scan', '--staged', '--baseline', 'base.json']).status, 0);
    });

    it('a nested ignore file applies in history too: its fingerprint below its folder, its patterns from its folder', () => {
      const r = repo();
      r.write('pkg/a/keep.ts', `"${BOT}"\n`);
      r.write('pkg/a/deep/also.ts', `"${BOT}"\n`);
      r.write('pkg/b/report.ts', `"${USER}"\n`);
      r.write('pkg/b/gen/out.ts', `"${APP}"\n`);
      r.write('pkg/a/.slack-token-guard-ignore', `${fingerprint(BOT)}\n`);
      r.write('pkg/b/.slack-token-guard-ignore', 'gen/\n');
      r.commit('nested ignore files');
      const out = run(r, ['scan', '--git', '--format', 'json', '--verbose']);
      assert.equal(out.status, 1, out.stderr);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.file), ['pkg/b/report.ts']);
      assert.match(out.stderr, /skipped \(ignored by \.slack-token-guard-ignore\): pkg\/b\/gen\/out\.ts/);
      assert.match(out.stderr, /1 ignored by \.slack-token-guard-ignore/);
    });

    it('outside a repository: exit 2 and one clear line', () => {
      const d = fs.mkdtempSync(path.join(tmp, 'norepo-'));
      const out = cli(d, ['scan', '--staged'], undefined, { GIT_CEILING_DIRECTORIES: tmp });
      assert.equal(out.status, 2);
      assert.match(out.stderr, /^slack-token-guard: not a git repository: /);
      assert.equal(out.stderr.trim().split('\n').length, 1);
    });
  });

  describe('install-hook', () => {
    const hookPath = (r: GitRepo, dir = '.git/hooks') => path.join(r.dir, dir, 'pre-commit');

    it('blocks a commit that stages a token, is idempotent, and --uninstall removes it', () => {
      const r = repo();
      r.write('README.md', 'x\n');
      r.commit('start');
      assert.equal(run(r, ['install-hook']).status, 0);
      const first = fs.readFileSync(hookPath(r), 'utf8');
      assert.equal(run(r, ['install-hook']).status, 0);
      assert.equal(fs.readFileSync(hookPath(r), 'utf8'), first, 'installing twice changes nothing');
      assert.deepEqual(fs.readdirSync(path.join(r.dir, '.git/hooks')).filter((f) => !f.endsWith('.sample')), ['pre-commit']);
      r.write('leak.ts', `const t = "${BOT}";\n`);
      r.git('add', 'leak.ts');
      const blocked = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: r.dir, env: r.env, encoding: 'utf8' });
      assert.notEqual(blocked.status, 0, 'the commit must be refused');
      assert.match(blocked.stderr, /1 Slack credential staged/);
      assert.ok(!blocked.stderr.includes(BOT) && !blocked.stdout.includes(BOT));
      assert.equal(r.git('rev-list', '--count', 'HEAD').trim(), '1');
      r.write('leak.ts', 'const t = process.env.T;\n');
      r.git('add', 'leak.ts');
      r.commit('clean');
      assert.equal(run(r, ['install-hook', '--uninstall']).status, 0);
      assert.ok(!fs.existsSync(hookPath(r)));
      assert.equal(run(r, ['install-hook', '--uninstall']).status, 0, 'removing twice is fine');
    });

    it('chains an existing hook (it still runs and can still refuse) and puts it back on --uninstall', () => {
      const r = repo();
      r.write('README.md', 'x\n');
      r.commit('start');
      const mine = '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/mine-ran"\n[ ! -f refuse ] || exit 3\n';
      fs.writeFileSync(hookPath(r), mine, { mode: 0o755 });
      assert.equal(run(r, ['install-hook']).status, 0);
      assert.equal(run(r, ['install-hook']).status, 0);
      r.write('ok.txt', 'fine\n');
      r.commit('passes both');
      assert.equal(fs.readFileSync(path.join(r.dir, '.git/mine-ran'), 'utf8'), 'ran\n');
      r.write('refuse', '');
      r.git('add', 'refuse');
      const refused = spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: r.dir, env: r.env, encoding: 'utf8' });
      assert.equal(refused.status, 1, 'the chained hook refused');
      assert.equal(run(r, ['install-hook', '--uninstall']).status, 0);
      assert.equal(fs.readFileSync(hookPath(r), 'utf8'), mine);
      assert.ok(!fs.existsSync(hookPath(r) + '.before-slack-token-guard'));
      // A hook that is not ours is never removed.
      assert.equal(run(r, ['install-hook', '--uninstall']).status, 0);
      assert.equal(fs.readFileSync(hookPath(r), 'utf8'), mine);
    });

    it('honours core.hooksPath', () => {
      const r = repo();
      r.git('config', 'core.hooksPath', 'tools/hooks');
      assert.equal(run(r, ['install-hook']).status, 0);
      assert.ok(fs.existsSync(hookPath(r, 'tools/hooks')));
      assert.ok(!fs.existsSync(hookPath(r)));
      r.write('leak.ts', `"${APP}"\n`);
      r.git('add', '-A');
      const blocked = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: r.dir, env: r.env, encoding: 'utf8' });
      assert.notEqual(blocked.status, 0);
    });
  });

  describe('scan --git', () => {
    /** A history where a token is added, copied, then removed from every file. */
    function leakyHistory(): { r: GitRepo; added: string; copied: string } {
      const r = repo();
      r.write('README.md', 'project\n');
      r.commit('start');
      r.write('config/.env', `SLACK_BOT_TOKEN=${BOT}\n`);
      const added = r.commit('add config', 'Alice Example');
      r.write('backup/.env.old', `# old\nSLACK_BOT_TOKEN=${BOT}\n`);
      const copied = r.commit('back it up', 'Bob');
      r.write('config/.env', 'SLACK_BOT_TOKEN=\n');
      fs.rmSync(path.join(r.dir, 'backup'), { recursive: true });
      r.commit('remove the token');
      return { r, added, copied };
    }

    it('finds a token no longer in any file, with the commit that first introduced it', () => {
      const { r, added, copied } = leakyHistory();
      assert.equal(run(r, ['scan', '.']).status, 0, 'the files are clean');
      const text = run(r, ['scan', '--git']);
      assert.equal(text.status, 1, text.stderr);
      equalRedacted(text.stdout, `config/.env:1:17 bot ${mask(BOT)} ${added.slice(0, 7)} 2026-01-03 Alice Example\n`);
      assert.match(text.stderr, /1 Slack credential in history/);
      assert.match(text.stderr, /revoke it/);
      const json = jsonLines(run(r, ['scan', '--git', '--format', 'json']).stdout);
      assert.equal(json.length, 1);
      assert.equal(json[0].fingerprint, fingerprint(BOT));
      assert.deepEqual(json[0].commit, { id: added, short: added.slice(0, 7), date: '2026-01-03T00:00:00+00:00', author: 'Alice Example' });
      assert.deepEqual(
        (json[0].occurrences as { commit: string; path: string }[]).map((o) => [o.commit, o.path]),
        [
          [added, 'config/.env'],
          [copied, 'backup/.env.old'],
        ],
      );
      noSecrets(text);
    });

    it('SARIF carries the commit; --show-secrets is the only way to see the token', () => {
      const { r, added } = leakyHistory();
      const sarif = JSON.parse(run(r, ['scan', '--git', '--format', 'sarif']).stdout) as {
        runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: { commit: { id: string } } }[] }[];
      };
      const [res] = sarif.runs[0].results;
      assert.equal(res.properties.commit.id, added);
      assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'config/.env');
      assert.match(res.message.text, /committed in .* revoke it/);
      assert.ok(!JSON.stringify(sarif).includes(BOT));
      assert.ok(run(r, ['scan', '--git', '--show-secrets']).stdout.includes(BOT));
    });

    it('baselines: --write-baseline then --baseline leaves only new tokens; exit codes as for files', () => {
      const { r } = leakyHistory();
      assert.equal(run(r, ['scan', '--git', '--write-baseline', 'history-baseline.json']).status, 0);
      const saved = fs.readFileSync(path.join(r.dir, 'history-baseline.json'), 'utf8');
      assert.ok(!saved.includes(BOT) && !saved.includes(mask(BOT)));
      assert.equal(run(r, ['scan', '--git', '--baseline', 'history-baseline.json']).status, 0);
      r.write('new.txt', `${USER}\n`);
      r.commit('a new leak');
      const out = run(r, ['scan', '--git', '--baseline', 'history-baseline.json', '--format', 'json']);
      assert.equal(out.status, 1);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.file), ['new.txt']);
    });

    it('covers every ref: other branches, tags, stash and a detached HEAD', () => {
      const r = repo();
      r.write('README.md', 'x\n');
      r.commit('start');
      r.git('checkout', '-q', '-b', 'feature');
      r.write('feature.txt', `${BOT}\n`);
      r.commit('on a branch');
      r.git('checkout', '-q', 'main');
      r.git('checkout', '-q', '-b', 'release');
      r.write('tagged.txt', `${USER}\n`);
      r.commit('tagged only');
      r.git('tag', 'v1');
      r.git('checkout', '-q', 'main');
      r.git('branch', '-q', '-D', 'release');
      r.write('README.md', `stashed ${APP}\n`);
      r.git('stash', '-q');
      r.git('checkout', '-q', '--detach');
      r.write('detached.txt', `${HOOK}\n`);
      r.commit('detached');
      const found = jsonLines(run(r, ['scan', '--git', '--format', 'json']).stdout).map((f) => f.fingerprint).sort();
      assert.deepEqual(found, ALL.map(fingerprint).sort());
    });

    it('a revision range and --since narrow the history', () => {
      const { r, copied } = leakyHistory();
      r.write('late.txt', `${USER}\n`);
      const late = r.commit('late leak');
      const fps = (args: string[]) => jsonLines(run(r, ['scan', '--git', '--format', 'json', ...args]).stdout).map((f) => f.fingerprint);
      assert.deepEqual(fps([`${copied}..${late}`]), [fingerprint(USER)]);
      assert.deepEqual(fps(['--since', '2026-01-05T12:00:00+00:00']), [fingerprint(USER)]);
      assert.deepEqual(fps(['main']).sort(), [fingerprint(BOT), fingerprint(USER)].sort());
      const bad = run(r, ['scan', '--git', 'no-such-branch']);
      assert.equal(bad.status, 2);
      assert.equal(bad.stderr.trim().split('\n').length, 1);
      assert.equal(run(r, ['scan', '--git', '--output=x', '-x']).status, 2, 'an option is never taken as a revision');
    });

    it('not a repository, a shallow clone, or no git: a clear message and exit 2', () => {
      const d = fs.mkdtempSync(path.join(tmp, 'norepo-'));
      const notRepo = cli(d, ['scan', '--git'], undefined, { GIT_CEILING_DIRECTORIES: tmp });
      assert.equal(notRepo.status, 2);
      assert.match(notRepo.stderr, /not a git repository/);
      const { r } = leakyHistory();
      const shallowDir = path.join(tmp, `shallow${n++}`);
      r.gitIn(tmp, ['clone', '-q', '--depth', '1', `file://${r.dir}`, shallowDir]);
      const shallow = cli(shallowDir, ['scan', '--git'], undefined, r.env);
      assert.equal(shallow.status, 2);
      assert.match(shallow.stderr, /shallow clone.*fetch-depth: 0/);
      const noGit = cli(r.dir, ['scan', '--git'], undefined, { ...r.env, PATH: path.join(tmp, 'no-such-bin') });
      assert.equal(noGit.status, 2);
      assert.match(noGit.stderr, /git is not installed or not on PATH/);
    });

    it('bad input: binary and oversized blobs are skipped (and listed with --verbose), non-UTF-8 paths are reported', () => {
      const r = repo();
      r.write('image.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(BOT)]));
      r.write('big.txt', `${'x'.repeat(3000)}\n${USER}\n`);
      r.write(Buffer.from([0x6e, 0x61, 0xef, 0x76, 0x65, 0x2e, 0x74, 0x78, 0x74]).toString('latin1'), '');
      fs.writeFileSync(Buffer.concat([Buffer.from(r.dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]), `${APP}\n`);
      r.commit('odd blobs');
      const out = run(r, ['scan', '--git', '--max-file-size', '2k', '--verbose', '--format', 'json']);
      assert.equal(out.status, 1, out.stderr);
      const found = jsonLines(out.stdout);
      assert.deepEqual(found.map((f) => f.fingerprint), [fingerprint(APP)]);
      assert.equal(found[0].file, 'caf\ufffd.txt');
      assert.match(out.stderr, /skipped \(binary\): blob [0-9a-f]{7} image\.bin/);
      assert.match(out.stderr, /skipped \(\d\.\d KB, over --max-file-size 2\.0 KB\): blob [0-9a-f]{7} big\.txt/);
      assert.match(out.stderr, /1 binary skipped; 1 over the size limit skipped/);
    });

    it('bad input: a corrupt object ends the scan with exit 2 and says so', () => {
      const r = repo();
      r.write('a.txt', `${BOT}\n`);
      r.commit('one');
      const oid = r.git('rev-parse', 'HEAD:a.txt').trim();
      const file = path.join(r.dir, '.git/objects', oid.slice(0, 2), oid.slice(2));
      fs.chmodSync(file, 0o644);
      fs.writeFileSync(file, 'not zlib data');
      const out = run(r, ['scan', '--git']);
      assert.equal(out.status, 2, out.stderr);
      assert.match(out.stderr, /^slack-token-guard: .*(corrupt|missing)/);
      assert.equal(out.stderr.trim().split('\n').length, 1);
      assert.equal(out.stdout, '');
    });

    it('bad input: submodules are not entered (their history is another repository), the rest is scanned', () => {
      const sub = repo();
      sub.write('inner.txt', `${USER}\n`);
      sub.commit('inner leak');
      const r = repo();
      r.write('outer.txt', `${BOT}\n`);
      r.commit('outer');
      r.gitIn(r.dir, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub']);
      r.commit('add submodule');
      const out = run(r, ['scan', '--git', '--format', 'json']);
      assert.equal(out.status, 1, out.stderr);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.fingerprint), [fingerprint(BOT)]);
    });

    it('bad input: from a linked worktree, the shared history is scanned; nothing is written to the repository', () => {
      const { r } = leakyHistory();
      const wt = path.join(tmp, `wt${n++}`);
      r.git('worktree', 'add', '-q', '--detach', wt, 'HEAD~3');
      const snapshot = () =>
        spawnSync('find', [path.join(r.dir, '.git'), '-printf', '%P %s %T@\\n'], { encoding: 'utf8' })
          .stdout.split('\n')
          .sort()
          .join('\n');
      const before = snapshot();
      const out = cli(wt, ['scan', '--git', '--format', 'json'], undefined, r.env);
      assert.equal(out.status, 1, out.stderr);
      assert.deepEqual(jsonLines(out.stdout).map((f) => f.fingerprint), [fingerprint(BOT)]);
      run(r, ['scan', '--git']);
      run(r, ['scan', '--staged']);
      run(r, ['scan', '.']);
      assert.equal(snapshot(), before, 'the scans changed nothing under .git');
    });

    it('usage errors: exit 2 with one line', () => {
      const r = repo();
      for (const args of [
        ['scan', '--git', '--staged'],
        ['scan', '--since', '2026-01-01'],
        ['scan', '--git', '--since', ''],
        ['scan', '--staged', 'src'],
        ['scan', '--git', '-'],
        ['install-hook', 'somewhere'],
        ['scan', '--uninstall'],
      ]) {
        const out = run(r, args);
        assert.equal(out.status, 2, args.join(' '));
        assert.equal(out.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${out.stderr}`);
      }
    });

    it('a clean history exits 0 in every format', () => {
      const r = repo();
      r.write('a.txt', 'nothing\n');
      r.commit('clean');
      for (const format of ['text', 'json', 'sarif']) assert.equal(run(r, ['scan', '--git', '--format', format]).status, 0);
      const empty = repo();
      assert.equal(run(empty, ['scan', '--git']).status, 0, 'a repository with no commits has no history to leak');
    });
  });

  describe('what a repository or its authors can plant', () => {
    it('a signed commit with log.showSignature and gpg.program in the repository config runs no program', () => {
      const r = repo();
      r.write('app.ts', `const t = '${BOT}';\n`);
      r.commit('token');
      // A commit object with a signature header, so `git log` would verify it with gpg.program.
      const signed = r.git('cat-file', 'commit', 'HEAD').replace(/^(committer .*)$/m, '$1\ngpgsig -----BEGIN PGP SIGNATURE-----\n -----END PGP SIGNATURE-----');
      const oid = r.gitIn(r.dir, ['hash-object', '-t', 'commit', '-w', '--stdin'], false, {}, signed).trim();
      r.git('update-ref', 'HEAD', oid);
      const planted = path.join(tmp, `ran-${n}`);
      const evil = path.join(tmp, `evil-${n}.sh`);
      fs.writeFileSync(evil, `#!/bin/sh\ntouch '${planted}'\n`, { mode: 0o755 });
      r.git('config', 'log.showSignature', 'true');
      r.git('config', 'gpg.program', evil);
      const out = run(r, ['scan', '--git', '--format', 'json']);
      assert.equal(out.status, 1, out.stderr);
      assert.equal(fs.existsSync(planted), false, 'git ran the repository\'s gpg.program');
    });

    it('an author name or a committed path holding a token is masked in every format', () => {
      const r = repo();
      r.write(`${APP}.txt`, `${BOT}\n`);
      r.commit('token in the name', USER);
      for (const format of ['text', 'json', 'sarif']) {
        const out = run(r, ['scan', '--git', '--format', format]);
        assert.equal(out.status, 1, out.stderr);
        noSecrets(out);
        assert.ok(out.stdout.includes(mask(BOT)), format);
      }
    });
  });
});
