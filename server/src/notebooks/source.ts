import { LineIndex } from '../core/text';
import type { Finding, FlowStep, TextEdit } from '../ruleApi/types';
import { maskIpython, Span } from './magics';
import { partitionPoint } from '../core/search';

/** One cell as the notebook model sees it: its text, and whether it is a code cell in Python. */
export interface NotebookCellInput {
  source: string;
  python: boolean;
}

/** Where a Python cell's text sits in the notebook's source. */
export interface CellSpan {
  /** The cell's index among all the notebook's cells (0-based). */
  cell: number;
  start: number;
  end: number;
  /** Ranges of the cell's own text that held IPython syntax (replaced in the source). */
  masked: Span[];
  /** The cell opens with a cell magic (`%%time`): nothing may be inserted before it. */
  cellMagic: boolean;
}

/** A position in a cell: 0-based line and UTF-16 column, as LSP counts them. */
export interface CellPosition {
  line: number;
  character: number;
}

/** A finding placed in its cell; `end` is clamped to the cell (a finding never spans two). */
export interface CellFinding {
  cell: number;
  start: number;
  end: number;
  finding: Finding;
  /** The flow's steps, each in its own cell. */
  flow?: (FlowStep & { cell: number })[];
  /** The fix as edits of each cell it changes (offsets into each cell's text). */
  cellEdits?: Map<number, TextEdit[]>;
}

/**
 * The Python cells of a notebook in order, joined by line breaks into one Python source, so
 * imports, names and tainted values flow from one cell to the next as they do when the notebook
 * runs top to bottom. IPython syntax is masked (see magics.ts); other cells are left out. Offsets
 * in the source map back to a cell and an offset in its text.
 */
export class NotebookSource {
  readonly text: string;
  readonly spans: CellSpan[] = [];
  /** Python cells left out and why (a `%%bash` cell, a syntax error), by cell index; other cells are not listed. */
  readonly notPython = new Map<number, string>();
  private readonly lines = new Map<number, LineIndex>();

  /**
   * `parses` tells whether a cell's (masked) text parses alone. A cell that does not is left out, as
   * Jupyter runs nothing of it: otherwise an unclosed bracket or string would swallow the cells after it.
   */
  constructor(
    readonly cells: readonly NotebookCellInput[],
    parses: (text: string) => boolean = () => true,
  ) {
    const parts: string[] = [];
    let offset = 0;
    cells.forEach((cell, index) => {
      if (!cell.python) return;
      const masked = maskIpython(cell.source);
      if ('notPython' in masked) {
        this.notPython.set(index, masked.notPython);
        return;
      }
      if (!parses(masked.text)) {
        this.notPython.set(index, 'a syntax error');
        return;
      }
      this.spans.push({
        cell: index,
        start: offset,
        end: offset + masked.text.length,
        masked: masked.masked,
        cellMagic: masked.cellMagic,
      });
      parts.push(masked.text);
      offset += masked.text.length + 1;
    });
    this.text = parts.map((part) => `${part}\n`).join('');
  }

  /** The span of the cell holding `offset`; an offset on the line break after a cell belongs to that cell. */
  spanAt(offset: number): CellSpan | undefined {
    const span = this.spans[partitionPoint(this.spans, (s) => s.end < offset)];
    return span && span.start <= offset ? span : undefined;
  }

  spanOf(cell: number): CellSpan | undefined {
    return this.spans.find((span) => span.cell === cell);
  }

  /** The line index of a cell's text (built on first use). */
  linesOf(cell: number): LineIndex {
    let lines = this.lines.get(cell);
    if (!lines) this.lines.set(cell, (lines = new LineIndex(this.cells[cell].source)));
    return lines;
  }

  position(cell: number, offset: number): CellPosition {
    return this.linesOf(cell).position(offset);
  }

  /** Places a finding of the source in its cell, with its flow and its fix split by cell. */
  place(finding: Finding): CellFinding | undefined {
    const span = this.spanAt(finding.start);
    if (!span) return undefined;
    const placed: CellFinding = {
      cell: span.cell,
      start: finding.start - span.start,
      end: Math.min(finding.end, span.end) - span.start,
      finding,
    };
    if (finding.flow) {
      placed.flow = [];
      for (const step of finding.flow) {
        // A step in another file of the workspace is not in any cell (the flow shows this notebook's part).
        if (step.elsewhere) continue;
        const stepSpan = this.spanAt(step.start);
        if (!stepSpan) continue;
        placed.flow.push({
          ...step,
          cell: stepSpan.cell,
          start: step.start - stepSpan.start,
          end: Math.min(step.end, stepSpan.end) - stepSpan.start,
        });
      }
    }
    if (finding.fix) {
      const edits = this.cellEdits(finding.fix.edits);
      if (edits) placed.cellEdits = edits;
    }
    return placed;
  }

  /**
   * The edits of the source as edits of each cell's text, or undefined when one would cross from
   * one cell into the next or touch masked IPython syntax (such a fix is not offered).
   */
  cellEdits(edits: readonly TextEdit[]): Map<number, TextEdit[]> | undefined {
    const byCell = new Map<number, TextEdit[]>();
    for (const edit of edits) {
      const span = this.spanAt(edit.start);
      if (!span || edit.end > span.end) return undefined;
      const start = edit.start - span.start;
      const end = edit.end - span.start;
      if (span.masked.some((masked) => start < masked.end && end > masked.start)) return undefined;
      if (span.cellMagic && start === 0) return undefined;
      let list = byCell.get(span.cell);
      if (!list) byCell.set(span.cell, (list = []));
      list.push({ start, end, newText: edit.newText });
    }
    return byCell;
  }
}
