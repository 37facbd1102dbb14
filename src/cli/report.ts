// Report formats: text (file:line:col kind masked), JSON lines, SARIF 2.1.0. Every format prints
// the masked form unless --show-secrets; reports are streamed, finding by finding.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formNote, KINDS } from '../core/detect';
import type { Confidence, Finding, KindId } from '../core/detect/types';
import { redact } from '../core/redact';
import { DEFAULT_SEVERITY, severityClass } from '../core/severity';
import type { Format } from './args';
import type { LocatedFinding } from '../core/scan-file';
import type { CommitRef, Occurrence } from '../core/git/objects';

/** The file a finding is reported under. */
export interface ReportedFile {
  /** Relative to the current folder, `/` separators, credentials in it masked (redact()). */
  file: string;
  /** Absolute path for SARIF URIs outside the current folder; undefined for standard input. */
  abs?: string;
  /** History findings (`scan --git`): the commit that first introduced the token. */
  commit?: CommitRef;
  /** History findings: every commit and path the token is recorded under. */
  occurrences?: readonly Occurrence[];
}

function commitJson(c: CommitRef): string {
  return JSON.stringify({ id: c.id, short: c.short, date: c.date, author: redact(c.author) });
}

/** Buffered writer to stdout or a file. */
export class Sink {
  private chunks: string[] = [];
  private size = 0;
  private constructor(private readonly fd: number | undefined) {}

  static stdout(): Sink {
    return new Sink(undefined);
  }

  /** Opens (truncates) the report file; throws with the system error code on failure. */
  static file(file: string): Sink {
    return new Sink(fs.openSync(file, 'w'));
  }

  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (this.fd === undefined) process.stdout.write(data);
    else fs.writeSync(this.fd, data);
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) fs.closeSync(this.fd);
  }
}

export interface Reporter {
  /** Findings of one file arrive together, in file order; `where` is the same object for all of them. */
  finding(f: LocatedFinding, where: ReportedFile): void;
  /** Ends the report; `ok` is false when some input could not be read. */
  end(ok: boolean): void;
}

export interface ReportOptions {
  showSecrets: boolean;
  color: boolean;
  cwd: string;
  version: string;
  informationUri: string;
}

export function createReporter(format: Format, sink: Sink, opts: ReportOptions): Reporter {
  switch (format) {
    case 'text':
      return textReporter(sink, opts);
    case 'json':
      return jsonReporter(sink, opts);
    case 'sarif':
      return sarifReporter(sink, opts);
  }
}

/**
 * A name as a terminal can print it: C0 and C1 control characters (ESC, CR, BEL…), DEL, line and
 * paragraph separators and the bidirectional overrides become visible escapes (`\x1b`, `\u202e`),
 * so a crafted file name cannot move the cursor, recolour or rewrite what the terminal shows.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m' };
const confidenceColor: Record<Confidence, string> = { high: ANSI.red, medium: ANSI.yellow, low: ANSI.blue };

function shown(f: LocatedFinding, showSecrets: boolean): string {
  return showSecrets && f.secret !== undefined ? f.secret : f.masked;
}

function textReporter(sink: Sink, opts: ReportOptions): Reporter {
  let lastWhere: ReportedFile | undefined;
  let file = '';
  return {
    finding(f, where) {
      if (where !== lastWhere) {
        lastWhere = where;
        file = printable(where.file);
      }
      const commit = where.commit;
      const value = shown(f, opts.showSecrets);
      const c = commit ? ` ${commit.short} ${commit.date.slice(0, 10)} ${printable(redact(commit.author))}` : '';
      // A credential in the name has no line: `dir/name: kind value (in the file name)`.
      const at = f.inName ? '' : `:${f.line}:${f.column}`;
      const note = f.inName ? ' (in the file name)' : '';
      const form = f.form ? ` (${formNote(f.form)})` : '';
      if (opts.color) {
        sink.write(`${ANSI.cyan}${file}${ANSI.reset}${ANSI.dim}${at || ':'}${ANSI.reset} ${confidenceColor[f.confidence]}${f.kind}${ANSI.reset} ${ANSI.bold}${value}${ANSI.reset}${form}${note}${c ? ANSI.dim + c + ANSI.reset : ''}\n`);
      } else {
        sink.write(`${file}${at || ':'} ${f.kind} ${value}${form}${note}${c}\n`);
      }
    },
    end() {
      sink.close();
    },
  };
}

function jsonReporter(sink: Sink, opts: ReportOptions): Reporter {
  // Written by hand: the same field order as JSON.stringify would give, several times faster on
  // files with thousands of findings. Kind, confidence and fingerprint never need escaping.
  let lastWhere: ReportedFile | undefined;
  let fileJson = '';
  return {
    finding(f, where) {
      if (where !== lastWhere) {
        lastWhere = where;
        fileJson = JSON.stringify(where.file);
      }
      const secret = (f.form ? `,"form":"${f.form}"` : '') + (opts.showSecrets && f.secret !== undefined ? `,"secret":${JSON.stringify(f.secret)}` : '');
      const history = where.commit ? `,"commit":${commitJson(where.commit)},"occurrences":${JSON.stringify((where.occurrences ?? []).map((o) => ({ commit: o.commit.id, date: o.commit.date, path: redact(o.path) })))}` : '';
      const inName = f.inName ? ',"inName":true' : '';
      sink.write(
        `{"file":${fileJson},"line":${f.line},"column":${f.column},"endLine":${f.endLine},"endColumn":${f.endColumn},"kind":"${f.kind}","confidence":"${f.confidence}","legacy":${f.legacy},"fingerprint":"${f.fingerprint}","masked":${JSON.stringify(f.masked)}${secret}${inName}${history}}\n`,
      );
    },
    end() {
      sink.close();
    },
  };
}

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_FINGERPRINT_KEY = 'slackTokenGuard/v1';
const SRCROOT = '%SRCROOT%';

export function ruleId(kind: KindId): string {
  return `slack-${kind}`;
}

/** The level of the finding's severity class, as the Problems panel shows it with default settings. */
export function sarifLevel(f: Pick<Finding, 'kind' | 'confidence' | 'legacy'>): 'error' | 'warning' | 'note' {
  const s = DEFAULT_SEVERITY[severityClass(f)];
  return s === 'information' ? 'note' : s;
}

