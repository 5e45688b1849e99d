import { Edit } from 'web-tree-sitter';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { PythonParser, Tree } from '../parser/parser';
import { LineIndex } from '../core/text';
import type { Dirty } from '../engine/triggers';
import { filePathOf } from './uris';

/** An open document: its text, version and, once it has been analysed, the tree for exactly that version. */
export interface OpenDocument {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  /** Built on first analysis (a file over the size limit is never parsed), then kept up to date incrementally. */
  tree?: Tree;
}

/** An open document with its tree, ready to analyse. */
export type ParsedDocument = OpenDocument & { tree: Tree };

function pointOf(lines: LineIndex, offset: number): { row: number; column: number } {
  const position = lines.position(offset);
  return { row: position.line, column: position.character };
}

/**
 * Open documents, parsed when first analysed and incrementally on edits after that: each range change is applied
 * to the text and to the old tree (`tree.edit`), then the tree is re-parsed with the old one and
 * the old one deleted (WASM memory never shrinks).
 *
 * The trees of the two versions before the current one are kept with their texts, and while they have syntax errors,
 * that of the last version without any: an edit that gives one of those texts back (a character typed, then
 * deleted; an undo) is parsed from that tree, unedited, instead of from the tree of the version before. That version
 * may have restructured much of the tree (a quote that opens a string to the end of the file), and parsing the text
 * back from it costs about as much as the parse that made it.
 */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  /** Documents whose tree came from an incremental parse that recovered from syntax errors. */
  private readonly unsettled = new WeakSet<OpenDocument>();
  /** Per document, what changed since its tree was last taken for analysis: a range, or everything. */
  private readonly changes = new Map<string, Dirty | 'all'>();
  /** Per document: earlier versions' texts and trees, newest first (see the class's comment). */
  private readonly earlier = new Map<string, { text: string; tree: Tree; errors: boolean }[]>();
  /** Per document whose parse was left unfinished (see `change`): the earlier tree, edited, that it starts from. */
  private readonly unparsed = new Map<string, Tree>();

  constructor(private readonly parser: PythonParser) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  /** The current text of the open document of a file (by its path), if one is open. */
  textOfFile(file: string): string | undefined {
    for (const document of this.documents.values()) if (filePathOf(document.uri) === file) return document.text;
    return undefined;
  }

  /** The current texts of the open documents that are files (path → text). */
  textsOfFiles(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const document of this.documents.values()) {
      const file = filePathOf(document.uri);
      if (file) texts.set(file, document.text);
    }
    return texts;
  }

  open(uri: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const document: OpenDocument = { uri, version, text, lines: new LineIndex(text) };
    this.documents.set(uri, document);
    this.changes.set(uri, 'all');
    return document;
  }

  /**
   * Applies a document's changes. With a budget (milliseconds), a parse that runs past it is left unfinished: the
   * document has no tree until `parsePending` or `parsedForAnalysis` finishes it, and a later change starts its own
   * parse from the same earlier tree, edited again.
   */
  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
    budgetMs = Infinity,
  ): OpenDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    let { text, lines } = document;
    // The tree to edit: the document's, or while its parse is unfinished, the earlier one that parse started from.
    const tree = document.tree ?? this.unparsed.get(uri);
    this.unparsed.delete(uri);
    let incremental = tree !== undefined;
    // Before the edits (`tree.edit` changes the tree).
    if (document.tree) this.keepEarlier(uri, document.text, document.tree);
    let dirty = this.changes.get(uri);
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        text = change.text;
        lines = new LineIndex(text);
        incremental = false;
        dirty = 'all';
        continue;
      }
      const start = lines.offset(change.range.start.line, change.range.start.character);
      const end = Math.max(start, lines.offset(change.range.end.line, change.range.end.character));
      if (dirty !== 'all') dirty = mergeEdit(dirty, start, end, change.text.length);
      const next = text.slice(0, start) + change.text + text.slice(end);
      const nextLines = lines.edited(next, start, end, change.text.length);
      if (incremental) {
        tree!.edit(
          new Edit({
            startIndex: start,
            oldEndIndex: end,
            newEndIndex: start + change.text.length,
            startPosition: pointOf(lines, start),
            oldEndPosition: pointOf(lines, end),
            newEndPosition: pointOf(nextLines, start + change.text.length),
          }),
        );
      }
      text = next;
      lines = nextLines;
    }
    // The unfinished parse of the text before, if any, is not needed any more.
    this.parser.abandon(document.text);
    const updated: OpenDocument = { uri, version, text, lines };
    this.documents.set(uri, updated);
    if (dirty) this.changes.set(uri, dirty);
    if (!incremental) {
      tree?.delete();
      return updated;
    }
    const same = this.earlier.get(uri)?.find((version) => version.text === text);
    const parsed = same
      ? this.reparse(text, same.tree)
      : budgetMs === Infinity
        ? this.parser.parse(text, tree)
        : this.parser.parseWithin(text, tree, budgetMs);
    if (parsed) this.parsed(updated, parsed, tree!);
    else this.unparsed.set(uri, tree!);
    return updated;
  }

  /** Whether the document's parse was left unfinished (see `change`). */
  isParsing(uri: string): boolean {
    return this.unparsed.has(uri);
  }

  /**
   * Goes on with the document's unfinished parse for at most about `budgetMs`: true once the document has its tree
   * (or has no unfinished parse).
   */
  parsePending(uri: string, budgetMs: number): boolean {
    const document = this.documents.get(uri);
    const old = this.unparsed.get(uri);
    if (!document || !old) return true;
    const tree = this.parser.parseWithin(document.text, old, budgetMs);
    if (!tree) return false;
    this.unparsed.delete(uri);
    this.parsed(document, tree, old);
    return true;
  }

  /** Gives the document its tree, parsed from `old` (edited to its text), which is deleted. */
  private parsed(document: OpenDocument, tree: Tree, old: Tree): void {
    document.tree = tree;
    if (tree.rootNode.hasError) this.unsettled.add(document);
    // Where the parse changed the tree's structure (beyond the edited text itself).
    let dirty = this.changes.get(document.uri);
    if (dirty && dirty !== 'all') {
      for (const range of tree.getChangedRanges(old))
        dirty = mergeChangedRange(dirty, range.startIndex, range.endIndex);
      this.changes.set(document.uri, dirty);
    }
    old.delete();
  }

  /** Drops the document's unfinished parse, if any. */
  private dropUnparsed(uri: string, text: string): void {
    const old = this.unparsed.get(uri);
    if (!old) return;
    this.parser.abandon(text);
    old.delete();
    this.unparsed.delete(uri);
  }

  /**
   * The document with a tree for its current text, and what changed since the last call (a
   * range, `all`, or undefined when nothing did). The tree may come from an incremental parse
   * that recovered from syntax errors (see `isSettled`).
   */
  parsedForAnalysis(uri: string): { document: ParsedDocument; changed: Dirty | 'all' | undefined } | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    this.parsePending(uri, Infinity);
    if (!document.tree) {
      document.tree = this.parser.parse(document.text);
      this.changes.set(uri, 'all');
    }
    return { document: document as ParsedDocument, changed: this.takeChanges(uri) };
  }

  /** What changed since the document's tree was last taken for analysis (see `takeChanges`). */
  changesOf(uri: string): Dirty | 'all' | undefined {
    return this.changes.get(uri);
  }

  /** What changed since the document's tree was last taken for analysis, taken: the next analysis starts from here. */
  takeChanges(uri: string): Dirty | 'all' | undefined {
    const changed = this.changes.get(uri);
    this.changes.delete(uri);
    return changed;
  }

  /**
   * Takes what changed as `takeChanges` does, for an analysis made without the tree (`Engine.keepForEditor`): an empty
   * change is left where it started, so that the analysis of the tree once parsed has a change to start from (the
   * parse's changed ranges, and later edits, are added to it).
   */
  takeChangesBeforeParse(uri: string): Dirty | 'all' | undefined {
    const changed = this.takeChanges(uri);
    if (changed && changed !== 'all')
      this.changes.set(uri, { start: changed.start, oldEnd: changed.start, newEnd: changed.start });
    return changed;
  }

  /** False while the document's tree may differ from a fresh parse of its text (see `settled`). */
  isSettled(uri: string): boolean {
    const document = this.documents.get(uri);
    return !!document?.tree && !this.unsettled.has(document);
  }

  /**
   * The document with a tree equal to a fresh parse of its text. Error recovery after an
   * incremental parse can differ from a fresh parse (a statement joined across a line break, say),
   * and a file must get the same diagnostics whatever edits led to it: such a tree is parsed again
   * from scratch, once per version, when it is about to be analysed.
   */
  settled(uri: string): ParsedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    this.dropUnparsed(uri, document.text);
    if (!document.tree || this.unsettled.has(document)) {
      this.unsettled.delete(document);
      const previous = document.tree;
      document.tree = this.parser.parse(document.text);
      previous?.delete();
      this.changes.set(uri, 'all');
    }
    return document as ParsedDocument;
  }

  /**
   * The tree of an earlier version whose text is `text`, parsed again from a copy of it: with no edit, tree-sitter
   * reuses all of it. The copy itself would do as the tree, but the parses of later edits from it took about twice as
   * long (`scripts/bench/fallbacks.ts --as-bench --cpu`: the incremental parse's p50 11.4 ms against 5.5 ms).
   */
  private reparse(text: string, earlier: Tree): Tree {
    const copy = earlier.copy();
    try {
      return this.parser.parse(text, copy);
    } finally {
      copy.delete();
    }
  }

  /** Keeps a version about to be edited among the earlier ones, and drops those no longer kept. */
  private keepEarlier(uri: string, text: string, tree: Tree): void {
    const versions = [{ text, tree: tree.copy(), errors: tree.rootNode.hasError }, ...(this.earlier.get(uri) ?? [])];
    let clean = versions.slice(0, EARLIER_VERSIONS).some((version) => !version.errors);
    const kept = versions.filter((version, i) => {
      if (i < EARLIER_VERSIONS) return true;
      if (!clean && !version.errors) return (clean = true);
      version.tree.delete();
      return false;
    });
    this.earlier.set(uri, kept);
  }

  private dropEarlier(uri: string): void {
    for (const version of this.earlier.get(uri) ?? []) version.tree.delete();
    this.earlier.delete(uri);
  }

  close(uri: string): void {
    this.changes.delete(uri);
    this.dropEarlier(uri);
    const document = this.documents.get(uri);
    if (document) {
      this.dropUnparsed(uri, document.text);
      document.tree?.delete();
      this.documents.delete(uri);
    }
  }
}

/** How many of the versions before the current one the store keeps the trees of (see `DocumentStore`). */
const EARLIER_VERSIONS = 2;

/** Adds an edit of the current text ([start, end) replaced by `length` characters) to what changed since the last analysis. */
export function mergeEdit(dirty: Dirty | undefined, start: number, end: number, length: number): Dirty {
  if (!dirty) return { start, oldEnd: end, newEnd: start + length };
  const delta = dirty.newEnd - dirty.oldEnd;
  // The edit's end in the old text: past the changed range it maps back by the change in length so far.
  const oldEnd = Math.max(dirty.oldEnd, end > dirty.newEnd ? end - delta : dirty.oldEnd);
  const newStart = Math.min(dirty.start, start);
  return { start: newStart, oldEnd, newEnd: oldEnd + delta + length - (end - start) };
}

/** Widens what changed by a range of the current text whose structure the parse changed. */
export function mergeChangedRange(dirty: Dirty, start: number, end: number): Dirty {
  if (end <= start) return dirty;
  const grown = end > dirty.newEnd ? end - dirty.newEnd : 0;
  return { start: Math.min(dirty.start, start), oldEnd: dirty.oldEnd + grown, newEnd: dirty.newEnd + grown };
}
