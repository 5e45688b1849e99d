import type { AnalysisSettings } from '../config/settings';
import { Engine, FixOutcome, RuleError } from '../engine/engine';
import { FileEngine, FileEnvironment, noFileEnvironment } from '../engine/fileEngine';
import { PythonParser, Tree } from '../parser/parser';
import type { Finding } from '../ruleApi/types';
import { DEFAULT_MAX_FILE_BYTES, readSource } from './files';

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
  constructor(
    private readonly parser: PythonParser,
    private readonly engine: Engine,
    private readonly maxFileBytes = DEFAULT_MAX_FILE_BYTES,
    private readonly fileEngine?: FileEngine,
    private readonly environment: FileEnvironment = noFileEnvironment,
  ) {}

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
  ): { findings: Finding[]; ruleErrors: RuleError[] } {
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

  /** Applies every verified automatic fix, one at a time (see Engine.fixAll). */
  fixText(text: string, settings: AnalysisSettings, file?: string): FixOutcome {
    return this.engine.fixAll(text, settings, file);
  }
}
