// Live diagnostics: every open text document (any language, untitled buffers, notebook cells,
// VS Code's own settings.json) is scanned when it opens and, debounced, after each change. Each
// document keeps one IncrementalScan, so a keystroke in a 10 MB file rescans only the lines around
// it, read through getText(range): nothing per edit touches the whole text. Findings outside the
// edit keep their tokens and diagnostics (shifted), so only what moved or changed is rebuilt, and
// Problems is not updated at all when nothing did. Documents over the size limit are scanned once
// when opened (and again when saved), never per keystroke; binary-looking documents are skipped.
import * as vscode from 'vscode';
import { credentialText, fingerprint, IncrementalScan, scanText } from '../../core/detect';
import type { EditSpan, TextSource } from '../../core/detect/incremental';
import type { Finding, TextChange } from '../../core/detect/types';
import { documentSource } from './document-source';
import { Settings } from '../ids';
import type { Logger } from '../logger';
import { readNumberSetting, readSetting } from '../settings';
import { readSeverityConfig, toDiagnostic, type SeverityConfig } from './format';
import type { IgnoreFiles } from './ignore-files';

/** A finding in an open document, with its range and (lazily) its fingerprint. */
export interface LiveFinding {
  finding: Finding;
  range: vscode.Range;
}

type Mode = 'live' | 'once' | 'binary';

/** A finding with its token and, once built, its diagnostic (reused while neither changes). */
interface Entry {
  lf: LiveFinding;
  token: string;
  diag?: vscode.Diagnostic;
  /**
   * The finding's diagnostic before an edit moved it (same token, same kind): the next publish
   * copies it to the new range instead of masking, wording and decorating it again.
   */
  moved?: vscode.Diagnostic;
  /** fingerprint(token), computed when an ignore file or `decorate` first needs it. */
  fp?: string;
}

interface DocState {
  doc: vscode.TextDocument;
  mode: Mode;
  scan?: IncrementalScan;
  /**
   * Edits since the last scan, in order. VS Code gives one event's changes relative to the text
   * before the event, sorted from the end of the document to its start (a multi-cursor edit is
   * applied back to front), so they also read as successive edits; successive events continue
   * that sequence. IncrementalScan.update takes exactly that. Undefined after a scan.
   */
  pending?: TextChange[];
  /** Time spent in change events since the last scan (the editor benchmark counts it as ours). */
  eventsMs?: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Every finding of the last scan, with its token text (kept in memory only, like the document). */
  all: Entry[];
  /** The diagnostics last handed to the collection, to skip republishing an unchanged list. */
  published?: vscode.Diagnostic[];
  /** What is published: `all` minus fingerprints listed in an ignore file. */
  findings: LiveFinding[];
  /** Document version the findings describe. */
  version: number;
}

/** Schemes whose documents are not the user's text: output channels, SCM input, git's old versions. */
const SKIPPED_SCHEMES = new Set(['output', 'vscode-scm', 'git', 'gitfs', 'comment', 'vscode-terminal', 'debug']);

/** Beyond this many edits between two scans (a huge multi-cursor replace), scan the whole text. */
const MAX_PENDING_CHANGES = 2000;

/**
 * A diagnostic built for a finding, at the range the finding moved to: everything else (message
 * with what decorate added, severity, source, code) is the same, since the token and the settings
 * are (a settings or decorate change clears every entry's diagnostic before it is republished).
 */
function movedDiagnostic(d: vscode.Diagnostic, range: vscode.Range): vscode.Diagnostic {
  const copy = new vscode.Diagnostic(range, d.message, d.severity);
  copy.source = d.source;
  copy.code = d.code;
  if (d.tags) copy.tags = d.tags;
  if (d.relatedInformation) copy.relatedInformation = d.relatedInformation;
  return copy;
}

/** Git's rule for "binary": a NUL in the first 8000-odd characters. */
const BINARY_SNIFF = 8192;

