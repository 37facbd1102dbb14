// `slack-token-guard install-hook [--uninstall]`: a pre-commit hook that runs `scan --staged`.
// It goes where git looks for hooks (core.hooksPath honoured), keeps a hook that is already there
// (renamed beside it and run first: "chained"), installs once however often it is run, and
// --uninstall removes only what it added, putting a chained hook back. Nothing else is written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitError, gitSync } from '../core/git/run';
import { IoError } from './run-scan';

/** Marks a hook as ours; also how --uninstall knows what it may remove. */
export const HOOK_MARKER = '# slack-token-guard pre-commit hook (installed by "slack-token-guard install-hook")';
export const CHAINED_SUFFIX = '.before-slack-token-guard';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The hook script: the chained hook first (its exit status counts), then the staged scan. */
export function hookScript(node: string, cli: string): string {
  return `#!/bin/sh
${HOOK_MARKER}
# Blocks a commit that would record a Slack credential. Bypass once: git commit --no-verify
chained="$(dirname "$0")/pre-commit${CHAINED_SUFFIX}"
if [ -x "$chained" ]; then "$chained" "$@" || exit $?; fi
if [ -x ${shellQuote(node)} ] && [ -f ${shellQuote(cli)} ]; then
  exec ${shellQuote(node)} ${shellQuote(cli)} scan --staged
elif command -v slack-token-guard >/dev/null 2>&1; then
  exec slack-token-guard scan --staged
fi
echo "slack-token-guard: not found, so the staged files were not checked for Slack credentials (reinstall the hook, or commit with --no-verify)" >&2
exit 1
`;
}

/** The hooks folder git uses for this repository (core.hooksPath, relative to the work tree top). */
export function hooksDir(cwd: string, env: NodeJS.ProcessEnv): string {
  let r;
  try {
    r = gitSync(cwd, ['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], { env });
  } catch (e) {
    if (e instanceof GitError) throw new IoError(`${e.message}: install-hook needs git`);
    throw e;
  }
  if (r.status !== 0) {
    if (/not a git repository/i.test(r.stderr)) throw new IoError(`not a git repository: ${cwd}`);
    throw new IoError(`git rev-parse failed: ${r.stderr.trim().split('\n')[0]}`);
  }
  return r.stdout.toString('utf8').trim();
}

export interface HookContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** This CLI (dist/cli.js) and the Node that runs it: recorded in the hook. */
  cli: string;
  node: string;
  log: (line: string) => void;
}

function isOurs(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes(HOOK_MARKER);
  } catch {
    return false;
  }
}

export function installHook(uninstall: boolean, ctx: HookContext, quiet = false): number {
  const dir = hooksDir(ctx.cwd, ctx.env);
  const hook = path.join(dir, 'pre-commit');
  const chained = hook + CHAINED_SUFFIX;
  const say = (s: string) => {
    if (!quiet) ctx.log(`slack-token-guard: ${s}`);
  };
  try {
    if (uninstall) {
      if (!fs.existsSync(hook) || !isOurs(hook)) {
        say(`no slack-token-guard hook in ${dir}: nothing to remove`);
        return 0;
      }
      fs.rmSync(hook);
      if (fs.existsSync(chained)) {
        fs.renameSync(chained, hook);
        say(`removed the pre-commit hook and put back the one it chained (${hook})`);
      } else say(`removed the pre-commit hook (${hook})`);
      return 0;
    }
    const script = hookScript(ctx.node, ctx.cli);
    if (fs.existsSync(hook) && isOurs(hook)) {
      if (fs.readFileSync(hook, 'utf8') !== script) fs.writeFileSync(hook, script, { mode: 0o755 });
      say(`the pre-commit hook is already installed (${hook})`);
      return 0;
    }
    fs.mkdirSync(dir, { recursive: true });
    let kept = false;
    if (fs.existsSync(hook)) {
      if (fs.existsSync(chained)) throw new IoError(`${chained} already exists: move it away before installing`);
      fs.renameSync(hook, chained);
      kept = true;
    }
    fs.writeFileSync(hook, script, { mode: 0o755 });
    fs.chmodSync(hook, 0o755);
    say(`installed the pre-commit hook (${hook})${kept ? `; the existing hook now runs first from ${path.basename(chained)}` : ''}`);
    return 0;
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`cannot write the hook in ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
