// The ES module build: esbuild cannot follow the requires of the package's UMD main into a bundle.
import {
  findNodeAtLocation,
  getNodeValue,
  Node as JsonNode,
  parseTree,
  ParseError,
  printParseErrorCode,
} from 'jsonc-parser/lib/esm/main.js';
import { LineIndex } from '../core/text';
import type { NotebookCellInput } from './source';
import { partitionPoint } from '../core/search';

/** One string of a cell's `source` (nbformat keeps a list of lines) and where its text starts in the cell. */
interface SourcePiece {
  node: JsonNode;
  value: string;
  /** Offset in the cell's text of the piece's first character. */
  start: number;
}

export interface IpynbCell {
  /** `code`, `markdown` or `raw`. */
  kind: string;
  /** The cell's language: its own (`metadata.vscode.languageId`) or the notebook's. */
  language: string;
  source: string;
  /** The `source` value: a string or a list of strings. */
  sourceNode: JsonNode;
  pieces: SourcePiece[];
}

export type IpynbRead = { notebook: Ipynb } | { problem: string };

/** Jupyter notebooks, scanned like Python files. */
export const isNotebookFile = (file: string): boolean => /\.ipynb$/i.test(file);

/**
 * A notebook's file may be this many times the file size limit (its outputs, images included, are
 * usually most of it); the size limit itself applies to its Python cells.
 */
export const NOTEBOOK_FILE_SIZE_FACTOR = 10;

/**
 * A notebook's text read for analysis: the notebook, or why it is not analysed: `problem` when it
 * cannot be read, `skipped` when it has nothing to analyse or its Python cells are over `maxBytes`.
 */
export function notebookToAnalyse(
  text: string,
  maxBytes: number,
  formatBytes: (bytes: number) => string,
): { notebook: Ipynb; inputs: NotebookCellInput[] } | { problem: string } | { skipped: string } {
  const read = Ipynb.read(text);
  if ('problem' in read) return read;
  const notebook = read.notebook;
  if (!notebook.isPython) return { skipped: `not a Python notebook (its language is ${notebook.language})` };
  const inputs = notebook.inputs();
  const python = inputs.map((cell, index) => ({ index, size: cell.python ? cell.source.length : 0 }));
  const total = python.reduce((sum, cell) => sum + cell.size, 0);
  if (total === 0) return { skipped: 'no Python code in its cells' };
  if (total > maxBytes) {
    const largest = python.reduce((a, b) => (b.size > a.size ? b : a));
    return {
      skipped: `its Python cells are larger than the ${formatBytes(maxBytes)} size limit (${formatBytes(total)}; cell ${largest.index + 1} alone: ${formatBytes(largest.size)})`,
    };
  }
  return { notebook, inputs };
}

const isPython = (language: string) => /^python/i.test(language);

/**
 * A Jupyter notebook (nbformat 4) read from its JSON text: the cells with their source and
 * language, where each character of a cell's source is in the file, and the file with some
 * cells' source replaced and every other byte kept (outputs, metadata, formatting).
 */
export class Ipynb {
  private fileLines: LineIndex | undefined;

  private constructor(
    readonly text: string,
    readonly language: string,
    readonly cells: IpynbCell[],
  ) {}

  /** Reads a notebook, or says in one line why the text is not one. */
  static read(text: string): IpynbRead {
    const errors: ParseError[] = [];
    // A byte-order mark (some editors write one) is read as a space: offsets stay those of the file.
    const root = parseTree(text.replace(/^\uFEFF/, ' '), errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length || !root) {
      const error = errors[0];
      if (!error || !text.trim()) return { problem: 'not a notebook: the file is empty' };
      const at = new LineIndex(text).position(error.offset);
      return {
        problem: `not a notebook: not valid JSON (${printParseErrorCode(error.error)} at line ${at.line + 1}, column ${at.character + 1})`,
      };
    }
    if (root.type !== 'object') return { problem: 'not a notebook: the JSON is not an object' };
    if (findNodeAtLocation(root, ['worksheets']))
      return {
        problem: 'an nbformat 3 notebook, which is not read: convert it with `jupyter nbconvert --to notebook`',
      };
    const cellsNode = findNodeAtLocation(root, ['cells']);
    if (!cellsNode || cellsNode.type !== 'array') return { problem: 'not a notebook: it has no "cells" list' };
    const stringAt = (path: (string | number)[]) => {
      const node = findNodeAtLocation(root, path);
      return node?.type === 'string' ? (node.value as string) : undefined;
    };
    const kernelName = stringAt(['metadata', 'kernelspec', 'name']);
    const language =
      stringAt(['metadata', 'kernelspec', 'language']) ??
      stringAt(['metadata', 'language_info', 'name']) ??
      (kernelName && !/python/i.test(kernelName) ? kernelName : 'python');
    const cells: IpynbCell[] = [];
    for (const [index, cellNode] of (cellsNode.children ?? []).entries()) {
      const number = index + 1;
      if (cellNode.type !== 'object') return { problem: `not a notebook: cell ${number} is not an object` };
      const kindNode = findNodeAtLocation(cellNode, ['cell_type']);
      const sourceNode = findNodeAtLocation(cellNode, ['source']);
      if (kindNode?.type !== 'string') return { problem: `not a notebook: cell ${number} has no "cell_type"` };
      const pieceNodes =
        sourceNode?.type === 'string'
          ? [sourceNode]
          : sourceNode?.type === 'array' && sourceNode.children!.every((child) => child.type === 'string')
            ? sourceNode.children!
            : undefined;
      if (!sourceNode || !pieceNodes)
        return { problem: `not a notebook: cell ${number} has no "source" text (a string or a list of strings)` };
      const pieces: SourcePiece[] = [];
      let start = 0;
      for (const node of pieceNodes) {
        const value = getNodeValue(node) as string;
        pieces.push({ node, value, start });
        start += value.length;
      }
      const languageNode = findNodeAtLocation(cellNode, ['metadata', 'vscode', 'languageId']);
      cells.push({
        kind: kindNode.value as string,
        language: languageNode?.type === 'string' ? (languageNode.value as string) : language,
        source: pieces.map((piece) => piece.value).join(''),
        sourceNode,
        pieces,
      });
    }
    return { notebook: new Ipynb(text, language, cells) };
  }

