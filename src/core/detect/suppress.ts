// Inline suppression: the marker text is looked for anywhere on a line, so it works in every comment
// syntax (//, #, --, <!-- -->, /* */, ;, %, REM …).
import type { Finding } from './types';

export const IGNORE_MARKER = 'slack-token-guard:ignore';
export const IGNORE_NEXT_LINE_MARKER = 'slack-token-guard:ignore-next-line';

// indexOf looks for its first character with a fast skip loop; "g" is much rarer in code than "s".
const MARKER_TAIL = 'guard:ignore';
const MARKER_HEAD = IGNORE_MARKER.length - MARKER_TAIL.length;

/** Start offsets of every marker occurrence starting in [from, to); never reads far beyond `to`. */
export function findMarkers(t: string, from = 0, to = t.length): number[] {
  const out: number[] = [];
  from = Math.max(0, from);
  const windowed = from > 0 || to < t.length;
  const hay = windowed ? t.slice(from, to + IGNORE_MARKER.length) : t;
  const base = windowed ? from : 0;
  let at = hay.indexOf(MARKER_TAIL, MARKER_HEAD);
  while (at >= 0 && at - MARKER_HEAD + base < to) {
    if (hay.startsWith(IGNORE_MARKER, at - MARKER_HEAD)) out.push(at - MARKER_HEAD + base);
    at = hay.indexOf(MARKER_TAIL, at + 1);
  }
  return out;
}

const LINE_CAP = 4096;

/** Start of the line holding `pos`, looking back at most LINE_CAP chars; -1 when the line is longer. */
function lineStartNear(t: string, pos: number): number {
  const lim = Math.max(0, pos - LINE_CAP);
  for (let i = pos - 1; i >= lim; i--) if (t.charCodeAt(i) === 10) return i + 1;
  return lim === 0 ? 0 : -1;
}

/** End (the LF or the text end) of the line holding `pos`, looking ahead at most LINE_CAP chars; -1 when longer. */
function lineEndNear(t: string, pos: number): number {
  const lim = Math.min(t.length, pos + LINE_CAP);
  for (let i = pos; i < lim; i++) if (t.charCodeAt(i) === 10) return i;
  return lim === t.length ? t.length : -1;
}

/**
 * Markers that can affect `findings` (on a finding's line or the line above). Looks only at those
 * lines when they are short, else searches the whole text once: linear either way.
 */
export function markersFor(t: string, findings: readonly Finding[]): number[] {
  const out: number[] = [];
  let searchedTo = -1;
  for (const f of findings) {
    const ls = lineStartNear(t, f.start);
    const ps = ls > 0 ? lineStartNear(t, ls - 1) : 0;
    const le = lineEndNear(t, f.end);
    if (ls < 0 || ps < 0 || le < 0) return findMarkers(t);
    const from = Math.max(ps, searchedTo);
    if (from < le) for (const m of findMarkers(t, from, le)) out.push(m);
    searchedTo = Math.max(searchedTo, le);
  }
  return out;
}

/**
 * Half-open ranges [start, end) of text whose findings are suppressed, sorted: the marker's own line
 * for `ignore`, the following line for `ignore-next-line`. Lines end at LF (a CR before it stays on
 * the line, which is harmless because no credential contains CR).
 */
export function suppressedRanges(t: string, markers: readonly number[] = findMarkers(t)): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let curLineStart = -1;
  let curLineEnd = -1;
  for (const at of markers) {
    if (curLineStart < 0 || at >= curLineEnd || at < curLineStart) {
      curLineStart = t.lastIndexOf('\n', at) + 1;
      const nl = t.indexOf('\n', at);
      curLineEnd = nl < 0 ? t.length : nl;
    }
    if (t.startsWith(IGNORE_NEXT_LINE_MARKER, at)) {
      if (curLineEnd < t.length) {
        const ns = curLineEnd + 1;
        const nn = t.indexOf('\n', ns);
        out.push([ns, nn < 0 ? t.length : nn]);
      }
    } else {
      out.push([curLineStart, curLineEnd]);
    }
  }
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

/** Drops findings that start inside a suppressed range. Both inputs sorted. */
export function applySuppression(findings: Finding[], ranges: Array<[number, number]>): Finding[] {
  if (ranges.length === 0) return findings;
  const out: Finding[] = [];
  let r = 0;
  for (const f of findings) {
    // Ranges are whole lines: identical or disjoint, so their ends are sorted too.
    while (r < ranges.length && ranges[r][1] <= f.start) r++;
    let hidden = false;
    for (let k = r; k < ranges.length && ranges[k][0] <= f.start; k++) {
      if (f.start < ranges[k][1]) {
        hidden = true;
        break;
      }
    }
    if (!hidden) out.push(f);
  }
  return out;
}
