// How often the editor's incremental analysis falls back to a whole-file one, and why: replays
// random single-character edits (a character typed, then deleted again, as `npm run bench` types)
// on files made by the bench's generator, through the document store and the engine's editor path,
// and prints the count of each reason.
// Usage: npx tsx scripts/bench/fallbacks.ts [--edits N] [--sizes 2000,20000] [--seed N] [--as-bench] [--compare] [--verbose] [--cpu] [--slowest N] [corpus]
// With --compare every incremental result is also checked against a whole-file analysis of the same tree (slow), and
// every `kept` one (a text with syntax errors that spread) against the findings of a whole-file analysis of the last
// version analysed otherwise, moved by the change since (test/support/keptFindings.ts).
// With --cpu each edit's CPU time (user + system, process.cpuUsage) from the change to the end of its analysis is
// measured: the incremental parse and the engine's editor path, as the language server runs them for a document
// opened without a workspace folder. CPU time rather than wall time, so that other work on a shared machine counts
// less; it still varies by some percent from run to run (garbage collection, caches), so it ranks edits and compares
// versions, and is never a test. --slowest N lists the N slowest edits with what the incremental analysis planned
// (dirty characters, nodes visited again, the earlier visits made again and what they had read) and computed
// (function bodies recorded, flow graphs built, answers taken from other functions). The totals of that work over the
// edits are printed for every run: unlike the CPU time, they are the same on every run of the same edits.
// --as-bench types on the files `npm run bench` types on (its 2,000- and 20,000-line files, made from the same seed).
// With --parse-budget MS each edit's parse has that budget, as the language server gives a large document's: past it,
// the findings of the last version that parsed are kept, moved (`Engine.keepForEditor`), and every other time the
// parse is finished and the version analysed at once (the server does so when typing pauses), the other times the
// next edit comes first. With --compare, the analyses that follow are checked as the others are.
// For the language server's garbage collection, run it with the server's V8 flags (server/src/shared/serverProcess.ts):
//   node --max-semi-space-size=4 --heap-growing-percent=50 --import tsx scripts/bench/fallbacks.ts --as-bench --cpu
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { defaultSettings } from '../../server/src/config/settings';
import { EditorAnalysis, Engine } from '../../server/src/engine/engine';
import type { CarriedState, PlanSummary } from '../../server/src/engine/incremental';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import { VERIFY_INLINE_MAX_CHARS } from '../../server/src/lsp/session';
import { PythonParser } from '../../server/src/parser/parser';
import type { Node } from '../../server/src/parser/parser';
import { allRules } from '../../server/src/rules';
import { findPythonFiles } from '../../server/src/workspace/files';
import { FileSystemModules } from '../../server/src/workspace/modules';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';
import { analyzeLatest } from '../../test/support/engine';
import { expectedKeptFindings } from '../../test/support/keptFindings';
import type { Finding } from '../../server/src/ruleApi/types';
import { generateSource, Random, SingleEdit, standardLibraryFolder, typing } from './corpus';

interface Options {
  edits: number;
  sizes: string;
  seed: number;
  asBench: boolean;
  compare: boolean;
  verbose: boolean;
  cpu: boolean;
  slowest: number;
  parseBudget?: number;
}

/** The edits `npm run bench` types in each file before it makes the next (its typing run, then a burst of 50). */
const BENCH_EDITS = 1000 + 50;