function pascal(label: string): string {
  return label
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The rules array: one rule per kind of the detector's table. */
export function sarifRules(): object[] {
  return Object.values(KINDS).map((k) => ({
    id: ruleId(k.id),
    name: pascal(`Slack ${k.label}`),
    shortDescription: { text: `Slack ${k.label[0].toLowerCase()}${k.label.slice(1)} in a file` },
    fullDescription: { text: k.description },
    helpUri: k.docsUrl,
    help: {
      text: `${k.description} Move the value out of the file (an environment variable or a secret store such as VS Code's Secret Storage) and revoke or rotate it: it may already be in version control. See ${k.docsUrl}`,
    },
    defaultConfiguration: { level: sarifLevel({ kind: k.id, confidence: k.confidence, legacy: k.legacy }) },
    properties: {
      tags: ['security', 'secret', 'slack', ...(k.legacy ? ['legacy'] : [])],
      precision: k.confidence === 'high' ? 'high' : k.confidence,
      kind: k.id,
    },
  }));
}

/** A relative, percent-encoded URI under %SRCROOT%, or an absolute file URI outside it. */
function artifactLocation(f: ReportedFile): { uri: string; uriBaseId?: string } {
  if (f.abs !== undefined && (f.file.startsWith('../') || f.file === '..' || /^[A-Za-z]:|^\//.test(f.file))) {
    // The absolute path may hold a credential too (a parent folder's name): masked like `file`.
    return { uri: pathToFileURL(redact(f.abs)).href };
  }
  return { uri: f.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function sarifReporter(sink: Sink, opts: ReportOptions): Reporter {
  const rules = sarifRules();
  const index = new Map<string, number>(Object.keys(KINDS).map((id, i) => [id, i]));
  const head = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
  };
  const driver = {
    name: 'slack-token-guard',
    fullName: 'Slack Token Guard',
    version: opts.version,
    semanticVersion: opts.version,
    informationUri: opts.informationUri,
    rules,
  };
  let srcRoot = pathToFileURL(opts.cwd).href;
  if (!srcRoot.endsWith('/')) srcRoot += '/';
  const h = JSON.stringify(head);
  sink.write(
    `${h.slice(0, -1)},"runs":[{"tool":${JSON.stringify({ driver })},"originalUriBaseIds":${JSON.stringify({ [SRCROOT]: { uri: srcRoot } })},"columnKind":"utf16CodeUnits","results":[`,
  );
  let first = true;
  return {
    finding(f, where) {
      const info = KINDS[f.kind];
      const value = shown(f, opts.showSecrets);
      const region: Record<string, unknown> = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
      if (opts.showSecrets && f.secret !== undefined) region.snippet = { text: f.secret };
      const c = where.commit;
      // A credential in the file's name has no region: the result is about the artifact itself.
      const physicalLocation = f.inName ? { artifactLocation: artifactLocation(where) } : { artifactLocation: artifactLocation(where), region };
      const action = f.inName ? 'rename the file and revoke it' : 'move it out of the file and revoke it';
      const form = f.form ? ` (${formNote(f.form)})` : '';
      const result = {
        ruleId: ruleId(f.kind),
        ruleIndex: index.get(f.kind),
        level: sarifLevel(f),
        message: {
          text: c
            ? `${info?.label ?? f.kind} ${value}${form}${f.legacy ? ' (legacy credential)' : ''} was committed in ${c.short} (${c.date.slice(0, 10)}): revoke it; editing it out of the files does not remove it from history.`
            : `${info?.label ?? f.kind} ${value}${form}${f.legacy ? ' (legacy credential)' : ''}${f.inName ? ' in the file name' : ''}: ${action}.`,
        },
        locations: [{ physicalLocation }],
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
        properties: {
          kind: f.kind,
          confidence: f.confidence,
          legacy: f.legacy,
          masked: f.masked,
          ...(f.inName ? { inName: true } : {}),
          ...(c ? { commit: { id: c.id, short: c.short, date: c.date, author: redact(c.author) }, occurrences: (where.occurrences ?? []).map((o) => ({ commit: o.commit.id, date: o.commit.date, path: redact(o.path) })) } : {}),
        },
      };
      sink.write((first ? '' : ',') + JSON.stringify(result));
      first = false;
    },
    end(ok) {
      sink.write(`],"invocations":[${JSON.stringify({ executionSuccessful: ok })}]}]}\n`);
      sink.close();
    },
  };
}
