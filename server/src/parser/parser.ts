import { Edit, Language, Node, Parser, Query, Tree, type ParseState } from 'web-tree-sitter';
import type { TextEdit } from '../core/types';
import { detachedString } from '../core/text';

export type { Node, Query, Tree } from 'web-tree-sitter';

/**
 * Where the tree-sitter runtime and the Python grammar are: file paths under Node, URLs in a web
 * worker (web-tree-sitter reads the one and fetches the other). The program that runs the parser
 * says which; the parser itself reads no files.
 */
export interface WasmFiles {
  runtime: string;
  grammar: string;
}

let loading: Promise<Language> | undefined;

/** Loads web-tree-sitter and the Python grammar once per process (or worker). */
export function loadPython(wasm: WasmFiles): Promise<Language> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => wasm.runtime });
    return Language.load(wasm.grammar);
  })();
  return loading;
}

/** A parser bound to the Python grammar, plus a cache of compiled queries. */
export class PythonParser {
  private readonly parser: Parser;
  private readonly queries = new Map<string, Query>();

  private constructor(readonly language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  static async create(wasm: WasmFiles): Promise<PythonParser> {
    return new PythonParser(await loadPython(wasm));
  }

  /** Parses `text`; with `previous` (already edited with `tree.edit`) tree-sitter reuses unchanged subtrees. */
  parse(text: string, previous?: Tree): Tree {
    const tree = this.parser.parse(pieceReader(text), previous ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /**
   * Parses as `parse` does for at most about `budgetMs`: the tree, or undefined when the time ran out. The parse goes
   * on where it stopped at the next call with the same text (tree-sitter keeps its progress, and `previous` is not
   * read again); a call with another text starts afresh. These parses have a parser of their own: `parse` does not
   * stop them.
   */
  parseWithin(text: string, previous: Tree | undefined, budgetMs: number): Tree | undefined {
    if (this.unfinished && this.unfinished.text !== text) this.abandon();
    const input = this.unfinished?.input ?? pieceReader(text);
    if (!this.sliced) {
      this.sliced = new Parser();
      this.sliced.setLanguage(this.language);
    }
    const deadline = performance.now() + budgetMs;
    // tree-sitter stops when the callback returns true (its declared type says nothing of the value).
    const progressCallback = (() => performance.now() >= deadline) as unknown as (state: ParseState) => void;
    const tree = this.sliced.parse(input, previous ?? null, { progressCallback });
    this.unfinished = tree ? undefined : { text, input };
    return tree ?? undefined;
  }

  /** Drops the parse `parseWithin` left unfinished, if any (with `text`, only if it is the parse of that text). */
  abandon(text?: string): void {
    if (!this.unfinished || (text !== undefined && this.unfinished.text !== text)) return;
    this.unfinished = undefined;
    this.sliced?.reset();
  }

  /** The parser of `parseWithin`, and the text and reader of the parse it left unfinished. */
  private sliced: Parser | undefined;
  private unfinished: { text: string; input: (index: number) => string } | undefined;

  /**
   * Parses `text`, which is `previousText` with `edits` applied, reusing `previousTree`: a copy of
   * it is edited and parsed incrementally, so the original stays valid and only the changed region
   * is re-parsed.
   */
  reparse(previousTree: Tree, previousText: string, edits: readonly TextEdit[], text: string): Tree {
    const copy = previousTree.copy();
    try {
      // From the last edit back, so every edit's offsets still refer to the text the tree has.
      for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
        const start = pointAt(previousText, edit.start);
        copy.edit(
          new Edit({
            startIndex: edit.start,
            oldEndIndex: edit.end,
            newEndIndex: edit.start + edit.newText.length,
            startPosition: start,
            oldEndPosition: pointAt(previousText, edit.end),
            newEndPosition: pointAfter(start, edit.newText),
          }),
        );
      }
      return this.parse(text, copy);
    } finally {
      copy.delete();
    }
  }

  query(source: string): Query {
    let query = this.queries.get(source);
    if (!query) {
      query = new Query(this.language, source);
      this.queries.set(source, query);
    }
    return query;
  }
}

/** The length of the pieces `pieceReader` copies out of a text. */
const PIECE = 1024;

/**
 * The text as tree-sitter reads it: from `index` to the end of the piece of `PIECE` characters it falls in, each
 * piece copied out of the text the first time it is read. The tree reads a node's text (`node.text`) through the same
 * function, so what it returns is a slice of a piece. Slices share the string they are taken from (in V8, for 13
 * characters or more): read from the text itself, one name kept from a node (in findings, in the state carried to
 * the next version) would keep that whole version of the document alive, and an editor session would keep a version
 * of the document for every few names it carried over. Read from pieces, it keeps one piece.
 */
function pieceReader(text: string): (index: number) => string {
  const pieces = new Array<string | undefined>(Math.ceil(text.length / PIECE));
  return (index) => {
    if (index >= text.length) return '';
    const number = Math.floor(index / PIECE);
    const start = number * PIECE;
    const piece = (pieces[number] ??= detachedString(text.slice(start, start + PIECE)));
    return index === start ? piece : piece.slice(index - start);
  };
}

/** Tree-sitter's row and column of a UTF-16 offset (rows end at \n only). */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}

/** The point reached after inserting `inserted` at `start`. */
function pointAfter(start: { row: number; column: number }, inserted: string): { row: number; column: number } {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}

/** Counts ERROR and MISSING nodes: a fix must never add any. */
export function syntaxErrorCount(root: Node): number {
  if (!root.hasError) return 0;
  let count = 0;
  const cursor = root.walk();
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) count++;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  cursor.delete();
  return count;
}

