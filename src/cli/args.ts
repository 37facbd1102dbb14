// Command-line arguments of `slack-token-guard`. Usage errors become a UsageError: one line on
// stderr and exit code 2.
import { parseArgs } from 'node:util';

export type Format = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  command: 'scan';
  paths: string[];
  format: Format;
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  showSecrets: boolean;
  maxFileSize: number;
  useGitignore: boolean;
  inlineIgnore: boolean;
  /** Scanning threads (main + workers). undefined: one per core, workers only for big inputs; 1: no workers; n >= 2: always n - 1 workers. */
  threads?: number;
  stdinFilename: string;
  color?: boolean;
  verbose: boolean;
  quiet: boolean;
  /** `--git`: scan history; `paths` then holds revisions and ranges. `--staged`: the index. */
  source: 'files' | 'git' | 'staged';
  since?: string;
}

export interface ManifestArgs {
  command: 'manifest';
  paths: string[];
  format: 'yaml' | 'json';
  name?: string;
  explain: boolean;
  maxFileSize: number;
  useGitignore: boolean;
  verbose: boolean;
}

export interface InstallHookArgs {
  command: 'install-hook';
  uninstall: boolean;
  quiet: boolean;
}

export type Args = ScanArgs | ManifestArgs | InstallHookArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export const HELP = `Usage: slack-token-guard scan [options] [paths…]
       slack-token-guard manifest [paths…] [--format yaml|json] [--name <app name>] [--explain]
       slack-token-guard scan --git [options] [<rev-range>…]
       slack-token-guard scan --staged [options]
       slack-token-guard install-hook [--uninstall]

Finds Slack credentials (bot, user and legacy tokens, app tokens, webhooks, …) in files.
Paths default to the current folder; "-" reads standard input. Folders are walked
respecting .gitignore and .slack-token-guard-ignore; .git is always skipped, symbolic
links are not followed, binary files (a NUL byte in the first 8 KB) and files over
--max-file-size are skipped.

History and commits (run inside a git repository; uses the git executable, never the network):
      --git                 scan every blob reachable from every ref and HEAD (or only the
                            given revisions and ranges, such as main or v1.0..HEAD); each
                            finding names the commit that first introduced it
      --since <date>        with --git: only commits after <date> (as git log --since)
      --staged              scan what "git commit" would record (the index, not the files)
  install-hook              install a pre-commit hook running "scan --staged" (honours
                            core.hooksPath, keeps an existing hook); --uninstall removes it

Options:
  -f, --format <fmt>        text (default): file:line:col kind masked
                            json: one JSON object a line
                            sarif: SARIF 2.1.0 for code-scanning tools
  -o, --output <file>       write the report to a file instead of stdout
      --baseline <file>     suppress the findings whose fingerprints the file lists
      --write-baseline <file>
                            record every current finding's fingerprint in <file>
                            (never the token) and exit 0
      --show-secrets        print tokens in full (masked by default, in every format)
      --max-file-size <n>   skip larger files; bytes or 512k, 5M, 1G (default 5M)
      --no-gitignore        do not read .gitignore files (.slack-token-guard-ignore
                            still applies)
      --no-inline-ignore    also report tokens on lines marked slack-token-guard:ignore
      --threads <n>         scanning threads: the main thread and n-1 workers; 1 = no
                            workers (default: one per core, workers only for large input)
      --stdin-filename <name>
                            name reported for "-" (default <stdin>)
      --color, --no-color   colour text output (default: when stdout is a terminal
                            and NO_COLOR is not set)
  -v, --verbose             report skipped files and timing on stderr
  -q, --quiet               no summary line on stderr
  -h, --help                show this help
  -V, --version             show the version

Lines and columns are 1-based; columns count UTF-16 code units (as SARIF and VS Code do).
Exit status: 0 no findings, 1 findings, 2 usage or I/O error.

manifest: reads the code (the same walk as scan) and prints the Slack app manifest with only
the scopes, events, commands and settings the code needs, to replace a legacy token.
  -f, --format <fmt>        yaml (default) or json (Slack's manifest schema)
      --name <app name>     display_information.name (default: the folder's name)
      --explain             per scope, the methods and call sites that need it, and what
                            could not be mapped (unknown or dynamic method names), on stderr
      --max-file-size <n>, --no-gitignore, -v/--verbose: as for scan
Exit status: 0 manifest printed, 1 no Slack Web API calls or listeners found (nothing
printed), 2 usage or I/O error.
`;

