import { defaultSettings, AnalysisSettings, mergeSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import { PythonParser, syntaxErrorCount } from '../../server/src/parser/parser';
import { applyEdits } from '../../server/src/core/text';
import { allRules } from '../../server/src/rules';
import type { Finding } from '../../server/src/ruleApi/types';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';

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
