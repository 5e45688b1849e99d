// VS Code for the Web: the extension's browser build in code-server's web worker extension host.
// A variant of the extension whose only entry is `browser` (no `main`, so the editor cannot run it
// in a Node extension host) is packaged into a .vsix, installed, and used as a person would: open
// a Python file from the explorer, see the squiggle and its hover, Ctrl+. → "Parameterize query",
// see the squiggle go, and open the checklist, which the language server in its web worker filled
// from the files the client read through `vscode.workspace.fs`. A screenshot per step goes to
// .test-output/vscode/web-tests/screenshots/.
//
//   node scripts/vscode/run-web-tests.mjs      (PSG_VSCODE_SKIP_PACKAGE=1 reuses the build in dist/)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createRunFolder,
  exitWith,
  installExtension,
  newWorkbenchPage,
  startSession,
  withTimeout,
  workbenchUrl,
} from './harness.mjs';
import { provision, root } from './provision.mjs';
import {
  Steps,
  applyParameterizeQuery,
  expectOneSquiggle,
  hoverExplainsQuery,
  offerParameterizeQuery,
  openChecklist,
  openUsersPy,
} from './walkthrough.mjs';

const TIMEOUT_MS = Number(process.env.PSG_VSCODE_TIMEOUT_MS ?? 300_000);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** What the web variant ships: the browser bundles, the files they fetch, the docs and snippets. */
const shipped = [
  'dist/browser/extension.js',
  'dist/browser/server.js',
  'dist/web-tree-sitter.wasm',
  'dist/tree-sitter-python.wasm',
  'dist/advisories',
  'docs/rules',
  'snippets',
  'README.md',
  'LICENSE',
];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} failed (${result.status ?? result.signal})`);
}

/** Builds (production, as `npm run package` does) and packages the browser-only variant into `out`. */
function packageWebVariant(folder) {
  if (!(process.env.PSG_VSCODE_SKIP_PACKAGE && fs.existsSync(path.join(root, 'dist', 'browser', 'server.js'))))
    run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], root);
  const staging = path.join(folder, 'web-extension');
  fs.rmSync(staging, { recursive: true, force: true });
  for (const entry of shipped) fs.cpSync(path.join(root, entry), path.join(staging, entry), { recursive: true });
  const { main: _main, bin: _bin, scripts: _scripts, devDependencies: _dev, dependencies: _deps, ...web } = manifest;
  if (!web.browser) throw new Error('package.json has no `browser` entry');
  fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(web, null, 2)}\n`);
  // Everything staged ships; the list above is the whole package.
  fs.writeFileSync(path.join(staging, '.vscodeignore'), '*.vsix\n');
  const vsix = path.join(folder, 'python-security-guide-web.vsix');
  run(
    process.execPath,
    [
      path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      '-o',
      vsix,
    ],
    staging,
  );
  return vsix;
}

/**
 * What each web worker of the page has loaded: the editor starts a worker from a blob that
 * imports the script it was asked for, so the script shows among the worker's resources.
 */
async function workerResources(page) {
  const workers = [];
  for (const worker of page.workers()) {
    try {
      const names = await worker.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      workers.push(names.map((name) => decodeURIComponent(name)));
    } catch {
      // a worker that ended meanwhile
    }
  }
  return workers;
}

async function walkThrough(page, steps, workspace, session) {
  await openUsersPy(page, steps, workbenchUrl(session, workspace), { timeout: 120_000 });

  await steps.step('The query is underlined by the server in its web worker', async () => {
    await expectOneSquiggle(page, 90_000);
    // The language server is a web worker that loaded the extension's dist/browser/server.js and
    // fetched the grammar by URL.
    const workers = await workerResources(page);
    const files = ['/dist/browser/server.js', '/dist/tree-sitter-python.wasm', '/dist/web-tree-sitter.wasm'];
    if (!workers.some((loaded) => files.every((file) => loaded.some((url) => url.includes(file)))))
      throw new Error(
        `no web worker loaded ${files.join(', ')}; the workers loaded:\n${workers.map((loaded) => loaded.join('\n')).join('\n\n')}`,
      );
  });

  await steps.step('Hover shows the explanation', () => hoverExplainsQuery(page));

  await steps.step('Ctrl+. offers Parameterize query', () => offerParameterizeQuery(page));

  await steps.step('The fix is applied and the squiggle is gone', () => applyParameterizeQuery(page));

  const container = manifest.contributes.viewsContainers.activitybar[0];
  await steps.step('The checklist lists the finding of a file that was never opened', async () => {
    const rows = await openChecklist(page, container.title);
    // login.py was never opened: only the workspace scan, reading it through the client, knows it.
    const logs = rows.filter({ hasText: 'Logs do not contain sensitive data' });
    await logs.filter({ hasText: /(?<![0-9])1 finding\b/ }).waitFor({ timeout: 60_000 });
    await logs.click();
    await rows.filter({ hasText: 'app/login.py:7' }).waitFor({ timeout: 20_000 });
  });
}

async function main() {
  const started = Date.now();
  provision();
  const folders = createRunFolder('web-tests');
  const vsix = packageWebVariant(folders.dir);
  const size = fs.statSync(vsix).size;
  const workspace = path.join(folders.dir, 'workspace');
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
  await installExtension(folders, vsix);

  const session = await startSession(folders);
  let exitCode = 0;
  try {
    const page = await newWorkbenchPage(session);
    // The extension host's and the workbench's console (the web worker extension host logs there).
    const consoleLog = path.join(folders.dir, 'browser-console.log');
    page.on('console', (message) => fs.appendFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
    const steps = new Steps(page, folders.screenshots);
    process.stdout.write(
      `The browser-only variant (${(size / 1024).toFixed(0)} KB .vsix) in code-server's web worker extension host:\n`,
    );
    await withTimeout(TIMEOUT_MS, 'the web walkthrough', () => walkThrough(page, steps, workspace, session));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write(
      `(the browser console is in ${path.relative(root, path.join(folders.dir, 'browser-console.log'))})\n`,
    );
    exitCode = 1;
  } finally {
    await session.close();
  }
  process.stdout.write(
    `\nweb walkthrough: ${exitCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, folders.screenshots)}\n`,
  );
  return exitCode;
}

exitWith(main);
