// How often the editor's incremental analysis falls back to a whole-file one, and why: replays
// random single-character edits (a character typed, then deleted again, as `npm run bench` types)
// on files made by the bench's generator, through the document store and the engine's editor path,
// and prints the count of each reason. No timings (they mean nothing on a shared machine).
// Usage: npx tsx scripts/bench/fallbacks.ts [--edits N] [--sizes 2000,20000] [--seed N] [--compare] [--verbose] [corpus]
// With --compare every incremental result is also checked against a whole-file analysis of the same tree (slow).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { Command } from 'commander';
import { defaultSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import type { CarriedState } from '../../server/src/engine/incremental';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import { VERIFY_INLINE_MAX_CHARS } from '../../server/src/lsp/session';
import { PythonParser } from '../../server/src/parser/parser';
import { allRules } from '../../server/src/rules';
import { findPythonFiles } from '../../server/src/workspace/files';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';
import { generateSource, Random, SingleEdit, typing } from './corpus';

interface Options {
  edits: number;
  sizes: string;
  seed: number;
  compare: boolean;
  verbose: boolean;
}

function defaultCorpus(): string {
  const found = spawnSync('python3', ['-c', 'import os; print(os.path.dirname(os.__file__))'], { encoding: 'utf8' });
  if (found.status !== 0 || !found.stdout.trim())
    throw new Error('python3 was not found; give a folder of Python files instead');
  return found.stdout.trim();
}

async function main(): Promise<void> {
  const program = new Command()
    .argument('[corpus]', 'folder of Python files the generator takes modules from (default: the standard library)')
    .option('--edits <n>', 'single-character edits per file (a typed character and its deletion are two)', Number, 1000)
    .option('--sizes <lines>', 'line counts of the generated files', '2000,20000')
    .option('--seed <n>', 'seed of the generator and of the edits', Number, 20251122)
    .option('--compare', 'check each incremental result against a whole-file analysis of the same tree', false)
    .option('--verbose', 'print each fallback with its edit', false)
    .parse();
  const options = program.opts<Options>();
  const corpus = path.resolve(program.args[0] ?? defaultCorpus());
  const { files } = findPythonFiles([corpus], [], corpus);
  const parser = await PythonParser.create(nodeWasmFiles());
  const engine = new Engine(parser, allRules);
  const random = new Random(options.seed);
  const sizes = options.sizes
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  // Every file first, so a file's text does not depend on how many edits the one before it had.
  const sources = sizes.map((size) => ({ size, text: generateSource(files, size, random) }));
  for (const { size, text } of sources) {
    const store = new DocumentStore(parser);
    const uri = `untitled:fallbacks_${size}.py`;
    store.open(uri, 1, text);
    let state: CarriedState | undefined;
    const lines = text.split('\n');
    let lastEdit = '';
    let analyses = 0;
    let incremental = 0;
    const reasons = new Map<string, number>();
    const analyse = () => {
      // As the language server does: a small document is analysed on a fresh parse after syntax errors.
      const current = store.get(uri)!;
      if (current.text.length <= VERIFY_INLINE_MAX_CHARS) store.settled(uri);
      const { document, changed } = store.parsedForAnalysis(uri)!;
      const result = engine.analyzeForEditor(
        document.tree,
        document.text,
        defaultSettings,
        state,
        changed === 'all' ? undefined : changed,
      );
      state = result.state;
      analyses++;
      if (result.mode === 'incremental') {
        incremental++;
        if (options.compare) {
          const whole = engine.analyzeForEditor(document.tree, document.text, defaultSettings);
          assert.deepStrictEqual(
            JSON.parse(JSON.stringify(result.findings)),
            JSON.parse(JSON.stringify(whole.findings)),
            `${size} lines, version ${document.version}: changed ${JSON.stringify(changed)}`,
          );
        }
      } else if (result.fullBecause) {
        reasons.set(result.fullBecause, (reasons.get(result.fullBecause) ?? 0) + 1);
        if (options.verbose) console.log(`  version ${document.version}: ${result.fullBecause}; the edit: ${lastEdit}`);
      }
    };
    analyse();
    const stream = typing(text, random);
    for (let i = 0; i < options.edits; i++) {
      const edit = stream.next().value as SingleEdit;
      const document = store.get(uri)!;
      store.change(uri, document.version + 1, [{ range: { start: edit.start, end: edit.end }, text: edit.text }]);
      lastEdit = `${edit.removed ? 'deleted' : `typed ${JSON.stringify(edit.text)}`} at line ${edit.start.line + 1}, column ${edit.start.character + 1} of ${JSON.stringify(lines[edit.start.line])}`;
      analyse();
    }
    store.close(uri);
    const fallbacks = analyses - 1 - incremental;
    console.log(
      `${size.toLocaleString('en-US')} lines (${text.length.toLocaleString('en-US')} characters), ${options.edits} edits: ` +
        `${incremental} incremental, ${fallbacks} whole-file${options.compare ? ' (every incremental result equal to a whole-file one)' : ''}`,
    );
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
      console.log(`  ${String(n).padStart(5)}  ${reason}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
