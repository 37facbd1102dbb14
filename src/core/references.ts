// How a credential literal in a file becomes a reference to an environment variable: which
// syntax each language reads its environment with, where the literal starts and ends (quotes
// included), what the variable should be called, and how to write an ignore comment. Pure string
// work, shared by the quick fixes and the safe paste.

/** How a language (or file format) refers to an environment variable. */
export interface ReferenceSyntax {
  /** The expression that reads variable `name` (used where the literal stood, quotes included). */
  expression(name: string): string;
  /**
   * How the reference is written inside a string literal of this language, when the token is only
   * part of the literal (`"Bearer xoxb-…"`). `undefined` means: split the literal and concatenate.
   */
  interpolate?(name: string, quote: string): string | undefined;
  /** Operator that concatenates strings (for "Bearer " + reference); undefined when not possible. */
  concat?: string;
  /**
   * Formats whose values are raw text (shell, YAML, .env): the reference goes inside the value and
   * the quotes stay.
   */
  inValue?: boolean;
}

const dotted = (expr: (n: string) => string, concat = '+'): ReferenceSyntax => ({ expression: expr, concat });

const SHELL: ReferenceSyntax = {
  expression: (n) => `"\${${n}}"`,
  // Single quotes do not expand variables in shell: the caller closes and reopens them.
  interpolate: (n, q) => (q === "'" ? undefined : `\${${n}}`),
  inValue: true,
};

const YAML: ReferenceSyntax = {
  // Docker Compose, GitHub Actions env files and most YAML loaders with env substitution read ${X}.
  expression: (n) => `\${${n}}`,
  interpolate: (n) => `\${${n}}`,
  inValue: true,
};

const BY_LANGUAGE: Record<string, ReferenceSyntax> = {
  javascript: dotted((n) => `process.env.${n}`),
  javascriptreact: dotted((n) => `process.env.${n}`),
  typescript: dotted((n) => `process.env.${n}`),
  typescriptreact: dotted((n) => `process.env.${n}`),
  vue: dotted((n) => `process.env.${n}`),
  svelte: dotted((n) => `process.env.${n}`),
  python: dotted((n) => `os.environ["${n}"]`), // plus `import os` (importEdit)
  go: dotted((n) => `os.Getenv("${n}")`), // plus `import "os"` (importEdit)
  ruby: dotted((n) => `ENV["${n}"]`),
  java: dotted((n) => `System.getenv("${n}")`),
  kotlin: dotted((n) => `System.getenv("${n}")`),
  scala: dotted((n) => `sys.env("${n}")`),
  groovy: dotted((n) => `System.getenv("${n}")`),
  csharp: dotted((n) => `Environment.GetEnvironmentVariable("${n}")`),
  php: dotted((n) => `getenv('${n}')`, '.'),
  // A String, as the literal's uses expect (env::var alone is a Result).
  rust: { expression: (n) => `std::env::var("${n}").expect("${n} is not set")` },
  // A String, not an optional (an unset variable reads as empty, as in a .env file).
  swift: { expression: (n) => `(ProcessInfo.processInfo.environment["${n}"] ?? "")` },
  perl: dotted((n) => `$ENV{'${n}'}`, '.'),
  lua: dotted((n) => `os.getenv("${n}")`, '..'),
  r: { expression: (n) => `Sys.getenv("${n}")` },
  elixir: dotted((n) => `System.get_env("${n}")`, '<>'),
  // A String, not a String?; plus `import 'dart:io';` (importEdit).
  dart: dotted((n) => `(Platform.environment['${n}'] ?? '')`),
  powershell: { expression: (n) => `$env:${n}`, interpolate: (n, q) => (q === '"' ? `$env:${n}` : undefined), concat: '+' },
  shellscript: SHELL,
  bat: { expression: (n) => `%${n}%`, interpolate: (n) => `%${n}%`, inValue: true },
  dockerfile: { expression: (n) => `\${${n}}`, interpolate: (n) => `\${${n}}`, inValue: true },
  makefile: { expression: (n) => `$(${n})`, interpolate: (n) => `$(${n})`, inValue: true },
  yaml: YAML,
  'github-actions-workflow': { expression: (n) => `\${{ secrets.${n} }}`, interpolate: (n) => `\${{ secrets.${n} }}`, inValue: true },
  dockercompose: YAML,
};

