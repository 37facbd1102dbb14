// Move to Secret Storage on literals whose prefix or suffix changes their type: Rust C strings
// (`c"…"`, `cr#"…"#`, compiled and run with rustc), C#'s UTF-8 bytes literal (`"…"u8`) and Elixir
// sigils (`~s"…"`, `~S'…'`, `~s(…)`), as exact text where no toolchain is on this machine (C#,
// Elixir). Before, the prefix or suffix stayed glued to the reference (`cstd::env::var(…)`,
// `…GetEnvironmentVariable("X")u8`, `~sSystem.get_env(…)`) or the reference became sigil text.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits, referenceEdits } from '../../src/core/references';
import { TokenGenerator } from '../support/token-gen';

const TOKEN = new TokenGenerator(1351).token('bot');
const VAR = 'SLACK_BOT_TOKEN';
const VALUE = 'value-from-the-environment';

/** `src` with `@` standing for the token literal's content, after Move (undefined: not offered). */
function moved(languageId: string, fileName: string, src: string, mark = '@'): string | undefined {
  const at = src.indexOf(mark);
  const text = src.replace(mark, TOKEN);
  const edits = referenceEdits(text, at, at + TOKEN.length, languageId, fileName, VAR);
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  assert.ok(!out.includes(TOKEN), 'the token is gone');
  return out;
}

describe('references: prefixed and suffixed literals keep their type after Move', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-prefixed-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('Rust c"…" and cr#"…"# become a &CStr read from the environment, and build and run', () => {
    // The lifetime in `&'static CStr` is not a quote (it hid the literal, and the reference went inside it).
    const src = 'use std::ffi::CStr;\nfn main() {\n    let a: &CStr = c"@";\n    let b: &\'static CStr = cr#"@"#;\n    println!("{} {}", a.to_str().unwrap(), b.to_bytes().len());\n}\n';
    // Move is applied once per literal: the second one after the first.
    let out = src.replaceAll('@', TOKEN);
    for (let i = 0; i < 2; i++) {
      const at = out.indexOf(TOKEN);
      const edits = referenceEdits(out, at, at + TOKEN.length, 'rust', 'c.rs', VAR);
      assert.ok(edits, `literal ${i + 1}`);
      out = applyEdits(out, edits);
    }
    const expr = `&*Box::leak(std::ffi::CString::new(std::env::var("${VAR}").expect("${VAR} is not set")).expect("${VAR} holds a NUL byte").into_boxed_c_str())`;
    assert.equal(out, `use std::ffi::CStr;\nfn main() {\n    let a: &CStr = ${expr};\n    let b: &'static CStr = ${expr};\n    println!("{} {}", a.to_str().unwrap(), b.to_bytes().len());\n}\n`);
    const file = path.join(dir, 'c.rs');
    fs.writeFileSync(file, out);
    const build = spawnSync('rustc', ['--edition', '2021', '-o', path.join(dir, 'c_rs'), file], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const r = spawnSync(path.join(dir, 'c_rs'), [], { encoding: 'utf8', env: { ...process.env, [VAR]: VALUE } });
    assert.equal(r.stdout.trim(), `${VALUE} ${VALUE.length}`);
  });

  it('Rust: a literal after a lifetime (&\'static str) is replaced whole, not written inside its quotes (exact text)', () => {
    const out = moved('rust', 's.rs', 'fn main() {\n    let t: &\'static str = "@";\n}\n');
    // The reference is a String, as everywhere in Rust: the annotation is the user's to change.
    assert.equal(out, `fn main() {\n    let t: &'static str = std::env::var("${VAR}").expect("${VAR} is not set");\n}\n`);
  });

  it('C# "…"u8 becomes the UTF-8 bytes of the variable; a token inside a longer u8 literal is not split (exact text)', () => {
    const get = `Environment.GetEnvironmentVariable("${VAR}")`;
    assert.equal(moved('csharp', 'A.cs', 'ReadOnlySpan<byte> token = "@"u8;\n'), `ReadOnlySpan<byte> token = System.Text.Encoding.UTF8.GetBytes(${get});\n`);
    assert.equal(moved('csharp', 'A.cs', 'var token = @"§"u8;\n', '§'), `var token = System.Text.Encoding.UTF8.GetBytes(${get});\n`);
    assert.equal(moved('csharp', 'A.cs', 'var token = "@"U8;\n'), `var token = System.Text.Encoding.UTF8.GetBytes(${get});\n`, 'U8 is the same suffix');
    assert.equal(moved('csharp', 'A.cs', 'var h = "Bearer @"U8;\n'), undefined, 'U8 literals do not concatenate with strings');
    assert.equal(moved('csharp', 'A.cs', 'var h = "Bearer @"u8;\n'), undefined, 'u8 literals do not concatenate with strings');
    // Not a suffix: a word that only starts with u8.
    assert.equal(moved('csharp', 'A.cs', 'var token = "@"; var u8x = 1;\n'), `var token = ${get}; var u8x = 1;\n`);
  });

  it('Elixir sigils: the whole sigil is replaced, quote or bracket delimited; a token inside longer sigil text is left alone (exact text)', () => {
    const get = `System.get_env("${VAR}")`;
    assert.equal(moved('elixir', 'a.ex', 'token = ~s"@"\n'), `token = ${get}\n`);
    assert.equal(moved('elixir', 'a.ex', "token = ~S'@'\n"), `token = ${get}\n`);
    assert.equal(moved('elixir', 'a.ex', 'token = ~s(@)\n'), `token = ${get}\n`);
    assert.equal(moved('elixir', 'a.ex', 'token = ~S[@]\n'), `token = ${get}\n`);
    assert.equal(moved('elixir', 'a.ex', 'token = ~s|@|\n'), `token = ${get}\n`);
    assert.equal(moved('elixir', 'a.ex', 'h = ~s"Bearer @"\n'), `h = ~s"Bearer " <> ${get}\n`);
    assert.equal(moved('elixir', 'a.ex', 'h = ~s(Bearer @)\n'), undefined, 'sigil text is not code');
    assert.equal(moved('elixir', 'a.ex', 'token = "@"\n'), `token = ${get}\n`);
  });

  it('Elixir charlists stay charlists, and sigils that are not strings (~w, ~r, custom, modifiers) get no reference (exact text)', () => {
    const list = `String.to_charlist(System.get_env("${VAR}"))`;
    assert.equal(moved('elixir', 'a.ex', 'token = ~c"@"\n'), `token = ${list}\n`);
    assert.equal(moved('elixir', 'a.ex', "token = ~c'@'\n"), `token = ${list}\n`);
    assert.equal(moved('elixir', 'a.ex', 'token = ~c(@)\n'), `token = ${list}\n`);
    assert.equal(moved('elixir', 'a.ex', 'token = ~C[@]\n'), `token = ${list}\n`);
    assert.equal(moved('elixir', 'a.ex', "token = '@'\n"), `token = ${list}\n`);
    assert.equal(moved('elixir', 'a.ex', "h = 'Bearer @'\n"), undefined, 'a charlist does not join with <>');
    assert.equal(moved('elixir', 'a.ex', 'h = ~c"Bearer @"\n'), undefined, 'a charlist does not join with <>');
    for (const src of ['t = ~w(@)\n', 't = ~w"@"\n', 't = ~r/@/\n', 't = ~r"@"\n', 't = ~W[@]\n', 't = ~x(@)\n', 't = ~s(@)a\n', 't = ~w(@)a\n']) {
      assert.equal(moved('elixir', 'a.ex', src), undefined, src);
    }
  });
});
