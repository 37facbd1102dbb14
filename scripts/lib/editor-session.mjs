// The pieces the integration launcher, `npm start` and the screenshot driver share: a code-server
// process in its own process group with a throwaway profile, and a headless Chromium on its workbench.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { URLSearchParams, fileURLToPath } from 'node:url';
import { CHROMIUM, CODE_SERVER_ENTRY } from '../install-editor.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_ID = 'slack-token-guard.slack-token-guard';

/** Flags from ../shared/offline-vscode-tests.md; the browser never talks to anything but 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings for every session: no start page, tips, telemetry, update checks or experiments. */
export const BASE_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.hotExit': 'off',
  'workbench.editor.restoreViewState': false,
};

/** A fresh folder for one session: profile, extensions, XDG dirs, an empty config file. */
export function makeRunDir(prefix = 'stg-run-') {
  return runDirAt(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** The same layout in a given folder (kept between sessions: `npm start --keep-profile`). */
export function runDirAt(dir) {
  const d = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
    config: path.join(dir, 'config.yaml'),
    xdg: { config: path.join(dir, 'xdg', 'config'), data: path.join(dir, 'xdg', 'data'), cache: path.join(dir, 'xdg', 'cache') },
  };
  for (const p of [d.userDataDir, d.extensionsDir, d.workspace, d.xdg.config, d.xdg.data, d.xdg.cache]) fs.mkdirSync(p, { recursive: true });
  fs.writeFileSync(d.config, '');
  return d;
}

export function writeUserSettings(run, extra = {}) {
  const userDir = path.join(run.userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const settings = { ...BASE_USER_SETTINGS, ...extra };
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
  return settings;
}

/** code-server's environment: no VS Code variables of an outer editor, XDG dirs in the run folder. */
export function serverEnv(run, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'PASSWORD' || k === 'HASHED_PASSWORD') continue;
    if (k.startsWith('npm_')) continue; // keep the extension host free of an outer `npm run`'s config
    env[k] = v;
  }
  return {
    ...env,
    XDG_CONFIG_HOME: run.xdg.config,
    XDG_DATA_HOME: run.xdg.data,
    XDG_CACHE_HOME: run.xdg.cache,
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    ...extra,
  };
}

/** `workspaceTrust`: keep VS Code's workspace trust on (the dialog session's Restricted Mode checks). */
function serverArgs(run, { workspaceTrust = false } = {}) {
  return [
    '--auth', 'none',
    '--config', run.config,
    '--user-data-dir', run.userDataDir,
    '--extensions-dir', run.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
}

/** `code-server --install-extension x.vsix` into the run's extensions dir (works offline). */
export function installVsix(run, vsix, env) {
  const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...serverArgs(run), '--install-extension', path.resolve(vsix)], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server in its own process group and resolves once it listens.
 * `onLine` receives its log lines (the caller decides whether to show them).
 */
export function startCodeServer(run, { env, port = 0, host = '127.0.0.1', onLine = () => {}, workspaceTrust = false } = {}) {
  const child = spawn(process.execPath, [CODE_SERVER_ENTRY, '--bind-addr', `${host}:${port}`, ...serverArgs(run, { workspaceTrust })], {
    env,
    detached: true, // own process group: stop() kills the server, its extension host and their children
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const kill = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    kill('SIGTERM');
    const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
    const t = new Promise((r) => setTimeout(r, 3000).unref());
    await Promise.race([exited, t]);
    kill('SIGKILL');
  };
  const ready = new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        onLine(line);
        const m = /HTTP server listening on https?:\/\/([\d.]+|\[[^\]]+\]|[\w.-]+):(\d+)/.exec(line);
        if (m) resolve(Number(m[2]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code, sig) => reject(new Error(`code-server exited before listening (${code ?? sig})`)));
    child.once('error', reject);
  });
  return { child, ready, stop };
}

/**
 * The workbench URL; `options` become developer options in the payload (extensionDevelopmentPath…).
 * `logLevel` is VS Code's --log value, e.g. `publisher.name:trace` for one extension's channels.
 */
export function workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath, skipWelcome = true, logLevel } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (skipWelcome) payload.push(['skipWelcome', 'true']);
  if (logLevel) payload.push(['logLevel', logLevel]);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${q.toString()}`;
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Turns a browser console message into readable text: the workbench styles extension-host output
 * with `%c` and CSS arguments; drop those and util.format the rest.
 */
export async function formatConsoleMessage(msg) {
  let args;
  try {
    args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
  } catch {
    return msg.text();
  }
  if (!args.length) return msg.text();
  if (typeof args[0] === 'string' && args[0].includes('%c')) {
    const styles = (args[0].match(/%c/g) || []).length;
    args = [args[0].replace(/%c/g, ''), ...args.slice(1 + styles)];
  }
  return util.format(...args.map((a) => (typeof a === 'string' ? a : a)));
}

/**
 * Stops what a script's editor session holds (the browser, if launched by then, code-server, the
 * fake Slack, the run folder) on Ctrl+C or SIGTERM, or when the script calls the returned function,
 * which also drops the signal handlers. `browser` is a getter: the browser is launched later.
 */
export function sessionCleanup({ run, server, fake, browser }) {
  const cleanup = async () => {
    await browser()?.close().catch(() => {});
    await server.stop();
    await fake.close();
    fs.rmSync(run.dir, { recursive: true, force: true });
  };
  const removeInterrupt = onInterrupt(cleanup);
  return async () => {
    removeInterrupt();
    await cleanup();
  };
}

/** Forwards process signals to a cleanup; returns a function that removes the handlers. */
export function onInterrupt(cleanup) {
  const handler = (sig) => {
    Promise.resolve(cleanup(sig)).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