/** Languages VS Code may not know by id but whose file names say what they are. */
function languageFromFileName(fileName: string): string | undefined {
  const base = fileName.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  if (isDotEnvFileName(base)) return 'dotenv';
  if (/\.(ya?ml)$/.test(base)) return 'yaml';
  if (/\.(sh|bash|zsh|ksh)$/.test(base) || /^\.(bash|zsh)rc$/.test(base) || base === '.profile') return 'shellscript';
  if (/\.(py|pyw)$/.test(base)) return 'python';
  if (/\.(m?js|cjs|jsx)$/.test(base)) return 'javascript';
  if (/\.(m?ts|cts|tsx)$/.test(base)) return 'typescript';
  if (/\.go$/.test(base)) return 'go';
  if (/\.rb$/.test(base)) return 'ruby';
  if (/\.java$/.test(base)) return 'java';
  if (/\.kts?$/.test(base)) return 'kotlin';
  if (/\.cs$/.test(base)) return 'csharp';
  if (/\.php$/.test(base)) return 'php';
  if (/\.rs$/.test(base)) return 'rust';
  if (base === 'dockerfile' || base.endsWith('.dockerfile')) return 'dockerfile';
  return undefined;
}

/** `.env`, `.env.local`, `prod.env`, `.envrc`: files that hold KEY=value lines. */
export function isDotEnvFileName(fileName: string): boolean {
  const base = fileName.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env') || base === '.envrc';
}

/** The language id that decides the syntax: VS Code's id, refined by the file name. */
export function effectiveLanguage(languageId: string, fileName: string): string {
  if (languageId === 'dotenv' || languageId === 'env' || isDotEnvFileName(fileName)) return 'dotenv';
  if (BY_LANGUAGE[languageId] || languageId === 'json' || languageId === 'jsonc') return languageId;
  return languageFromFileName(fileName) ?? languageId;
}

/** The syntax for a language, or undefined where the format has no way to read the environment. */
export function referenceSyntax(languageId: string, fileName: string): ReferenceSyntax | undefined {
  const lang = effectiveLanguage(languageId, fileName);
  return BY_LANGUAGE[lang];
}

/** The reference text alone, e.g. `process.env.SLACK_BOT_TOKEN` (undefined: no syntax). */
export function referenceText(languageId: string, fileName: string, envVar: string): string | undefined {
  return referenceSyntax(languageId, fileName)?.expression(envVar);
}

export interface Replacement {
  /** Offsets in the text (the token alone, or the token with its quotes). */
  start: number;
  end: number;
  text: string;
}

const QUOTES = new Set(['"', "'", '`']);

/**
 * The string literal around [start, end) on its line. `open` is where the opening quote starts
 * and `close` is just after the closing quote; `contentStart`/`contentEnd` bound what is inside
 * (triple quotes count as one quote).
 */
export function enclosingLiteral(
  text: string,
  start: number,
  end: number,
): { quote: string; open: number; contentStart: number; contentEnd: number; close: number } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  // Walk the line from its start, tracking which quote is open (with backslash escapes), so that
  // `"a" + 'xoxb-…'` picks the single-quoted literal.
  let open = -1;
  let quote = '';
  for (let i = lineStart; i < start; i++) {
    const c = text[i];
    if (open >= 0) {
      if (c === '\\') i++;
      else if (text.startsWith(quote, i)) {
        open = -1;
        i += quote.length - 1;
      }
    } else if (QUOTES.has(c)) {
      open = i;
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    }
  }
  if (open < 0) return undefined;
  for (let i = end; i < lineEnd; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (text.startsWith(quote, i)) {
      return { quote, open, contentStart: open + quote.length, contentEnd: i, close: i + quote.length };
    }
  }
  return undefined;
}

/**
 * The edit that replaces the token at [start, end) with a reference to `envVar`:
 * the whole literal including its quotes when the token is the literal (`"xoxb-…"` →
 * `process.env.X`), a concatenation or interpolation when it is part of one, the bare token
 * otherwise. `.env` files keep the key and lose the value (see dotEnvReplacement).
 */
