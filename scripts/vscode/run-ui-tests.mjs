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
import { createRunFolder, installExtension, startSession, withTimeout, workbenchUrl } from './harness.mjs';
import { provision, root } from './provision.mjs';

const TIMEOUT_MS = Number(process.env.PSG_VSCODE_TIMEOUT_MS ?? 300_000);
const vsix = path.join(root, 'python-security-guide.vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function packageExtension() {
  if (process.env.PSG_VSCODE_SKIP_PACKAGE && fs.existsSync(vsix)) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(vsix)) throw new Error('`npm run package` failed');
}

class Steps {
  constructor(page, folder, prefix = '') {
    this.page = page;
    this.folder = folder;
    this.prefix = prefix;
    this.count = 0;
    this.passed = [];
  }

  /** Runs one step and saves a screenshot of what the person sees after it (also when it fails). */
  async step(name, body) {
    this.count += 1;
    const file = path.join(
      this.folder,
      `${this.prefix}${String(this.count).padStart(2, '0')}-${name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}.png`,
    );
    try {
      await body();
    } catch (error) {
      await this.page.screenshot({ path: file.replace(/\.png$/, '-FAILED.png') }).catch(() => undefined);
      throw new Error(`step "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.page.screenshot({ path: file });
    this.passed.push(name);
    process.stdout.write(`  ✓ ${name}  (${path.relative(root, file)})\n`);
  }
}

async function editorText(page) {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(
    /\u00a0/g,
    ' ',
  );
}

const explorerRow = (page, name) =>
  page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });

async function waitUntil(describe, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${describe}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const squiggles = (page) => page.locator('.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]');

async function walkThrough(page, steps, workspace, session) {
  await steps.step('Workbench with the fixture workspace', async () => {
    await page.goto(workbenchUrl(session, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
  });

  await steps.step('Open users.py from the explorer', async () => {
    const row = (name) => explorerRow(page, name);
    await row('app').click();
    await row('users.py').waitFor();
    await row('users.py').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'users.py' }).waitFor();
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'cur.execute' }).waitFor();
  });

  await steps.step('The query is underlined', async () => {
    await squiggles(page).first().waitFor({ timeout: 60_000 });
    const count = await squiggles(page).count();
    if (count !== 1) throw new Error(`expected one squiggle, saw ${count}`);
  });

  await steps.step('Hover shows the explanation', async () => {
    const box = await squiggles(page).first().boundingBox();
    if (!box) throw new Error('the squiggle has no position');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'PSG101' });
    await hover.waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    if (!/SQL query built with an f-string/.test(text)) throw new Error(`hover text: ${text}`);
  });

  await steps.step('Ctrl+. offers Parameterize query', async () => {
    await page.keyboard.press('Escape');
    const box = await squiggles(page).first().boundingBox();
    await page.mouse.click(box.x + 12, box.y + box.height / 2 - 4);
    // Move the pointer off the code so the hover does not cover the menu.
    await page.mouse.move(box.x + 12, box.y + 300);
    await page.keyboard.press('Escape');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Parameterize query' });
    // As a person would: press Ctrl+. again if the first press came before the editor was ready.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await item.waitFor({ timeout: 7_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Suppress PSG101 on this line' }).waitFor();
  });

  await steps.step('The fix is applied and the squiggle is gone', async () => {
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Parameterize query' }).click();
    await page
      .locator('.editor-instance .monaco-editor .view-lines', { hasText: '(username,)' })
      .waitFor({ timeout: 20_000 });
    const text = await editorText(page);
    if (!text.includes('cur.execute("SELECT * FROM users WHERE username = ?", (username,))'))
      throw new Error(`editor shows:\n${text}`);
    await squiggles(page).first().waitFor({ state: 'detached', timeout: 20_000 });
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
      await page
        .locator(
          `.activitybar .action-item a[aria-label^="${container.title}"], .activitybar .action-item[aria-label^="${container.title}"]`,
        )
        .first()
        .click();
      const rows = page.locator('.part.sidebar .monaco-list-row');
      await rows.first().waitFor({ timeout: 30_000 });
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
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (error) => process.stderr.write(`[workbench page error] ${error.message}\n`));
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
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (error) => process.stderr.write(`[workbench page error] ${error.message}\n`));
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

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
