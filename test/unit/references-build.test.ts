// Move to Secret Storage must leave code that builds. For every language in the README's table the
// reference (and the import it needs) is checked: compiled and run with the variable set where the
// toolchain is on this machine (node, TypeScript, python3, rustc, javac, bash), and as exact text
// where it is not (Go, Ruby, PHP, Kotlin, C#, Swift, Dart). A missing toolchain fails the test
// rather than skipping it; CI installs the same ones (see .ci/run).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { scanText } from '../../src/core/detect';
import { applyEdits, importEdit, proposeEnvVarName, referenceEdits, splitReplacementFor, withImport } from '../../src/core/references';
import { TokenGenerator } from '../support/token-gen';

const gen = new TokenGenerator(77);
const BOT = gen.token('bot');
const VAR = 'SLACK_BOT_TOKEN';
/** What the program prints when it reads the variable: a harmless stand-in value. */
const VALUE = 'value-from-the-environment';

/** `src` with `@` (or `mark`) standing for the token literal's content, after Move to Secret Storage. */
function moved(languageId: string, fileName: string, src: string, mark = '@'): string {
  const at = src.indexOf(mark);
  const text = src.replace(mark, BOT);
  const edits = referenceEdits(text, at, at + BOT.length, languageId, fileName, VAR);
  assert.ok(edits, `${languageId} has a reference syntax`);
  const out = applyEdits(text, edits);
  assert.ok(!out.includes(BOT), 'the token is gone');
  return out;
}