export function replacementFor(
  text: string,
  start: number,
  end: number,
  languageId: string,
  fileName: string,
  envVar: string,
): Replacement | undefined {
  const lang = effectiveLanguage(languageId, fileName);
  if (lang === 'dotenv') return dotEnvReplacement(text, start, end, envVar);
  const syntax = BY_LANGUAGE[lang];
  if (!syntax) return undefined;
  if (lang === 'elixir') {
    // A sigil's content is not code: the reference replaces the whole sigil, or nothing.
    const sig = elixirSigil(text, start, end);
    if (sig) {
      const expr = sig.whole && elixirSigilValue(sig.letter + sig.modifiers, syntax.expression(envVar));
      return expr ? { start: sig.open, end: sig.close, text: expr } : undefined;
    }
  }
  // A Rust lifetime (`&'static str`) is not a quote: blank it (same offsets) before looking for the literal.
  const lit = enclosingLiteral(lang === 'rust' ? withoutLifetimes(text, start) : text, start, end);
  if (!lit) return { start, end, text: syntax.expression(envVar) };
  const whole = lit.contentStart === start && lit.contentEnd === end;
  const q = lit.quote;
  if (!syntax.inValue) return codeReplacement(text, start, end, lang, syntax, envVar, lit, whole);
  const inner = syntax.interpolate?.(envVar, q);
  if (inner !== undefined) return { start, end, text: inner };
  // Shell single quotes: close, insert a double-quoted expansion, reopen.
  if (whole) return { start: lit.open, end: lit.close, text: syntax.expression(envVar) };
  return { start, end, text: `${q}${syntax.expression(envVar)}${q}` };
}

/**
 * What is glued to a literal's quotes and belongs to it, per language: Python's `f`, `rb`, `u`…,
 * C#'s `@`, `$`, `$@`, Rust's `r#`, `b`, `br`, Swift's `#`, Dart's `r`, PHP's `b`, Scala's
 * interpolators (`s`, `f`, `raw`). Replacing the literal replaces its prefix too (`f"xoxb-…"` must
 * not become `fos.environ[…]`), and raw strings' closing `#`s.
 */
const LITERAL_PREFIX: Record<string, RegExp> = {
  python: /(?<![\w$])([rR][bBfFtT]?|[bBfFtT][rR]?|[uU])$/,
  csharp: /(?<![\w$@])([@$]{1,4})$/,
  rust: /(?<![\w#])(b?r#*|b|cr#*|c)$/,
  swift: /(?<![\w#])(#+)$/,
  dart: /(?<![\w$])(r)$/,
  php: /(?<![\w$])([bB])$/,
  scala: /(?<![\w$])([A-Za-z_]\w*)$/,
  elixir: /(?<![\w~])(~[A-Za-z]+)$/,
};

/**
 * The prefix glued before the quote at `open` and where the literal really ends (after a raw string's
 * `#`s, or C#'s `u8` suffix of a UTF-8 bytes literal).
 */
function literalAffixes(text: string, lang: string, open: number, close: number): { start: number; end: number; prefix: string; suffix: string } {
  const suffix = lang === 'csharp' ? (/^[uU]8(?![\w$])/.exec(text.slice(close, close + 3))?.[0] ?? '') : '';
  const m = LITERAL_PREFIX[lang]?.exec(text.slice(Math.max(0, open - 32), open));
  if (!m) return { start: open, end: close + suffix.length, prefix: '', suffix };
  const hashes = /#*$/.exec(m[1])![0];
  // `r#"…"#` is raw only with as many `#` after the closing quote; otherwise leave the text alone.
  if (hashes && !text.startsWith(hashes, close)) return { start: open, end: close, prefix: '', suffix: '' };
  return { start: open - m[1].length, end: close + hashes.length + suffix.length, prefix: m[1], suffix };
}

/** `text` with the `'` of each Rust lifetime (`'static`, `'a` not closed as a char) on the line of `at` blanked. */
function withoutLifetimes(text: string, at: number): string {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const line = text.slice(ls, at).replace(/'(?=[A-Za-z_]\w*(?!['\w]))/g, ' ');
  return text.slice(0, ls) + line + text.slice(at);
}

/** The Elixir sigil with a bracket or slash delimiter (`~s(…)`, `~S[…]`, `~s|…|`) around [start, end) on its line. */
function elixirSigil(text: string, start: number, end: number): { open: number; close: number; whole: boolean; letter: string; modifiers: string } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const m = /~[A-Za-z]+([([{<|/])([^)\]}>|/\n]*)$/.exec(text.slice(lineStart, start));
  if (!m) return undefined;
  const closer = ({ '(': ')', '[': ']', '{': '}', '<': '>', '|': '|', '/': '/' } as Record<string, string>)[m[1]];
  const open = lineStart + m.index;
  let close = text.indexOf(closer, end);
  const nl = text.indexOf('\n', end);
  if (close < 0 || (nl >= 0 && close > nl)) return undefined;
  const whole = m[2] === '' && close === end;
  close++;
  const after = close;
  while (/[a-zA-Z]/.test(text[close] ?? '')) close++; // modifiers
  return { open, close, whole, letter: text.slice(open + 1, text.indexOf(m[1], open)), modifiers: text.slice(after, close) };
}

