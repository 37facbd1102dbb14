// Live diagnostics: every open text document (any language, untitled buffers, notebook cells,
// VS Code's own settings.json) is scanned when it opens and, debounced, after each change. Each
// document keeps one IncrementalScan, so a keystroke in a 10 MB file rescans only the lines around
// it. Documents over the size limit are scanned once when opened (and again when saved), never per
// keystroke; binary-looking documents are skipped.
import * as vscode from 'vscode';
import { credentialText, fingerprint, IncrementalScan, scanText } from '../../core/detect';
import type { Finding, TextChange } from '../../core/detect/types';
import { Settings } from '../ids';
import type { Logger } from '../logger';
import { readSeverityConfig, toDiagnostic, type SeverityConfig } from './format';
import type { IgnoreFiles } from './ignore-files';

/** A finding in an open document, with its range and (lazily) its fingerprint. */
export interface LiveFinding {
  finding: Finding;
  range: vscode.Range;
}

type Mode = 'live' | 'once' | 'binary';

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
  /**
   * Live mode: the document's text, kept by applying each change to the last scanned text. Cheaper
   * than TextDocument.getText(), which joins every line anew (tens of ms for 10 MB); checked
   * against the document's length before use.
   */
  text?: string;
  timer?: ReturnType<typeof setTimeout>;
  /** Every finding of the last scan, with its token text (kept in memory only, like the document). */
  all: { lf: LiveFinding; token: string }[];
  /** What is published: `all` minus fingerprints listed in an ignore file. */
  findings: LiveFinding[];
  /** Document version the findings describe. */
  version: number;
}

/** Schemes whose documents are not the user's text: output channels, SCM input, git's old versions. */
const SKIPPED_SCHEMES = new Set(['output', 'vscode-scm', 'git', 'gitfs', 'comment', 'vscode-terminal', 'debug']);

/** Beyond this many edits between two scans (a huge multi-cursor replace), scan the whole text. */
const MAX_PENDING_CHANGES = 2000;

/** Git's rule for "binary": a NUL in the first 8000-odd characters. */
const BINARY_SNIFF = 8192;

