// The workspace the integration tests (and `npm start`'s demo) open: files in several languages
// holding credential-shaped values generated at run time, so nothing token-shaped is committed.
// Templates mark where a value goes with `{{kind}}`; writeFixtureWorkspace fills them from a seeded
// TokenGenerator and returns a manifest of the findings each file should produce.
//
// To add files for your tests, append to FIXTURE_FILES (or pass `extraFiles`). Placeholders:
//   {{bot}}            a generated value of that kind, expected as a finding
//   {{bot|ignored}}    a generated value that is NOT expected (suppressed, e.g. by an ignore comment)
// Any kind of test/support/token-gen.ts's GeneratedKind works ('webhook-gov' is reported as 'webhook').
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KindId } from '../../src/core/detect/types';
import { TokenGenerator, type GeneratedKind } from './token-gen';

export interface FixtureTemplate {
  /** Path relative to the workspace root, with forward slashes. */
  path: string;
  /** The VS Code language id the file opens with (for tests that want one per language). */
  languageId: string;
  content: string;
}

export interface ExpectedFinding {
  kind: KindId;
  /** The generated value (the manifest lives in the run's temp folder, never in the repository). */
  value: string;
  /** Offsets in the file's text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** 0-based line and character of `start`, as vscode.Position. */
  line: number;
  character: number;
}

export interface FixtureFile {
  path: string;
  languageId: string;
  /** Findings the extension should report for this file, in text order. */
  findings: ExpectedFinding[];
  /** Generated values present in the file that must NOT be reported (suppressed). */
  ignored: ExpectedFinding[];
}

export interface FixtureManifest {
  seed: number;
  root: string;
  files: Record<string, FixtureFile>;
}

export const FIXTURE_FILES: FixtureTemplate[] = [
  {
    path: 'src/config.ts',
    languageId: 'typescript',
    content: [
      '// Slack client configuration. Every token in this workspace was made up when the workspace was written: none works anywhere.',
      "export const SLACK_BOT_TOKEN = '{{bot}}';",
      '',
      'export async function post(channel: string, text: string): Promise<unknown> {',
      "  const res = await fetch('https://slack.com/api/chat.postMessage', {",
      "    method: 'POST',",
      "    headers: { Authorization: `Bearer ${SLACK_BOT_TOKEN}`, 'Content-Type': 'application/json' },",
      '    body: JSON.stringify({ channel, text }),',
      '  });',
      '  return res.json();',
      '}',
      '',
    ].join('\n'),
  },
  {
    path: 'src/notify.py',
    languageId: 'python',
    content: [
      'import requests',
      '',
      'LEGACY_TOKEN = "{{user}}"',
      'WEBHOOK_URL = "{{webhook}}"',
      '',
      '',
      'def notify(text):',
      '    requests.post(WEBHOOK_URL, json={"text": text})',
      '',
    ].join('\n'),
  },
  {
    path: 'config/settings.json',
    languageId: 'json',
    content: ['{', '  "slack": {', '    "legacyBotToken": "{{bot-legacy}}",', '    "appToken": "{{app}}"', '  }', '}', ''].join('\n'),
  },
  {
    path: '.env',
    languageId: 'dotenv',
    content: ['# local development', 'SLACK_SESSION_TOKEN={{legacy-session}}', 'PORT=3000', ''].join('\n'),
  },
  {
    path: 'deploy/values.yaml',
    languageId: 'yaml',
    content: ['replicas: 2', 'slack:', '  webhook: {{webhook-gov}}', '  channel: "#alerts"', ''].join('\n'),
  },
  {
    path: 'scripts/post.sh',
    languageId: 'shellscript',
    content: [
      '#!/bin/sh',
      'curl -s -H "Authorization: Bearer {{bot}}" \\',
      '  https://slack.com/api/auth.test',
      '',
    ].join('\n'),
  },
  {
    path: 'src/main.go',
    languageId: 'go',
    content: [
      'package main',
      '',
      'import "fmt"',
      '',
      'const token = "{{user}}" // two tokens on one line: "{{bot}}"',
      '',
      'func main() { fmt.Println(len(token)) }',
      '',
    ].join('\n'),
  },
  {
    path: 'src/ignored.ts',
    languageId: 'typescript',
    content: [
      '// An accepted token: the ignore comment at the end of the line silences it (the lightbulb on a token adds one).',
      "export const KNOWN = '{{bot|ignored}}'; // slack-token-guard:ignore",
      '',
    ].join('\n'),
  },
  {
    path: 'src/clean.ts',
    languageId: 'typescript',
    content: ['// No credentials here: the token comes from the environment, as Move to Secret Storage leaves it.', 'export const greeting = "hello";', 'export const token = process.env.SLACK_BOT_TOKEN;', ''].join('\n'),
  },
  // Paths git ignores: the workspace scan and the CLI pass over them, so their values are not expected.
  {
    path: '.gitignore',
    languageId: 'ignore',
    content: ['build/', '*.log', ''].join('\n'),
  },
  {
    path: 'build/bundle.js',
    languageId: 'javascript',
    content: ['// Build output: .gitignore lists build/, so Scan Workspace and the command-line scanner pass over it.', 'var t="{{bot|ignored}}";', ''].join('\n'),
  },
  {
    path: 'logs/app.log',
    languageId: 'log',
    content: ['posting to {{webhook|ignored}}', ''].join('\n'),
  },
  {
    path: 'docs/README.md',
    languageId: 'markdown',
    content: ['# Setup', '', 'Ask for the app token; ours was `{{app}}`.', ''].join('\n'),
  },
];

const KIND_OF: Partial<Record<GeneratedKind, KindId>> = { 'webhook-gov': 'webhook' };

function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Fills one template; exported so tests can build documents in memory the same way. */
export function renderTemplate(content: string, gen: TokenGenerator): { text: string; findings: ExpectedFinding[]; ignored: ExpectedFinding[] } {
  const findings: ExpectedFinding[] = [];
  const ignored: ExpectedFinding[] = [];
  let text = '';
  let last = 0;
  const re = /\{\{([a-z-]+)(\|ignored)?\}\}/g;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    text += content.slice(last, m.index);
    last = m.index + m[0].length;
    const generated = m[1] as GeneratedKind;
    const value = gen.token(generated);
    const start = text.length;
    text += value;
    const f: ExpectedFinding = {
      kind: KIND_OF[generated] ?? (generated as KindId),
      value,
      start,
      end: start + value.length,
      line: 0,
      character: 0,
    };
    (m[2] ? ignored : findings).push(f);
  }
  text += content.slice(last);
  for (const f of [...findings, ...ignored]) Object.assign(f, lineAndCharacter(text, f.start));
  return { text, findings, ignored };
}

/** Writes the fixture workspace into `dir` (created if needed) and returns what each file should yield. */
export function writeFixtureWorkspace(dir: string, seed = 1, extraFiles: FixtureTemplate[] = []): FixtureManifest {
  const gen = new TokenGenerator(seed);
  const manifest: FixtureManifest = { seed, root: dir, files: {} };
  for (const t of [...FIXTURE_FILES, ...extraFiles]) {
    const { text, findings, ignored } = renderTemplate(t.content, gen);
    const file = path.join(dir, ...t.path.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    manifest.files[t.path] = { path: t.path, languageId: t.languageId, findings, ignored };
  }
  return manifest;
}
