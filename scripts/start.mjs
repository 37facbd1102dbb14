#!/usr/bin/env node
// `npm start`: build the extension and serve it in VS Code 1.100.3 (code-server) on 127.0.0.1 with a
// generated demo workspace; print the URL to open. Ctrl-C stops everything it started.
//
// Usage: node scripts/start.mjs [--port N] [--host 127.0.0.1] [--keep-profile]
//   --port N         port to listen on (default: a free one)
//   --keep-profile   keep the editor profile (settings, stored tokens) in .cache/demo-profile
//                    between runs instead of a fresh one each time
import fs from 'node:fs';
import path from 'node:path';
import { ensureEditor } from './install-editor.mjs';
import { ROOT, makeRunDir, runDirAt, onInterrupt, serverEnv, startCodeServer, workbenchUrl, writeUserSettings } from './lib/editor-session.mjs';
import { buildExtension, installExtensionFolder, writeDemoWorkspace } from './lib/demo.mjs';

function parseArgs(argv) {
  const o = { port: 0, host: '127.0.0.1', keepProfile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') o.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) o.port = Number(a.slice(7));
    else if (a === '--host') o.host = argv[++i];
    else if (a === '--keep-profile') o.keepProfile = true;
    else throw new Error(`unknown argument ${a} (use --port N, --host H, --keep-profile)`);
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new Error('--port needs a number between 0 and 65535');
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureEditor({ needBrowser: false });
  console.log('[start] building the extension…');
  buildExtension();

  const run = opts.keepProfile ? runDirAt(path.join(ROOT, '.cache', 'demo-profile')) : makeRunDir('stg-demo-');
  const workspace = path.join(ROOT, '.cache', 'demo-workspace');
  const manifest = writeDemoWorkspace(workspace);
  const found = Object.values(manifest.files).reduce((n, f) => n + f.findings.length, 0);
  // The test settings keep walkthroughs shut; a person starting the demo gets the Get started
  // walkthrough on a fresh profile (the extension opens it once per profile, see src/features/welcome).
  writeUserSettings(run, { 'workbench.welcomePage.walkthroughs.openOnInstall': true });
  installExtensionFolder(run.extensionsDir);

  const server = startCodeServer(run, { env: serverEnv(run), port: opts.port, host: opts.host });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.stop();
    if (!opts.keepProfile) fs.rmSync(run.dir, { recursive: true, force: true });
  };
  onInterrupt(async () => {
    console.log('\n[start] stopping code-server…');
    await stop();
  });
  server.child.once('exit', (code, sig) => {
    if (stopping) return;
    console.log(`[start] code-server exited (${code ?? sig})`);
    void stop().then(() => process.exit(code ?? 1));
  });
  const port = await server.ready;
  const url = workbenchUrl(port, { folder: workspace }).replace(/&payload=.*$/, '');
  console.log('');
  console.log(`  Slack Token Guard in VS Code 1.100.3 (code-server), listening on ${opts.host}:${port}`);
  console.log(`  Demo workspace: ${path.relative(process.cwd(), workspace) || workspace} (${Object.keys(manifest.files).length} files, ${found} generated fake tokens)`);
  console.log('');
  console.log(`  Open: ${url}`);
  console.log('  The Get started walkthrough opens on the first start of this profile (Help: Welcome brings it back).');
  console.log('');
  console.log('  Press Ctrl-C to stop.');
}

main().catch((e) => {
  console.error(`[start] ${e.message}`);
  process.exit(1);
});
