import { Edit } from 'web-tree-sitter';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { PythonParser, Tree } from '../engine/parser';
import { LineIndex } from '../engine/text';

/** An open document: its text, version and the tree for exactly that version. */
export interface OpenDocument {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  tree: Tree;
}

function pointOf(lines: LineIndex, offset: number): { row: number; column: number } {
  const position = lines.position(offset);
  return { row: position.line, column: position.character };
}

/**
 * Open documents, parsed once per version and incrementally on edits: each range change is applied
 * to the text and to the old tree (`tree.edit`), then the tree is re-parsed with the old one and
 * the old one deleted (WASM memory never shrinks).
 */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(private readonly parser: PythonParser) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  open(uri: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const document = { uri, version, text, lines: new LineIndex(text), tree: this.parser.parse(text) };
    this.documents.set(uri, document);
    return document;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    let { text, lines } = document;
    let tree = document.tree;
    let incremental = true;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        text = change.text;
        lines = new LineIndex(text);
        incremental = false;
        continue;
      }
      const start = lines.offset(change.range.start.line, change.range.start.character);
      const end = Math.max(start, lines.offset(change.range.end.line, change.range.end.character));
      const next = text.slice(0, start) + change.text + text.slice(end);
      const nextLines = new LineIndex(next);
      if (incremental) {
        tree.edit(
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
    const fresh = this.parser.parse(text, incremental ? tree : undefined);
    tree.delete();
    const updated = { uri, version, text, lines, tree: fresh };
    this.documents.set(uri, updated);
    return updated;
  }

  close(uri: string): void {
    const document = this.documents.get(uri);
    if (document) {
      document.tree.delete();
      this.documents.delete(uri);
    }
  }
}