/** A range of the text, by UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** True when the two ranges share a character (an empty range inside the other counts). */
export function intersects(a: Span, b: Span): boolean {
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && a.end > b.start;
}

/**
 * The captures of `query` on nodes that intersect [start, end) of the text. Node offsets are
 * UTF-16 code units, but a query's range is given in bytes of the UTF-16 text the parser read
 * (two per code unit); the conversion is done here, once.
 */
export function capturesIn(query: Query, root: Node, start: number, end: number): Node[] {
  return namedCapturesIn(query, root, start, end).map(({ node }) => node);
}

/** `capturesIn` with each capture's name and its node's range (read once). */
export function namedCapturesIn(
  query: Query,
  root: Node,
  start: number,
  end: number,
): { name: string; node: Node; start: number; end: number }[] {
  const found: { name: string; node: Node; start: number; end: number }[] = [];
  start = Math.max(0, start);
  end = Math.max(start, end);
  for (const { name, node } of query.captures(root, { startIndex: start * 2, endIndex: end * 2 })) {
    const span = { start: node.startIndex, end: node.endIndex };
    if (intersects(span, { start, end })) found.push({ name, node, ...span });
  }
  return found;
}

/**
 * A query of the nodes of `types`, each captured under its type's name, so that `capturesByType` groups them without
 * asking each node its type (a call into WebAssembly per node).
 */
export function typesQuery(types: readonly string[]): string {
  return [...types]
    .sort()
    .map((type) => `(${type}) @${type}`)
    .join(' ');
}

/** The captures of a `typesQuery`, grouped by type, each list in document order (outer before inner at the same start). */
export function capturesByType(captures: readonly { name: string; node: Node }[]): Map<string, Node[]> {
  const byType = new Map<string, Node[]>();
  for (const { name, node } of captures) {
    const list = byType.get(name);
    if (list) list.push(node);
    else byType.set(name, [node]);
  }
  return byType;
}

/** The node with exactly this type and range, if the tree has one (a position carried over from an earlier version). */
export function nodeAt(root: Node, ref: { type: string; start: number; end: number }): Node | undefined {
  for (let node: Node | null = root.descendantForIndex(ref.start, ref.end); node; node = node.parent) {
    if (node.startIndex === ref.start && node.endIndex === ref.end && node.type === ref.type) return node;
    if (node.startIndex < ref.start || node.endIndex > ref.end) break;
  }
  return undefined;
}
