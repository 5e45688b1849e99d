import type {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  Message,
} from 'vscode-languageclient';

/** The two enums of vscode-languageclient, passed in so this module loads without VS Code. */
export interface ClientActions {
  ErrorAction: { Continue: ErrorAction; Shutdown: ErrorAction };
  CloseAction: { DoNotRestart: CloseAction; Restart: CloseAction };
}

export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs`; one more crash in that time and the server stays stopped. */
  maxRestarts?: number;
  windowMs?: number;
  /** Connection errors tolerated before the client shuts the connection down. */
  maxErrors?: number;
  now?: () => number;
}

/**
 * What happens when the language server dies: it is restarted a bounded number of times (so a
 * server that crashes on start does not restart forever), and the user is told once that it was
 * restarted, then once more if it stays stopped. The client's own pop-ups are replaced by these.
 */
export class RestartPolicy implements ErrorHandler {
  private readonly restarts: number[] = [];
  private toldRestarted = false;
  private toldStopped = false;
  private readonly maxRestarts: number;
  private readonly windowMs: number;
  private readonly maxErrors: number;
  private readonly now: () => number;

  constructor(
    private readonly actions: ClientActions,
    private readonly notify: (message: string) => void,
    options: RestartPolicyOptions = {},
  ) {
    this.maxRestarts = options.maxRestarts ?? 4;
    this.windowMs = options.windowMs ?? 3 * 60_000;
    this.maxErrors = options.maxErrors ?? 3;
    this.now = options.now ?? Date.now;
  }

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    if ((count ?? 0) <= this.maxErrors) return { action: this.actions.ErrorAction.Continue, handled: true };
    return { action: this.actions.ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    while (this.restarts.length && now - this.restarts[0] > this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.maxRestarts) {
      if (!this.toldStopped) {
        this.toldStopped = true;
        this.notify(
          `Python Security Guide: the language server stopped ${this.maxRestarts + 1} times in ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted. See the output channel, then run "Python Security Guide: Restart Language Server".`,
        );
      }
      return { action: this.actions.CloseAction.DoNotRestart, handled: true };
    }
    this.restarts.push(now);
    if (!this.toldRestarted) {
      this.toldRestarted = true;
      this.notify(
        'Python Security Guide: the language server stopped unexpectedly and was restarted. See the output channel for details.',
      );
    }
    return { action: this.actions.CloseAction.Restart, handled: true };
  }

  /** After a restart the user asked for: the count starts again. */
  reset(): void {
    this.restarts.length = 0;
    this.toldRestarted = false;
    this.toldStopped = false;
  }
}