/**
 * What replaces a whole Elixir sigil or literal holding the token, by its sigil letters (`''` for a
 * plain string, `'` for a plain charlist) and modifiers: a string sigil (`~s`, `~S`) the string, a
 * charlist (`~c`, `~C`, `'…'`) the charlist of it; undefined for any other sigil (`~w` is a word
 * list, `~r` a regex, custom sigils are the user's) or modifiers, which no reference reproduces.
 */
function elixirSigilValue(letters: string, expr: string): string | undefined {
  if (letters === '' || letters === 's' || letters === 'S') return expr;
  if (letters === "'" || letters === 'c' || letters === 'C') return `String.to_charlist(${expr})`;
  return undefined;
}

/** JavaScript words after which a template literal is not tagged (`return \`…\``). */
const JS_NOT_TAGS = new Set(['return', 'typeof', 'void', 'await', 'yield', 'case', 'delete', 'throw', 'in', 'of', 'instanceof', 'else', 'do', 'new', 'extends', 'default']);

/** Whether the template literal opening at `open` is tagged (`` String.raw`…` ``, `` gql`…` ``, `` f(x)`…` ``). */
function isTaggedTemplate(text: string, open: number): boolean {
  const m = /(?:([\w$]+)[ \t]*|[)\]])$/.exec(text.slice(Math.max(0, open - 64), open));
  if (!m) return false;
  return m[1] === undefined || (!/^\d/.test(m[1]) && !JS_NOT_TAGS.has(m[1]));
}

/** replacementFor in a programming language (the reference replaces the literal, or part of it). */
function codeReplacement(
  text: string,
  start: number,
  end: number,
  lang: string,
  syntax: ReferenceSyntax,
  envVar: string,
  lit: NonNullable<ReturnType<typeof enclosingLiteral>>,
  whole: boolean,
): Replacement | undefined {
  const q = lit.quote;
  const js = /^(javascript|typescript|vue|svelte)/.test(lang);
  // A tag receives the literal's parts, not a string: keep the tag and substitute the value.
  if (whole && q === '`' && js && isTaggedTemplate(text, lit.open)) return { start, end, text: `\${${syntax.expression(envVar)}}` };
  const a = literalAffixes(text, lang, lit.open, lit.close);
  // A bytes literal stays bytes (`b"xoxb-…"` → `os.environ["X"].encode()`).
  const bytes = /b/i.test(a.prefix) && (lang === 'python' || lang === 'rust');
  let expr = syntax.expression(envVar) + (bytes ? (lang === 'rust' ? '.into_bytes()' : '.encode()') : '');
  // A C string stays a `&CStr` (`c"xoxb-…"`, static like the literal), UTF-8 bytes stay bytes (`"xoxb-…"u8`).
  if (lang === 'rust' && a.prefix.startsWith('c')) expr = `&*Box::leak(std::ffi::CString::new(${expr}).expect("${envVar} holds a NUL byte").into_boxed_c_str())`;
  if (a.suffix) expr = `System.Text.Encoding.UTF8.GetBytes(${expr})`;
  if (lang === 'elixir') {
    // A charlist (`'…'`, `~c"…"`) stays a charlist, other sigils are not strings; neither joins with `<>`.
    const charlist = q[0] === "'" && !a.prefix;
    const value = elixirSigilValue(charlist ? "'" : a.prefix.slice(1), expr);
    if (value === undefined || (charlist && !whole) || (value !== expr && !whole)) return undefined;
    expr = value;
  }
  if (whole) {
    // `return"xoxb-…"` must not become `returnos.environ[…]`.
    const word = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
    const lead = word(text[a.start - 1]) && word(expr[0]) ? ' ' : '';
    const trail = word(text[a.end]) && word(expr[expr.length - 1]) ? ' ' : '';
    return { start: a.start, end: a.end, text: `${lead}${expr}${trail}` };
  }
  const inner = syntax.interpolate?.(envVar, q);
  if (inner !== undefined) return { start, end, text: inner };
  if (q === '`' && js) return { start, end, text: `\${${syntax.expression(envVar)}}` };
  // Raw strings with `#`s have no way to be split and joined here.
  if (!syntax.concat || a.end !== lit.close) return undefined;
  const op = syntax.concat;
  // `"Bearer xoxb-…"` → `"Bearer " + process.env.X`: close the literal before the token and
  // reopen it after (with its prefix: `f"…{x}"` stays an f-string); a side the token touches
  // loses its quote (and prefix) instead.
  const before = start > lit.contentStart ? `${q} ${op} ` : '';
  const after = end < lit.contentEnd ? ` ${op} ${a.prefix}${q}` : '';
  const rs = before ? start : a.start;
  const re = after ? end : lit.close;
  return { start: rs, end: re, text: `${before}${expr}${after}` };
}

