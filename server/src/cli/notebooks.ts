import * as fs from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';
import type { AnalysisSettings } from '../config/settings';
import { Engine } from '../engine/engine';
import { isAutomaticFix } from '../fixes/fix';
import { analyzeNotebook, fixNotebook, NotebookAnalysis } from '../notebooks/analysis';
import { Ipynb, NOTEBOOK_FILE_SIZE_FACTOR, notebookToAnalyse } from '../notebooks/ipynb';
import { PythonParser } from '../parser/parser';
import { allRules } from '../rules';
import { decodeText, describeError, formatBytes } from '../workspace/files';
import type { ReportedFinding, ScanReport } from './report/model';
import { nodeWasmFiles } from '../workspace/nodeFileAccess';

export { isNotebookFile, NOTEBOOK_FILE_SIZE_FACTOR } from '../notebooks/ipynb';

/**
 * A finding of a notebook as the reporters take it, without what the command line adds to every
 * finding of a file (its project path and fingerprint): `lineText` is the finding's line in its
 * cell and `findingText` the code it covers.
 */
export type NotebookFinding = Omit<ReportedFinding, 'path' | 'fingerprint' | 'lineText'> & {
  lineText: string;
  findingText: string;
};

export interface NotebookScan {
  cwd: string;
  /** Takes the findings of one notebook (in the report's order). */
  found(file: string, findings: NotebookFinding[]): void;
  settingsFor(file: string): AnalysisSettings;
  maxFileSize: number;
  fix: boolean;
  diff: boolean;
  report: ScanReport;
  diffs: string[];
}

let shared: Promise<Engine> | undefined;
const engine = () => (shared ??= PythonParser.create(nodeWasmFiles()).then((parser) => new Engine(parser, allRules)));

/**
 * Scans notebooks: their Python cells as one source (see notebooks/source.ts), findings reported
 * per cell, `--fix` writing only the changed cell sources back into the file, `--diff` printing
 * that change. A notebook that cannot be read is an error with the reason; one with nothing to
 * analyse is skipped with the reason.
 */
export async function scanNotebooks(files: readonly string[], scan: NotebookScan): Promise<void> {
  for (const file of files) {
    const relative = path.relative(scan.cwd, file) || path.basename(file);
    const skip = (reason: string) => scan.report.skipped.push({ file: relative, reason });
    const fail = (reason: string) => scan.report.errors.push({ file: relative, reason });
    let bytes: Buffer;
    try {
      const size = fs.statSync(file).size;
      const limit = scan.maxFileSize * NOTEBOOK_FILE_SIZE_FACTOR;
      if (size > limit) {
        skip(`larger than the ${formatBytes(limit)} size limit of notebooks (${formatBytes(size)})`);
        continue;
      }
      bytes = fs.readFileSync(file);
    } catch (error) {
      fail(`cannot read (${describeError(error)})`);
      continue;
    }
    const text = decodeText(bytes);
    const read = notebookToAnalyse(text, scan.maxFileSize, formatBytes);
    if ('problem' in read) {
      fail(read.problem);
      continue;
    }
    if ('skipped' in read) {
      skip(read.skipped);
      continue;
    }
    const { notebook, inputs } = read;
    const settings = scan.settingsFor(file);
    let analysis: NotebookAnalysis;
    let placedIn = notebook;
    try {
      analysis = analyzeNotebook(await engine(), inputs, settings, file);
      const policy = { unsafe: settings.unsafeFixes };
      if ((scan.fix || scan.diff) && analysis.findings.some(({ finding }) => isAutomaticFix(finding, policy))) {
        const fixed = fixNotebook(await engine(), inputs, settings, file);
        if (fixed.applied.length) {
          const sources = new Map<number, string>();
          fixed.sources.forEach((source, index) => source !== inputs[index].source && sources.set(index, source));
          const written = notebook.withSources(sources);
          if (scan.diff) scan.diffs.push(createTwoFilesPatch(`a/${relative}`, `b/${relative}`, text, written));
          else {
            try {
              fs.writeFileSync(file, written);
            } catch (error) {
              fail(`cannot write the fixed file: ${describeError(error)}`);
              continue;
            }
            scan.report.fixed.push({ file: relative, count: fixed.applied.length });
            analysis = fixed.remaining;
            const reread = Ipynb.read(written);
            if ('notebook' in reread) placedIn = reread.notebook;
          }
        }
      }
    } catch (error) {
      fail(`analysis failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    scan.report.filesScanned++;
    for (const failure of analysis.ruleErrors) fail(`rule ${failure.ruleId} failed: ${failure.error.split('\n')[0]}`);
    scan.found(file, reportedNotebookFindings(relative, placedIn, analysis));
  }
}

/**
 * Findings placed in their cell: `cell` counts every cell of the notebook from 1, `line` and
 * `column` are in the cell (1-based), and `inFile` is where the same text is in the .ipynb file.
 */
export function reportedNotebookFindings(
  relative: string,
  notebook: Ipynb,
  analysis: NotebookAnalysis,
): NotebookFinding[] {
  const { source } = analysis;
  const place = (cell: number, start: number, end: number) => {
    const from = source.position(cell, start);
    const to = source.position(cell, end);
    const fileFrom = notebook.filePosition(cell, start);
    const fileTo = notebook.filePosition(cell, end);
    return {
      cell: cell + 1,
      line: from.line + 1,
      column: from.character + 1,
      endLine: to.line + 1,
      endColumn: to.character + 1,
      inFile: {
        line: fileFrom.line + 1,
        column: fileFrom.character + 1,
        endLine: fileTo.line + 1,
        endColumn: fileTo.character + 1,
      },
    };
  };
  return analysis.findings.map(({ cell, start, end, finding, flow }) => ({
    file: relative,
    ...place(cell, start, end),
    lineText: source.linesOf(cell).lineText(source.position(cell, start).line),
    findingText: source.cells[cell].source.slice(start, end),
    finding,
    ...(flow
      ? { flow: flow.map((step) => ({ ...place(step.cell, step.start, step.end), message: step.message })) }
      : {}),
  }));
}
