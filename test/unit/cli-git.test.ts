// The CLI against real git repositories built in temporary folders: tracked-but-ignored files and
// explicitly named ignored folders. Runs the built dist/cli.js, as users get it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
});
