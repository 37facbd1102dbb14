// Real git repositories in temporary folders for the history, staged and hook tests. Identity and
// dates are set per repository and per commit, so ids and dates are the same on every run and no
// global git config is read or written.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** An environment that keeps the user's and the system's git config out of the tests. */
export function isolatedGitEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig-none'), GIT_TERMINAL_PROMPT: '0' };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !['GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL', 'GIT_TERMINAL_PROMPT'].includes(k)) delete env[k];
  return env;
}

export class GitRepo {
  private tick = 0;
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly dir: string,
    home: string,
    init = true,
  ) {
    this.env = isolatedGitEnv(home);
    if (init) {
      fs.mkdirSync(dir, { recursive: true });
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.name', 'Test Author');
      this.git('config', 'user.email', 'author@example.invalid');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  /** Runs git; fails the test on a non-zero exit unless `allowFail`. */
  git(...args: string[]): string {
    return this.gitIn(this.dir, args);
  }

  gitIn(cwd: string, args: string[], allowFail = false, env: NodeJS.ProcessEnv = {}, input?: string): string {
    const r = spawnSync('git', args, { cwd, env: { ...this.env, ...env }, encoding: 'utf8', input });
    if (!allowFail) assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  write(rel: string, content: string | Buffer): void {
    const p = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }

  /** Commits everything (or only `paths`) with a fixed author date one day after the previous commit; returns the id. */
  commit(message: string, author = 'Test Author', paths: string[] = ['-A']): string {
    this.tick++;
    const date = new Date(Date.UTC(2026, 0, 1) + this.tick * 86400000).toISOString().replace('.000Z', '+00:00');
    this.gitIn(this.dir, ['add', ...paths]);
    this.gitIn(this.dir, ['-c', `user.name=${author}`, 'commit', '-q', '--allow-empty', '-m', message], false, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return this.git('rev-parse', 'HEAD').trim();
  }
}
