// The one masking function: logs, messages, tree labels, diagnostics and CLI output show credentials
// only through mask()/redact().
import { scanText } from './detect/index';

const TOKEN_PREFIX = /^(?:xoxe\.xox[a-z]-|xox[a-z]-|xapp-|xwfp-)/;
const HOOK_PREFIX = /^(?:https?(?::|%3a)(?:\\?\/|%2f){2})?hooks\.slack(?:-gov)?\.com(?:\\?\/|%2f)(?:services|workflows|triggers)(?:\\?\/|%2f)/i;

/** A webhook's secret is its last path segment (`/`, `\/` or `%2F`); a token's follows its numeric id groups. */
const PATH_BREAK = /\\?\/|%2f/i;
const ID_GROUPS = /^(?:\d+-)+/;

/**
 * `xoxb-…Ab3F`, `xoxe.xoxp-…Zx9_`, `https://hooks.slack.com/services/…Ab3F`, `…ab3f` for a bare secret.
 * Only the kind's public prefix and the end of the secret survive: at most four characters and
 * never more than a third of the secret part (a 10-digit legacy secret shows 3); short values keep no tail.
 */
export function mask(token: string): string {
  const v = token.trim();
  const hook = HOOK_PREFIX.exec(v);
  const pfx = hook ? hook[0] : (TOKEN_PREFIX.exec(v)?.[0] ?? '');
  const rest = v.slice(pfx.length);
  const secret = (rest.split(PATH_BREAK).pop() ?? rest).replace(ID_GROUPS, '');
  const shown = rest.length >= 16 ? Math.min(4, Math.floor(secret.length / 3)) : 0;
  const tail = shown > 0 ? rest.slice(-shown) : '';
  return `${pfx}…${tail}`;
}

/**
 * `text` with every credential replaced by its mask; suppression comments do not protect anything
 * here, and neither does glue: `tok_xoxb-…` and `\u0022xoxb-…` are masked too.
 */
export function redact(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return text;
  let out = text;
  // A mask can unglue a neighbour (`<token><token>` becomes `xoxb-…Ab3F<token>`): mask again until clean.
  for (let pass = 0; pass < 4; pass++) {
    const found = scanText(out, { ignoreComments: false, glued: true });
    if (found.length === 0) break;
    let next = '';
    let at = 0;
    for (const f of found) {
      next += out.slice(at, f.start) + mask(out.slice(f.start, f.end));
      at = f.end;
    }
    out = next + out.slice(at);
  }
  return out;
}