/** One measured edit. */
interface Measured {
  cpuMs: number;
  parseMs: number;
  edit: string;
  result: EditorAnalysis;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function describePlan(result: EditorAnalysis): string {
  const parts: string[] = [];
  if (result.mode === 'kept') parts.push('the findings of the last version without syntax errors, moved');
  if (result.mode === 'full') parts.push(`whole file${result.fullBecause ? ` (${result.fullBecause})` : ''}`);
  const plan = result.plan;
  if (plan) {
    parts.push(
      `${result.from === 'tree' ? '' : `changed range from the text (${result.from === 'parsed' ? 'since the last version that parsed' : 'the statements it changed'}), `}` +
        `edit in a ${plan.edit}, ${plan.dirtyCharacters.toLocaleString('en-US')} dirty characters, ` +
        `${plan.visitedNodes} nodes visited again, ${plan.dirtyBodies} function bodies read again`,
    );
    const dependents = plan.dependents.reduce((sum, [, n]) => sum + n, 0) + plan.textDependents;
    if (dependents)
      parts.push(
        `${dependents} earlier visits made again (${[
          ...plan.dependents.slice(0, 4).map(([use, n]) => `${n} read ${use}`),
          ...(plan.textDependents ? [`${plan.textDependents} read the changed text`] : []),
        ].join(', ')}${plan.dependents.length > 4 ? ', ...' : ''})`,
      );
    if (plan.answerDependents)
      parts.push(
        `${plan.answerDependents} earlier visits asked answers the edit may have changed, ` +
          `${plan.answerDependentsMadeAgain} of them made again`,
      );
    if (plan.importsChanged)
      parts.push(`the imports changed${plan.taintImportsChanged ? ', and what the taint analysis reads of them' : ''}`);
  }
  const work = result.work;
  if (work) {
    const elsewhere = Object.entries(work.fromElsewhere)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    parts.push(
      `${work.bodiesRecorded} function bodies recorded, ${work.flowGraphs} flow graphs built` +
        (elsewhere ? `, answers from other functions: ${elsewhere}` : ''),
    );
  }
  return parts.join('; ');
}

/**
 * Why an incremental analysis visited more than the edited definition again (the statement of the module, or of the
 * body of a class of the module, that holds the edit), or undefined when it did not: its dirty ranges cover more
 * characters than that statement.
 */
function beyondDefinition(root: Node, at: number, plan: PlanSummary): string | undefined {
  let definition: Node | null = root.firstChildForIndex(at);
  const inner = definition?.type === 'decorated_definition' ? definition.childForFieldName('definition') : definition;
  const body = inner?.type === 'class_definition' ? inner.childForFieldName('body') : null;
  if (body && at >= body.startIndex) definition = body.firstChildForIndex(at) ?? definition;
  const length = definition && definition.startIndex <= at ? definition.endIndex - definition.startIndex : 0;
  // Made again after the others, for an answer they asked that changed (not in `dirtyCharacters`).
  if (plan.answerDependentsMadeAgain) return 'earlier visits elsewhere asked an answer the edit changed';
  // The edit's own characters, and the one on each side that the plan counts as touched.
  if (plan.dirtyCharacters <= length + 2) return undefined;
  if (plan.dependents.length || plan.textDependents) return 'earlier visits elsewhere read what the edit changed';
  if (plan.importsChanged) return 'the imports changed';
  return plan.edit === 'region' ? 'the region read again around the edit reaches beyond it' : 'other';
}

async function main(): Promise<void> {
  const program = new Command()
    .argument('[corpus]', 'folder of Python files the generator takes modules from (default: the standard library)')
    .option('--edits <n>', 'single-character edits per file (a typed character and its deletion are two)', Number, 1000)
    .option('--sizes <lines>', 'line counts of the generated files', '2000,20000')
    .option('--seed <n>', 'seed of the generator and of the edits', Number, 20251122)
    .option('--as-bench', 'the files npm run bench types on (sizes 2000,20000 only), with the edits it types', false)
    .option('--compare', 'check each incremental result against a whole-file analysis of the same tree', false)
    .option('--verbose', 'print each fallback with its edit', false)
    .option('--cpu', "print the distribution of each edit's CPU time (parse and analysis)", false)
    .option('--slowest <n>', 'with --cpu, list the n slowest edits with what the analysis planned and did', Number, 0)
    .option('--parse-budget <ms>', "each edit's parse has this budget, as in the language server (see above)", Number)
    .parse();
  const options = program.opts<Options>();
  const corpus = path.resolve(program.args[0] ?? standardLibraryFolder());
  const { files } = findPythonFiles([corpus], [], corpus);
  const parser = await PythonParser.create(nodeWasmFiles());
  const engine = new Engine(parser, allRules);
  // As the language server runs for a document opened without a workspace folder: calls are followed into the
  // workspace's modules, of which there are none.
  engine.useWorkspace(new FileSystemModules([]));
  const folder = path.join(os.tmpdir(), 'psg-fallbacks');
  const random = new Random(options.seed);
  const sizes = options.sizes
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  let sources: { size: number; text: string; random: Random }[];
  if (options.asBench) {
    // The bench makes the 2,000-line file, types in it, then makes the 20,000-line file and types in that.
    const first = generateSource(files, 2000, random);
    const firstEdits = typing(first, random);
    const firstRandom = new Random(0);
    Object.assign(firstRandom, random);
    for (let i = 0; i < BENCH_EDITS; i++) firstEdits.next();
    const second = generateSource(files, 20000, random);
    sources = [
      { size: 2000, text: first, random: firstRandom },
      { size: 20000, text: second, random },
    ].filter(({ size }) => sizes.includes(size));
  } else {
    // Every file first, so a file's text does not depend on how many edits the one before it had.
    sources = sizes.map((size) => ({ size, text: generateSource(files, size, random), random }));
  }
  for (const { size, text, random: editRandom } of sources) {
    const store = new DocumentStore(parser);
    const uri = `untitled:fallbacks_${size}.py`;
    const file = path.join(folder, `fallbacks_${size}.py`);
    store.open(uri, 1, text);
    let state: CarriedState | undefined;
    const lines = text.split('\n');
    let lastEdit = '';
    let analyses = 0;
    let incremental = 0;
    let kept = 0;
    /** Versions whose parse ran past its budget and whose findings were kept meanwhile (with --parse-budget). */
    let keptWhileParsing = 0;
    /** The last version not analysed as `kept`, with a whole-file analysis's findings (with --compare). */
    let lastAnalysed: { text: string; findings: Finding[] } | undefined;
    const reasons = new Map<string, number>();
    /** Incremental analyses that visited more than the edited definition again, by why. */
    const beyond = new Map<string, number>();
    const measured: Measured[] = [];
    /** What the analyses of the edits did in all (see `EditorAnalysis.work`): the same on every run of the same edits. */
    const work = { bodiesRecorded: 0, flowGraphs: 0, fromElsewhere: new Map<string, number>() };
    /** Earlier visits that asked answers an edit may have changed (see `PlanSummary.answerDependents`). */
    const asked = { visits: 0, madeAgain: 0, analyses: 0 };
    const analyse = (): EditorAnalysis => {
      // As the language server does: a small document is analysed on a fresh parse after syntax errors.
      const current = store.get(uri)!;
      if (current.text.length <= VERIFY_INLINE_MAX_CHARS) store.settled(uri);
      const { result } = analyzeLatest(engine, store, uri, defaultSettings, state, file);
      state = result.state;
      analyses++;
      return result;
    };
    const comparable = (findings: readonly Finding[]): unknown => JSON.parse(JSON.stringify(findings));
    const check = (result: EditorAnalysis) => {
      const document = store.get(uri)!;
      if (result.mode === 'kept') {
        kept++;
        // The findings of the last version without syntax errors, moved (see incremental.ts).
        if (options.compare)
          assert.deepStrictEqual(
            comparable(result.findings),
            comparable(expectedKeptFindings(lastAnalysed!.text, lastAnalysed!.findings, document.text)),
            `${size} lines, version ${document.version} (kept): ${lastEdit}`,
          );
        return;
      }
      if (options.compare) {
        const whole =
          result.mode === 'full'
            ? result
            : engine.analyzeForEditor(document.tree!, document.text, defaultSettings, undefined, undefined, file);
        lastAnalysed = { text: document.text, findings: whole.findings };
      }
      if (result.mode === 'incremental') {
        incremental++;
        if (options.compare) {
          assert.deepStrictEqual(
            comparable(result.findings),
            comparable(lastAnalysed!.findings),
            `${size} lines, version ${document.version}: ${lastEdit}`,
          );
        }
      } else if (result.fullBecause) {
        reasons.set(result.fullBecause, (reasons.get(result.fullBecause) ?? 0) + 1);
        if (options.verbose) console.log(`  version ${document.version}: ${result.fullBecause}; the edit: ${lastEdit}`);
      }
    };
    check(analyse());
    const stream = typing(text, editRandom);
    for (let i = 0; i < options.edits; i++) {
      const edit = stream.next().value as SingleEdit;
      const document = store.get(uri)!;
      lastEdit = `${edit.removed ? 'deleted' : `typed ${JSON.stringify(edit.text)}`} at line ${edit.start.line + 1}, column ${edit.start.character + 1} of ${JSON.stringify(lines[edit.start.line])}`;
      const started = cpuMs();
      store.change(
        uri,
        document.version + 1,
        [{ range: { start: edit.start, end: edit.end }, text: edit.text }],
        options.parseBudget ?? Infinity,
      );
      const parsed = cpuMs();
      const changed = store.changesOf(uri);
      if (store.isParsing(uri) && state && changed !== 'all') {
        // As the language server does while the parse goes on (`LanguageSession.keptWhileParsing`).
        const current = store.get(uri)!;
        const whileParsing = engine.keepForEditor(current.text, defaultSettings, state, changed);
        if (whileParsing) {
          store.takeChangesBeforeParse(uri);
          state = whileParsing.state;
          keptWhileParsing++;
          if (keptWhileParsing % 2) continue;
        }
      }
      const result = analyse();
      if (options.cpu) measured.push({ cpuMs: cpuMs() - started, parseMs: parsed - started, edit: lastEdit, result });
      if (result.work) {
        work.bodiesRecorded += result.work.bodiesRecorded;
        work.flowGraphs += result.work.flowGraphs;
        for (const [kind, n] of Object.entries(result.work.fromElsewhere))
          work.fromElsewhere.set(kind, (work.fromElsewhere.get(kind) ?? 0) + n);
      }
      check(result);
      if (result.mode === 'incremental' && result.plan) {
        asked.visits += result.plan.answerDependents;
        asked.madeAgain += result.plan.answerDependentsMadeAgain;
        if (result.plan.answerDependents) asked.analyses++;
        const after = store.get(uri)!;
        const reach = beyondDefinition(
          after.tree!.rootNode,
          after.lines.offset(edit.start.line, edit.start.character),
          result.plan,
        );
        if (reach) beyond.set(reach, (beyond.get(reach) ?? 0) + 1);
      }
    }
    store.close(uri);
    const answers = [...(state?.answers?.values() ?? [])];
    const answerReads = answers.reduce((sum, answer) => sum + (answer.uses?.size ?? 0), 0);
    const fallbacks = analyses - 1 - incremental - kept;
    if (options.parseBudget !== undefined)
      console.log(
        `  parse budget ${options.parseBudget} ms: ${keptWhileParsing} versions kept while parsing, ` +
          `${Math.floor(keptWhileParsing / 2)} of them analysed once parsed, the others not analysed`,
      );
    console.log(
      `${size.toLocaleString('en-US')} lines (${text.length.toLocaleString('en-US')} characters), ${options.edits} edits: ` +
        `${incremental} incremental, ${kept} kept (syntax errors that spread), ${fallbacks} whole-file` +
        (options.compare
          ? ' (every incremental result equal to a whole-file one, every kept one to the findings it keeps)'
          : ''),
    );
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
      console.log(`  ${String(n).padStart(5)}  ${reason}`);
    const beyondCount = [...beyond.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `  ${beyondCount} of the ${incremental} incremental analyses visited more than the edited definition again ` +
        '(the statement of the module, or of a class body, holding the edit):',
    );
    for (const [why, n] of [...beyond].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${why}`);
    console.log(
      `  earlier visits that read nothing an edit changed but asked an answer it may have changed: ${asked.visits} ` +
        `(in ${asked.analyses} analyses), of which ${asked.madeAgain} made again because the answer changed`,
    );
    console.log(
      `  answers about other functions kept for the next version after the last edit: ${answers.length}, ` +
        `which read ${answerReads} names, words and calls in all`,
    );
    console.log(
      `  what the analyses of the edits did in all: ${work.bodiesRecorded} function bodies recorded, ` +
        `${work.flowGraphs} flow graphs built, answers from other functions: ` +
        [...work.fromElsewhere].map(([kind, n]) => `${n} ${kind}`).join(', '),
    );
    if (!options.cpu || !measured.length) continue;
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return ['p50', 'p90', 'p95', 'max']
        .map((name, i) => `${name} ${percentile(sorted, [0.5, 0.9, 0.95, 1][i]).toFixed(1)} ms`)
        .join(', ');
    };
    console.log(`  CPU per edit (parse and analysis): ${summary(measured.map((m) => m.cpuMs))}`);
    console.log(`  of which the incremental parse:    ${summary(measured.map((m) => m.parseMs))}`);
    // Where the CPU goes: the edits by what the analysis did with them, each kind's share of all the CPU.
    const kinds = new Map<string, number[]>();
    for (const m of measured) {
      const kind = m.result.mode === 'incremental' && m.result.plan ? `edit in a ${m.result.plan.edit}` : m.result.mode;
      kinds.set(kind, [...(kinds.get(kind) ?? []), m.cpuMs]);
    }
    // And the incremental analyses by whether they made earlier visits elsewhere again (what the edit changed was
    // read there), the rest of the file left as it was.
    for (const again of [true, false]) {
      const values = measured
        .filter((m) => m.result.mode === 'incremental' && m.result.plan)
        .filter((m) => {
          const plan = m.result.plan!;
          return (
            (plan.dependents.length > 0 || plan.textDependents > 0 || plan.answerDependentsMadeAgain > 0) === again
          );
        })
        .map((m) => m.cpuMs);
      const kind = again ? 'earlier visits made again' : 'no earlier visit made again';
      if (values.length) console.log(`    ${String(values.length).padStart(5)} ${kind.padEnd(28)} ${summary(values)}`);
    }
    const all = measured.reduce((sum, m) => sum + m.cpuMs, 0);
    for (const [kind, values] of [...kinds].sort((a, b) => b[1].length - a[1].length)) {
      const share = (100 * values.reduce((sum, v) => sum + v, 0)) / all;
      console.log(
        `    ${String(values.length).padStart(5)} ${kind.padEnd(24)} ${summary(values)} (${share.toFixed(0)} % of the CPU)`,
      );
    }
    if (options.slowest > 0) {
      console.log(`  the ${Math.min(options.slowest, measured.length)} slowest edits:`);
      for (const m of [...measured].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, options.slowest))
        console.log(
          `  ${m.cpuMs.toFixed(1).padStart(8)} ms (parse ${m.parseMs.toFixed(1)} ms)  ${m.edit}\n` +
            `             ${describePlan(m.result)}`,
        );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
