import type { SummaryFinding } from '../shared/workspaceSummary';
import type { HoverFinding } from './hover';
import { findingsHolding } from './summaryFindings';

/** Told of every analysis of an open document or notebook and of every close (the workspace scan, for its summary). */
export interface DocumentResultsObserver {
  /** `findings` are on the document's URI, or for a notebook on its cells' URIs; `modules`: what it imports. */
  documentAnalyzed(uri: string, findings: readonly SummaryFinding[], modules: readonly string[]): void;
  documentClosed(uri: string): void;
}

/**
 * The one owner of the results of the open documents' and notebooks' last analyses: the text and
 * notebook sessions put each result here when they publish it, hover reads it, and the workspace
 * scan hears of it (see DocumentResultsObserver) instead of analysing open files itself.
 */
export class DocumentResults {
  /** Per place a finding is on (a document, or a notebook's cell), the findings of the last analysis. */
  private readonly byPlace = new Map<string, HoverFinding[]>();
  /** Per open document or notebook, the places its last result put findings on. */
  private readonly places = new Map<string, string[]>();
  private observer: DocumentResultsObserver | undefined;

  /** Tells `observer` about every result and close from now on. */
  observe(observer: DocumentResultsObserver): void {
    this.observer = observer;
  }

  /** The result of the last analysis of the document or notebook `uri` replaces the one before. */
  analyzed(uri: string, findings: readonly HoverFinding[], modules: readonly string[]): void {
    this.forgetPlaces(uri);
    const places: string[] = [];
    for (const finding of findings) {
      let list = this.byPlace.get(finding.uri);
      if (!list) {
        this.byPlace.set(finding.uri, (list = []));
        places.push(finding.uri);
      }
      list.push(finding);
    }
    this.places.set(uri, places);
    this.observer?.documentAnalyzed(uri, findings, modules);
  }

  /** The document or notebook `uri` was closed: its result goes. */
  closed(uri: string): void {
    this.forgetPlaces(uri);
    this.places.delete(uri);
    this.observer?.documentClosed(uri);
  }

  /** The findings of the last analysis whose range holds the position of `uri` (a document or a cell), for hover. */
  findingsAt(uri: string, line: number, character: number): HoverFinding[] {
    return findingsHolding(this.byPlace.get(uri) ?? [], line, character);
  }

  private forgetPlaces(uri: string): void {
    for (const place of this.places.get(uri) ?? []) this.byPlace.delete(place);
  }
}
