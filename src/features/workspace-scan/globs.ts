// Pure glob helpers for the workspace scan's exclude list (no vscode, so unit tests run them).

/**
 * Bounds on brace expansion. A settings file is workspace content: `{a,b}{a,b}…` thirty times over
 * would mean 2^30 globs, so a pattern that expands past these limits is skipped (and logged).
 */
export interface BraceLimits {
  /** Globs one pattern may expand to. */
  maxGlobs: number;
  /** Characters of the pattern and of each glob it expands to. */
  maxLength: number;
  /** Globs all the patterns of one setting may add up to. */
  maxTotal: number;
}

export const BRACE_LIMITS: BraceLimits = { maxGlobs: 256, maxLength: 1024, maxTotal: 4096 };

/**
 * `a/{b,c}/*.{js,ts}` → four globs: VS Code's glob does not nest braces inside the outer group.
 * Undefined when the expansion would pass the limits; the work done before giving up is bounded by them.
 */
export function expandBraces(glob: string, limits: BraceLimits = BRACE_LIMITS): string[] | undefined {
  if (glob.length > limits.maxLength) return undefined;
  const out: string[] = [];
  const expand = (g: string): boolean => {
    const m = /\{([^{}]*)\}/.exec(g);
    if (!m) {
      out.push(g);
      return out.length <= limits.maxGlobs;
    }
    for (const alt of m[1].split(',')) {
      const next = g.slice(0, m.index) + alt + g.slice(m.index + m[0].length);
      if (next.length > limits.maxLength || !expand(next)) return false;
    }
    return true;
  };
  return expand(glob) ? out : undefined;
}

/**
 * The patterns a `files.exclude` / `search.exclude` value turns on: keys set to `true` (a `when`
 * clause cannot be evaluated for a whole scan, so those stay in), braces expanded, and `/**`
 * added so that a folder pattern (`**\/node_modules`) also covers the files in it. A pattern past
 * the limits is left out and reported through `onSkipped` (its length only: it is workspace text).
 */
export function patternsFromExcludeSetting(
  map: Record<string, unknown> | undefined,
  onSkipped: (why: string) => void = () => undefined,
  limits: BraceLimits = BRACE_LIMITS,
): string[] {
  const out: string[] = [];
  let skipped = 0;
  for (const [pattern, value] of Object.entries(map ?? {})) {
    if (value !== true) continue;
    const globs = expandBraces(pattern, limits);
    if (!globs || out.length + 2 * globs.length > limits.maxTotal) {
      skipped++;
      continue;
    }
    for (const p of globs) {
      out.push(p);
      if (!p.endsWith('/**')) out.push(`${p}/**`);
    }
  }
  if (skipped) {
    onSkipped(
      `${skipped} exclude pattern(s) skipped: each may expand its braces to at most ${limits.maxGlobs} globs of ${limits.maxLength} characters, ${limits.maxTotal} in all`,
    );
  }
  return out;
}

/** One glob for findFiles' exclude argument. Patterns with a literal comma cannot join a group. */
export function combineGlobs(patterns: readonly string[]): string {
  const usable = [...new Set(patterns)].filter((p) => !p.includes(','));
  return usable.length === 1 ? usable[0] : `{${usable.join(',')}}`;
}

/** One glob segment (no `/`) as a RegExp source: `*`, `?`, `[…]` (`[!…]` negated), the rest literal. */
function segmentSource(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

/**
 * A VS Code exclude glob (braces already expanded) as a RegExp over a path relative to the
 * workspace folder, with `/` separators: `**` spans any number of folders, `a/**` covers `a` too.
 */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  const segs = glob.replace(/^\.\//, '').split('/');
  let src = '';
  let afterGlobstar = false;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    if (seg === '**') {
      if (last) src += i === 0 ? '.*' : afterGlobstar ? '.*' : '(?:/.*)?';
      else src += i === 0 || afterGlobstar ? '(?:[^/]+/)*' : '/(?:[^/]+/)*';
      afterGlobstar = true;
      return;
    }
    if (i > 0 && !afterGlobstar) src += '/';
    src += segmentSource(seg);
    afterGlobstar = false;
  });
  return new RegExp(`^${src}$`, ignoreCase ? 'i' : '');
}

/** Glob characters: a segment without them is literal. */
const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Whether a folder-relative path (`/` separators) matches any of the patterns. The usual exclude
 * patterns (`**\/node_modules`, `**\/.git/**`, `**\/*.code-search`) are checked by segment (a set
 * lookup, a suffix), the others by one RegExp: the walk asks for every file and folder.
 */
export function globMatcher(patterns: readonly string[], ignoreCase = false): (rel: string) => boolean {
  // ASCII letters only, as the RegExp's non-Unicode `i` flag and VS Code's own matcher fold: toLowerCase
  // would also turn U+212A KELVIN SIGN into `k` (and İ into `i̇`), excluding files VS Code shows.
  const fold = (x: string) => (ignoreCase ? x.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : x);
  /** `**\/NAME`: the last segment is NAME; `**\/NAME/**`: any segment is (`a/**` covers `a`). */
  const lastIs = new Set<string>();
  const anyIs = new Set<string>();
  /** `**\/*SUFFIX` and `**\/*SUFFIX/**` likewise, by the segment's end. */
  const lastEnds: string[] = [];
  const anyEnds: string[] = [];
  const sources: string[] = [];
  for (const p of new Set(patterns)) {
    const m = /^\*\*\/(\*?)([^/]+?)(\/\*\*)?$/.exec(p.replace(/^\.\//, ''));
    // Non-ASCII names under ignoreCase stay with the RegExp, whose case folding differs from toLowerCase's.
    if (m && !GLOB_CHARS.test(m[2]) && !(ignoreCase && /[^\x20-\x7e]/.test(m[2]))) {
      const name = fold(m[2]);
      if (m[1]) (m[3] ? anyEnds : lastEnds).push(name);
      else (m[3] ? anyIs : lastIs).add(name);
    } else sources.push(globToRegExp(p, ignoreCase).source);
  }
  const re = sources.length ? new RegExp(sources.map((src) => `(?:${src})`).join('|'), ignoreCase ? 'i' : '') : undefined;
  const bySegment = lastIs.size + anyIs.size + lastEnds.length + anyEnds.length > 0;
  return (rel) => {
    if (bySegment) {
      const segs = fold(rel).split('/');
      const last = segs[segs.length - 1];
      if (lastIs.has(last) || lastEnds.some((e) => last.endsWith(e))) return true;
      for (const seg of segs) if (anyIs.has(seg) || anyEnds.some((e) => seg.endsWith(e))) return true;
    }
    return !!re && re.test(rel);
  };
}
