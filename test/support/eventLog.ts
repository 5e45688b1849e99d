/** Events in the order they arrived (a server's notifications, say), and a wait for the first one that passes a test. */
export class EventLog<E> {
  readonly events: E[] = [];
  private readonly waiters: { test: (event: E) => boolean; resolve: (event: E) => void }[] = [];

  record(event: E): void {
    this.events.push(event);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].test(event)) this.waiters.splice(i, 1)[0].resolve(event);
    }
  }

  /** The first event (already seen from the `from`-th on, or to come) that passes `test`. */
  when(test: (event: E) => boolean, from = 0): Promise<E> {
    const seen = this.events.slice(from).find(test);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}
