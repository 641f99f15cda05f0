// Ctrl-C (SIGINT) or SIGTERM during a run: one handler for the whole run. Each stage says, while it runs,
// what an interruption must undo (a half-written report, an open database, the analysis queue); the handler
// undoes it, newest first, and exits 130. Nothing is left half-written where a report is expected.
import { EXIT } from './exit-codes.js';

export class Interruption {
  private readonly undo: (() => void)[] = [];
  private readonly handler = (): void => this.fire();

  constructor() {
    process.on('SIGINT', this.handler);
    process.on('SIGTERM', this.handler);
  }

  /** Runs `fn` if the run is interrupted before the returned function is called. */
  onInterrupt(fn: () => void): () => void {
    this.undo.push(fn);
    return () => {
      const i = this.undo.lastIndexOf(fn);
      if (i >= 0) this.undo.splice(i, 1);
    };
  }

  private fire(): void {
    for (const fn of this.undo.splice(0).reverse()) {
      try {
        fn();
      } catch {
        // on the way out: the next step still runs
      }
    }
    process.exit(EXIT.INTERRUPTED); // the pool kills its children as the process exits
  }

  close(): void {
    process.off('SIGINT', this.handler);
    process.off('SIGTERM', this.handler);
  }
}
