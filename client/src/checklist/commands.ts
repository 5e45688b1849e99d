import * as vscode from 'vscode';
import { checklistMarkdown } from '../../../server/src/shared/checklist/report';
import type { WorkspaceSummaryStore } from '../workspaceSummary';
import type { ManualChecks } from './manualChecks';
import { displayPath } from './places';
import type { ChecklistNode, ChecklistView } from './view';

const ruleIdPattern = /^[A-Z]{2,8}[0-9]{1,5}$/;

/** The checklist's commands: export as Markdown, reset or toggle manual checks, open a rule's page. */
export function registerChecklistCommands(
  context: vscode.ExtensionContext,
  view: ChecklistView,
  manual: ManualChecks,
  summaries: WorkspaceSummaryStore,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pythonSecurityGuide.checklist.exportReport', async () => {
      const content = checklistMarkdown(view.states(), {
        workspaceName: vscode.workspace.name ?? 'workspace',
        generatedAt: new Date(),
        scanState: summaries.summary?.state,
        displayPath,
      });
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(document);
    }),
    vscode.commands.registerCommand('pythonSecurityGuide.checklist.resetManualChecks', async () => {
      const reset = 'Reset';
      const answer = await vscode.window.showWarningMessage(
        'Uncheck every item of the security checklist that was checked by hand?',
        { modal: true },
        reset,
      );
      if (answer === reset) await manual.reset();
    }),
    vscode.commands.registerCommand('pythonSecurityGuide.checklist.toggleItem', async (node?: ChecklistNode) => {
      if (node?.kind !== 'item' || node.state.item.kind !== 'manual') return;
      await manual.set(node.state.item.id, node.state.status.kind !== 'checked');
    }),
    vscode.commands.registerCommand(
      'pythonSecurityGuide.openRuleDocumentation',
      async (target?: ChecklistNode | string) => {
        const ruleId = await chooseRule(context, target, summaries);
        if (!ruleId || !ruleIdPattern.test(ruleId)) return;
        const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
        try {
          await vscode.workspace.fs.stat(page);
        } catch {
          void vscode.window.showWarningMessage(`Python Security Guide has no documentation page for ${ruleId}.`);
          return;
        }
        await vscode.commands.executeCommand('markdown.showPreview', page);
      },
    ),
  ];
}

/** The rule a command was invoked for: a finding's, an item's (asking when it has several), or one picked from all. */
async function chooseRule(
  context: vscode.ExtensionContext,
  target: ChecklistNode | string | undefined,
  summaries: WorkspaceSummaryStore,
): Promise<string | undefined> {
  if (typeof target === 'string') return target;
  if (target?.kind === 'finding') return target.finding.ruleId;
  let candidates: { id: string; title: string }[];
  if (target?.kind === 'item') candidates = target.state.rules;
  else if (summaries.summary) candidates = summaries.summary.rules;
  else {
    const pages = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules'));
    candidates = pages
      .map(([name]) => name.replace(/\.md$/, ''))
      .filter((id) => ruleIdPattern.test(id))
      .map((id) => ({ id, title: '' }));
  }
  if (candidates.length <= 1) return candidates[0]?.id;
  const picked = await vscode.window.showQuickPick(
    candidates.map((rule) => ({ label: rule.id, description: rule.title })),
    { placeHolder: 'Open the documentation of which rule?' },
  );
  return picked?.label;
}
