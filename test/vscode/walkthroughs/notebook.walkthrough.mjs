// A Jupyter notebook: the finding on the cell that loads YAML (its import is in the cell above),
// the lightbulb and Ctrl+. menu on the cell, and the fix applied to that cell only.
import { openFromExplorer, openWorkbench, quickFixMenu, squiggles } from './workbench.mjs';

export const name = 'notebook';
export const title = 'A finding in a Jupyter notebook cell';

const inCells = { notebook: true };

export async function walkThrough({ page, steps, url }) {
  const cells = page.locator('.notebook-editor .cell-editor-container .monaco-editor .view-lines');

  await steps.step('Workbench with the fixture workspace', () => openWorkbench(page, url));

  await steps.step('Open notebooks/settings.ipynb from the explorer', async () => {
    await openFromExplorer(page, 'notebooks', 'settings.ipynb');
    await cells.filter({ hasText: 'import yaml' }).waitFor({ timeout: 60_000 });
    await cells.filter({ hasText: 'yaml.load(handle, Loader=yaml.Loader)' }).waitFor();
  });

  await steps.step('The cell that loads the YAML is underlined', async () => {
    await squiggles(page, inCells).first().waitFor({ timeout: 60_000 });
    const count = await squiggles(page, inCells).count();
    if (count !== 1) throw new Error(`expected one squiggle, saw ${count}`);
    const cell = page.locator('.notebook-editor .cell-editor-container', { has: page.locator('[class*="squiggly-"]') });
    if (!(await cell.innerText()).includes('yaml.load(handle'))
      throw new Error('the squiggle is not in the third cell');
  });

  await steps.step('The lightbulb shows on the line of the finding', async () => {
    const box = await squiggles(page, inCells).first().boundingBox();
    if (!box) throw new Error('the squiggle has no position');
    await page.mouse.click(box.x + 12, box.y + box.height / 2 - 4);
    await page.mouse.move(box.x + 12, box.y + 300);
    // The gutter's light bulb (or the editor's light bulb widget, whichever the editor shows).
    await page
      .locator('.notebook-editor')
      .locator('[class*="light-bulb"], [class*="lightbulb"], [class*="lightBulb"]')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 20_000 });
  });

  await steps.step('Ctrl+. on the cell offers Use yaml.safe_load', async () => {
    await quickFixMenu(page, 'Use yaml.safe_load', inCells);
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Suppress PSG702 on this line' }).waitFor();
  });

  await steps.step('The fix is applied to the cell and the squiggle is gone', async () => {
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Use yaml.safe_load' }).click();
    await cells.filter({ hasText: 'settings = yaml.safe_load(handle)' }).waitFor({ timeout: 20_000 });
    await squiggles(page, inCells).first().waitFor({ state: 'detached', timeout: 20_000 });
    if ((await cells.filter({ hasText: 'import yaml' }).count()) !== 1) throw new Error('the import cell changed');
  });
}
