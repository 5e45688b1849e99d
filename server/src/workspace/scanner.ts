import type { AnalysisSettings } from '../config/settings';
import { Engine, FixOutcome, RuleError } from '../engine/engine';
import { FileEngine, FileEnvironment, noFileEnvironment } from '../engine/fileEngine';
import { PythonParser, Tree } from '../parser/parser';
import type { Finding } from '../ruleApi/types';
import { analyzeNotebook, type NotebookAnalysis } from '../notebooks/analysis';
import { notebookToAnalyse } from '../notebooks/ipynb';
import { SCAN_KEEP_OPEN, type ModuleReads } from '../semantic/crossModule';
import { DEFAULT_MAX_FILE_BYTES, formatBytes, readSource } from './files';
import { FileSystemModules, workspaceModules, type ImportIndexExchange } from './modules';
import type { NotebookCellFinding, ScanJobResult, ScanWorkspace } from './scanJob';

export type FileScan =
  | { file: string; text: string; findings: Finding[]; ruleErrors: RuleError[]; modules?: string[] }
  | { file: string; skipped: string };

export type { FixOutcome } from '../engine/engine';

/** True for files that file rules read rather than the Python engine. */
export function isOtherFile(fileEngine: FileEngine | undefined, file: string): boolean {
  return !!fileEngine?.handles(file) && !/\.pyw?$/.test(file);
}

/** Reads, parses and analyses files with one engine; every tree is deleted before returning. */
export class Scanner {
  private workspaceKey = '';
  private modules: FileSystemModules | undefined;
  /** The current text of a file open in an editor, if it is (read instead of the file's). */
  private openText: (file: string) => string | undefined = () => undefined;
  private indexExchange: ((workspace: ScanWorkspace) => ImportIndexExchange) | undefined;

  constructor(
    private readonly parser: PythonParser,
    private readonly engine: Engine,
    private readonly maxFileBytes = DEFAULT_MAX_FILE_BYTES,
    private readonly fileEngine?: FileEngine,
    private readonly environment: FileEnvironment = noFileEnvironment,
  ) {}

  /**
   * The folders the files analysed next belong to (their modules are read to follow calls across files), or undefined
   * for files analysed alone. The same folders as before keep what was read of them.
   */
  useWorkspace(workspace: ScanWorkspace | undefined): void {
    const key = workspace ? JSON.stringify(workspace) : '';
    if (key === this.workspaceKey) return;
    this.workspaceKey = key;
    if (!workspace) {
      this.modules = undefined;
      this.engine.useWorkspace(undefined);
      return;
    }
    this.modules = workspaceModules(workspace, (file) => this.openText(file), this.indexExchange?.(workspace));
    this.engine.useWorkspace(this.modules, SCAN_KEEP_OPEN);
    this.modules.buildSharedIndexEarly();
  }

  /**
   * How the index of what a workspace's files import is shared with other threads analysing files of the same
   * workspace (see sharedImportIndex.ts), instead of each reading every file for it.
   */
  shareImportIndex(exchange: (workspace: ScanWorkspace) => ImportIndexExchange): void {
    this.indexExchange = exchange;
  }

  /**
   * The texts of the files open in an editor (path → text), read instead of the files when calls are followed into
   * them; call `filesChanged` with the files whose open text changed.
   */
  useOpenTexts(openText: (file: string) => string | undefined): void {
    this.openText = openText;
  }

  /** Files changed on disk, opened, edited or closed: what the workspace's modules read of them is read again. */
  filesChanged(files: readonly string[]): void {
    for (const file of files) this.modules?.changed(file);
  }

  /** True for files that file rules read rather than the Python engine. */
  isOtherFile(file: string): boolean {
    return isOtherFile(this.fileEngine, file);
  }

  /**
   * `inspect` sees the tree before it is deleted (to read more from the file than findings); `file` is the text's path,
   * when it has one.
   */
  analyzeText(
    text: string,
    settings: AnalysisSettings,
    inspect?: (tree: Tree) => void,
    file?: string,
    options: { modules?: boolean } = {},
  ): { findings: Finding[]; ruleErrors: RuleError[]; moduleReads?: ModuleReads; modules?: string[] } {
    return this.engine.analyzeText(text, settings, { path: file, inspect, modules: options.modules });
  }

  /** `options.modules`: also tell the libraries the file imports (from the analysis's own model). */
  scanFile(
    file: string,
    settings: AnalysisSettings,
    inspect?: (tree: Tree, text: string) => void,
    options: { modules?: boolean } = {},
  ): FileScan {
    const source = readSource(file, this.maxFileBytes);
    if ('skipped' in source) return { file, skipped: source.skipped };
    if (this.fileEngine && this.isOtherFile(file))
      return { file, text: source.text, ...this.fileEngine.analyze(file, source.text, settings, this.environment) };
    return {
      file,
      text: source.text,
      ...this.engine.analyzeText(source.text, settings, {
        path: file,
        inspect: inspect && ((tree) => inspect(tree, source.text)),
        modules: options.modules,
      }),
    };
  }

  /**
   * A notebook's JSON text analysed for the workspace's view of it (fixes not checked): the findings placed in their
   * cells and the modules it imports, or why it is skipped (no Python code, cells over the size limit, not readable).
   */
  analyzeNotebookText(text: string, settings: AnalysisSettings, file?: string): ScanJobResult {
    const read = notebookToAnalyse(text, this.maxFileBytes, formatBytes);
    if (!('notebook' in read))
      return { findings: [], ruleErrors: [], skipped: 'problem' in read ? read.problem : read.skipped };
    const analysis = analyzeNotebook(this.engine, read.inputs, settings, file, { verifyFixes: false, modules: true });
    return {
      findings: [],
      ruleErrors: analysis.ruleErrors,
      modules: analysis.modules ?? [],
      cells: notebookCellFindings(analysis),
    };
  }

  /** Applies every verified automatic fix, one at a time (see Engine.fixAll). */
  fixText(text: string, settings: AnalysisSettings, file?: string): FixOutcome {
    return this.engine.fixAll(text, settings, file);
  }
}

/** A notebook's findings as the workspace summary shows them: the cell (from 1) and the place in it. */
export function notebookCellFindings(analysis: NotebookAnalysis): NotebookCellFinding[] {
  return analysis.findings.map(({ cell, start, end, finding }) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: { start: analysis.source.position(cell, start), end: analysis.source.position(cell, end) },
    cell: cell + 1,
  }));
}