/**
 * A token split across literals (`"xoxb-" + '…'`, `f"xoxb-{'…'}…"`) at [start, end) (its first
 * literal's opening quote and its last literal's closing quote left out), whose literals join into
 * `joined`, is replaced as if it were one literal holding the joined token, with the first
 * literal's quote (and prefix) on both sides: the reference then takes the place of the whole
 * expression, its outer quotes included.
 */
export function splitReplacementFor(
  text: string,
  start: number,
  end: number,
  joined: string,
  languageId: string,
  fileName: string,
  envVar: string,
): Replacement | undefined {
  const q = text[start - 1];
  const one = text.slice(0, start - 1) + q + joined + q + text.slice(end + 1);
  const r = replacementFor(one, start, start + joined.length, languageId, fileName, envVar);
  if (!r) return undefined;
  const delta = end - start - joined.length;
  const map = (x: number): number => (x <= start ? x : x + delta);
  const out = { start: map(r.start), end: map(r.end), text: r.text };
  // A literal joined to the token's last one by juxtaposition (`'xo' '…' 'more'`) would be glued to
  // the reference (`os.environ["X"] 'more'`, a syntax error): join it explicitly where the language
  // can (Python, Ruby), and offer no reference where it cannot (C and C++ cannot join an expression so).
  if (out.end === end + 1 && implicitlyJoined(text, out.end, start)) {
    const lang = effectiveLanguage(languageId, fileName);
    if (lang !== 'python' && lang !== 'ruby') return undefined;
    return { ...out, text: `${out.text} +${/[ \t\r\n\\]/.test(text[out.end] ?? '') ? '' : ' '}` };
  }
  return out;
}

/**
 * Whether a string literal (with an optional prefix such as `f`, `b`, `rb`) starts at `at` after
 * blanks only. Across a line break (not a `\\` continuation) only inside a bracket opened on the
 * line where the expression starts (`from`): otherwise the break ends the statement.
 */
