// Incremental scanning for editors: after an edit, only a bounded window around it is rescanned and
// every other finding is reused (shifted). Exactness rests on the scanner's locality (LIMITS in
// scan.ts): a candidate depends only on text near its anchor, and overlaps are resolved from nearby
// candidates only, so the result always equals a full scanText() of the new text.
//
// The text after an edit is read through a TextSource, so an editor never has to materialise its
// whole document per keystroke: it hands in the window reads and line lookups it can answer cheaply
// (VS Code's TextDocument.getText(range) and lineAt), and the scan keeps no copy of the text.
import { candidates, LIMITS, resolveOverlaps, scanRange } from './scan';
import { applySuppression, findMarkers, IGNORE_MARKER, IGNORE_NEXT_LINE_MARKER } from './suppress';
import type { Finding, TextChange } from './types';

const { LOOK_BEHIND, LOOK_AHEAD, MAX_LEN } = LIMITS;
const PAD = 64;

/** Read access to the current text, answered without building the whole text. */
export interface TextSource {
  readonly length: number;
  /**
   * Text covering at least [start, end): `text` begins at `from` <= start and reaches at least `end`
   * (clamped to the text). A source may widen the window, e.g. not to split a CRLF.
   */
  read(start: number, end: number): { from: number; text: string };
  /** [start, end) of the line holding `pos`: end is the offset of its LF, or the text's length. */
  lineAt(pos: number): [number, number];
}

/** A TextSource over a string (the CLI, tests, and anything that already holds the whole text). */
export function stringSource(t: string): TextSource {
  return {
    length: t.length,
    read: (start, end) => ({ from: Math.max(0, start), text: t.slice(Math.max(0, start), end) }),
    lineAt: (pos) => {
      const nl = t.indexOf('\n', pos);
      return [t.lastIndexOf('\n', pos - 1) + 1, nl < 0 ? t.length : nl];
    },
  };
}

/**
 * The same ranges as suppressedRanges() in suppress.ts, found through line lookups instead of
 * searching a string: the marker's own line for `ignore`, the next line for `ignore-next-line`.
 */
function suppressedRangesIn(src: TextSource, markers: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const at of markers) {
    const line = src.lineAt(at);
    const { from, text } = src.read(at, at + IGNORE_NEXT_LINE_MARKER.length);
    if (text.startsWith(IGNORE_NEXT_LINE_MARKER, at - from)) {
      if (line[1] < src.length) out.push(src.lineAt(line[1] + 1));
    } else {
      out.push(line);
    }
  }
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

/** Where the last update() changed the text, so a caller can reuse what lies outside it. */
export interface EditSpan {
  /** Start of the changed region (same in old and new coordinates). */
  lo: number;
  /** End of the changed region in the old text. */
  oldEnd: number;
  /** End of the changed region in the new text. */
  newEnd: number;
  /** New length minus old length. */
  delta: number;
}

export class IncrementalScan {
  private length: number;
  private raw: Finding[];
  private markers: number[];
  private current: Finding[];
  /**
   * Characters the last constructor/reset/update call scanned (candidate and marker windows), so
   * tests can assert that an edit's work is bounded by the edit, not by the document's size.
   */
  lastScannedChars = 0;
  /** The region the last update() changed; undefined after a full scan. */
  lastEdit: EditSpan | undefined;

  constructor(text: string) {
    this.length = 0;
    this.raw = [];
    this.markers = [];
    this.current = [];
    this.reset(text);
  }

  /** Findings of the current text, suppression comments applied (same as scanText). */
  get findings(): Finding[] {
    return this.current;
  }

  private suppress(src: TextSource): Finding[] {
    if (this.markers.length === 0 || this.raw.length === 0) return this.raw;
    return applySuppression(this.raw, suppressedRangesIn(src, this.markers));
  }

  /** Full rescan, used when the changes do not describe the step from the old to the new text. */
  reset(text: string): Finding[] {
    this.lastScannedChars = text.length;
    this.lastEdit = undefined;
    this.length = text.length;
    this.raw = scanRange(text);
    this.markers = findMarkers(text);
    this.current = this.suppress(stringSource(text));
    return this.current;
  }

