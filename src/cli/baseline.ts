// Baseline files: the fingerprints of findings a team has accepted (for example tokens already
// revoked but still in history), so that CI fails only on new ones. A baseline holds the
// fingerprint, the file, line and kind for the humans reviewing it — never the token or its mask.
import * as fs from 'node:fs';
import type { KindId } from '../core/detect/types';

export interface BaselineEntry {
  fingerprint: string;
  file: string;
  line: number;
  kind: KindId;
}

export interface BaselineFile {
  tool: 'slack-token-guard';
  version: 1;
  note: string;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

const FINGERPRINT = /^stg\d+:\S+$/;

/** Reads the fingerprints of a baseline: our JSON, a JSON array, or plain lines of fingerprints. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const out = new Set<string>();
  const take = (v: unknown) => {
    const fp = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as { fingerprint?: unknown }).fingerprint : undefined;
    if (typeof fp === 'string' && FINGERPRINT.test(fp)) out.add(fp);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (Array.isArray(json)) json.forEach(take);
  else if (typeof json === 'object' && json !== null) {
    const o = json as { findings?: unknown; fingerprints?: unknown };
    if (Array.isArray(o.findings)) o.findings.forEach(take);
    if (Array.isArray(o.fingerprints)) o.fingerprints.forEach(take);
    if (!Array.isArray(o.findings) && !Array.isArray(o.fingerprints)) throw new BaselineError(`baseline ${file} has no "findings" list`);
  } else {
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      if (!FINGERPRINT.test(t)) throw new BaselineError(`baseline ${file} is neither JSON nor a list of fingerprints`);
      out.add(t);
    }
  }
  return out;
}

/** Writes a baseline; entries are sorted and carry no timestamp, so the file diffs cleanly. */
export function writeBaseline(file: string, entries: BaselineEntry[]): void {
  const seen = new Set<string>();
  const findings = entries
    .slice()
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1)))
    .filter((e) => {
      const key = `${e.fingerprint}\0${e.file}\0${e.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const body: BaselineFile = {
    tool: 'slack-token-guard',
    version: 1,
    note: 'Fingerprints of accepted Slack credential findings (never the tokens). Update with: slack-token-guard scan --write-baseline <this file>',
    findings,
  };
  try {
    fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  } catch (e) {
    throw new BaselineError(`cannot write baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
