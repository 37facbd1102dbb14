// Pure glob helpers for the workspace scan's exclude list (no vscode, so unit tests run them).

/** `a/{b,c}/*.{js,ts}` → four globs: VS Code's glob does not nest braces inside the outer group. */
export function expandBraces(glob: string): string[] {
  const m = /\{([^{}]*)\}/.exec(glob);
  if (!m) return [glob];
  const out: string[] = [];
  for (const alt of m[1].split(',')) out.push(...expandBraces(glob.slice(0, m.index) + alt + glob.slice(m.index + m[0].length)));
  return out;
}

/**
 * The patterns a `files.exclude` / `search.exclude` value turns on: keys set to `true` (a `when`
 * clause cannot be evaluated for a whole scan, so those stay in), braces expanded, and `/**`
 * added so that a folder pattern (`**\/node_modules`) also covers the files in it.
 */
export function patternsFromExcludeSetting(map: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  for (const [pattern, value] of Object.entries(map ?? {})) {
    if (value !== true) continue;
    for (const p of expandBraces(pattern)) {
      out.push(p);
      if (!p.endsWith('/**')) out.push(`${p}/**`);
    }
  }
  return out;
}

/** One glob for findFiles' exclude argument. Patterns with a literal comma cannot join a group. */
export function combineGlobs(patterns: readonly string[]): string {
  const usable = [...new Set(patterns)].filter((p) => !p.includes(','));
  return usable.length === 1 ? usable[0] : `{${usable.join(',')}}`;
}
