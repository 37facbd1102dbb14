import * as assert from 'node:assert/strict';
import {
  dotEnvReplacement,
  enclosingLiteral,
  ignoreCommentEdit,
  proposeEnvVarName,
  referenceText,
  replacementFor,
  toEnvVarName,
} from '../../src/core/references';
import { TokenGenerator } from '../support/token-gen';
import { equalRedacted } from '../support/assert-redacted';

const gen = new TokenGenerator(5);
const BOT = gen.token('bot');
const HOOK = gen.token('webhook');

/** Applies replacementFor to `before + token + after` and returns the new text. */
function fix(languageId: string, fileName: string, before: string, after: string, envVar = 'SLACK_BOT_TOKEN', token = BOT): string | undefined {
  const text = before + token + after;
  const r = replacementFor(text, before.length, before.length + token.length, languageId, fileName, envVar);
  if (!r) return undefined;
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}

function ignore(languageId: string, fileName: string, before: string, after: string): string | undefined {
  const text = before + BOT + after;
  const r = ignoreCommentEdit(text, before.length, before.length + BOT.length, languageId, fileName);
  if (!r) return undefined;
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}

describe('references: the reference text per language', () => {
  const table: [string, string, string][] = [
    ['javascript', 'a.js', 'process.env.X'],
    ['typescript', 'a.ts', 'process.env.X'],
    ['typescriptreact', 'a.tsx', 'process.env.X'],
    ['python', 'a.py', 'os.environ["X"]'],
    ['go', 'a.go', 'os.Getenv("X")'],
    ['ruby', 'a.rb', 'ENV["X"]'],
    ['java', 'A.java', 'System.getenv("X")'],
    ['kotlin', 'A.kt', 'System.getenv("X")'],
    ['csharp', 'A.cs', 'Environment.GetEnvironmentVariable("X")'],
    ['php', 'a.php', "getenv('X')"],
    ['rust', 'a.rs', 'std::env::var("X").expect("X is not set")'],
    ['swift', 'a.swift', '(ProcessInfo.processInfo.environment["X"] ?? "")'],
    ['dart', 'a.dart', "(Platform.environment['X'] ?? '')"],
    ['shellscript', 'a.sh', '"${X}"'],
    ['yaml', 'docker-compose.yml', '${X}'],
    // VS Code may not know the language; the file name decides.
    ['plaintext', 'deploy.sh', '"${X}"'],
    ['plaintext', 'main.py', 'os.environ["X"]'],
  ];
  for (const [lang, file, expected] of table) {
    it(`${lang} (${file}) → ${expected}`, () => assert.equal(referenceText(lang, file, 'X'), expected));
  }
  it('has no syntax for JSON, VS Code settings and unknown languages', () => {
    assert.equal(referenceText('json', 'a.json', 'X'), undefined);
    assert.equal(referenceText('jsonc', 'settings.json', 'X'), undefined);
    assert.equal(referenceText('plaintext', 'notes.txt', 'X'), undefined);
    assert.equal(replacementFor('"' + BOT + '"', 1, 1 + BOT.length, 'json', 'a.json', 'X'), undefined);
  });
});

