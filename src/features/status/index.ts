// How many Slack tokens the active file holds: a status bar item (shown only when there are some)
// and a language status item (always there, in the language status hover). Clicking either opens
// the Problems panel. Nothing here ever pops up: it only reflects what live diagnostics found.
import * as vscode from 'vscode';
import { TOOL_IGNORE_FILE } from '../../core/ignore-rules';
import type { LiveDiagnostics } from '../diagnostics/live-diagnostics';

const SHOW_PROBLEMS = 'workbench.actions.view.problems';

export interface StatusDeps {
  live: LiveDiagnostics;
}

export function registerStatus(_context: vscode.ExtensionContext, deps: StatusDeps): vscode.Disposable & { snapshot(): StatusSnapshot } {
  const bar = vscode.window.createStatusBarItem('slackTokenGuard.tokenCount', vscode.StatusBarAlignment.Left, 50);
  bar.name = vscode.l10n.t('Slack Token Guard: tokens in this file');
  bar.command = SHOW_PROBLEMS;
  const lang = vscode.languages.createLanguageStatusItem('slackTokenGuard.languageStatus', '*');
  lang.name = vscode.l10n.t('Slack Token Guard');
  lang.command = { title: vscode.l10n.t('Show Problems'), command: SHOW_PROBLEMS };

  let visible = false;
  const setVisible = (v: boolean) => {
    visible = v;
    if (v) bar.show();
    else bar.hide();
  };
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      setVisible(false);
      return;
    }
    const findings = deps.live.findingsFor(editor.document.uri);
    const n = findings.length;
    const legacy = findings.filter((f) => f.finding.legacy).length;
    // A rule that hides findings must never read as "no tokens": say how many, and which file hides them.
    const hidden = deps.live.hiddenFor(editor.document.uri);
    const hiddenText =
      hidden.count === 0
        ? ''
        : vscode.l10n.t(
            '{0} hidden by {1}{2}',
            hidden.count,
            hidden.file ? vscode.workspace.asRelativePath(hidden.file, true) : TOOL_IGNORE_FILE,
            hidden.byPath ? vscode.l10n.t(' (a path rule covers this whole file)') : '',
          );
    const text =
      n === 0
        ? hidden.count > 0
          ? vscode.l10n.t('No Slack tokens shown')
          : vscode.l10n.t('No Slack tokens')
        : n === 1
          ? vscode.l10n.t('1 Slack token')
          : vscode.l10n.t('{0} Slack tokens', n);
    const found = legacy > 0 ? vscode.l10n.t('{0} legacy', legacy) : vscode.l10n.t('found by Slack Token Guard');
    const detail = hiddenText ? (n === 0 ? hiddenText : `${found}; ${hiddenText}`) : found;
    lang.text = n === 0 ? (hidden.count > 0 ? `$(eye-closed) ${text}` : `$(shield) ${text}`) : `$(warning) ${text}`;
    lang.detail = n === 0 && hidden.count === 0 ? vscode.l10n.t('this file holds none') : detail;
    lang.severity = n === 0 && hidden.count === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    if (n === 0 && hidden.count === 0) {
      setVisible(false);
      return;
    }
    bar.text = n === 0 ? `$(eye-closed) ${hidden.count}` : `$(key) ${n}`;
    bar.tooltip = vscode.l10n.t('Slack Token Guard: {0} in this file ({1}). Click to open Problems.', text, detail);
    bar.backgroundColor = legacy > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : new vscode.ThemeColor('statusBarItem.warningBackground');
    setVisible(true);
  };

  const disposable = vscode.Disposable.from(
    bar,
    lang,
    vscode.window.onDidChangeActiveTextEditor(update),
    deps.live.onDidChangeFindings((uri) => {
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) update();
    }),
  );
  update();
  return Object.assign(disposable, {
    snapshot: (): StatusSnapshot => ({ bar: visible ? bar.text : undefined, barTooltip: visible ? String(bar.tooltip ?? '') : undefined, language: lang.text, languageDetail: lang.detail ?? '' }),
  });
}

/** What the status items show (tests read it through the extension's test API). */
export interface StatusSnapshot {
  /** Status bar text, undefined while hidden. */
  bar?: string;
  barTooltip?: string;
  language: string;
  languageDetail: string;
}
