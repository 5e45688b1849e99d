// Bundles the extension client, the language server and the CLI with esbuild, and copies the
// two WASM files (tree-sitter runtime and Python grammar) and the advisory data next to the bundles.
// The browser build (VS Code for the Web: `browser` in package.json) goes to dist/browser/: the
// client for the web worker extension host and the language server for a web worker of its own;
// both are built for the browser platform, where importing a Node built-in fails the build.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // web-tree-sitter's ES module reads import.meta.url; in a CommonJS bundle that is this file's URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('url').pathToFileURL(__filename).href;" },
};

/** For VS Code for the Web; the WASM files and the advisory data are fetched by URL from dist/. */
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // web-tree-sitter reads import.meta.url for its default file locations, which the server replaces.
  define: { 'import.meta.url': 'globalThis.location.href' },
  metafile: true,
};

const builds = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/workspace/scanWorker.ts'], outfile: 'dist/scanWorker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  }),
  esbuild.build({
    ...browser,
    format: 'cjs',
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/browser/extension.js',
    external: ['vscode'],
  }),
  esbuild.build({
    ...browser,
    format: 'iife',
    entryPoints: ['server/src/browserServer.ts'],
    outfile: 'dist/browser/server.js',
  }),
]);
// What the browser bundles are made of, for the test that no Node built-in is among it.
fs.writeFileSync(
  path.join(dist, 'browser', 'meta.json'),
  JSON.stringify({ client: builds.at(-2).metafile, server: builds.at(-1).metafile }),
);
fs.chmodSync(path.join(dist, 'cli.js'), 0o755);

for (const [pkg, file] of [
  ['web-tree-sitter', 'web-tree-sitter.wasm'],
  ['tree-sitter-python', 'tree-sitter-python.wasm'],
]) {
  fs.copyFileSync(require.resolve(`${pkg}/${file}`), path.join(dist, file));
}
// The advisory data (and its CC-BY-4.0 notice) where the bundled server and CLI look: dist/advisories/.
fs.cpSync(path.join(root, 'data', 'advisories'), path.join(dist, 'advisories'), { recursive: true });
console.log(
  `built ${fs
    .readdirSync(dist)
    .filter((f) => !f.endsWith('.map'))
    .join(', ')}`,
);
