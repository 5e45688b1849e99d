import * as vscode from 'vscode';

const KEY = 'pythonSecurityGuide.checklist.manualChecks';

/** The checklist items checked off by hand, kept per workspace. */
export class ManualChecks implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get checked(): ReadonlySet<string> {
    const stored = this.state.get<unknown>(KEY);
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  }

  async set(itemId: string, checked: boolean): Promise<void> {
    const next = new Set(this.checked);
    if (checked) next.add(itemId);
    else next.delete(itemId);
    await this.state.update(KEY, [...next].sort());
    this.changed.fire();
  }

  async reset(): Promise<void> {
    await this.state.update(KEY, undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