/** Parses "5M", "512k", "1048576", "2MB", "1.5G" into bytes. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(s.trim());
  if (!m) throw new UsageError(`invalid size "${s}" for --max-file-size (use bytes or a suffix k, M, G)`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * unit);
}

export function parseCliArgs(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'show-secrets': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        'no-gitignore': { type: 'boolean' },
        'no-inline-ignore': { type: 'boolean' },
        threads: { type: 'string' },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        quiet: { type: 'boolean', short: 'q' },
        name: { type: 'string' },
        explain: { type: 'boolean' },
        git: { type: 'boolean' },
        staged: { type: 'boolean' },
        since: { type: 'string' },
        uninstall: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('. ')[0].replace(/\.$/, '') : String(e);
    throw new UsageError(`${msg} (see --help)`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: try "slack-token-guard scan ." (see --help)');
  if (command === 'help') return { command: 'help' };
  if (command === 'manifest') return manifestArgs(v, paths);
  if (command === 'install-hook') {
    if (paths.length) throw new UsageError(`install-hook takes no paths (it installs into the current repository)`);
    return { command: 'install-hook', uninstall: v.uninstall ?? false, quiet: v.quiet ?? false };
  }
  if (command !== 'scan') throw new UsageError(`unknown command "${command}" (the commands are "scan", "manifest" and "install-hook"; see --help)`);
  for (const flag of ['name', 'explain'] as const) if (v[flag] !== undefined) throw new UsageError(`--${flag} is an option of "manifest", not "scan"`);
  if (v.uninstall) throw new UsageError('--uninstall goes with install-hook');
  if (v.git && v.staged) throw new UsageError('--git and --staged cannot be used together');
  if (v.since !== undefined && !v.git) throw new UsageError('--since goes with --git');
  if (v.since === '') throw new UsageError('--since needs a date');
  if (v.staged && paths.length) throw new UsageError('--staged takes no paths (it scans the whole index)');
  if (v.git) {
    for (const r of paths) if (r.startsWith('-') || r === '') throw new UsageError(`not a revision: "${r}"`);
  }

  const format = (v.format ?? 'text') as Format;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${v.format}" (use text, json or sarif)`);
  let threads: number | undefined;
  if (v.threads !== undefined) {
    if (!/^\d+$/.test(v.threads) || Number(v.threads) < 1 || Number(v.threads) > 64) throw new UsageError(`invalid --threads "${v.threads}" (use a whole number from 1 to 64)`);
    threads = Number(v.threads);
  }
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
  for (const [flag, value] of [['--output', v.output], ['--baseline', v.baseline], ['--write-baseline', v['write-baseline']]] as const) {
    if (value === '') throw new UsageError(`${flag} needs a file name`);
  }
  return {
    command: 'scan',
    paths: paths.length || v.git || v.staged ? paths : ['.'],
    format,
    output: v.output,
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    showSecrets: v['show-secrets'] ?? false,
    maxFileSize: v['max-file-size'] !== undefined ? parseSize(v['max-file-size']) : DEFAULT_MAX_FILE_SIZE,
    useGitignore: !v['no-gitignore'],
    inlineIgnore: !v['no-inline-ignore'],
    threads,
    stdinFilename: v['stdin-filename'] ?? '<stdin>',
    color: v.color ? true : v['no-color'] ? false : undefined,
    verbose: v.verbose ?? false,
    quiet: v.quiet ?? false,
    source: v.git ? 'git' : v.staged ? 'staged' : 'files',
    since: v.since,
  };
}

type Parsed = { readonly [flag: string]: string | boolean | (string | boolean)[] | undefined };

function manifestArgs(v: Parsed, paths: string[]): ManifestArgs {
  const scanOnly = ['output', 'baseline', 'write-baseline', 'show-secrets', 'no-inline-ignore', 'threads', 'stdin-filename', 'color', 'no-color', 'quiet', 'git', 'staged', 'since', 'uninstall'];
  for (const flag of scanOnly) if (v[flag] !== undefined) throw new UsageError(`--${flag} is an option of "scan", not "manifest"`);
  const format = (v.format ?? 'yaml') as string;
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`unknown format "${format}" for manifest (use yaml or json)`);
  if (paths.includes('-')) throw new UsageError('manifest reads files and folders, not standard input');
  if (v.name !== undefined && (typeof v.name !== 'string' || v.name.trim() === '')) throw new UsageError('--name needs an app name');
  const size = v['max-file-size'];
  return {
    command: 'manifest',
    paths: paths.length ? paths : ['.'],
    format,
    name: v.name as string | undefined,
    explain: v.explain === true,
    maxFileSize: typeof size === 'string' ? parseSize(size) : DEFAULT_MAX_FILE_SIZE,
    useGitignore: !v['no-gitignore'],
    verbose: v.verbose === true,
  };
}