function tool(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120000 });
  assert.equal(r.error, undefined, `${cmd} could not run: ${String(r.error)}`);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('references: the code after Move to Secret Storage builds and reads the variable', function () {
  this.timeout(180000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-build-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  const env = { [VAR]: VALUE };

  it('JavaScript runs under node', () => {
    const out = moved('javascript', 'a.js', 'const slackToken = "@";\nconsole.log(slackToken);\n');
    assert.equal(out, `const slackToken = process.env.${VAR};\nconsole.log(slackToken);\n`);
    assert.equal(tool(process.execPath, [file('a.js', out)], dir, env).trim(), VALUE);
  });

  it('TypeScript type-checks (strict, Node types)', () => {
    const out = moved('typescript', 'a.ts', 'const slackToken = "@";\nexport const header = `Bearer ${slackToken}`;\n');
    const name = path.join(dir, file('a.ts', out));
    const program = ts.createProgram([name], { strict: true, noEmit: true, types: ['node'], typeRoots: [path.resolve(__dirname, '../../../node_modules/@types')], module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(problems, []);
  });

  it('Python runs, with `import os` added after the docstring and __future__ imports', () => {
    const out = moved('python', 'a.py', '#!/usr/bin/env python3\n"""Posts to Slack."""\nfrom __future__ import annotations\nimport sys\n\nTOKEN = "@"\nprint(TOKEN)\n');
    assert.equal(out, `#!/usr/bin/env python3\n"""Posts to Slack."""\nfrom __future__ import annotations\nimport os\nimport sys\n\nTOKEN = os.environ["${VAR}"]\nprint(TOKEN)\n`);
    assert.equal(tool('python3', [file('a.py', out)], dir, env).trim(), VALUE);
    const bare = moved('python', 'b.py', 'TOKEN = "@"\nprint(TOKEN)');
    assert.equal(tool('python3', [file('b.py', bare)], dir, env).trim(), VALUE);
    // Already imported: nothing added.
    assert.equal(importEdit('import json, os\nx = 1\n', 'python', 'c.py'), undefined);
    assert.equal(importEdit('import os.path\n', 'python', 'c.py'), undefined);
    assert.ok(importEdit('from os import path\n', 'python', 'c.py'), '`from os import` does not bind os');
  });

  it('Python string prefixes go with the literal: f, rb, Rf triple, u, and a partial f-string keeps its prefix', () => {
    const cases: [string, string, string][] = [
      ['TOKEN = f"@"\nprint(TOKEN)\n', `TOKEN = os.environ["${VAR}"]`, VALUE],
      ["TOKEN = rb'@'\nprint(TOKEN.decode())\n", `TOKEN = os.environ["${VAR}"].encode()`, VALUE],
      ['TOKEN = Rf"""@"""\nprint(TOKEN)\n', `TOKEN = os.environ["${VAR}"]`, VALUE],
      ['TOKEN = u"@"\nprint(TOKEN)\n', `TOKEN = os.environ["${VAR}"]`, VALUE],
      ['user = "x"\nH = f"@ for {user}"\nprint(H)\n', `H = os.environ["${VAR}"] + f" for {user}"`, `${VALUE} for x`],
      ['H = rb"Bearer @"\nprint(H.decode())\n', `H = rb"Bearer " + os.environ["${VAR}"].encode()`, `Bearer ${VALUE}`],
    ];
    for (const [i, [src, line, printed]] of cases.entries()) {
      const out = moved('python', 'a.py', src);
      assert.ok(out.startsWith('import os\n') && out.includes(`\n${line}\n`), `${JSON.stringify(src)} became ${JSON.stringify(out)}`);
      assert.equal(tool('python3', [file(`p${i}.py`, out)], dir, env).trim(), printed);
    }
    // The variable is named after what the literal is assigned to, prefix or not.
    assert.equal(proposeEnvVarName('slack_token = f"', 'FALLBACK'), 'SLACK_TOKEN');
    assert.equal(proposeEnvVarName('slack_token = rb\'', 'FALLBACK'), 'SLACK_TOKEN');
    assert.equal(proposeEnvVarName('var slackToken = @"', 'FALLBACK'), 'SLACK_TOKEN');
  });

  it('a Python f-string with pieces (f"xoxb-{\'…\'}…") is replaced whole, its f included, and runs', () => {
    const text = `tok = f"${BOT.slice(0, 5)}{'${BOT.slice(5, 12)}'}${BOT.slice(12)}"\nprint(tok)\n`;
    const [f] = scanText(text);
    assert.equal(f?.form, 'split', 'the detector reads the pieces');
    const r = splitReplacementFor(text, f.start, f.end, BOT, 'python', 'a.py', VAR);
    assert.ok(r);
    const out = applyEdits(text, withImport(text, r, 'python', 'a.py'));
    assert.equal(out, `import os\ntok = os.environ["${VAR}"]\nprint(tok)\n`);
    assert.equal(tool('python3', [file('split.py', out)], dir, env).trim(), VALUE);
  });

  it('Rust raw and byte strings (r#"…"#, br"…") build and run', () => {
    const out = moved('rust', 'raw.rs', 'fn main() {\n    let token = r#"@"#;\n    let bytes: Vec<u8> = br"@".to_vec();\n    println!("{} {}", token, bytes.len());\n}\n'.replace('br"@"', 'br"' + 'AT' + '"'));
    assert.equal(out, `fn main() {\n    let token = std::env::var("${VAR}").expect("${VAR} is not set");\n    let bytes: Vec<u8> = br"AT".to_vec();\n    println!("{} {}", token, bytes.len());\n}\n`);
    tool('rustc', ['--edition', '2021', '-o', 'raw_rs', file('raw.rs', out)], dir);
    assert.equal(tool(path.join(dir, 'raw_rs'), [], dir, env).trim(), `${VALUE} 2`);
    const b = moved('rust', 'bytes.rs', 'fn main() {\n    let token = br"@";\n    println!("{}", String::from_utf8_lossy(&token[..]));\n}\n');
    assert.equal(b, `fn main() {\n    let token = std::env::var("${VAR}").expect("${VAR} is not set").into_bytes();\n    println!("{}", String::from_utf8_lossy(&token[..]));\n}\n`);
    tool('rustc', ['--edition', '2021', '-o', 'bytes_rs', file('bytes.rs', b)], dir);
    assert.equal(tool(path.join(dir, 'bytes_rs'), [], dir, env).trim(), VALUE);
  });

  it('a tagged template keeps its tag (String.raw`…` runs under node); an untagged one after return does not, and a glued keyword keeps a space', () => {
    const out = moved('javascript', 'tag.js', 'const token = String.raw`@`;\nconsole.log(token);\n');
    assert.equal(out, 'const token = String.raw`${process.env.' + VAR + '}`;\nconsole.log(token);\n');
    assert.equal(tool(process.execPath, [file('tag.js', out)], dir, env).trim(), VALUE);
    assert.equal(moved('javascript', 'ret.js', 'function t() { return`@`; }\n'), `function t() { return process.env.${VAR}; }\n`);
    const py = moved('python', 'ret.py', 'def t():\n    return"@"if True else""\nprint(t())\n');
    assert.equal(py, `import os\ndef t():\n    return os.environ["${VAR}"]if True else""\nprint(t())\n`);
    assert.equal(tool('python3', [file('ret.py', py)], dir, env).trim(), VALUE);
  });

  it('C#, Scala, Swift, Dart and PHP prefixes go with the literal: the exact text (no toolchain here)', () => {
    const get = `Environment.GetEnvironmentVariable("${VAR}")`;
    assert.equal(moved('csharp', 'A.cs', 'var token = @"~";\n', '~'), `var token = ${get};\n`);
    assert.equal(moved('csharp', 'A.cs', 'var token = $@"~";\n', '~'), `var token = ${get};\n`);
    assert.equal(moved('csharp', 'A.cs', 'var h = $"@ for {user}";\n'), `var h = ${get} + $" for {user}";\n`);
    assert.equal(moved('scala', 'A.scala', 'val token = s"@"\n'), `val token = sys.env("${VAR}")\n`);
    assert.equal(moved('scala', 'A.scala', 'val h = s"Bearer @"\n'), `val h = s"Bearer " + sys.env("${VAR}")\n`);
    assert.equal(moved('swift', 'a.swift', 'let token = #"@"#\n'), `let token = (ProcessInfo.processInfo.environment["${VAR}"] ?? "")\n`);
    assert.equal(moved('dart', 'a.dart', "import 'dart:io';\nvar token = r'@';\n"), `import 'dart:io';\nvar token = (Platform.environment['${VAR}'] ?? '');\n`);
    assert.equal(moved('php', 'a.php', '<?php\n$token = b"@";\n'), `<?php\n$token = getenv('${VAR}');\n`);
  });

  it('Rust builds with a String where the literal was, and runs', () => {
    const out = moved('rust', 'a.rs', 'fn main() {\n    let token = "@";\n    let header: String = format!("Bearer {}", token);\n    println!("{}", &header[7..]);\n}\n');
    assert.equal(out, `fn main() {\n    let token = std::env::var("${VAR}").expect("${VAR} is not set");\n    let header: String = format!("Bearer {}", token);\n    println!("{}", &header[7..]);\n}\n`);
    tool('rustc', ['--edition', '2021', '-o', 'a_rs', file('a.rs', out)], dir);
    assert.equal(tool(path.join(dir, 'a_rs'), [], dir, env).trim(), VALUE);
  });

  it('Java compiles and runs', () => {
    const out = moved('java', 'Main.java', 'public class Main {\n  public static void main(String[] a) {\n    String token = "@";\n    System.out.println(token);\n  }\n}\n');
    tool('javac', [file('Main.java', out)], dir);
    assert.equal(tool('java', ['-cp', dir, 'Main'], dir, env).trim(), VALUE);
  });

  it('shell: bash runs the script and the value is expanded', () => {
    const out = moved('shellscript', 'a.sh', 'TOKEN="@"\necho "$TOKEN"\n');
    assert.equal(out, `TOKEN="\${${VAR}}"\necho "$TOKEN"\n`);
    assert.equal(tool('bash', [file('a.sh', out)], dir, env).trim(), VALUE);
  });

  it('Go gets `import "os"`: in an import block, before a single import, or after the package clause', () => {
    assert.equal(
      moved('go', 'main.go', 'package main\n\nimport (\n\t"fmt"\n)\n\nfunc main() {\n\ttoken := "@"\n\tfmt.Println(token)\n}\n'),
      `package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n\nfunc main() {\n\ttoken := os.Getenv("${VAR}")\n\tfmt.Println(token)\n}\n`,
    );
    assert.equal(moved('go', 'main.go', 'package main\n\nimport "fmt"\n\nvar t = "@"\n'), `package main\n\nimport "os"\nimport "fmt"\n\nvar t = os.Getenv("${VAR}")\n`);
    assert.equal(moved('go', 'main.go', 'package main\n\nvar t = "@"\n'), `package main\n\nimport "os"\n\nvar t = os.Getenv("${VAR}")\n`);
    assert.equal(moved('go', 'main.go', 'package main\n\nimport (\n\t"os"\n)\n\nvar t = "@"\n'), `package main\n\nimport (\n\t"os"\n)\n\nvar t = os.Getenv("${VAR}")\n`);
  });

  it('Ruby, PHP, Kotlin, C#: the exact text (no toolchain here)', () => {
    assert.equal(moved('ruby', 'a.rb', "token = '@'\n"), `token = ENV["${VAR}"]\n`);
    assert.equal(moved('php', 'a.php', "<?php\n$token = '@';\n"), `<?php\n$token = getenv('${VAR}');\n`);
    assert.equal(moved('kotlin', 'A.kt', 'val token = "@"\n'), `val token = System.getenv("${VAR}")\n`);
    assert.equal(moved('csharp', 'A.cs', 'var token = "@";\n'), `var token = Environment.GetEnvironmentVariable("${VAR}");\n`);
  });

  it('Swift and Dart get a non-optional String; Dart gets `import \'dart:io\';`', () => {
    assert.equal(moved('swift', 'a.swift', 'let token: String = "@"\n'), `let token: String = (ProcessInfo.processInfo.environment["${VAR}"] ?? "")\n`);
    assert.equal(
      moved('dart', 'a.dart', "import 'package:http/http.dart';\n\nfinal String token = '@';\n"),
      `import 'dart:io';\nimport 'package:http/http.dart';\n\nfinal String token = (Platform.environment['${VAR}'] ?? '');\n`,
    );
    assert.equal(moved('dart', 'a.dart', "import 'dart:io';\nvar h = 'Bearer @';\n"), `import 'dart:io';\nvar h = 'Bearer ' + (Platform.environment['${VAR}'] ?? '');\n`);
  });

  it('YAML and Docker Compose: the exact text', () => {
    assert.equal(moved('yaml', 'config.yml', 'slack:\n  token: "@"\n'), `slack:\n  token: "\${${VAR}}"\n`);
    assert.equal(moved('dockercompose', 'docker-compose.yml', 'environment:\n  - SLACK_BOT_TOKEN=@\n'), `environment:\n  - SLACK_BOT_TOKEN=\${${VAR}}\n`);
  });
});
