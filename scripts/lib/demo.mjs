// What `npm start` and `npm run screenshots` share: a build of the extension, a demo workspace of
// generated (fake) tokens, and a code-server profile with the extension installed as a folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, EXTENSION_ID } from './editor-session.mjs';

const require = createRequire(import.meta.url);

const GENERATOR = path.join(ROOT, '.cache', 'demo-build', 'fixture-workspace.cjs');

/**
 * Builds the bundle (dist/) and the demo's token generator (test/support, bundled by esbuild in
 * well under a second; a full tsc would take half a minute on two cores).
 */
export function buildExtension() {
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundling the extension failed:\n${r.stdout}${r.stderr}`);
  bundleForNode(path.join(ROOT, 'test', 'support', 'fixture-workspace.ts'), GENERATOR);
}

/** Bundles a TypeScript module of the project into one CommonJS file this script can require(). */
export function bundleForNode(entry, outfile) {
  require('esbuild').buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'error' });
  return outfile;
}

const DEMO_README = `# Slack Token Guard demo workspace

Every credential-shaped value in these files was generated when you ran \`npm start\`: none is real,
none works against Slack. Open any file to see the extension at work:

- squiggles and hovers on each token, and the Problems panel (Ctrl+Shift+M),
- the lightbulb (Ctrl+.) on a token: move it to Secret Storage, ignore it, test it,
- the Slack Token Guard view in the activity bar: stored tokens and workspace findings,
- the command palette (F1), category "Slack Token Guard".

\`src/ignored.ts\` shows an accepted token silenced by an ignore comment; \`src/clean.ts\` has none.
`;

/** (Re)writes the demo workspace: the fixture files plus a README; returns the manifest. */
export function writeDemoWorkspace(dir, seed = 4242) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { writeFixtureWorkspace } = require(GENERATOR);
  const manifest = writeFixtureWorkspace(dir, seed);
  fs.writeFileSync(path.join(dir, 'README.md'), DEMO_README);
  return manifest;
}

/**
 * Installs the built extension into an extensions dir as a plain folder, the way VS Code unpacks a
 * .vsix, so a person just opens the workbench URL (no development-host options needed).
 */
export function installExtensionFolder(extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${EXTENSION_ID}-${pkg.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'dist', 'media', 'l10n', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    const src = path.join(ROOT, entry);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(target, entry), { recursive: true });
  }
  return target;
}