export class LiveDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('slack-token-guard');
  private readonly states = new Map<string, DocState>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings were republished (or cleared). */
  readonly onDidChangeFindings = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private severity!: SeverityConfig;
  private enabled = true;
  private maxLiveChars = 0;
  private debounceMs = 150;
  /**
   * The last rescan's cost inside the extension (getText, detector, ranges, publishing), for the
   * editor benchmark: it separates our work from VS Code's round trip.
   */
  lastRescan: { uri: string; ms: number; incremental: boolean; phases: Record<string, number>; scannedChars: number } | undefined;
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
        if (!e.affectsConfiguration(`${Settings.section}.diagnostics`)) return;
        const before = { enabled: this.enabled, maxLiveChars: this.maxLiveChars };
        this.readSettings();
        // Severity only changes how findings are shown; the debounce only the next edit.
        if (this.enabled !== before.enabled || this.maxLiveChars !== before.maxLiveChars) this.rescanAll();
        else this.republishAll();
      }),
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
    const c = vscode.workspace.getConfiguration(Settings.section);
    this.enabled = c.get<boolean>(Settings.diagnosticsEnabled, true);
    this.maxLiveChars = Math.max(1, c.get<number>(Settings.maxLiveFileSizeKB, 20480)) * 1024;
    this.debounceMs = Math.max(0, Math.min(5000, c.get<number>(Settings.debounceMs, 150)));
    this.severity = readSeverityConfig();
  }

  /** Whether a document is tracked here (the workspace scan leaves such files to us). */
  isTracked(uri: vscode.Uri): boolean {
    return this.states.has(uri.toString());
  }

  /** Findings currently published for a document (empty when untracked or clean). */
  findingsFor(uri: vscode.Uri): readonly LiveFinding[] {
    return this.states.get(uri.toString())?.findings ?? [];
  }

  private rescanAll(): void {
    for (const s of [...this.states.values()]) this.close(s.doc);
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  private republishAll(): void {
    for (const s of this.states.values()) this.publish(s);
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
    state.text = state.mode === 'live' ? text : undefined;
    state.version = state.doc.version;
    this.setFindings(state, findings, text);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state || state.doc !== e.document || state.mode !== 'live' || e.contentChanges.length === 0) return;
    const pending = (state.pending ??= []);
    for (const c of e.contentChanges) {
      pending.push({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text });
      if (state.text !== undefined) state.text = state.text.slice(0, c.rangeOffset) + c.text + state.text.slice(c.rangeOffset + c.rangeLength);
    }
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => this.rescan(state), this.debounceMs);
  }

  private rescan(state: DocState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    if (!this.states.has(state.doc.uri.toString()) || state.doc.isClosed) return;
    const started = performance.now();
    this.phases = {};
    const incremental = this.rescanText(state);
    // How much text the detector went over (tests assert an edit's work does not grow with the file).
    const scannedChars = state.mode === 'live' && state.scan ? state.scan.lastScannedChars : state.doc.offsetAt(new vscode.Position(state.doc.lineCount, 0));
    this.lastRescan = { uri: state.doc.uri.toString(), ms: performance.now() - started, incremental, phases: this.phases, scannedChars };
  }

  /** Rescans a document's current text; true when the incremental path was taken. */
  private rescanText(state: DocState): boolean {
    let t = performance.now();
    const text = state.mode === 'live' ? this.currentText(state) : state.doc.getText();
    this.phases.text = performance.now() - t;
    if (state.mode !== 'live') {
      this.fullScan(state, text);
      return false;
    }
    if (text.length > this.maxLiveChars) {
      // Grew past the limit while open: stop scanning per keystroke.
      state.mode = 'once';
      state.scan = undefined;
      this.fullScan(state, text);
      return false;
    }
    if (!state.scan || !state.pending || state.pending.length > MAX_PENDING_CHANGES) {
      this.fullScan(state, text);
      return false;
    }
    let findings: Finding[];
    t = performance.now();
    try {
      findings = state.scan.update(text, state.pending);
      this.phases.detector = performance.now() - t;
    } catch (e) {
      this.logger.warn('incremental rescan failed; scanning the whole document', e);
      this.fullScan(state, text);
      return false;
    }
    state.pending = undefined;
    state.version = state.doc.version;
    t = performance.now();
    this.setFindings(state, findings, text);
    this.phases.publish = performance.now() - t;
    return true;
  }

  /** The kept copy of a live document's text, or getText() (and a full scan) if it went astray. */
  private currentText(state: DocState): string {
    const doc = state.doc;
    const last = doc.lineAt(doc.lineCount - 1);
    const length = doc.offsetAt(last.range.end);
    if (state.text !== undefined && state.text.length === length && this.sameLineAsDocument(state.text, doc, state.pending?.at(-1)?.rangeOffset ?? 0)) {
      return state.text;
    }
    this.logger.debug(`live diagnostics: kept text of ${vscode.workspace.asRelativePath(doc.uri)} diverged; rescanning it whole`);
    state.pending = undefined;
    return doc.getText();
  }

  /** Whether the kept text holds the document's line at `offset` (where the last edit was). */
  private sameLineAsDocument(text: string, doc: vscode.TextDocument, offset: number): boolean {
    const line = doc.lineAt(doc.positionAt(Math.min(offset, text.length)).line);
    const start = doc.offsetAt(line.range.start);
    return text.slice(start, start + line.text.length) === line.text;
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

  /** Publishes a document's findings, minus those whose fingerprint an ignore file lists. */
  private publish(state: DocState): void {
    const uri = state.doc.uri;
    const diagnostics: vscode.Diagnostic[] = [];
    state.findings = [];
    if (!this.ignoreFiles.isPathIgnored(uri)) {
      const ignored = this.ignoreFiles.fingerprintsFor(uri);
      for (const { lf, token } of state.all) {
        if (ignored.size && ignored.has(fingerprint(token))) continue;
        state.findings.push(lf);
        diagnostics.push(toDiagnostic(lf.finding, lf.range, token, this.severity));
      }
    }
    this.collection.set(uri, diagnostics);
    this.emitter.fire(uri);
  }
}
