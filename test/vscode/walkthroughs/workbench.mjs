// What the walkthroughs of this folder share: finding things in the workbench as a person sees them.

/** A row of the explorer by its label. */
export const explorerRow = (page, name) =>
  page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) });

/**
 * The squiggles of the active text editor, or with `notebook` those of the notebook editor's cells
 * (the workbench draws a notebook in an overlay of its own, outside the text editors).
 */
export const squiggles = (page, { notebook = false } = {}) =>
  page.locator(
    `${notebook ? '.notebook-editor' : '.editor-instance'} .monaco-editor .view-overlays [class*="squiggly-"]`,
  );

export async function waitUntil(describe, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${describe}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the workbench on the walkthrough's workspace and waits for the explorer (`gotoOptions` for `page.goto`). */
export async function openWorkbench(page, url, gotoOptions) {
  await page.goto(url, gotoOptions);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
}

/** Opens `folder/file` from the explorer, as a person would. */
export async function openFromExplorer(page, folder, file) {
  await explorerRow(page, folder).click();
  await explorerRow(page, file).waitFor();
  await explorerRow(page, file).click();
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
}

/** Puts the cursor on the first squiggle and presses Ctrl+. until the menu offers `title` (the first press may come before the editor is ready). */
export async function quickFixMenu(page, title, where = {}) {
  const box = await squiggles(page, where).first().boundingBox();
  if (!box) throw new Error('the squiggle has no position');
  await page.mouse.click(box.x + 12, box.y + box.height / 2 - 4);
  // Move the pointer off the code so that no hover covers the menu; Escape closes one that opened
  // (in a notebook it would leave the cell's editor, so there the pointer alone must do).
  await page.mouse.move(box.x + 12, box.y + 300);
  if (!where.notebook) await page.keyboard.press('Escape');
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ timeout: 7_000 });
      return item;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Hovers the first squiggle and waits for a hover that says `text`. */
export async function hoverSquiggle(page, text) {
  const box = await squiggles(page).first().boundingBox();
  if (!box) throw new Error('the squiggle has no position');
  await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2 - 4);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text });
  await hover.waitFor({ timeout: 20_000 });
  return hover;
}
