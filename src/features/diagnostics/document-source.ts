// A TextDocument as the incremental scanner's TextSource: window reads through getText(range) and
// line lookups through lineAt, so a rescan after an edit never joins the whole document (getText()
// without a range joins every line anew: tens of milliseconds for 10 MB).
import * as vscode from 'vscode';
import type { TextSource } from '../../core/detect/incremental';

export function documentSource(doc: vscode.TextDocument): TextSource {
  const lastLine = doc.lineCount - 1;
  const length = doc.offsetAt(doc.lineAt(lastLine).range.end);
  /** Offset of the LF that ends `line` (or the document's end on the last line). */
  const lineEnd = (line: vscode.TextLine) => (line.lineNumber < lastLine ? doc.offsetAt(line.rangeIncludingLineBreak.end) - 1 : length);
  return {
    length,
    read(start, end) {
      // positionAt clamps an offset between a CR and its LF to the end of the line; offsetAt then gives
      // the CR's offset. Starting there (or ending after the LF) keeps offsets exact.
      const from = doc.offsetAt(doc.positionAt(Math.max(0, start)));
      const endPos = doc.positionAt(Math.min(length, end));
      const to = doc.offsetAt(endPos) < Math.min(length, end) ? Math.min(length, end) + 1 : Math.min(length, end);
      return { from, text: doc.getText(new vscode.Range(doc.positionAt(from), doc.positionAt(to))) };
    },
    lineAt(pos) {
      const line = doc.lineAt(doc.positionAt(Math.min(length, Math.max(0, pos))));
      return [doc.offsetAt(line.range.start), lineEnd(line)];
    },
  };
}
