import * as vscode from 'vscode';
import type { WorkspaceSummary } from '../../server/src/shared/workspaceSummary';
import type { WorkspaceSummaryStore } from './workspaceSummary';

/** Text and tooltip of the status bar item for a summary (undefined: no summary yet). */
export function statusBarContent(summary: WorkspaceSummary | undefined): { text: string; tooltip: string } {
  if (!summary) return { text: '$(shield) $(sync~spin)', tooltip: 'Python Security Guide: starting' };
  const { error, warning, information, hint } = summary.bySeverity;
  const scanning = summary.state === 'scanning' ? ' $(sync~spin)' : '';
  const text = `$(shield) $(error) ${error} $(warning) ${warning} $(info) ${information + hint}${scanning}`;
  const state =
    summary.state === 'scanning'
      ? 'Scanning the workspace… '
      : summary.state === 'cancelled'
        ? 'The workspace scan was cancelled. '
        : '';
  const tooltip = `Python Security Guide: ${state}${error} errors, ${warning} warnings, ${information} information, ${hint} hints in ${summary.pythonFiles} Python files. Click to open the security checklist.`;
  return { text, tooltip };
}

/** The workspace's finding count by severity; a click opens the checklist. */
export function createStatusBar(summaries: WorkspaceSummaryStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('pythonSecurityGuide.findings', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Python Security Guide';
  item.command = 'pythonSecurityGuide.checklist.focus';
  const render = () => {
    const { text, tooltip } = statusBarContent(summaries.summary);
    item.text = text;
    item.tooltip = tooltip;
    item.show();
  };
  render();
  const subscription = summaries.onDidChange(render);
  return vscode.Disposable.from(item, subscription);
}
