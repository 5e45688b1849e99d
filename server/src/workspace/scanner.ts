import type { AnalysisSettings } from '../config/settings';
import { Engine, FixOutcome, RuleError } from '../engine/engine';
import { FileEngine, FileEnvironment, noFileEnvironment } from '../engine/fileEngine';
import { PythonParser, Tree } from '../parser/parser';
import type { Finding } from '../ruleApi/types';
import { analyzeNotebook, type NotebookAnalysis } from '../notebooks/analysis';
import { NOTEBOOK_FILE_SIZE_FACTOR, notebookToAnalyse } from '../notebooks/ipynb';
import type { ModuleReads } from '../semantic/crossModule';
import { DEFAULT_MAX_FILE_BYTES, findPythonFiles, formatBytes, readSource } from './files';
import { FileSystemModules } from './modules';

export type FileScan =
  | { file: string; text: string; findings: Finding[]; ruleErrors: RuleError[]; modules?: string[] }
  | { file: string; skipped: string };

export type { FixOutcome } from '../engine/engine';

/** A notebook read from disk: its Python cells analysed as one source, findings placed in their cells. */
export type NotebookFileScan = { file: string; analysis: NotebookAnalysis } | { file: string; skipped: string };

/** True for files that file rules read rather than the Python engine. */
export function isOtherFile(fileEngine: FileEngine | undefined, file: string): boolean {
  return !!fileEngine?.handles(file) && !/\.pyw?$/.test(file);
}

/** Reads, parses and analyses files with one engine; every tree is deleted before returning. */
export class Scanner {
  private workspaceKey = '';

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
  useWorkspace(workspace: { roots: readonly string[]; exclude: readonly string[] } | undefined): void {
    const key = workspace ? JSON.stringify(workspace) : '';
    if (key === this.workspaceKey) return;
    this.workspaceKey = key;
    if (!workspace) {
      this.engine.useWorkspace(undefined);
      return;
    }
    const { roots, exclude } = workspace;
    let files: string[] | undefined;
    this.engine.useWorkspace(
      new FileSystemModules(roots, () => {
        files ??= findPythonFiles(roots, exclude, roots[0] ?? '.').files.filter((file) => /\.pyw?$/.test(file));
        return files;
      }),
    );
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
  ): { findings: Finding[]; ruleErrors: RuleError[]; moduleReads?: ModuleReads } {
    return this.engine.analyzeText(text, settings, { path: file, inspect });
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
   * Reads and analyses a notebook (the workspace's view of it: findings and the modules it imports,
   * fixes not checked). One that cannot be read, or has nothing to analyse, is skipped with the reason.
   */
  scanNotebook(file: string, settings: AnalysisSettings): NotebookFileScan {
    const source = readSource(file, this.maxFileBytes * NOTEBOOK_FILE_SIZE_FACTOR);
    if ('skipped' in source) return { file, skipped: source.skipped };
    const read = notebookToAnalyse(source.text, this.maxFileBytes, formatBytes);
    if (!('notebook' in read)) return { file, skipped: 'problem' in read ? read.problem : read.skipped };
    return {
      file,
      analysis: analyzeNotebook(this.engine, read.inputs, settings, file, { verifyFixes: false, modules: true }),
    };
  }

  /** Applies every verified automatic fix, one at a time (see Engine.fixAll). */
  fixText(text: string, settings: AnalysisSettings, file?: string): FixOutcome {
    return this.engine.fixAll(text, settings, file);
  }
}
