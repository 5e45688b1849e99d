import { defaultSettings, AnalysisSettings, mergeSettings } from '../../server/src/config/settings';
import { Engine, type EditorAnalysis } from '../../server/src/engine/engine';
import type { CarriedState } from '../../server/src/engine/incremental';
import type { Dirty } from '../../server/src/engine/triggers';
import type { DocumentStore, ParsedDocument } from '../../server/src/lsp/documentStore';
import { PythonParser, syntaxErrorCount } from '../../server/src/parser/parser';
import { applyEdits } from '../../server/src/core/text';
import { allRules } from '../../server/src/rules';
import type { Finding } from '../../server/src/ruleApi/types';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';

/**
 * Analyses the latest version of an open document as the language server does: from `previous` (the state the last
 * analysis carried over) and the change since, as the document store gives them.
 */
export function analyzeLatest(
  engine: Engine,
  store: DocumentStore,
  uri: string,
  settings: AnalysisSettings,
  previous: CarriedState | undefined,
  path?: string,
): { result: EditorAnalysis; document: ParsedDocument; changed: Dirty | 'all' | undefined } {
  const { document, changed } = store.parsedForAnalysis(uri)!;
  const result = engine.analyzeForEditor(
    document.tree,
    document.text,
    settings,
    previous,
    changed === 'all' ? undefined : changed,
    path,
  );
  return { result, document, changed };
}

let shared: Promise<{ parser: PythonParser; engine: Engine }> | undefined;

/** One parser and engine for the whole test run. */
export function testEngine(): Promise<{ parser: PythonParser; engine: Engine }> {
  shared ??= PythonParser.create(nodeWasmFiles()).then((parser) => ({ parser, engine: new Engine(parser, allRules) }));
  return shared;
}

export function settingsWith(raw?: unknown): AnalysisSettings {
  return raw ? mergeSettings(defaultSettings, raw) : defaultSettings;
}

export async function analyze(
  code: string,
  settings: AnalysisSettings = defaultSettings,
): Promise<{ findings: Finding[]; syntaxErrors: number }> {
  const { parser, engine } = await testEngine();
  const tree = parser.parse(code);
  try {
    return { findings: engine.analyze(tree, code, settings).findings, syntaxErrors: syntaxErrorCount(tree.rootNode) };
  } finally {
    tree.delete();
  }
}

export { applyEdits };

/** Strips the common indentation of a template literal and its first and last empty lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}