describe('references: replacing the literal', () => {
  it('replaces a whole string literal including its quotes', () => {
    assert.equal(fix('javascript', 'a.js', 'const slackToken = "', '";'), 'const slackToken = process.env.SLACK_BOT_TOKEN;');
    assert.equal(fix('typescript', 'a.ts', "const t = '", "';"), 'const t = process.env.SLACK_BOT_TOKEN;');
    assert.equal(fix('typescript', 'a.ts', 'const t = `', '`;'), 'const t = process.env.SLACK_BOT_TOKEN;');
    assert.equal(fix('python', 'a.py', 'TOKEN = "', '"'), 'TOKEN = os.environ["SLACK_BOT_TOKEN"]');
    assert.equal(fix('python', 'a.py', "TOKEN = '''", "'''"), 'TOKEN = os.environ["SLACK_BOT_TOKEN"]');
    assert.equal(fix('go', 'a.go', 'token := "', '"'), 'token := os.Getenv("SLACK_BOT_TOKEN")');
    assert.equal(fix('go', 'a.go', 'token := `', '`'), 'token := os.Getenv("SLACK_BOT_TOKEN")');
    assert.equal(fix('ruby', 'a.rb', "token = '", "'"), 'token = ENV["SLACK_BOT_TOKEN"]');
    assert.equal(fix('java', 'A.java', 'String t = "', '";'), 'String t = System.getenv("SLACK_BOT_TOKEN");');
    assert.equal(fix('csharp', 'A.cs', 'var t = "', '";'), 'var t = Environment.GetEnvironmentVariable("SLACK_BOT_TOKEN");');
    assert.equal(fix('php', 'a.php', "$t = '", "';"), "$t = getenv('SLACK_BOT_TOKEN');");
    assert.equal(fix('rust', 'a.rs', 'let t = "', '";'), 'let t = std::env::var("SLACK_BOT_TOKEN").expect("SLACK_BOT_TOKEN is not set");');
  });

  it('picks the literal that holds the token when a line has several', () => {
    assert.equal(
      fix('javascript', 'a.js', 'call("a \\" b", \'', "', \"c\")"),
      'call("a \\" b", process.env.SLACK_BOT_TOKEN, "c")',
    );
  });

  it('splits a literal the token is only part of, or interpolates where the language can', () => {
    assert.equal(fix('javascript', 'a.js', 'h = "Bearer ', '";'), 'h = "Bearer " + process.env.SLACK_BOT_TOKEN;');
    assert.equal(fix('javascript', 'a.js', 'h = `Bearer ', '`;'), 'h = `Bearer ${process.env.SLACK_BOT_TOKEN}`;');
    assert.equal(fix('python', 'a.py', 'u = "x?token=', '&y=1"'), 'u = "x?token=" + os.environ["SLACK_BOT_TOKEN"] + "&y=1"');
    assert.equal(fix('php', 'a.php', '$h = "Bearer ', '";'), '$h = "Bearer " . getenv(\'SLACK_BOT_TOKEN\');');
    assert.equal(fix('rust', 'a.rs', 'let h = "Bearer ', '";'), undefined);
  });

  it('replaces a bare token (no quotes) by the expression', () => {
    assert.equal(fix('javascript', 'a.js', '// token: ', ''), '// token: process.env.SLACK_BOT_TOKEN');
  });

  it('keeps values in shell and YAML, interpolating ${X} inside them', () => {
    assert.equal(fix('shellscript', 'a.sh', 'export SLACK_BOT_TOKEN=', ''), 'export SLACK_BOT_TOKEN="${SLACK_BOT_TOKEN}"');
    assert.equal(fix('shellscript', 'a.sh', 'curl -H "Authorization: Bearer ', '"'), 'curl -H "Authorization: Bearer ${SLACK_BOT_TOKEN}"');
    assert.equal(fix('shellscript', 'a.sh', "T='", "'"), 'T="${SLACK_BOT_TOKEN}"');
    assert.equal(fix('shellscript', 'a.sh', "H='Bearer ", "'"), 'H=\'Bearer \'"${SLACK_BOT_TOKEN}"\'\'');
    assert.equal(fix('yaml', 'docker-compose.yml', '      SLACK_BOT_TOKEN: ', '\n'), '      SLACK_BOT_TOKEN: ${SLACK_BOT_TOKEN}\n');
    assert.equal(fix('yaml', 'c.yaml', 'bot_token: "', '"'), 'bot_token: "${SLACK_BOT_TOKEN}"');
    assert.equal(fix('yaml', 'c.yaml', "url: '", "'", 'SLACK_WEBHOOK_URL', HOOK), "url: '${SLACK_WEBHOOK_URL}'");
  });
});

describe('references: .env files', () => {
  it('empties the value and says where it went, keeping the key', () => {
    assert.equal(fix('dotenv', '.env', 'SLACK_BOT_TOKEN=', '\nOTHER=1'), "SLACK_BOT_TOKEN= # SLACK_BOT_TOKEN is in Slack Token Guard's Secret Storage\nOTHER=1");
    assert.equal(fix('plaintext', '.env.local', 'export BOT="', '"\r\n', 'BOT'), "export BOT= # BOT is in Slack Token Guard's Secret Storage\r\n");
  });
  it('keeps an existing comment', () => {
    assert.equal(fix('dotenv', '.env', 'A=', ' # the bot', 'A'), 'A= # the bot');
  });
  it('uses ${X} when the token is part of a longer value', () => {
    assert.equal(fix('dotenv', 'prod.env', 'URL=https://x/?t=', '&a=1', 'SLACK_BOT_TOKEN'), 'URL=https://x/?t=${SLACK_BOT_TOKEN}&a=1');
    const text = 'A=' + BOT;
    assert.deepEqual(dotEnvReplacement(text, 2, text.length, 'A'), { start: 2, end: text.length, text: " # A is in Slack Token Guard's Secret Storage" });
  });
});