  /** Whether the notebook's own language is Python (a notebook of another kernel has nothing for the engine). */
  get isPython(): boolean {
    return isPython(this.language);
  }

  /** The cells for the notebook model: a code cell is Python when its language is. */
  inputs(): NotebookCellInput[] {
    return this.cells.map((cell) => ({ source: cell.source, python: cell.kind === 'code' && isPython(cell.language) }));
  }

  /** Where the character at `offset` of a cell's source is in the file (0-based line and UTF-16 column). */
  filePosition(cell: number, offset: number): { line: number; character: number } {
    this.fileLines ??= new LineIndex(this.text);
    const pieces = this.cells[cell].pieces;
    // The last piece starting at or before `offset` (the first piece when none does).
    const piece = pieces[Math.max(0, partitionPoint(pieces, (p) => p.start <= offset) - 1)];
    if (!piece) return this.fileLines.position(this.cells[cell].sourceNode.offset);
    return this.fileLines.position(piece.node.offset + rawOffset(this.text, piece.node, offset - piece.start));
  }

  /**
   * The file with the source of the cells in `sources` (by cell index) replaced. Only the changed
   * strings of each source change: strings of unchanged lines keep their exact text, the lines
   * keep the list's layout, and every byte outside the changed sources is kept.
   */
  withSources(sources: ReadonlyMap<number, string>): string {
    const edits: { start: number; end: number; text: string }[] = [];
    for (const [index, source] of sources) {
      const cell = this.cells[index];
      if (cell.source === source) continue;
      edits.push(...sourceEdits(this.text, cell, source));
    }
    edits.sort((a, b) => b.start - a.start);
    let text = this.text;
    for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    return text;
  }
}

/** nbformat's lines of a source: each ends with its line break, the last may not. */
function sourceLines(source: string): string[] {
  return source.split(/(?<=\n)/).filter((line) => line !== '');
}

function sourceEdits(text: string, cell: IpynbCell, source: string): { start: number; end: number; text: string }[] {
  const node = cell.sourceNode;
  if (node.type === 'string')
    return [{ start: node.offset, end: node.offset + node.length, text: JSON.stringify(source) }];
  const old = cell.pieces;
  const lines = sourceLines(source);
  // Lines kept at the start and at the end keep their strings as they are.
  let prefix = 0;
  while (prefix < old.length && prefix < lines.length && old[prefix].value === lines[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < lines.length - prefix &&
    old[old.length - 1 - suffix].value === lines[lines.length - 1 - suffix]
  )
    suffix++;
  const middle = lines.slice(prefix, lines.length - suffix).map((line) => JSON.stringify(line));
  const whole = (replacement: string) => [{ start: node.offset, end: node.offset + node.length, text: replacement }];
  if (lines.length === 0) return whole('[]');
  if (old.length === 0) {
    // nbformat's layout: one string per line, one more space of indentation than the "source" key.
    const lineStart = text.lastIndexOf('\n', node.offset) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, node.offset))![0];
    return whole(lineStart > 0 ? `[\n${indent} ${middle.join(`,\n${indent} `)}\n${indent}]` : `[${middle.join(', ')}]`);
  }
  // The text between two strings of the list (`,\n    ` in nbformat's layout).
  const separator =
    old.length > 1
      ? text.slice(old[0].node.offset + old[0].node.length, old[1].node.offset)
      : `,${text.slice(node.offset + 1, old[0].node.offset)}`;
  const startOf = (i: number) => old[i].node.offset;
  const endOf = (i: number) => old[i].node.offset + old[i].node.length;
  const kept = middle.join(separator);
  if (prefix > 0 && suffix > 0)
    return [
      { start: endOf(prefix - 1), end: startOf(old.length - suffix), text: separator + (kept ? kept + separator : '') },
    ];
  if (prefix > 0) return [{ start: endOf(prefix - 1), end: endOf(old.length - 1), text: kept ? separator + kept : '' }];
  if (suffix > 0) return [{ start: startOf(0), end: startOf(old.length - suffix), text: kept ? kept + separator : '' }];
  return [{ start: startOf(0), end: endOf(old.length - 1), text: kept }];
}

/** The offset in a JSON string literal (from its opening quote) of the character at `index` of its value. */
function rawOffset(text: string, node: JsonNode, index: number): number {
  let raw = node.offset + 1;
  const end = node.offset + node.length - 1;
  for (let decoded = 0; decoded < index && raw < end; decoded++) {
    if (text[raw] !== '\\') raw++;
    else raw += text[raw + 1] === 'u' ? 6 : 2;
  }
  return raw - node.offset;
}
