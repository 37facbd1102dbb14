// Incremental scanning for editors: after an edit, only a bounded window around it is rescanned and
// every other finding is reused (shifted). Exactness rests on the scanner's locality (LIMITS in
// scan.ts): a candidate depends only on text near its anchor, and overlaps are resolved from nearby
// candidates only, so the result always equals a full scanText() of the new text.
import { candidates, LIMITS, resolveOverlaps, scanRange } from './scan';
import { applySuppression, findMarkers, IGNORE_MARKER, suppressedRanges } from './suppress';
import type { Finding, TextChange } from './types';

const { LOOK_BEHIND, LOOK_AHEAD, MAX_LEN } = LIMITS;
const PAD = 64;

export class IncrementalScan {
  private text: string;
  private raw: Finding[];
  private markers: number[];
  private current: Finding[];
  /**
   * Characters the last constructor/reset/update call scanned (candidate and marker windows), so
   * tests can assert that an edit's work is bounded by the edit, not by the document's size.
   */
  lastScannedChars = 0;

  constructor(text: string) {
    this.lastScannedChars = text.length;
    this.text = text;
    this.raw = scanRange(text);
    this.markers = findMarkers(text);
    this.current = this.suppress();
  }

  /** Findings of the current text, suppression comments applied (same as scanText). */
  get findings(): Finding[] {
    return this.current;
  }

  private suppress(): Finding[] {
    if (this.markers.length === 0 || this.raw.length === 0) return this.raw;
    return applySuppression(this.raw, suppressedRanges(this.text, this.markers));
  }

  /** Full rescan, used when the changes do not describe the step from the old to the new text. */
  reset(text: string): Finding[] {
    this.lastScannedChars = text.length;
    this.text = text;
    this.raw = scanRange(text);
    this.markers = findMarkers(text);
    this.current = this.suppress();
    return this.current;
  }

  /**
   * `changes` are applied in order, each in the coordinates of the text after the previous ones
   * (VS Code sends multi-cursor edits in descending offset order, where both readings agree).
   */
  update(newText: string, changes: readonly TextChange[]): Finding[] {
    const oldLen = this.text.length;
    if (changes.length === 0) {
      return newText.length === oldLen && newText === this.text ? this.current : this.reset(newText);
    }
    // Compose the changes into one dirty interval [lo, hi) of the new text; delta = total length change.
    let lo = Infinity;
    let hi = -Infinity;
    let len = oldLen;
    let delta = 0;
    for (const ch of changes) {
      const o = ch.rangeOffset;
      const l = ch.rangeLength;
      const L = ch.text.length;
      if (!(o >= 0 && l >= 0 && o + l <= len)) return this.reset(newText);
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
    if (len !== newText.length) return this.reset(newText);
    const t = newText;
    const newEnd = hi;
    const oldEnd = hi - delta;

    // Findings whose decision may change start in [s0, s1) (new coordinates).
    const s0 = lo - LOOK_AHEAD - PAD;
    const s1 = newEnd + LOOK_BEHIND + MAX_LEN + PAD;
    const w0 = Math.max(0, s0 - MAX_LEN - PAD);
    const w1 = Math.min(t.length, s1 + PAD);
    const fresh = resolveOverlaps(candidates(t, w0, w1)).filter(
      (f) => f.start >= s0 && f.start < s1,
    );
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

    // Marker occurrences: reuse those away from the edit, search again near it.
    const m0 = lo - IGNORE_MARKER.length - PAD;
    const m1 = newEnd + PAD;
    const markers: number[] = [];
    for (const m of this.markers) if (m < m0) markers.push(m);
    for (const m of findMarkers(t, Math.max(0, m0), m1)) markers.push(m);
    this.lastScannedChars = Math.max(0, w1 - w0) + Math.max(0, Math.min(t.length, m1) - Math.max(0, m0));
    for (const m of this.markers) if (m >= m1 - delta && m >= oldEnd) markers.push(m + delta);
    this.markers = markers;

    this.text = t;
    this.current = this.suppress();
    return this.current;
  }
}
