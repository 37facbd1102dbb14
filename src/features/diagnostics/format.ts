// How a finding looks in the Problems panel: one line with the kind, the masked token and why it
// matters; a code that links to the kind's documentation; a severity from the kind and settings.
import * as vscode from 'vscode';
import { formNote, kindInfo } from '../../core/detect';
import type { Finding, KindId } from '../../core/detect/types';
import { mask } from '../../core/redact';
import { severityClass } from '../../core/severity';
import { DIAGNOSTIC_SOURCE, Settings } from '../ids';
import { readSetting } from '../settings';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface SeverityConfig {
  legacy: vscode.DiagnosticSeverity;
  default: vscode.DiagnosticSeverity;
  lowConfidence: vscode.DiagnosticSeverity;
}

export function readSeverityConfig(): SeverityConfig {
  const pick = (key: string, fallback: SeverityName) => SEVERITY[readSetting<SeverityName>(key) ?? fallback] ?? SEVERITY[fallback];
  return {
    legacy: pick(Settings.severityLegacy, 'error'),
    default: pick(Settings.severityDefault, 'warning'),
    lowConfidence: pick(Settings.severityLowConfidence, 'information'),
  };
}

/** The configured severity of the finding's class (see severityClass). */
export function severityFor(f: Pick<Finding, 'kind' | 'confidence' | 'legacy'>, cfg: SeverityConfig): vscode.DiagnosticSeverity {
  return cfg[severityClass(f)];
}

/**
 * One line, no token: "Bot token xoxb-…Ab3F: <why it matters>", with the form when the token hides
 * ("Bot token xoxb-…Ab3F (base64-encoded): …"). `masked` is mask(token).
 */
export function diagnosticMessage(f: Pick<Finding, 'kind' | 'form'>, masked: string): string {
  const info = kindInfo(f.kind);
  const form = formNote(f.form);
  return `${info.label} ${masked}${form ? ` (${form})` : ''}: ${info.description}`.replace(/[\r\n]+/g, ' ');
}

const docsUris = new Map<KindId, vscode.Uri>();
/** Each kind's docs link, parsed once (diagnostics are rebuilt on every rescan). */
function docsUri(kind: KindId): vscode.Uri {
  let uri = docsUris.get(kind);
  if (!uri) docsUris.set(kind, (uri = vscode.Uri.parse(kindInfo(kind).docsUrl)));
  return uri;
}

/** The diagnostic for a finding; takes the token only to mask it. */
export function toDiagnostic(f: Pick<Finding, 'kind' | 'confidence' | 'legacy' | 'form'>, range: vscode.Range, token: string, cfg: SeverityConfig): vscode.Diagnostic {
  return toMaskedDiagnostic(f, range, mask(token), cfg);
}

export function toMaskedDiagnostic(f: Pick<Finding, 'kind' | 'confidence' | 'legacy' | 'form'>, range: vscode.Range, masked: string, cfg: SeverityConfig): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, diagnosticMessage(f, masked), severityFor(f, cfg));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.kind, target: docsUri(f.kind) };
  return d;
}

/** Whether a diagnostic is one of ours (live or from the workspace scan). */
export function isOurDiagnostic(d: vscode.Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE;
}

/** The kind a diagnostic of ours is about. */
export function diagnosticKind(d: vscode.Diagnostic): KindId | undefined {
  const code = d.code;
  const v = typeof code === 'object' && code ? code.value : code;
  return typeof v === 'string' ? (v as KindId) : undefined;
}
