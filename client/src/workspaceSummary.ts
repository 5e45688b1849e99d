import * as vscode from 'vscode';
import type { WorkspaceSummary } from '../../server/src/shared/workspaceSummary';

/** The latest workspace summary from the language server, for the checklist view and the status bar. */
export class WorkspaceSummaryStore implements vscode.Disposable {
  private current: WorkspaceSummary | undefined;
  private readonly changed = new vscode.EventEmitter<WorkspaceSummary | undefined>();
  readonly onDidChange = this.changed.event;

  get summary(): WorkspaceSummary | undefined {
    return this.current;
  }

  update(summary: WorkspaceSummary | undefined): void {
    this.current = summary;
    void vscode.commands.executeCommand(
      'setContext',
      'pythonSecurityGuide.noPythonFiles',
      summary !== undefined && summary.pythonFiles === 0,
    );
    this.changed.fire(summary);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