function implicitlyJoined(text: string, at: number, from: number): boolean {
  const m = /^(?:[ \t\r\n]|\\\r?\n)*[A-Za-z]{0,2}["'`]/.exec(text.slice(at, at + 256));
  if (!m) return false;
  if (!/\n/.test(m[0].replace(/\\\r?\n/g, ''))) return true;
  const before = text.slice(text.lastIndexOf('\n', from - 1) + 1, from);
  return (before.match(/[([{]/g)?.length ?? 0) > (before.match(/[)\]}]/g)?.length ?? 0);
}

/**
 * A `.env` file is where environment values live, so a reference to itself would be circular:
 * `KEY=xoxb-…` becomes `KEY=` (an empty value) with a comment saying where the value went. dotenv
 * loaders in Node, Python and Docker Compose do not override a variable that is already set, so
 * the value exposed by Slack Token Guard to the terminal wins, and a missing one fails visibly as
 * empty instead of as a wrong token. A token inside a longer value (a URL) becomes `${KEY}`, which
 * those loaders expand.
 */
export function dotEnvReplacement(text: string, start: number, end: number, envVar: string): Replacement {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const line = text.slice(lineStart, lineEnd);
  const m = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*[=:]\s*)(["']?)/.exec(line);
  if (m) {
    const valueStart = lineStart + m[1].length;
    const q = m[2];
    const tokenStart = valueStart + q.length;
    let valueEnd = end;
    if (q && text[end] === q) valueEnd = end + 1;
    const rest = text.slice(valueEnd, lineEnd);
    if (tokenStart === start && (q ? valueEnd === end + 1 : true) && /^\s*(#.*)?$/.test(rest)) {
      const note = `# ${envVar} is in Slack Token Guard's Secret Storage`;
      return { start: valueStart, end: lineEnd, text: ` ${rest.trim() ? rest.trim() : note}` };
    }
  }
  return { start, end, text: `\${${envVar}}` };
}

// ---- Imports -------------------------------------------------------------------------------

/** Whether a Python file binds the name `os` with a plain `import os` (or `import os.path`). */
function pythonImportsOs(text: string): boolean {
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([^#\r\n;]+)/gm)) {
    if (m[1].split(',').some((item) => /^os(?:\.\w+)*$/.test(item.trim()))) return true;
  }
  return false;
}

/** Offset of the first line after a Python file's preamble: shebang, comments, module docstring, `from __future__` imports. */
function pythonImportOffset(text: string): number {
  let at = 0;
  let docstring = false;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(at, next).trim();
    if (line === '' || line.startsWith('#') || /^from[ \t]+__future__[ \t]+import\b/.test(line)) {
      at = next;
      continue;
    }
    const q = /^[rRuUbB]?("""|''')/.exec(line);
    if (q && !docstring) {
      // A module docstring: skip to the line that closes it.
      docstring = true;
      const close = text.indexOf(q[1], text.indexOf(q[1], at) + 3);
      if (close < 0) return at;
      const eol = text.indexOf('\n', close);
      at = eol < 0 ? text.length : eol + 1;
      continue;
    }
    return at;
  }
  return at;
}

function goImportsOs(text: string): boolean {
  return /^[ \t]*(?:import[ \t]+)?"os"[ \t]*(?:\/\/[^\n]*)?\r?$/m.test(text);
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function insertAt(at: number, text: string): Replacement {
  return { start: at, end: at, text };
}

function goImportEdit(text: string): Replacement | undefined {
  const eol = eolOf(text);
  const block = /^import[ \t]*\([ \t]*\r?\n/m.exec(text);
  if (block) return insertAt(block.index + block[0].length, `\t"os"${eol}`);
  const single = /^import[ \t]/m.exec(text);
  if (single) return insertAt(single.index, `import "os"${eol}`);
  const pkg = /^package[ \t]+\w+[^\r\n]*/m.exec(text);
  if (pkg) return insertAt(pkg.index + pkg[0].length, `${eol}${eol}import "os"`);
  return undefined;
}

function dartImportEdit(text: string): Replacement | undefined {
  if (/^[ \t]*import[ \t]+['"]dart:io['"]/m.test(text)) return undefined;
  const first = /^(?:import|export|part)[ \t]/m.exec(text);
  if (first) return insertAt(first.index, `import 'dart:io';${eolOf(text)}`);
  const lib = /^library[^;\n]*;[^\n]*\n?/m.exec(text);
  return insertAt(lib ? lib.index + lib[0].length : 0, `import 'dart:io';${eolOf(text)}`);
}

/**
 * The edit that adds what the reference needs to compile (`import os`, `import "os"`,
 * `import 'dart:io';`) when the file lacks it; undefined when nothing is missing or the language
 * needs nothing. Its offsets are in `text` as it is before the reference replaces the literal.
 */
export function importEdit(text: string, languageId: string, fileName: string): Replacement | undefined {
  const lang = effectiveLanguage(languageId, fileName);
  if (lang === 'python') {
    if (pythonImportsOs(text)) return undefined;
    const at = pythonImportOffset(text);
    // At the end of a file without a final newline, start a line first.
    const lead = at > 0 && at === text.length && !text.endsWith('\n') ? eolOf(text) : '';
    return insertAt(at, `${lead}import os${eolOf(text)}`);
  }
  if (lang === 'go') return goImportsOs(text) ? undefined : goImportEdit(text);
  if (lang === 'dart') return dartImportEdit(text);
  return undefined;
}

/**
 * Every edit that turns the token at [start, end) into a working reference: the replacement
 * (replacementFor) and, where the language needs one, the import (importEdit). Sorted, not overlapping.
 */
export function referenceEdits(
  text: string,
  start: number,
  end: number,
  languageId: string,
  fileName: string,
  envVar: string,
): Replacement[] | undefined {
  const r = replacementFor(text, start, end, languageId, fileName, envVar);
  return r && withImport(text, r, languageId, fileName);
}

/** The replacement `r` and, where the language needs one, the import it relies on (sorted). */
export function withImport(text: string, r: Replacement, languageId: string, fileName: string): Replacement[] {
  const imp = importEdit(text, languageId, fileName);
  if (!imp || (imp.start > r.start && imp.start < r.end)) return [r];
  return imp.start <= r.start ? [imp, r] : [r, imp];
}

/** `text` with sorted, non-overlapping edits applied. */
export function applyEdits(text: string, edits: readonly Replacement[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

// ---- Variable names -------------------------------------------------------------------------

/** Keys too generic to name a variable after (`token:` says nothing about which token). */
const GENERIC = new Set([
  'TOKEN', 'VALUE', 'KEY', 'SECRET', 'URL', 'URI', 'PASSWORD', 'AUTH', 'AUTHORIZATION', 'BEARER',
  'HEADER', 'HEADERS', 'DEFAULT', 'DATA', 'ARG', 'ARGS', 'VAR', 'X', 'S', 'T', 'API_KEY', 'APIKEY',
  'CREDENTIAL', 'CREDENTIALS', 'HOOK', 'WEBHOOK', 'ENDPOINT', 'COOKIE', 'D', 'CONFIG', 'SETTINGS',
  'ENV', 'ENVIRON', 'GETENV', 'GET', 'SET', 'CONST', 'LET', 'VAR', 'RETURN', 'EXPORT', 'INPUT',
]);

/** `slackToken` → SLACK_TOKEN, `bot-token` → BOT_TOKEN, `slack.botToken` → SLACK_BOT_TOKEN. */
export function toEnvVarName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toUpperCase();
}

/** Whether `name` can be an environment variable name in every shell (and is of a sane length). */
export function isValidEnvVarName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name);
}

/**
 * Proposes a variable name from the text just before a token: the key or variable it is
 * assigned to (`slackToken = "`, `bot_token: `, `"token": "`, `SLACK_TOKEN=`, `:token => '`,
 * `token: String = "`, `os.environ.get("SLACK_TOKEN", "`; a literal's prefix as in `token = f"` or `@"`
 * is left out), upper-snake-cased; the kind's own
 * variable (`fallback`) when there is none or it is too generic.
 */
export function proposeEnvVarName(textBefore: string, fallback: string): string {
  const lineStart = textBefore.lastIndexOf('\n') + 1;
  let line = textBefore.slice(lineStart);
  // Strip the opening quote (with its prefix: `f"`, `@"`) and a `Bearer ` prefix right before the token.
  line = line.replace(/(?:Bearer\s+)?(?:(?<![\w$@#])(?:[A-Za-z]{1,3}|[@$]{1,4}|b?r?#+)(?=["'`]$))?["'`]?$/i, '');
  const candidates: string[] = [];
  // A fallback default inside an env lookup names the variable itself.
  const lookup = /(?:getenv|get_env|environ\.get|env\.get|ENV\.fetch|getEnvironmentVariable|env::var)\s*\(\s*["']([A-Za-z_][\w.-]*)["']\s*,\s*$/i.exec(line);
  if (lookup) candidates.push(lookup[1]);
  const assign =
    /([A-Za-z_$][\w$.-]*|\[\s*["'][^"']+["']\s*\])["']?\s*(?::\s*[A-Za-z_][\w<>[\]?]*\s*)?(?::=|=>|\?\?=|\|\|=|=|:)\s*(?:(?:[A-Za-z]{1,3}|[@$]{1,4}|b?r?#+)?["'`])?$/.exec(line);
  if (assign) {
    let key = assign[1].replace(/^\[\s*["']|["']\s*\]$/g, '');
    // `config.slack.botToken` → `slack.botToken`: keep the last two segments when the last is generic.
    const parts = key.split(/[.]/).filter(Boolean);
    key = parts[parts.length - 1] ?? key;
    const name = toEnvVarName(key);
    if (GENERIC.has(name) && parts.length > 1) candidates.push(toEnvVarName(parts.slice(-2).join('_')));
    else candidates.push(key);
  }
  // `--token xoxb-…` or `-H "Authorization: Bearer xoxb-…"`: nothing to name it after.
  for (const c of candidates) {
    const name = toEnvVarName(c.replace(/^\$/, ''));
    if (name && isValidEnvVarName(name) && !GENERIC.has(name) && name.length <= 64) return name;
  }
  return fallback;
}

// ---- Ignore comments ------------------------------------------------------------------------

export const IGNORE_MARKER = 'slack-token-guard:ignore';
export const IGNORE_NEXT_LINE_MARKER = 'slack-token-guard:ignore-next-line';

type CommentStyle = { open: string; close?: string };

const HASH: CommentStyle = { open: '#' };
const SLASHES: CommentStyle = { open: '//' };
const DASHES: CommentStyle = { open: '--' };
const HTML: CommentStyle = { open: '<!--', close: '-->' };
const BLOCK: CommentStyle = { open: '/*', close: '*/' };

const COMMENTS: Record<string, CommentStyle> = {
  javascript: SLASHES, javascriptreact: SLASHES, typescript: SLASHES, typescriptreact: SLASHES,
  jsonc: SLASHES, json5: SLASHES, go: SLASHES, java: SLASHES, kotlin: SLASHES, scala: SLASHES,
  groovy: SLASHES, csharp: SLASHES, c: SLASHES, cpp: SLASHES, 'objective-c': SLASHES, rust: SLASHES,
  swift: SLASHES, dart: SLASHES, php: SLASHES, fsharp: SLASHES, proto3: SLASHES, proto: SLASHES,
  python: HASH, ruby: HASH, shellscript: HASH, yaml: HASH, dotenv: HASH, toml: HASH, perl: HASH,
  r: HASH, dockerfile: HASH, makefile: HASH, powershell: HASH, elixir: HASH, coffeescript: HASH,
  properties: HASH, ini: { open: ';' }, julia: HASH, nix: HASH, terraform: HASH, hcl: HASH,
  'github-actions-workflow': HASH, dockercompose: HASH, gitignore: HASH, ignore: HASH,
  sql: DASHES, lua: DASHES, haskell: DASHES,
  html: HTML, xml: HTML, markdown: HTML, svg: HTML, vue: HTML, svelte: HTML,
  css: BLOCK, scss: SLASHES, less: SLASHES,
  latex: { open: '%' }, tex: { open: '%' }, erlang: { open: '%' }, matlab: { open: '%' },
  clojure: { open: ';' }, lisp: { open: ';' }, scheme: { open: ';' }, bat: { open: 'REM' },
  vb: { open: "'" }, vbnet: { open: "'" },
};

/** The comment syntax of a language; undefined for formats without comments (JSON, plain text). */
export function commentStyle(languageId: string, fileName: string): CommentStyle | undefined {
  return COMMENTS[effectiveLanguage(languageId, fileName)];
}

/**
 * The edit that adds an ignore comment for the token at [start, end): at the end of its line, or
 * on a line above with `ignore-next-line` where the end of the line is inside a string that goes
 * on (a template literal, a triple-quoted string, a YAML block scalar) or where a line comment
 * cannot follow. Undefined when the format has no comments, or when the token sits in a
 * multi-line string where a comment would change the string (the caller uses the ignore file).
 */
export function ignoreCommentEdit(
  text: string,
  start: number,
  end: number,
  languageId: string,
  fileName: string,
): Replacement | undefined {
  const style = commentStyle(languageId, fileName);
  if (!style) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const line = text.slice(lineStart, lineEnd);
  if (line.includes(IGNORE_MARKER)) return undefined;
  const comment = style.close ? `${style.open} ${IGNORE_MARKER} ${style.close}` : `${style.open} ${IGNORE_MARKER}`;
  if (insideMultiLineString(text, lineStart, start, languageId, fileName)) return undefined;
  if (lineEndsInsideString(line)) {
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    const above = style.close
      ? `${style.open} ${IGNORE_NEXT_LINE_MARKER} ${style.close}`
      : `${style.open} ${IGNORE_NEXT_LINE_MARKER}`;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { start: lineStart, end: lineStart, text: `${indent}${above}${eol}` };
  }
  const trailing = line.length > 0 && !/\s$/.test(line) ? ' ' : '';
  return { start: lineEnd, end: lineEnd, text: `${trailing}${comment}` };
}

/** Whether a line leaves a quote open at its end (so a comment after it would be string content). */
function lineEndsInsideString(line: string): boolean {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (QUOTES.has(c)) {
      quote = c;
    }
  }
  return quote !== '';
}

/**
 * Whether the token's line lies inside a string that began on an earlier line: a JS template
 * literal, a Python triple-quoted string, or a YAML block scalar (`key: |`). Cheap heuristics on
 * the text before the token; good enough to avoid writing a comment into a string.
 */
function insideMultiLineString(text: string, lineStart: number, start: number, languageId: string, fileName: string): boolean {
  const lang = effectiveLanguage(languageId, fileName);
  const before = text.slice(0, lineStart);
  if (lang === 'python') {
    const n = (before.match(/"""|'''/g) ?? []).length;
    if (n % 2 === 1) return true;
  }
  if (lang.startsWith('javascript') || lang.startsWith('typescript')) {
    const n = (before.match(/`/g) ?? []).length - (before.match(/\\`/g) ?? []).length;
    if (n % 2 === 1) return true;
  }
  if (lang === 'yaml' || lang === 'dockercompose' || lang === 'github-actions-workflow') {
    const line = text.slice(lineStart, start);
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    const lines = before.split('\n');
    for (let i = lines.length - 2; i >= 0; i--) {
      const l = lines[i].replace(/\r$/, '');
      if (!l.trim()) continue;
      const ind = /^\s*/.exec(l)?.[0].length ?? 0;
      if (ind < indent) return /[|>][+-]?\d*\s*(#.*)?$/.test(l);
    }
  }
  return false;
}
