// A person's view: packages the extension (`npm run package`), installs the .vsix into code-server,
// opens the fixture workspace in Chromium and clicks through it as a person would — open a file from
// the explorer, see the squiggle, hover it, Ctrl+. → "Parameterize query", see the squiggle go, open
// the checklist from the activity bar when the extension contributes one. A screenshot per step goes
// to .test-output/vscode/ui-tests/screenshots/.
//
// Then every walkthrough of test/vscode/walkthroughs/*.walkthrough.mjs runs in its own window on its own
// copy of the fixture workspace; each exports `name`, `title` and `walkThrough({ page, steps, url })`.
//
//   node scripts/vscode/run-ui-tests.mjs            (PSG_VSCODE_SKIP_PACKAGE=1 reuses python-security-guide.vsix)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { explorerRow, squiggles, waitUntil } from '../../test/vscode/walkthroughs/workbench.mjs';
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
const vsix = path.join(root, 'python-security-guide.vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function packageExtension() {
  if (process.env.PSG_VSCODE_SKIP_PACKAGE && fs.existsSync(vsix)) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(vsix)) throw new Error('`npm run package` failed');
}

async function walkThrough(page, steps, workspace, session) {
  await openUsersPy(page, steps, workbenchUrl(session, workspace));

  await steps.step('The query is underlined', () => expectOneSquiggle(page, 60_000));

  await steps.step('Hover shows the explanation', () => hoverExplainsQuery(page));

  await steps.step('Ctrl+. offers Parameterize query', async () => {
    await offerParameterizeQuery(page);
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Suppress PSG101 on this line' }).waitFor();
  });

  await steps.step('The fix is applied and the squiggle is gone', async () => {
    await applyParameterizeQuery(page);
    // The explorer's problem badge follows the markers a moment later.
    await waitUntil(
      'the explorer badge of users.py to clear',
      async () => (await explorerRow(page, 'users.py').innerText()).trim() === 'users.py',
    );
  });

  await crossFileFlow(page, steps);

  const container = manifest.contributes?.viewsContainers?.activitybar?.[0];
  if (container) {
    await steps.step('The checklist in the activity bar', async () => {
      const rows = await openChecklist(page, container.title);
      // Widen the side bar by its sash, as a person would, so that the statuses are not cut off.
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + sidebar.height / 2);
        await page.mouse.down();
        await page.mouse.move(sidebar.x + 560, sidebar.y + sidebar.height / 2, { steps: 8 });
        await page.mouse.up();
      }
      // login.py was left as it is: its item fails with a count.
      const logs = rows.filter({ hasText: 'Logs do not contain sensitive data' });
      await logs.filter({ hasText: /(?<![0-9])1 finding\b/ }).waitFor({ timeout: 30_000 });
      const count = await rows.count();
      if (count < 10) throw new Error(`the checklist shows ${count} items`);
    });

    await steps.step('A failing checklist item lists its finding', async () => {
      const rows = page.locator('.part.sidebar .monaco-list-row');
      await rows.filter({ hasText: 'Logs do not contain sensitive data' }).click();
      await rows.filter({ hasText: 'app/login.py:7' }).waitFor({ timeout: 20_000 });
    });
  }
}

/** A sink in app/storage.py reached from a handler in app/upload.py: the Problems panel lists the steps in both files. */
async function crossFileFlow(page, steps) {
  await steps.step('A flow across files in the Problems panel', async () => {
    await explorerRow(page, 'storage.py').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'storage.py' }).waitFor();
    await squiggles(page).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'request.args' }).first().waitFor({ timeout: 30_000 });
    // The steps in upload.py, the file the request data came from, are listed under the finding in storage.py.
    await rows.filter({ hasText: 'upload.py' }).first().waitFor({ timeout: 20_000 });
    await rows
      .filter({ hasText: /reaches `open`/ })
      .first()
      .waitFor({ timeout: 20_000 });
  });
  await page.keyboard.press('Control+Shift+M');
}

const fixtureWorkspace = path.join(root, 'test', 'vscode', 'fixtures', 'workspace');
const walkthroughsDir = path.join(root, 'test', 'vscode', 'walkthroughs');

/** The other walkthroughs, each in a new window on its own copy of the fixture workspace. */
async function otherWalkthroughs(session, folders) {
  const files = fs.existsSync(walkthroughsDir)
    ? fs
        .readdirSync(walkthroughsDir)
        .filter((file) => file.endsWith('.walkthrough.mjs'))
        .sort()
    : [];
  for (const file of files) {
    const walkthrough = await import(pathToFileURL(path.join(walkthroughsDir, file)).href);
    const workspace = path.join(folders.dir, `workspace-${walkthrough.name}`);
    fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
    const page = await newWorkbenchPage(session);
    process.stdout.write(`\n${walkthrough.title}:\n`);
    const steps = new Steps(page, folders.screenshots, `${walkthrough.name}-`);
    await withTimeout(TIMEOUT_MS, walkthrough.title, () =>
      walkthrough.walkThrough({ page, steps, url: workbenchUrl(session, workspace) }),
    );
    await page.close();
  }
}

async function main() {
  const started = Date.now();
  provision();
  packageExtension();
  const folders = createRunFolder('ui-tests');
  const workspace = path.join(folders.dir, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  await installExtension(folders, vsix);

  const session = await startSession(folders);
  let exitCode = 0;
  try {
    const page = await newWorkbenchPage(session);
    const steps = new Steps(page, folders.screenshots);
    process.stdout.write('A person using the packaged extension in code-server:\n');
    await withTimeout(TIMEOUT_MS, 'the walkthrough', () => walkThrough(page, steps, workspace, session));
    await otherWalkthroughs(session, folders);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  } finally {
    await session.close();
  }
  process.stdout.write(
    `\nreal-editor walkthrough: ${exitCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, folders.screenshots)}\n`,
  );
  return exitCode;
}

exitWith(main);
