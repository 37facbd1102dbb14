// The exposure feature's history index in plain Node (it imports no vscode): which remote holds the
// commit that introduced each token, found with a fixed number of git processes however many
// commits hold tokens (a wrapper script in front of git counts them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint } from '../../src/core/detect';
import { scanHistory } from '../../src/core/git/scan-history';
import { buildSnapshot, refChangeDelay, RepoLocator, REF_CHANGE_DEBOUNCE_MS, REF_CHANGE_MAX_WAIT_MS } from '../../src/features/exposure/history-index';
import { GitRepo } from '../support/git-repo';
import { TokenGenerator } from '../support/token-gen';

describe('exposure: the history index', function () {
  this.timeout(60_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-exposure-index-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A git that writes each call's arguments to `log` (one line a process), then runs the real one. */
  function countingGit(log: string): string {
    const script = path.join(tmp, 'counting-git');
    fs.writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> "$STG_GIT_LOG"\nexec git "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(log, '');
    return script;
  }

  it('names the remote that holds each commit (origin first) with one for-each-ref and one rev-list a remote, not a process a commit', async () => {
    const gen = new TokenGenerator(4242);
    const repo = new GitRepo(path.join(tmp, 'repo'), tmp);
    const tokens = Array.from({ length: 5 }, () => gen.token('bot'));
    const ids = tokens.map((t, i) => {
      repo.write(`f${i}.ts`, `export const t = "${t}";\n`);
      return repo.commit(`token ${i}`);
    });
    for (const name of ['origin', 'backup']) {
      repo.gitIn(tmp, ['init', '-q', '--bare', path.join(tmp, `${name}.git`)]);
      repo.git('remote', 'add', name, path.join(tmp, `${name}.git`));
    }
    // origin has the first two commits, backup the first four, the last is nowhere.
    repo.git('push', '-q', 'origin', `${ids[1]}:refs/heads/main`);
    repo.git('push', '-q', 'backup', `${ids[3]}:refs/heads/main`);
    repo.git('fetch', '-q', '--all');

    const log = path.join(tmp, 'git.log');
    const snap = await buildSnapshot(repo.dir, 1 << 20, { git: countingGit(log), env: { ...repo.env, STG_GIT_LOG: log } });
    assert.deepEqual(
      tokens.map((t) => snap.byFingerprint.get(fingerprint(t))?.pushedTo ?? 'none'),
      ['origin', 'origin', 'backup', 'backup', 'none'],
    );
    assert.deepEqual(
      tokens.map((t) => snap.byFingerprint.get(fingerprint(t))?.commit.id),
      ids,
    );
    const calls = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
    const remoteCalls = calls.filter((l) => / for-each-ref .*refs\/remotes\/| rev-list (?:--stdin|refs\/remotes\/)/.test(l));
    assert.equal(remoteCalls.length, 3, remoteCalls.join('\n'));
    // Each remote's walk is `rev-list --stdin` (commits, then ^ the remote's refs): bounded by what the
    // remote lacks, and no ref on the command line however many branches a remote has.
    const revLists = remoteCalls.filter((l) => / rev-list /.test(l));
    assert.equal(revLists.length, 2, revLists.join('\n'));
    for (const l of revLists) assert.ok(/ rev-list --stdin$/.test(l) && !l.includes('refs/remotes/'), l);
    assert.equal(calls.filter((l) => / for-each-ref /.test(l)).length, 1);
  });

  it('ref-event debounce: a quiet burst waits the debounce; events that keep coming wait at most the max from the first', () => {
    assert.equal(refChangeDelay(1000, 1000), REF_CHANGE_DEBOUNCE_MS, 'the first event');
    // Events every 500 ms (closer than the debounce) for 8 s: the timer set at each one fires by the max wait.
    const first = 10_000;
    const fires: number[] = [];
    for (let t = first; t <= first + 8000; t += 500) fires.push(t + refChangeDelay(first, t));
    assert.ok(Math.max(...fires.filter((f) => f <= first + REF_CHANGE_MAX_WAIT_MS)) <= first + REF_CHANGE_MAX_WAIT_MS);
    assert.equal(fires.at(-1), first + 8000, 'past the max wait: no delay at all');
    assert.ok(fires.every((f, i) => f <= first + REF_CHANGE_MAX_WAIT_MS || fires[i] === first + i * 500), 'never later than the max wait');
  });

  it('a repository without remotes: the commit is found, pushed to none', async () => {
    const gen = new TokenGenerator(4343);
    const repo = new GitRepo(path.join(tmp, 'local'), tmp);
    const t = gen.token('user');
    repo.write('a.ts', `const t = "${t}";\n`);
    const id = repo.commit('local only');
    const snap = await buildSnapshot(repo.dir, 1 << 20, { env: repo.env });
    assert.equal(snap.byFingerprint.get(fingerprint(t))?.commit.id, id);
    assert.equal(snap.byFingerprint.get(fingerprint(t))?.pushedTo, undefined);
  });

  it('RepoLocator: a folder is checked once, "no repository" too, until forget(); then a git init in it, or in a subfolder of a known repository, is seen', () => {
    const base = fs.mkdtempSync(path.join(tmp, 'locator-'));
    const dir = path.join(base, 'later', 'src');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'a.ts');
    const fsm = createRequire(__filename)('node:fs') as { existsSync: (p: string) => boolean; statSync: (...a: unknown[]) => unknown };
    const saved = { existsSync: fsm.existsSync, statSync: fsm.statSync };
    let checks = 0;
    const count = <T extends unknown[], R>(f: (...a: T) => R) => (...a: T): R => {
      checks++;
      return f.apply(fsm, a);
    };
    const locator = new RepoLocator();
    const first = locator.topFor(file); // tmp may or may not lie inside a repository: whatever it finds
    fsm.existsSync = count(saved.existsSync);
    fsm.statSync = count(saved.statSync);
    try {
      for (let i = 0; i < 10; i++) assert.equal(locator.topFor(file), first);
      assert.equal(checks, 0, 'ten lookups in a folder already seen: no file-system check');
    } finally {
      Object.assign(fsm, saved);
    }
    const repo = new GitRepo(path.join(base, 'later'), tmp);
    locator.forget(); // what a .git create event does
    assert.equal(locator.topFor(file), repo.dir);
    const nested = new GitRepo(dir, tmp); // git init in a subfolder of the known repository
    assert.equal(locator.topFor(file), repo.dir, 'remembered until told');
    locator.forget();
    assert.equal(locator.topFor(file), nested.dir);
    fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    locator.forget(); // a .git delete event
    assert.equal(locator.topFor(file), repo.dir);
  });

  it('scanHistory: a token twice in one file is one finding whose occurrences name each commit and path once', async () => {
    const gen = new TokenGenerator(4444);
    const repo = new GitRepo(path.join(tmp, 'twice'), tmp);
    const t = gen.token('bot');
    repo.write('a.ts', `const a = "${t}";\nconst b = "${t}";\n`);
    const first = repo.commit('twice');
    repo.write('a.ts', `const a = "${t}";\nconst b = "${t}";\n// changed\n`);
    repo.write('b.ts', `const c = "${t}";\n`);
    const second = repo.commit('again, and in another file');
    const { findings } = await scanHistory(repo.dir, { revs: [] }, { maxFileSize: 1 << 20, showSecrets: false, inlineIgnore: true, git: { env: repo.env } });
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.deepEqual([f.first?.commit.id, f.first?.path, f.line], [first, 'a.ts', 1]);
    assert.deepEqual(
      f.occurrences.map((o) => `${o.commit.id === first ? 'first' : o.commit.id === second ? 'second' : o.commit.id} ${o.path}`),
      ['first a.ts', 'second a.ts', 'second b.ts'],
    );
  });
});
