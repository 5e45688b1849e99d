// What the desktop walkthrough (run-ui-tests.mjs) and the web walkthrough (run-web-tests.mjs) share:
// a screenshot per step, a page of the workbench, and the steps on the fixture's app/users.py that
// both take — open it, see the squiggle and its hover, Ctrl+. → "Parameterize query", see the fix —
// and opening the checklist from the activity bar. Each runner adds only what it checks on top.
import * as path from 'path';
import {
  hoverSquiggle,
  openFromExplorer,
  openWorkbench,
  quickFixMenu,
  squiggles,
} from '../../test/vscode/walkthroughs/workbench.mjs';
import { root } from './provision.mjs';

export class Steps {
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

/** The steps on app/users.py up to the squiggle: the workbench, the file opened from the explorer. */
export async function openUsersPy(page, steps, url, gotoOptions) {
  await steps.step('Workbench with the fixture workspace', () => openWorkbench(page, url, gotoOptions));

  await steps.step('Open users.py from the explorer', async () => {
    await openFromExplorer(page, 'app', 'users.py');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'cur.execute' }).waitFor();
  });
}

/** Waits for the squiggles of the active editor and expects exactly one. */
export async function expectOneSquiggle(page, timeoutMs) {
  await squiggles(page).first().waitFor({ timeout: timeoutMs });
  const count = await squiggles(page).count();
  if (count !== 1) throw new Error(`expected one squiggle, saw ${count}`);
}

/** The hover of the query's squiggle explains the finding. */
export async function hoverExplainsQuery(page) {
  const hover = await hoverSquiggle(page, 'PSG101');
  const text = await hover.innerText();
  if (!/SQL query built with an f-string/.test(text)) throw new Error(`hover text: ${text}`);
}

/** Closes the hover and presses Ctrl+. on the squiggle until the menu offers "Parameterize query". */
export async function offerParameterizeQuery(page) {
  await page.keyboard.press('Escape');
  await quickFixMenu(page, 'Parameterize query');
}

/** Applies "Parameterize query" from the open menu and waits for the new text and for the squiggle to go. */
export async function applyParameterizeQuery(page) {
  await page.locator('.action-widget .monaco-list-row', { hasText: 'Parameterize query' }).click();
  await page
    .locator('.editor-instance .monaco-editor .view-lines', { hasText: '(username,)' })
    .waitFor({ timeout: 20_000 });
  const text = await editorText(page);
  if (!text.includes('cur.execute("SELECT * FROM users WHERE username = ?", (username,))'))
    throw new Error(`editor shows:\n${text}`);
  await squiggles(page).first().waitFor({ state: 'detached', timeout: 20_000 });
}

/** Opens the activity-bar view container titled `title` and returns the rows of the side bar once one shows. */
export async function openChecklist(page, title) {
  await page
    .locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`)
    .first()
    .click();
  const rows = page.locator('.part.sidebar .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  return rows;
}
