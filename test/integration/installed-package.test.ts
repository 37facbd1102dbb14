// Runs only against the packaged extension (`npm run test:package`: the .vsix installed with
// `code-server --install-extension`, scripts/run-integration.mjs --installed-vsix). It checks what
// only a package can get wrong: files left out of it (.vscodeignore), manifest strings that did not
// resolve (package.nls.json), the walkthrough's media, and a production bundle that still works.
// In the development host the suite is not defined at all (the package is not under test there).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TokenGenerator } from '../support/token-gen';
import { closeAllEditors, fixtureManifest, getExtension, openFixture, ourDiagnostics, waitFor, waitForDiagnostics } from './helpers';

/** The project folder (this file runs from out/test/integration). */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  version: string;
  main: string;
  l10n?: string;
  bin?: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string; name: string }[]>;
    configuration: { title: string; properties: Record<string, { markdownDescription?: string; description?: string }> }[];
    walkthroughs?: { id: string; title: string; description: string; steps: { id: string; title: string; description: string; media: { image?: string | Record<string, string>; markdown?: string; altText?: string } }[] }[];
  };
}

function runCli(cli: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The extension host is Node (code-server) or Electron run as Node (desktop VS Code).
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

if (process.env.STG_INSTALLED_VSIX === '1') {
  suite('Installed package', () => {
    suiteTeardown(closeAllEditors);

    test('activates by itself after start-up (onStartupFinished), from the installed folder, in production mode', async () => {
      const ext = getExtension();
      // Nothing in this run calls activate() before this test: the activation event must do it.
      await waitFor(() => ext.isActive, 60_000, 'the extension activated on onStartupFinished');
      const installed = fs.realpathSync(ext.extensionPath);
      assert.notEqual(installed, fs.realpathSync(PROJECT_ROOT), 'the extension under test is not the development folder');
      assert.equal(path.basename(installed), `slack-token-guard.slack-token-guard-${(ext.packageJSON as Manifest).version}`);
      // A production build hands nothing to other extensions (activate() returns the test API only in test mode).
      assert.equal(ext.exports, undefined);
      console.log(`    installed at ${installed}`);
    });

    test('holds only what a user needs: the bundle, media, manifest, README, CHANGELOG, LICENSE, third-party notices', () => {
      const root = getExtension().extensionPath;
      const files = (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).filter((f) => fs.statSync(path.join(root, f)).isFile());
      const allowed = /^(package\.json|package\.nls(\.[a-z-]+)?\.json|l10n\/bundle\.l10n(\.[a-z-]+)?\.json|dist\/(extension|cli|scan-worker)\.js|media\/(icon\.png|activity-bar\.svg|walkthrough\/[\w-]+\.(png|md|svg))|readme\.md|changelog\.md|LICENSE\.txt|THIRD_PARTY_NOTICES\.md|\.vsixmanifest)$/i;
      const stray = files.filter((f) => !allowed.test(f));
      assert.deepEqual(stray, [], `unexpected files in the package: ${stray.join(', ')}`);
      for (const needed of ['package.json', 'dist/extension.js', 'dist/cli.js', 'dist/scan-worker.js', 'media/icon.png', 'readme.md', 'changelog.md', 'THIRD_PARTY_NOTICES.md']) {
        assert.ok(files.some((f) => f.toLowerCase() === needed.toLowerCase()), `${needed} is in the package`);
      }
      assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps in a release');
    });

    test('every command is registered and every manifest string resolved from package.nls.json', async () => {
      const manifest = getExtension().packageJSON as Manifest;
      const registered = new Set(await vscode.commands.getCommands(true));
      const unresolved: string[] = [];
      const check = (where: string, s: string | undefined) => {
        if (s === undefined || /^%[\w.-]+%$/.test(s)) unresolved.push(`${where}: ${s}`);
      };
      for (const c of manifest.contributes.commands) {
        assert.ok(registered.has(c.command), `${c.command} is registered`);
        check(c.command, c.title);
      }
      for (const v of Object.values(manifest.contributes.views).flat()) check(v.id, v.name);
      for (const section of [manifest.contributes.configuration].flat()) {
        check('configuration title', section.title);
        for (const [key, p] of Object.entries(section.properties)) check(key, p.markdownDescription ?? p.description);
      }
      for (const w of manifest.contributes.walkthroughs ?? []) {
        check(w.id, w.title);
        for (const s of w.steps) {
          check(s.id, s.title);
          check(s.id, s.description);
        }
      }
      assert.deepEqual(unresolved, [], 'manifest strings left as %key%');
    });

    test("the walkthrough's media and the l10n bundle are in the package", () => {
      const ext = getExtension();
      const manifest = ext.packageJSON as Manifest;
      const walkthroughs = manifest.contributes.walkthroughs ?? [];
      assert.ok(walkthroughs.length > 0, 'a walkthrough is contributed');
      const media = walkthroughs.flatMap((w) => w.steps).flatMap((s) => {
        const image = s.media.image;
        return [...(typeof image === 'string' ? [image] : Object.values(image ?? {})), ...(s.media.markdown ? [s.media.markdown] : [])];
      });
      assert.ok(media.length >= 4, 'every step shows something');
      const missing = media.filter((m) => !fs.existsSync(path.join(ext.extensionPath, m)));
      assert.deepEqual(missing, [], 'walkthrough media missing from the package');
      if (manifest.l10n) {
        const bundle = path.join(ext.extensionPath, manifest.l10n, 'bundle.l10n.json');
        assert.ok(fs.existsSync(bundle), `${manifest.l10n}/bundle.l10n.json is in the package`);
        assert.ok(Object.keys(JSON.parse(fs.readFileSync(bundle, 'utf8'))).length > 50, 'the l10n bundle lists the extension strings');
      }
    });

    test('the production bundle flags a generated token in an open document, masked', async () => {
      const file = 'src/config.ts';
      const expected = fixtureManifest().files[file].findings;
      const editor = await openFixture(file);
      const diagnostics = await waitForDiagnostics(editor.document.uri, expected.length, 30_000);
      assert.equal(ourDiagnostics(editor.document.uri).length, expected.length);
      const d = diagnostics[0];
      assert.equal(d.range.start.line, expected[0].line);
      assert.equal(d.range.start.character, expected[0].character);
      assert.ok(!d.message.includes(expected[0].value), 'the message never holds the token');
      assert.match(d.message, /…/, 'the message shows the masked token');
    });

    test("Scan Workspace reads and scans on the packaged worker threads (dist/scan-worker.js), finding the fixture's tokens", async () => {
      const summary = await vscode.commands.executeCommand<{ workers: number; onWorkers: number; scanned: number; findings: number; cancelled: boolean }>('slackTokenGuard.scanWorkspace');
      try {
        assert.equal(summary.cancelled, false);
        assert.ok(summary.workers >= 1, `the scan ran on worker threads (${summary.workers}), not on the fallback`);
        assert.ok(summary.onWorkers >= summary.scanned && summary.scanned > 0, `every scanned file came from the workers (${summary.onWorkers} of ${summary.scanned})`);
        const expected = Object.values(fixtureManifest().files).reduce((n, f) => n + f.findings.length, 0);
        assert.equal(summary.findings, expected);
      } finally {
        await vscode.commands.executeCommand('slackTokenGuard.clearFindings');
      }
    });

    test('the packaged CLI (dist/cli.js, the package bin) runs from the extension folder', async () => {
      const cli = path.join(getExtension().extensionPath, 'dist', 'cli.js');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-installed-cli-'));
      try {
        const token = new TokenGenerator(6).token('bot');
        fs.writeFileSync(path.join(dir, 'app.py'), `SLACK_BOT_TOKEN = "${token}"\n`);
        const r = await runCli(cli, ['scan', dir]);
        assert.equal(r.code, 1, `exit 1 when a credential is found (stderr: ${r.stderr})`);
        assert.match(r.stdout, /app\.py:1:\d+ bot xoxb-…/);
        assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token), 'the CLI masks by default');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
