// Bundles the extension client, the language server and the CLI with esbuild, and copies the
// two WASM files (tree-sitter runtime and Python grammar) and the advisory data next to the bundles.
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

await Promise.all([
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
]);
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
