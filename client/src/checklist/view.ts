import * as vscode from 'vscode';
import { checklistStatus, describeStatus, ItemState } from '../../../server/src/shared/checklist/status';
import type { SummaryFinding } from '../../../server/src/shared/workspaceSummary';
import { checklist } from '../../../server/src/shared/checklistItems';
import type { WorkspaceSummaryStore } from '../workspaceSummary';
import type { ManualChecks } from './manualChecks';
import { displayPath, openCommand, REVEAL_NOTEBOOK_CELL, revealNotebookCell } from './places';

export type ChecklistNode =
  { kind: 'item'; state: ItemState } | { kind: 'finding'; finding: SummaryFinding } | { kind: 'more'; count: number };

/** Findings listed under a failing item; the rest are counted. */
const MAX_FINDINGS_SHOWN = 200;

const icons: Record<ItemState['status']['kind'], vscode.ThemeIcon | undefined> = {
  passed: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  failing: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  'not-applicable': new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  pending: new vscode.ThemeIcon('loading~spin'),
  'no-rules': new vscode.ThemeIcon('question'),
  checked: undefined,
  unchecked: undefined,
};

/** The security checklist as a tree: items with their live status, findings under failing items. */
export class ChecklistView implements vscode.TreeDataProvider<ChecklistNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly summaries: WorkspaceSummaryStore,
    private readonly manual: ManualChecks,
  ) {
    this.subscriptions = [
      summaries.onDidChange(() => this.changed.fire()),
      manual.onDidChange(() => this.changed.fire()),
      vscode.commands.registerCommand(REVEAL_NOTEBOOK_CELL, revealNotebookCell),
    ];
  }

  /** The statuses as shown, for the view and the report. */
  states(): ItemState[] {
    return checklistStatus(checklist, this.summaries.summary, this.manual.checked);
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (!node) {
      // Without Python files the welcome content shows instead.
      if (this.summaries.summary?.pythonFiles === 0) return [];
      return this.states().map((state) => ({ kind: 'item', state }));
    }
    if (node.kind !== 'item' || node.state.status.kind !== 'failing') return [];
    const { findings, count } = node.state.status;
    const children: ChecklistNode[] = findings
      .slice(0, MAX_FINDINGS_SHOWN)
      .map((finding) => ({ kind: 'finding', finding }));
    if (count > children.length) children.push({ kind: 'more', count: count - children.length });
    return children;
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`… and ${node.count} more (see the Problems panel)`);
      item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
      return item;
    }
    if (node.kind === 'finding') {
      const { finding } = node;
      const uri = vscode.Uri.parse(finding.uri);
      const item = new vscode.TreeItem(`${displayPath(finding.uri, finding.cell)}:${finding.range.start.line + 1}`);
      item.description = `${finding.ruleId} ${finding.message}`;
      item.tooltip = `${finding.ruleId}: ${finding.message}`;
      item.iconPath = new vscode.ThemeIcon(
        finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
      );
      item.resourceUri = uri;
      item.contextValue = 'finding';
      item.command = openCommand(finding);
      return item;
    }
    const { item: checklistItem, status, rules } = node.state;
    const item = new vscode.TreeItem(
      checklistItem.title,
      status.kind === 'failing' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = checklistItem.id;
    item.description = describeStatus(status);
    const tooltip = new vscode.MarkdownString(
      `**${checklistItem.title}**\n\n${checklistItem.description}\n\n*${describeStatus(status)}*`,
    );
    if (rules.length)
      tooltip.appendMarkdown(`\n\nRules: ${rules.map((rule) => `${rule.id} ${rule.title}`).join(', ')}`);
    item.tooltip = tooltip;
    if (checklistItem.kind === 'manual') {
      item.checkboxState =
        status.kind === 'checked' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
      item.contextValue = 'manualItem';
    } else {
      item.iconPath = icons[status.kind];
      item.contextValue = rules.length ? 'automaticItem' : 'automaticItemWithoutRules';
    }
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
