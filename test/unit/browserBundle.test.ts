import * as assert from 'assert';
import { builtinModules } from 'module';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/**
 * Bundles `entry` as scripts/build.mjs does for VS Code for the Web (platform `browser`) and
 * returns every import of a Node built-in in its import graph: from our modules and from packages.
 * A package's `browser` field may swap a built-in for nothing (`(disabled):fs`); those are listed
 * apart, since that code is never reached in a worker.
 */
async function nodeBuiltinsReached(
  entry: string,
): Promise<{ errors: string[]; imports: string[]; disabled: string[] }> {
  const result = await esbuild
    .build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: root,
      external: ['vscode'],
      define: { 'import.meta.url': 'globalThis.location.href' },
    })
    .catch((error: esbuild.BuildFailure) => error);
  if ('errors' in result && result.errors.length && !('metafile' in result && result.metafile))
    return { errors: result.errors.map((e) => `${e.location?.file}: ${e.text}`), imports: [], disabled: [] };
  const metafile = (result as esbuild.BuildResult).metafile!;
  const imports: string[] = [];
  const disabled: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.path.startsWith('(disabled):')) disabled.push(`${file} → ${imported.path}`);
      else if (builtins.has(imported.path)) imports.push(`${file} → ${imported.path}`);
    }
  }
  return { errors: [], imports, disabled: [...new Set(disabled)].sort() };
}

describe('the browser build (VS Code for the Web) reaches no Node built-in', function () {
  this.timeout(120_000);

  it('the web worker language server (server/src/browserServer.ts) and everything it imports', async () => {
    const reached = await nodeBuiltinsReached('server/src/browserServer.ts');
    assert.deepStrictEqual(reached.errors, []);
    assert.deepStrictEqual(reached.imports, []);
    // web-tree-sitter's Node branch (never taken in a worker) is stubbed by its own `browser` field.
    assert.deepStrictEqual(
      reached.disabled.filter((entry) => !entry.startsWith('node_modules/web-tree-sitter/web-tree-sitter.js → ')),
      [],
    );
  });

  it('the browser client (client/src/browserExtension.ts) and everything it imports', async () => {
    const reached = await nodeBuiltinsReached('client/src/browserExtension.ts');
    assert.deepStrictEqual(reached.errors, []);
    assert.deepStrictEqual(reached.imports, []);
    assert.deepStrictEqual(reached.disabled, []);
  });

  it('the check says no: an entry that reaches fs through a module of its own fails', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'test', '.tmp-browser-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'reader.ts'),
        "import { readFileSync } from 'fs';\nexport const read = (file: string) => readFileSync(file, 'utf8');\n",
      );
      fs.writeFileSync(
        path.join(dir, 'entry.ts'),
        `import '${path
          .relative(dir, path.join(root, 'server', 'src', 'browserServer'))
          .split(path.sep)
          .join('/')}';\nimport { read } from './reader';\nexport const text = read('x');\n`,
      );
      const reached = await nodeBuiltinsReached(path.relative(root, path.join(dir, 'entry.ts')));
      assert.match(reached.errors.join('\n'), /reader\.ts: Could not resolve "fs"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the desktop entries are not in the web bundle: server.ts reaches fs when bundled for the browser', async () => {
    const reached = await nodeBuiltinsReached('server/src/server.ts');
    assert.ok(
      reached.errors.some((error) => /Could not resolve "(fs|path|url|worker_threads)"/.test(error)),
      reached.errors.join('\n'),
    );
  });
});
