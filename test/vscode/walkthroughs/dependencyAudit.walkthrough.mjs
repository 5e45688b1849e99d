// A known-vulnerable pin in requirements.txt: the squiggle, the hover with the advisory and its
// links, and the fix that raises the pin.
import { hoverSquiggle, openFromExplorer, openWorkbench, quickFixMenu, squiggles } from './workbench.mjs';

export const name = 'dependency-audit';
export const title = 'A known-vulnerable dependency in requirements.txt';

export async function walkThrough({ page, steps, url }) {
  const lines = page.locator('.editor-instance .monaco-editor .view-lines');

  await steps.step('Workbench with the fixture workspace', () => openWorkbench(page, url));

  await steps.step('Open deps/requirements.txt from the explorer', async () => {
    await openFromExplorer(page, 'deps', 'requirements.txt');
    await lines.filter({ hasText: 'flask==2.2.4' }).waitFor();
  });

  await steps.step('The vulnerable pin is underlined', async () => {
    await squiggles(page).first().waitFor({ timeout: 60_000 });
    const count = await squiggles(page).count();
    if (count !== 1) throw new Error(`expected one squiggle (flask==2.2.4; requests==2.32.3 is safe), saw ${count}`);
  });

  await steps.step('The hover lists the advisory with its links and fixed versions', async () => {
    const hover = await hoverSquiggle(page, 'PYSEC-2023-62');
    // The problem's own text shows first; the extension's hover (with the links) renders beside it a moment later.
    await hover.locator('a', { hasText: 'PYSEC-2023-62' }).first().waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    for (const expected of ['CVE-2023-30861', 'GHSA-m2qf-hxjv-5gpq', 'fixed in 2.2.5, 2.3.2', 'PSG803'])
      if (!text.includes(expected)) throw new Error(`the hover does not say ${expected}:\n${text}`);
    // The ids are links (the editor opens them when clicked; the extension fetches nothing).
    const links = await hover
      .locator('a')
      .evaluateAll((anchors) =>
        anchors.map((anchor) => anchor.getAttribute('data-href') ?? anchor.getAttribute('href')),
      );
    for (const expected of [
      'https://osv.dev/vulnerability/PYSEC-2023-62',
      'https://www.cve.org/CVERecord?id=CVE-2023-30861',
      'https://github.com/advisories/GHSA-m2qf-hxjv-5gpq',
    ])
      if (!links.includes(expected)) throw new Error(`no link to ${expected} in the hover: ${links.join(', ')}`);
  });

  await steps.step('Ctrl+. offers Raise flask to 2.2.5', async () => {
    await page.keyboard.press('Escape');
    await quickFixMenu(page, 'Raise flask to 2.2.5');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Suppress PSG803 on this line' }).waitFor();
  });

  await steps.step('The pin is raised and the squiggle is gone', async () => {
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Raise flask to 2.2.5' }).click();
    await lines.filter({ hasText: 'flask==2.2.5' }).waitFor({ timeout: 20_000 });
    await squiggles(page).first().waitFor({ state: 'detached', timeout: 20_000 });
  });
}