  /**
   * `changes` are applied in order, each in the coordinates of the text after the previous ones
   * (VS Code sends multi-cursor edits in descending offset order, where both readings agree).
   */
  update(newText: string, changes: readonly TextChange[]): Finding[] {
    return this.updateFrom(stringSource(newText), changes) ?? this.reset(newText);
  }

  /**
   * Like update(), reading the new text only around the edit. Returns undefined when the changes do
   * not lead from the old text's length to `src.length` (or there are none): the caller then
   * rescans the whole text with reset().
   */
  updateFrom(src: TextSource, changes: readonly TextChange[]): Finding[] | undefined {
    const oldLen = this.length;
    this.lastEdit = undefined; // set again below only when this update succeeds
    if (changes.length === 0) return undefined;
    // Compose the changes into one dirty interval [lo, hi) of the new text; delta = total length change.
    let lo = Infinity;
    let hi = -Infinity;
    let len = oldLen;
    let delta = 0;
    for (const ch of changes) {
      const o = ch.rangeOffset;
      const l = ch.rangeLength;
      const L = ch.text.length;
      if (!(o >= 0 && l >= 0 && o + l <= len)) return undefined;
      const d = L - l;
      if (lo !== Infinity) {
        const map = (x: number, right: boolean) => (x < o ? x : x >= o + l ? x + d : right ? o + L : o);
        lo = map(lo, false);
        hi = map(hi, true);
      }
      lo = Math.min(lo, o);
      hi = Math.max(hi, o + L);
      len += d;
      delta += d;
    }
    if (len !== src.length) return undefined;
    const newEnd = hi;
    const oldEnd = hi - delta;

    // Findings whose decision may change start in [s0, s1) (new coordinates).
    const s0 = lo - LOOK_AHEAD - PAD;
    const s1 = newEnd + LOOK_BEHIND + MAX_LEN + PAD;
    const w0 = Math.max(0, s0 - MAX_LEN - PAD);
    const w1 = Math.min(len, s1 + PAD);
    // Marker occurrences: reuse those away from the edit, search again near it.
    const m0 = lo - IGNORE_MARKER.length - PAD;
    const m1 = newEnd + PAD;
    // One read covers every candidate's context (LOOK_BEHIND before the first anchor, LOOK_AHEAD after
    // the last) and the marker window, which lies inside it.
    const win = src.read(Math.max(0, w0 - LOOK_BEHIND - PAD), Math.min(len, w1 + LOOK_AHEAD + PAD));
    const base = win.from;
    const fresh: Finding[] = [];
    for (const f of resolveOverlaps(candidates(win.text, w0 - base, w1 - base))) {
      const start = f.start + base;
      if (start >= s0 && start < s1) fresh.push({ ...f, start, end: f.end + base });
    }
    const raw: Finding[] = [];
    for (const f of this.raw) {
      if (f.start < s0) raw.push(f);
      else break;
    }
    for (const f of fresh) raw.push(f);
    for (const f of this.raw) {
      if (f.start >= s1 - delta && f.start >= oldEnd) raw.push(delta === 0 ? f : { ...f, start: f.start + delta, end: f.end + delta });
    }
    this.raw = raw;

    const markers: number[] = [];
    for (const m of this.markers) if (m < m0) markers.push(m);
    for (const m of findMarkers(win.text, Math.max(0, m0) - base, m1 - base)) markers.push(m + base);
    this.lastScannedChars = Math.max(0, w1 - w0) + Math.max(0, Math.min(len, m1) - Math.max(0, m0));
    for (const m of this.markers) if (m >= m1 - delta && m >= oldEnd) markers.push(m + delta);
    this.markers = markers;

    this.length = len;
    this.lastEdit = { lo, oldEnd, newEnd, delta };
    this.current = this.suppress(src);
    return this.current;
  }
}
