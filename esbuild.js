// Bundles the extension (vscode stays external: the editor provides it) and the CLI into dist/.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build errors in the problem-matcher format that VS Code's esbuild tasks understand. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * `import * as vscode from 'vscode'` in each of ~30 modules would make esbuild copy the whole API
 * object (hundreds of properties) once per module at load (its CommonJS interop). Routing every
 * import through one ESM module that re-exports 'vscode' copies it once: tens of ms less start-up.
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (a) => (a.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: watch ? [problemMatcherPlugin] : [],
};

async function main() {
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      plugins: [...common.plugins, vscodeOncePlugin],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    }),
    // Scan Workspace's worker threads (src/features/workspace-scan/worker-scan.ts starts them).
    esbuild.context({
      ...common,
      entryPoints: ['src/workers/scan-worker.ts'],
      outfile: 'dist/scan-worker.js',
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  for (const c of contexts) {
    const result = await c.rebuild();
    if (result.errors.length) process.exitCode = 1;
    await c.dispose();
  }
  // The CLI runs as `./dist/cli.js` too (its shebang line needs the executable bit).
  if (require('node:fs').existsSync('dist/cli.js')) require('node:fs').chmodSync('dist/cli.js', 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
