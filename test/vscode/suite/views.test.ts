import * as vscode from 'vscode';
import { contributes, extension, openFixture, revertAll, waitFor } from './helpers';

interface ViewContribution {
  id: string;
  name: string;
}

const containers = (): { id: string; title: string }[] =>
  (contributes().viewsContainers as Record<string, { id: string; title: string }[]> | undefined)?.activitybar ?? [];
const views = (): ViewContribution[] =>
  Object.values((contributes().views as Record<string, ViewContribution[]> | undefined) ?? {}).flat();

describe('contributed views', function () {
  // Whether this block has tests depends on package.json: with no views contributed, there is nothing to check.
  if (views().length === 0) return;

  before(async () => {
    await openFixture('app/users.py');
    await waitFor('the extension to activate', () => extension().isActive);
    await extension().activate();
  });
  after(revertAll);

  for (const container of containers()) {
    it(`the activity bar container "${container.title}" opens`, async () => {
      await vscode.commands.executeCommand(`workbench.view.extension.${container.id}`);
    });
  }

  for (const view of views()) {
    it(`the view "${view.name}" (${view.id}) can be focused`, async () => {
      await vscode.commands.executeCommand(`${view.id}.focus`);
    });
  }
});