export class LiveDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('slack-token-guard');
  private readonly states = new Map<string, DocState>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings were republished (or cleared). */
  readonly onDidChangeFindings = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * Adds to each diagnostic once it is built (the exposure feature's "already committed" line).
   * Must return at once: it runs on every publish. `fp` is the token's fingerprint (cached here).
   */
  decorate?: (uri: vscode.Uri, token: string, d: vscode.Diagnostic, fp: string) => void;
  private severity!: SeverityConfig;
  private enabled = true;
  private maxLiveChars = 0;
  private debounceMs = 150;
  /**
   * The last rescan's cost inside the extension (getText, detector, ranges, publishing), for the
   * editor benchmark: it separates our work from VS Code's round trip.
   */
  lastRescan:
    | {
        uri: string;
        ms: number;
        /** CPU time of the extension host process during the rescan (wall time counts other processes' load too). */
        cpuMs: number;
        incremental: boolean;
        phases: Record<string, number>;
        scannedChars: number;
        endedAt: number;
      }
    | undefined;
  private phases: Record<string, number> = {};

  constructor(
    private readonly ignoreFiles: IgnoreFiles,
    private readonly logger: Logger,
  ) {
    this.readSettings();
    this.disposables.push(
      this.collection,
      this.emitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.open(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.change(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.close(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.saved(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.diagnostics`)) this.settingsChanged();
      }),
      // Trusting the workspace lets its own values of the restricted settings apply (settings.ts).
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.settingsChanged()),
      ignoreFiles.onDidChange(() => this.republishAll()),
    );
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  dispose(): void {
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
    this.states.clear();
    for (const d of this.disposables) d.dispose();
  }

  private readSettings(): void {
    this.enabled = readSetting<boolean>(Settings.diagnosticsEnabled) !== false;
    this.maxLiveChars = Math.max(1, readNumberSetting(Settings.maxLiveFileSizeKB, 20480)) * 1024;
    this.debounceMs = Math.max(0, Math.min(5000, readNumberSetting(Settings.debounceMs, 150)));
    this.severity = readSeverityConfig();
  }

  private settingsChanged(): void {
    const before = { enabled: this.enabled, maxLiveChars: this.maxLiveChars };
    this.readSettings();
    // Severity only changes how findings are shown; the debounce only the next edit.
    if (this.enabled !== before.enabled || this.maxLiveChars !== before.maxLiveChars) this.rescanAll();
    else this.republishAll();
  }

  /** Whether a document is tracked here (the workspace scan leaves such files to us). */
  isTracked(uri: vscode.Uri): boolean {
    return this.states.has(uri.toString());
  }

  /** Findings currently published for a document (empty when untracked or clean). */
  findingsFor(uri: vscode.Uri): readonly LiveFinding[] {
    return this.states.get(uri.toString())?.findings ?? [];
  }

  /**
   * Findings of a document that `.slack-token-guard-ignore` hides (its path patterns or its
   * fingerprints), and which file does it: the status items must not call such a file clean.
   */
  hiddenFor(uri: vscode.Uri): { count: number; byPath: boolean; file?: vscode.Uri } {
    const s = this.states.get(uri.toString());
    const count = s ? s.all.length - s.findings.length : 0;
    return { count, byPath: count > 0 && this.ignoreFiles.isPathIgnored(uri), file: count > 0 ? this.ignoreFiles.sourceFor(uri) : undefined };
  }

  private rescanAll(): void {
    for (const s of [...this.states.values()]) this.close(s.doc);
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  private republishAll(): void {
    for (const s of this.states.values()) {
      for (const e of s.all) e.diag = e.moved = undefined;
      this.publish(s);
    }
  }

  /** Publishes every document's findings again (what `decorate` adds has changed). */
  refresh(): void {
    this.republishAll();
  }

  private open(doc: vscode.TextDocument): void {
    if (!this.enabled || SKIPPED_SCHEMES.has(doc.uri.scheme)) return;
    const key = doc.uri.toString();
    const existing = this.states.get(key);
    if (existing?.doc === doc) return;
    // A new document under a URI whose old document's close event has not arrived yet (untitled
    // buffers reuse their names): the new one wins.
    if (existing?.timer) clearTimeout(existing.timer);
    const started = Date.now();
    const text = doc.getText();
    const mode: Mode = text.slice(0, BINARY_SNIFF).includes('\0') ? 'binary' : text.length > this.maxLiveChars ? 'once' : 'live';
    const state: DocState = { doc, mode, all: [], findings: [], version: doc.version };
    this.states.set(key, state);
    if (mode === 'binary') return;
    this.fullScan(state, text);
    if (mode === 'once') this.logger.info(`${doc.uri.scheme}:${vscode.workspace.asRelativePath(doc.uri)} is over the live-scan size limit: scanned once in ${Date.now() - started} ms`);
  }

  private fullScan(state: DocState, text: string): void {
    let findings: Finding[];
    try {
      if (state.mode === 'live') {
        state.scan = new IncrementalScan(text);
        findings = state.scan.findings;
      } else {
        findings = scanText(text);
      }
    } catch (e) {
      this.logger.error('scan failed', e);
      findings = [];
    }
    state.pending = undefined;
    state.version = state.doc.version;
    this.setFindings(state, findings, text);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state || state.doc !== e.document || state.mode !== 'live' || e.contentChanges.length === 0) return;
    const t = performance.now();
    const pending = (state.pending ??= []);
    for (const c of e.contentChanges) pending.push({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text });
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => this.rescan(state), this.debounceMs);
    state.eventsMs = (state.eventsMs ?? 0) + performance.now() - t;
  }

  private rescan(state: DocState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    if (!this.states.has(state.doc.uri.toString()) || state.doc.isClosed) return;
    const started = performance.now();
    const cpu = process.cpuUsage();
    this.phases = { events: state.eventsMs ?? 0 };
    state.eventsMs = undefined;
    const incremental = this.rescanText(state);
    // How much text the detector went over (tests assert an edit's work does not grow with the file).
    const scannedChars = state.mode === 'live' && state.scan ? state.scan.lastScannedChars : state.doc.offsetAt(new vscode.Position(state.doc.lineCount, 0));
    // Our work per edit: the change events' handling plus the rescan.
    const endedAt = performance.now();
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000 + this.phases.events;
    this.lastRescan = { uri: state.doc.uri.toString(), ms: endedAt - started + this.phases.events, cpuMs, incremental, phases: this.phases, scannedChars, endedAt };
  }

  /** Rescans a document's current text; true when the incremental path was taken. */
  private rescanText(state: DocState): boolean {
    let t = performance.now();
    if (state.mode !== 'live') {
      const text = state.doc.getText();
      this.phases.text = performance.now() - t;
      this.fullScan(state, text);
      return false;
    }
    const src = documentSource(state.doc);
    this.phases.text = performance.now() - t;
    if (src.length > this.maxLiveChars) {
      // Grew past the limit while open: stop scanning per keystroke.
      state.mode = 'once';
      state.scan = undefined;
      this.fullScan(state, state.doc.getText());
      return false;
    }
    if (!state.scan || !state.pending || state.pending.length > MAX_PENDING_CHANGES) {
      this.fullScan(state, state.doc.getText());
      return false;
    }
    let findings: Finding[] | undefined;
    t = performance.now();
    try {
      findings = state.scan.updateFrom(src, state.pending);
      this.phases.detector = performance.now() - t;
    } catch (e) {
      this.logger.warn('incremental rescan failed; scanning the whole document', e);
    }
    const edit = state.scan.lastEdit;
    if (!findings || !edit) {
      // The changes do not lead to the document's length (an event went astray): start over.
      this.logger.debug(`live diagnostics: the edits of ${vscode.workspace.asRelativePath(state.doc.uri)} did not add up; rescanning it whole`);
      this.fullScan(state, state.doc.getText());
      return false;
    }
    state.pending = undefined;
    state.version = state.doc.version;
    t = performance.now();
    this.setFindingsAfterEdit(state, findings, src, edit);
    this.phases.publish = performance.now() - t;
    return true;
  }

  private saved(doc: vscode.TextDocument): void {
    const state = this.states.get(doc.uri.toString());
    if (state?.doc === doc && state.mode === 'once') this.fullScan(state, doc.getText());
  }

  private close(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const state = this.states.get(key);
    if (!state || state.doc !== doc) return;
    if (state.timer) clearTimeout(state.timer);
    this.states.delete(key);
    this.collection.delete(doc.uri);
    this.emitter.fire(doc.uri);
  }

  private setFindings(state: DocState, findings: readonly Finding[], text: string): void {
    const doc = state.doc;
    state.all = findings.map((finding) => ({
      lf: { finding, range: new vscode.Range(doc.positionAt(finding.start), doc.positionAt(finding.end)) },
      token: credentialText(text, finding),
    }));
    this.publish(state);
  }

  /**
   * After an incremental rescan: a finding that lies wholly before the edit, or wholly after it
   * (shifted by the length change), has the same text as before, so it keeps its token; it keeps
   * its range too when it lies before the edit, and its diagnostic while the range is the same.
   * Only findings in or next to the edit read text from the document.
   */
  private setFindingsAfterEdit(state: DocState, findings: readonly Finding[], src: TextSource, edit: EditSpan): void {
    const doc = state.doc;
    const t = performance.now();
    const kept = new Map<number, Entry>();
    for (const e of state.all) {
      const f = e.lf.finding;
      if (f.end <= edit.lo) kept.set(f.start, e);
      else if (f.start >= edit.oldEnd) kept.set(f.start + edit.delta, e);
    }
    state.all = findings.map((finding): Entry => {
      const old = kept.get(finding.start);
      const before = finding.end <= edit.lo;
      if (old && old.lf.finding.kind === finding.kind && old.lf.finding.end + (before ? 0 : edit.delta) === finding.end) {
        if (before) return old;
        const range = new vscode.Range(doc.positionAt(finding.start), doc.positionAt(finding.end));
        if (range.isEqual(old.lf.range)) return { lf: { finding, range }, token: old.token, fp: old.fp, diag: old.diag };
        return { lf: { finding, range }, token: old.token, fp: old.fp, moved: old.diag };
      }
      const { from, text } = src.read(finding.start, finding.end);
      return {
        lf: { finding, range: new vscode.Range(doc.positionAt(finding.start), doc.positionAt(finding.end)) },
        token: text.slice(finding.start - from, finding.end - from),
      };
    });
    this.phases.ranges = performance.now() - t;
    this.publish(state);
  }

  /** Publishes a document's findings, minus those whose fingerprint an ignore file lists. */
  private publish(state: DocState): void {
    const uri = state.doc.uri;
    const diagnostics: vscode.Diagnostic[] = [];
    state.findings = [];
    if (!this.ignoreFiles.isPathIgnored(uri)) {
      const ignored = this.ignoreFiles.fingerprintsFor(uri);
      for (const entry of state.all) {
        const { lf, token } = entry;
        const moved = entry.moved;
        entry.moved = undefined;
        if (ignored.size && ignored.has((entry.fp ??= fingerprint(token)))) continue;
        state.findings.push(lf);
        if (!entry.diag && moved) entry.diag = movedDiagnostic(moved, lf.range);
        else if (!entry.diag) {
          const d = toDiagnostic(lf.finding, lf.range, token, this.severity);
          this.decorate?.(uri, token, d, (entry.fp ??= fingerprint(token)));
          entry.diag = d;
        }
        diagnostics.push(entry.diag);
      }
    }
    // The same diagnostics as last time (an edit that moved none of them): Problems needs no update.
    const last = state.published;
    if (last && last.length === diagnostics.length && last.every((d, i) => d === diagnostics[i])) return;
    state.published = diagnostics;
    const t = performance.now();
    const cpu = process.cpuUsage();
    this.collection.set(uri, diagnostics);
    this.phases.set = performance.now() - t;
    // VS Code's own conversion and message for set(), in CPU time (the wall time above waits for the cores too).
    const used = process.cpuUsage(cpu);
    this.phases.setCpu = (used.user + used.system) / 1000;
    this.emitter.fire(uri);
    this.phases.listeners = performance.now() - t - this.phases.set;
  }
}