describe('references: variable names from context', () => {
  const fb = 'SLACK_BOT_TOKEN';
  const table: [string, string][] = [
    ['const slackToken = "', 'SLACK_TOKEN'],
    ['bot_token: ', 'BOT_TOKEN'],
    ['  bot_token: "', 'BOT_TOKEN'],
    ['{"slackBotToken": "', 'SLACK_BOT_TOKEN'],
    ['MY_SLACK_TOKEN=', 'MY_SLACK_TOKEN'],
    ['export MY_SLACK_TOKEN="', 'MY_SLACK_TOKEN'],
    ['self.alert_hook = \'', 'ALERT_HOOK'],
    ['config.slack.token = "', 'SLACK_TOKEN'],
    ['  :notify_token => "', 'NOTIFY_TOKEN'],
    ['val apiToken: String = "', 'API_TOKEN'],
    ['token := "', fb],
    ['token = "', fb],
    ['headers["Authorization"] = "Bearer ', fb],
    ['os.environ.get("TEAM_BOT", "', 'TEAM_BOT'],
    ['process.env.SLACK_X ?? "', fb],
    ['curl -d token=', fb],
    ['', fb],
    ['some text ', fb],
    ['line one\nreportingToken = "', 'REPORTING_TOKEN'],
  ];
  for (const [before, expected] of table) {
    it(`${JSON.stringify(before)} → ${expected}`, () => assert.equal(proposeEnvVarName(before, fb), expected));
  }
  it('upper-snake-cases names', () => {
    assert.equal(toEnvVarName('slackToken'), 'SLACK_TOKEN');
    assert.equal(toEnvVarName('bot-token'), 'BOT_TOKEN');
    assert.equal(toEnvVarName('HTTPBotToken'), 'HTTP_BOT_TOKEN');
    assert.equal(toEnvVarName('9lives'), '_9LIVES');
  });
});

describe('references: ignore comments', () => {
  it('appends the marker in the language comment syntax', () => {
    equalRedacted(ignore('javascript', 'a.js', 'const t = "', '";'), `const t = "${BOT}"; // slack-token-guard:ignore`);
    equalRedacted(ignore('python', 'a.py', 't = "', '"\n'), `t = "${BOT}" # slack-token-guard:ignore\n`);
    equalRedacted(ignore('yaml', 'a.yml', 'token: ', ''), `token: ${BOT} # slack-token-guard:ignore`);
    equalRedacted(ignore('dotenv', '.env', 'T=', '\r\nB=1'), `T=${BOT} # slack-token-guard:ignore\r\nB=1`);
    equalRedacted(ignore('go', 'a.go', 't := "', '"'), `t := "${BOT}" // slack-token-guard:ignore`);
    equalRedacted(ignore('markdown', 'a.md', 'Token ', ' here'), `Token ${BOT} here <!-- slack-token-guard:ignore -->`);
    equalRedacted(ignore('jsonc', 'settings.json', '  "x": "', '",'), `  "x": "${BOT}", // slack-token-guard:ignore`);
  });
  it('uses ignore-next-line above when the line ends inside a string', () => {
    assert.equal(
      ignore('javascript', 'a.js', 'a\n  const t = `', '\n`;'),
      `a\n  // slack-token-guard:ignore-next-line\n  const t = \`${BOT}\n\`;`,
    );
  });
  it('gives up (ignore file) where a comment would change a multi-line string', () => {
    assert.equal(ignore('python', 'a.py', 'doc = """\n', '\n"""'), undefined);
    assert.equal(ignore('typescript', 'a.ts', 'const s = `\n', '\n`'), undefined);
    assert.equal(ignore('yaml', 'a.yml', 'script: |\n  curl -H ', '\n'), undefined);
  });
  it('has no comment syntax for JSON and plain text', () => {
    assert.equal(ignore('json', 'a.json', '{"t": "', '"}'), undefined);
    assert.equal(ignore('plaintext', 'notes.txt', '', ''), undefined);
  });
  it('finds the literal around a token', () => {
    const text = 'x = "' + BOT + '"';
    assert.deepEqual(enclosingLiteral(text, 5, 5 + BOT.length), { quote: '"', open: 4, contentStart: 5, contentEnd: 5 + BOT.length, close: 6 + BOT.length });
  });
});
