// Entry of the `slack-token-guard` command (bundled to dist/cli.js). The same file runs as the
// scan worker when started by the worker pool, which keeps the CLI a single file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redact } from '../core/redact';
import { printable } from './report';
import { HELP, parseCliArgs, UsageError } from './args';
import { isScanWorker, runScanWorker } from './pool';
import { runManifest } from './run-manifest';
import { installHook } from './install-hook';
import { runGitScan } from './run-git';
import { IoError, runScan, type RunContext } from './run-scan';
import { applyCliV8Flags } from './v8-flags';

interface Manifest {
  name?: string;
  version?: string;
  publisher?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/** The package manifest, found upward from this file (dist/cli.js or out/src/cli/main.js). */
function manifest(): Manifest {
  for (let d = __dirname; ; d = path.dirname(d)) {
    try {
      const m = JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) as Manifest;
      if (m.name === 'slack-token-guard') return m;
    } catch {
      // keep looking
    }
    if (d === path.dirname(d)) return {};
  }
}

function informationUri(m: Manifest): string {
  const repo = typeof m.repository === 'string' ? m.repository : m.repository?.url;
  const url = m.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '');
  if (url && /^https?:\/\//.test(url)) return url;
  return `https://marketplace.visualstudio.com/items?itemName=${m.publisher ?? 'slack-token-guard'}.${m.name ?? 'slack-token-guard'}`;
}

function fail(message: string): void {
  // Arguments are echoed in these messages (a path, a format): a token passed by mistake stays masked.
  process.stderr.write(`slack-token-guard: ${redact(message.split('\n')[0])}\n`);
  process.exitCode = 2;
}

export async function main(argv: readonly string[]): Promise<void> {
  // `slack-token-guard scan | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    const args = parseCliArgs(argv);
    const m = manifest();
    if (args.command === 'help') {
      process.stdout.write(HELP);
      return;
    }
    if (args.command === 'version') {
      process.stdout.write(`${m.version ?? '0.0.0'}\n`);
      return;
    }
    if (args.command === 'manifest') {
      process.exitCode = await runManifest(args, {
        cwd: process.cwd(),
        env: process.env,
        log: stderrLine,
        write: (text) => process.stdout.write(text),
      });
      return;
    }
    if (args.command === 'install-hook') {
      process.exitCode = installHook(args.uninstall, { cwd: process.cwd(), env: process.env, cli: __filename, node: process.execPath, log: stderrLine }, args.quiet);
      return;
    }
    const ctx: RunContext = {
      cwd: process.cwd(),
      workerScript: __filename,
      version: m.version ?? '0.0.0',
      informationUri: informationUri(m),
      stdin: process.stdin,
      stdoutIsTTY: process.stdout.isTTY === true,
      env: process.env,
      log: stderrLine,
    };
    process.exitCode = args.source === 'files' ? await runScan(args, ctx) : await runGitScan(args, ctx);
  } catch (e) {
    if (e instanceof UsageError || e instanceof IoError) fail(e.message);
    else fail(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Every line the CLI writes to stderr, whichever command wrote it: tokens in it masked (a token in a
 * file name reached `manifest --verbose` unmasked), control characters shown as escapes; a block of
 * lines (`manifest --explain`) keeps its line breaks.
 */
function stderrLine(line: string): void {
  process.stderr.write(line.split('\n').map((l) => printable(redact(l))).join('\n') + '\n');
}

if (isScanWorker()) runScanWorker();
else if (require.main === module) {
  applyCliV8Flags();
  void main(process.argv.slice(2));
}
