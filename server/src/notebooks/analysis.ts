import type { AnalysisSettings } from '../config/settings';
import { applyEdits } from '../core/text';
import type { Engine, RuleError } from '../engine/engine';
import { isAutomaticFix } from '../fixes/fix';
import type { Finding } from '../ruleApi/types';
import { CellFinding, NotebookCellInput, NotebookSource } from './source';

/** Why a fix checked on the notebook is not offered on its cells. */
export const CROSS_CELL_FIX =
  'the automatic rewrite was withheld: it would change text across a cell boundary or inside IPython syntax';

export interface NotebookAnalysis {
  source: NotebookSource;
  /** Findings in cell order, each placed in its cell; a fix that cannot be split by cell is withheld. */
  findings: CellFinding[];
  ruleErrors: RuleError[];
  /** With `modules` asked for: the libraries the notebook's cells import. */
  modules?: string[];
}

/**
 * Analyses the notebook's Python cells as one source (fixes checked on it, as for a file), then
 * places every finding in its cell. A cell that does not parse alone is left out (see
 * NotebookSource). `path` is the notebook's file, when it has one. With `verifyFixes: false` the
 * fixes are not checked yet (the editor checks them itself, see lsp/notebooks.ts).
 */
export function analyzeNotebook(
  engine: Engine,
  cells: readonly NotebookCellInput[],
  settings: AnalysisSettings,
  path?: string,
  options: { verifyFixes?: boolean; modules?: boolean } = {},
): NotebookAnalysis {
  const source = new NotebookSource(cells, (text) => {
    const tree = engine.parser.parse(text);
    try {
      return !tree.rootNode.hasError;
    } finally {
      tree.delete();
    }
  });
  if (!source.spans.length || (!options.modules && !engine.hasWork(source.text, settings)))
    return { source, findings: [], ruleErrors: [], ...(options.modules ? { modules: [] } : {}) };
  const tree = engine.parser.parse(source.text);
  let findings: Finding[];
  let ruleErrors: RuleError[];
  let modules: string[] | undefined;
  try {
    ({ findings, ruleErrors, modules } = engine.analyze(tree, source.text, settings, {
      path,
      verifyFixes: options.verifyFixes,
      modules: options.modules,
    }));
  } finally {
    tree.delete();
  }
  const placed: CellFinding[] = [];
  for (const finding of findings) {
    const cellFinding = source.place(finding);
    if (!cellFinding) continue;
    if (finding.fix && !cellFinding.cellEdits) {
      finding.fix = undefined;
      finding.fixUnavailable = CROSS_CELL_FIX;
    }
    placed.push(cellFinding);
  }
  return { source, findings: placed, ruleErrors, ...(modules ? { modules } : {}) };
}

export interface NotebookFixOutcome {
  /** Every cell's text after the fixes (cells no fix changed are the same strings). */
  sources: string[];
  /** The findings whose fixes were applied, in order. */
  applied: Finding[];
  /** The analysis of the fixed notebook. */
  remaining: NotebookAnalysis;
}

/**
 * Applies every automatic fix (as `Scanner.fixText` does for a file: one at a time, the notebook
 * analysed again after each, a fix kept only when the findings go down) to the cells' text. With
 * `onlyCell`, only fixes whose edits all fall in that cell are applied. Cells are never added,
 * removed or moved: only the text of Python cells changes.
 */
export function fixNotebook(
  engine: Engine,
  cells: readonly NotebookCellInput[],
  settings: AnalysisSettings,
  path?: string,
  onlyCell?: number,
): NotebookFixOutcome {
  let current = [...cells];
  let analysis = analyzeNotebook(engine, current, settings, path);
  const applied: Finding[] = [];
  const declined = new Set<string>();
  const policy = { unsafe: settings.unsafeFixes };
  const limit = analysis.findings.length + 1;
  for (let round = 0; round < limit; round++) {
    const next = analysis.findings.find(
      ({ finding, cellEdits }) =>
        cellEdits &&
        isAutomaticFix(finding, policy) &&
        !declined.has(`${finding.ruleId}:${finding.start}`) &&
        (onlyCell === undefined || [...cellEdits.keys()].every((cell) => cell === onlyCell)),
    );
    if (!next) break;
    const fixed = current.map((cell, index) => {
      const edits = next.cellEdits!.get(index);
      return edits ? { ...cell, source: applyEdits(cell.source, edits) } : cell;
    });
    const after = analyzeNotebook(engine, fixed, settings, path);
    if (after.findings.length >= analysis.findings.length) {
      declined.add(`${next.finding.ruleId}:${next.finding.start}`);
      continue;
    }
    applied.push(next.finding);
    current = fixed;
    analysis = after;
  }
  return { sources: current.map((cell) => cell.source), applied, remaining: analysis };
}
