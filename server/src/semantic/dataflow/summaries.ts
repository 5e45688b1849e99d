import type { TaintValue } from './value';

/** Non-constant summary of a same-file function: what its return value carries, parameters included. */
export interface Summary {
  returns: TaintValue;
  parameters: string[];
  /** The `*args` and `**kwargs` parameters, by name, when the function has them. */
  rest?: string;
  keywords?: string;
}

const MAX_CACHED_SUMMARIES = 2000;

/**
 * Function summaries kept from one analysis of a file to the next, under the function's text and
 * what the text means (imports, settings): an edit re-analyses only functions whose text changed.
 * Owned by whoever runs the analyses (the engine), so two engines never share one; offsets are
 * stored relative to the function's start.
 */
export class TaintSummaryCache {
  /** How often a summary was reused from an earlier analysis, and how often one was computed (for measurements). */
  hits = 0;
  misses = 0;
  private readonly entries = new Map<string, Summary>();

  get(key: string): Summary | undefined {
    const summary = this.entries.get(key);
    if (summary) {
      this.hits++;
      // Most recently used last: the oldest entry goes first when the cache is full.
      this.entries.delete(key);
      this.entries.set(key, summary);
    }
    return summary;
  }

  /** Counts a summary that had to be computed. */
  missed(): void {
    this.misses++;
  }

  set(key: string, summary: Summary): void {
    this.entries.delete(key);
    this.entries.set(key, summary);
    if (this.entries.size > MAX_CACHED_SUMMARIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
