// The one place that starts `git`. Never through a shell; never a pager, a prompt or the network;
// repository config that can run programs (core.fsmonitor, a pager, a credential helper) is switched off
// for every call (none of the commands used runs hooks), so reading history in a cloned repository runs nothing that repository asks for.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

export type GitErrorCode = 'no-git' | 'not-a-repo' | 'shallow' | 'bad-revision' | 'failed';

export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Options placed before every git command. */
export const HARDENING = [
  '--no-pager',
  '--no-optional-locks',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.untrackedCache=false',
  '-c', 'core.pager=cat',
  '-c', 'protocol.allow=never',
  '-c', 'credential.helper=',
  '-c', 'core.askPass=',
  // Signature checks run gpg.program (`log.showSignature` in the repository's config would do it).
  '-c', 'log.showSignature=false',
  '-c', 'gpg.program=false',
  '-c', 'gpg.ssh.program=false',
  '-c', 'gpg.x509.program=false',
  '-c', 'diff.external=',
  '-c', 'core.sshCommand=false',
];

/** The environment git runs with: no prompt, no optional locks (nothing written), stable messages. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_EXTERNAL_DIFF: '',
    GIT_NO_LAZY_FETCH: '1',
    LC_ALL: 'C',
    LANG: 'C',
  };
}

export interface GitRunOptions {
  /** The git executable (tests point it at a missing one). Default: `git` on PATH. */
  git?: string;
  env?: NodeJS.ProcessEnv;
  /** Bytes to write to git's standard input. */
  input?: Buffer | string;
}

export interface GitResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/** Runs git to completion. Missing git throws GitError('no-git'); a non-zero exit is returned. */
export function gitSync(cwd: string, args: readonly string[], opts: GitRunOptions = {}): GitResult {
  const r = spawnSync(opts.git ?? 'git', [...HARDENING, ...args], {
    cwd,
    env: gitEnv(opts.env),
    input: opts.input,
    maxBuffer: 1 << 30,
    windowsHide: true,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GitError('no-git', 'git is not installed or not on PATH');
    throw new GitError('failed', `cannot run git: ${code ?? r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Runs git and returns its output, or throws GitError('failed') with git's first error line. */
export function gitOk(cwd: string, args: readonly string[], opts: GitRunOptions = {}): Buffer {
  const r = gitSync(cwd, args, opts);
  if (r.status !== 0) throw new GitError('failed', `git ${args[0]} failed: ${firstLine(r.stderr) || `exit ${r.status}`}`);
  return r.stdout;
}

/** Starts git with piped streams; a missing executable is reported through the 'error' event. */
export function gitSpawn(cwd: string, args: readonly string[], opts: GitRunOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(opts.git ?? 'git', [...HARDENING, ...args], { cwd, env: gitEnv(opts.env), windowsHide: true });
}

export { firstLine as gitFirstLine };
