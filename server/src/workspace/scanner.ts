import type { AnalysisSettings } from '../config/settings';
import { Engine, RuleError } from '../engine/engine';
import { FileEngine, FileEnvironment, noFileEnvironment } from '../engine/fileEngine';
import { PythonParser, Tree } from '../parser/parser';
import { applyEdits } from '../core/text';
import type { Finding } from '../ruleApi/types';
import { isAutomaticFix } from '../fixes/fix';
import { DEFAULT_MAX_FILE_BYTES, readSource } from './files';

export type FileScan =
  { file: string; text: string; findings: Finding[]; ruleErrors: RuleError[] } | { file: string; skipped: string };

export interface FixOutcome {
  text: string;
  /** The findings whose fixes were applied, in the order they were applied. */
  applied: Finding[];
  /** What is left after every automatic fix. */
  remaining: Finding[];
}

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
    // No rule can report anything: the parse is skipped unless the caller reads the tree.
    if (!inspect && !this.engine.hasWork(text, settings)) return { findings: [], ruleErrors: [] };
    const tree = this.parser.parse(text);
    try {
      inspect?.(tree);
      return this.engine.analyze(tree, text, settings, { path: file });
    } finally {
      tree.delete();
    }
  }

  scanFile(file: string, settings: AnalysisSettings, inspect?: (tree: Tree, text: string) => void): FileScan {
    const source = readSource(file, this.maxFileBytes);
    if ('skipped' in source) return { file, skipped: source.skipped };
    if (this.fileEngine && this.isOtherFile(file))
      return { file, text: source.text, ...this.fileEngine.analyze(file, source.text, settings, this.environment) };
    return {
      file,
      text: source.text,
      ...this.analyzeText(source.text, settings, inspect && ((tree) => inspect(tree, source.text)), file),
    };
  }

  /**
   * Applies every verified automatic fix (safe ones; unsafe ones too under `settings.unsafeFixes`;
   * never one of a low-confidence finding), one at a time: after each, the file is analysed again
   * so the next fix is computed on the current text. Stops when no fix is left (bounded by the
   * finding count).
   */
  fixText(text: string, settings: AnalysisSettings, file?: string): FixOutcome {
    const applied: Finding[] = [];
    let current = text;
    let result = this.analyzeText(current, settings, undefined, file);
    const limit = result.findings.length + 1;
    const declined = new Set<string>();
    const policy = { unsafe: settings.unsafeFixes };
    for (let round = 0; round < limit; round++) {
      const next = result.findings.find(
        (finding) => isAutomaticFix(finding, policy) && !declined.has(`${finding.ruleId}:${finding.start}`),
      );
      if (!next) break;
      const fixed = applyEdits(current, next.fix!.edits);
      const after = this.analyzeText(fixed, settings, undefined, file);
      if (after.findings.length >= result.findings.length) {
        declined.add(`${next.ruleId}:${next.start}`);
        continue;
      }
      applied.push(next);
      current = fixed;
      result = after;
    }
    return { text: current, applied, remaining: result.findings };
  }
}
