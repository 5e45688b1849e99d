import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings, AnalysisSettings } from '../../server/src/config/settings';
import { Engine, EditorAnalysis } from '../../server/src/engine/engine';
import type { CarriedState, PlanSummary } from '../../server/src/engine/incremental';
import { Node, PythonParser, capturesIn } from '../../server/src/parser/parser';
import { LineIndex } from '../../server/src/core/text';
import { DocumentStore, mergeEdit } from '../../server/src/lsp/documentStore';
import { allRules } from '../../server/src/rules';
import type { Finding } from '../../server/src/ruleApi/types';
import { caseSnippets, exampleFiles } from '../robustness/corpus';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';
import { seededRandom as random } from '../support/random';
import { analyzeLatest } from '../support/engine';
import { expectedKeptFindings } from '../support/keptFindings';

/**
 * The incremental analysis must give exactly what a whole-file analysis of the same tree gives.
 * Documents made of rule cases and the examples are edited at random (characters, deletions,
 * names swapped for other names of the file, lines copied from elsewhere, lines deleted; sometimes
 * several edits per change, sometimes several changes per analysis) through the document store the
 * server uses, and after each analysis the two results are compared: findings, messages, fix
 * candidates and flows. `INCREMENTAL_STEPS` sets the number of edits per document (default 8).
 */

/** Documents of several rule cases each (so functions call each other's names and share imports), plus the examples. */
function documents(): string[] {
  const snippets = caseSnippets();
  // Most documents leave out the web-framework cases: their rules read the whole file, so any edit re-analyses all of it.
  const local = snippets.filter((snippet) => !/flask|quart|jwt|jose|Limiter|slowapi/i.test(snippet));
  const docs: string[] = [];
  const pick = random(20261122);
  for (let i = 0; i < 60; i++) {
    const pool = i % 4 === 3 ? snippets : local;
    const parts: string[] = [];
    for (let j = 0; j < 6; j++) parts.push(pool[Math.floor(pick() * pool.length)]);
    docs.push(parts.join('\n\n'));
  }
  for (const file of exampleFiles()) docs.push(fs.readFileSync(file, 'utf8'));
  return docs;
}

type Change = { start: number; end: number; text: string };

const characters = [
  'a',
  'x',
  '_',
  '(',
  ')',
  '[',
  ']',
  ':',
  '"',
  "'",
  '#',
  ' ',
  '\n',
  '.',
  '=',
  ',',
  '+',
  '0',
  'f',
  '\t',
];
const wordCharacters = 'abcdefghijklmnopqrstuvwxyz_0123456789';

/** A random offset; three times in four inside a function body (where typing mostly happens), when the last analysis found one. */
function randomOffset(
  text: string,
  next: () => number,
  bodies: readonly { bodyStart: number; bodyEnd: number }[],
): number {
  const nonEmpty = bodies.filter((body) => body.bodyEnd > body.bodyStart && body.bodyEnd <= text.length);
  if (nonEmpty.length && next() < 0.75) {
    const body = nonEmpty[Math.floor(next() * nonEmpty.length)];
    return body.bodyStart + Math.floor(next() * (body.bodyEnd - body.bodyStart + 1));
  }
  return Math.floor(next() * (text.length + 1));
}

function randomChange(
  text: string,
  next: () => number,
  bodies: readonly { bodyStart: number; bodyEnd: number }[],
): Change {
  const at = randomOffset(text, next, bodies);
  const words = text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? ['x'];
  const kind = next();
  // Typing: a letter or a digit, or deleting one or two characters.
  if (kind < 0.3) return { start: at, end: at, text: wordCharacters[Math.floor(next() * wordCharacters.length)] };
  if (kind < 0.4) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 2)), text: '' };
  // Anything: punctuation, quotes, line breaks, longer deletions.
  if (kind < 0.5) return { start: at, end: at, text: characters[Math.floor(next() * characters.length)] };
  if (kind < 0.55) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 8)), text: '' };
  if (kind < 0.8) {
    // A name swapped for another name of the file (a call of another function, another variable, ...).
    const word = /[A-Za-z_][A-Za-z0-9_]*/g;
    word.lastIndex = at;
    const found = word.exec(text) ?? /[A-Za-z_][A-Za-z0-9_]*/.exec(text);
    if (!found) return { start: at, end: at, text: 'x' };
    return { start: found.index, end: found.index + found[0].length, text: words[Math.floor(next() * words.length)] };
  }
  const lines = new LineIndex(text);
  const line = lines.position(at).line;
  const lineStart = lines.lineStart(line);
  if (kind < 0.95) {
    // A line copied from elsewhere, indented like the line it goes before.
    const source = lines.lineText(Math.floor(next() * lines.lineCount)).trim();
    const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
    return { start: lineStart, end: lineStart, text: `${indent}${source}\n` };
  }
  const lineEnd = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  return { start: lineStart, end: lineEnd, text: '' };
}

function comparable(findings: readonly Finding[]): unknown {
  return JSON.parse(JSON.stringify(findings));
}

/**
 * A document edited by a script, as the editor sends it: after every step the incremental result
 * must equal a whole-file analysis of the same tree. Each step returns how it was analysed
 * (`incremental`, or why the whole file was).
 */
class ScriptedDocument {
  private readonly store: DocumentStore;
  private version = 1;
  private state: CarriedState | undefined;
  findings: Finding[] = [];
  /** What the last incremental analysis planned (undefined after a whole-file one). */
  plan: PlanSummary | undefined;
  /** For an incremental analysis, what its changed range came from. */
  from: EditorAnalysis['from'];
  /** Whether the tree of the last version analysed has syntax errors. */
  syntaxErrors = false;
  /** The last version not analysed as `kept`, with a whole-file analysis's findings. */
  private lastAnalysed: { text: string; findings: Finding[]; syntaxErrors: boolean } | undefined;

  constructor(
    parser: PythonParser,
    private readonly engine: Engine,
    private readonly uri: string,
    public text: string,
  ) {
    this.store = new DocumentStore(parser);
    this.store.open(uri, 1, text);
    this.analyse();
  }

  close(): void {
    this.store.close(this.uri);
  }

  private analyse(): string {
    const { result, document } = analyzeLatest(this.engine, this.store, this.uri, defaultSettings, this.state);
    const whole = this.engine.analyzeForEditor(document.tree, document.text, defaultSettings);
    // A text whose syntax errors spread keeps the findings of the last version analysed otherwise (which parsed).
    if (result.mode === 'kept') assert.ok(this.lastAnalysed && !this.lastAnalysed.syntaxErrors);
    assert.deepStrictEqual(
      comparable(result.findings),
      comparable(
        result.mode === 'kept'
          ? expectedKeptFindings(this.lastAnalysed!.text, this.lastAnalysed!.findings, document.text)
          : whole.findings,
      ),
      `version ${this.version} (${result.mode}${result.fullBecause ? `: ${result.fullBecause}` : ''}):\n${document.text}`,
    );
    if (result.mode !== 'kept')
      this.lastAnalysed = {
        text: document.text,
        findings: whole.findings,
        syntaxErrors: document.tree.rootNode.hasError,
      };
    this.state = result.state;
    this.findings = result.findings;
    this.plan = result.plan;
    this.from = result.from;
    this.syntaxErrors = document.tree.rootNode.hasError;
    return result.mode === 'full' ? (result.fullBecause ?? 'full') : result.mode;
  }

  /** Where `text` starts (after the first occurrence of `after`, when given). */
  offsetOf(text: string, after = ''): number {
    const from = after ? this.text.indexOf(after) : 0;
    assert.ok(from >= 0, after);
    const at = this.text.indexOf(text, from);
    assert.ok(at >= 0, text);
    return at;
  }

  /** Parses the text afresh and analyses, as the language server does once typing pauses after syntax errors. */
  settle(): string {
    this.store.settled(this.uri);
    return this.analyse();
  }

  /** Replaces text[start, end) in one change and analyses. */
  change(start: number, end: number, inserted: string): string {
    const lines = new LineIndex(this.text);
    this.store.change(this.uri, ++this.version, [
      { range: { start: lines.position(start), end: lines.position(end) }, text: inserted },
    ]);
    this.text = this.text.slice(0, start) + inserted + this.text.slice(end);
    return this.analyse();
  }

  /** Replaces the first `from` (after `after`) with `to`, in one change. */
  replace(from: string, to: string, after = ''): string {
    const at = this.offsetOf(from, after);
    return this.change(at, at + from.length, to);
  }

  /** Types `typed` at `at` a character at a time, analysing after each. */
  type(at: number, typed: string): string[] {
    return [...typed].map((character, i) => this.change(at + i, at + i, character));
  }

  /** Deletes `count` characters before `end` a character at a time (backspace), analysing after each. */
  backspace(end: number, count: number): string[] {
    return Array.from({ length: count }, (_, i) => this.change(end - i - 1, end - i, ''));
  }

  /** The findings of `ruleId` whose text is `text`. */
  count(ruleId: string, text: string): number {
    return this.findings.filter((f) => f.ruleId === ruleId && this.text.slice(f.start, f.end) === text).length;
  }
}

/** Functions no edit of the scripted documents touches (an edit that reaches most of a small file analyses all of it). */
/** Every step of a scripted edit was analysed incrementally. */
const all = (modes: string[]) =>
  assert.deepStrictEqual(
    modes,
    modes.map(() => 'incremental'),
  );

const unrelatedFunctions = Array.from({ length: 12 }, (_, i) =>
  [
    '',
    '',
    `def unrelated_${i}(items):`,
    `    total = ${i}`,
    '    for item in items:',
    '        total += len(str(item))',
    '    return total',
  ].join('\n'),
).join('\n');

describe('incremental analysis', function () {
  this.timeout(600_000);
  let parser: PythonParser;
  let engine: Engine;

  before(async () => {
    parser = await PythonParser.create(nodeWasmFiles());
    engine = new Engine(parser, allRules);
  });

  /**
   * A document opened in a store and edited by replacing the first occurrence of a text, each version analysed as the
   * server does (from the previous version's state) and compared with a whole-file analysis of the same tree.
   */
  const editedDocument = (uri: string, initial: string) => {
    const store = new DocumentStore(parser);
    store.open(uri, 1, initial);
    let text = initial;
    let version = 1;
    let state: CarriedState | undefined;
    return {
      get text() {
        return text;
      },
      get state() {
        return state;
      },
      analyse: (): EditorAnalysis => {
        const { result, document } = analyzeLatest(engine, store, uri, defaultSettings, state);
        const whole = engine.analyzeForEditor(document.tree, document.text, defaultSettings);
        assert.deepStrictEqual(comparable(result.findings), comparable(whole.findings), document.text);
        state = result.state;
        return result;
      },
      edit: (from: string, to: string) => {
        const start = text.indexOf(from);
        assert.ok(start >= 0, from);
        const lines = new LineIndex(text);
        store.change(uri, ++version, [
          { range: { start: lines.position(start), end: lines.position(start + from.length) }, text: to },
        ]);
        text = text.slice(0, start) + to + text.slice(start + from.length);
      },
      close: () => store.close(uri),
    };
  };

  /** Short functions no edit touches, so that an edit never reaches most of a small file (which analyses all of it). */
  const shortFunctions = () =>
    Array.from({ length: 12 }, (_, i) => ['', '', `def unrelated_${i}(items):`, `    return len(items) + ${i}`]).flat();

  /** Analyses `doc`: the result, and the confidence of the `accept`ed finding at the argument of `sink` (its first call). */
  const analyseSink = (
    doc: ReturnType<typeof editedDocument>,
    sink: string,
    accept: (finding: Finding) => boolean,
  ): { result: EditorAnalysis; confidence: Finding['confidence'] | undefined } => {
    const result = doc.analyse();
    const at = doc.text.indexOf(sink) + sink.indexOf('(') + 1;
    return { result, confidence: result.findings.find((f) => f.start === at && accept(f))?.confidence };
  };

  /**
   * A document of `lines` then the short functions, and how to analyse it: the result, and the confidence of the
   * shell-command finding (PSG102) at the argument of `sink`.
   */
  const commandSinkDocument = (uri: string, lines: readonly string[], sink: string) => {
    const doc = editedDocument(uri, [...lines, ...shortFunctions(), ''].join('\n'));
    return { doc, analyse: () => analyseSink(doc, sink, (f) => f.ruleId === 'PSG102') };
  };

  it('gives exactly the findings of a whole-file analysis of the same tree, edit after edit', () => {
    const steps = Number(process.env.INCREMENTAL_STEPS ?? 8);
    const next = random(Number(process.env.INCREMENTAL_SEED ?? 7));
    const store = new DocumentStore(parser);
    const settings: AnalysisSettings = defaultSettings;
    let analyses = 0;
    let incremental = 0;
    let kept = 0;
    /** Incremental analyses whose changed range came from the text, by where from. */
    const fromText = new Map<string, number>();
    const reasons = new Map<string, number>();
    documents().forEach((base, d) => {
      const uri = `untitled:doc-${d}.py`;
      store.open(uri, 1, base);
      let version = 1;
      let state: CarriedState | undefined;
      let lastAnalysed: { text: string; findings: Finding[]; syntaxErrors: boolean } | undefined;
      const analyse = () => {
        const { result, document, changed } = analyzeLatest(engine, store, uri, settings, state);
        const whole = engine.analyzeForEditor(document.tree, document.text, settings);
        analyses++;
        if (result.mode === 'incremental') incremental++;
        else if (result.mode === 'kept') kept++;
        if (result.from && result.from !== 'tree') fromText.set(result.from, (fromText.get(result.from) ?? 0) + 1);
        else if (result.fullBecause) reasons.set(result.fullBecause, (reasons.get(result.fullBecause) ?? 0) + 1);
        // A text whose syntax errors spread keeps the findings of the last version analysed otherwise (which parsed).
        if (result.mode === 'kept') assert.ok(lastAnalysed && !lastAnalysed.syntaxErrors);
        assert.deepStrictEqual(
          comparable(result.findings),
          comparable(
            result.mode === 'kept'
              ? expectedKeptFindings(lastAnalysed!.text, lastAnalysed!.findings, document.text)
              : whole.findings,
          ),
          `document ${d}, version ${version} (${result.mode}), changed ${JSON.stringify(changed)}:\n${document.text}\n---- previous version:\n${state?.text}`,
        );
        if (result.mode !== 'kept')
          lastAnalysed = {
            text: document.text,
            findings: whole.findings,
            syntaxErrors: document.tree.rootNode.hasError,
          };
        state = result.state;
      };
      analyse();
      for (let step = 0; step < steps; step++) {
        const document = store.get(uri)!;
        // Sometimes two edits in one change event, each against the text the previous one left.
        const count = next() < 0.15 ? 2 : 1;
        let text = document.text;
        let lines = document.lines;
        const changes = [];
        for (let i = 0; i < count; i++) {
          // Bodies as the last analysis saw them: for a second edit in the same change they may be off, which is fine.
          const change = randomChange(text, next, state?.carried.holes ?? []);
          changes.push({
            range: { start: lines.position(change.start), end: lines.position(change.end) },
            text: change.text,
          });
          text = text.slice(0, change.start) + change.text + text.slice(change.end);
          lines = new LineIndex(text);
        }
        store.change(uri, ++version, changes);
        assert.strictEqual(store.get(uri)!.text, text);
        // Sometimes a version is not analysed (a newer one arrived first): what changed accumulates.
        if (next() < 0.8 || step === steps - 1) analyse();
      }
      store.close(uri);
    });
    const summary = `${incremental} of ${analyses} analyses incremental (changed range from the text: ${[...fromText].map(([from, n]) => `${from} ${n}`).join(', ') || 'none'}), ${kept} kept; whole-file because: ${[...reasons].map(([reason, n]) => `${reason} (${n})`).join(', ')}`;
    fs.mkdirSync(path.join(__dirname, '..', '..', '.test-output'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', '..', '.test-output', 'incremental-analysis.txt'), `${summary}\n`);
    // The comparison means something only if the incremental path actually ran, many times
    // (random edits soon leave syntax errors that spread beyond one function, and then the whole file is analysed).
    assert.ok(incremental >= 80, summary);
  });

  it('gives the same after random edits undone again: whole-file findings, or those kept through syntax errors', () => {
    // As typing goes: an edit, then its undo (a character typed and deleted, a deletion typed back). An edit that
    // breaks the text beyond its statement keeps the last parsed findings; its undo is analysed from that version.
    const steps = Number(process.env.INCREMENTAL_STEPS ?? 8);
    const next = random(Number(process.env.INCREMENTAL_SEED ?? 7) + 1);
    let kept = 0;
    let fromParsed = 0;
    documents().forEach((base, d) => {
      const doc = new ScriptedDocument(parser, engine, `untitled:undo-${d}.py`, base);
      for (let step = 0; step < steps; step++) {
        const change = randomChange(doc.text, next, []);
        const removed = doc.text.slice(change.start, change.end);
        if (doc.change(change.start, change.end, change.text) === 'kept') kept++;
        doc.change(change.start, change.start + change.text.length, removed);
        if (doc.from === 'parsed') fromParsed++;
      }
      doc.close();
    });
    assert.ok(kept >= 10 && fromParsed >= 10, `${kept} kept, ${fromParsed} undone from the last version that parsed`);
  });

  it('follows values across functions of the file when only one function is edited: calls, globals, objects', () => {
    const doc = editedDocument(
      'untitled:callers.py',
      [
        'import os',
        'import subprocess',
        '',
        'from flask import request',
        '',
        '',
        'def run(value):',
        '    subprocess.run(value, shell=True)',
        '',
        '',
        'def view():',
        '    command = request.args.get("c", "")',
        '    run("ls")',
        '    return command',
        '',
        '',
        'def other():',
        '    return "x"',
        '',
        '',
        'CURRENT = "ls"',
        '',
        '',
        'def remember(value):',
        '    return value',
        '',
        '',
        'def show():',
        '    os.system(CURRENT)',
        '',
        '',
        'class Job:',
        '    def __init__(self):',
        '        self.command = "ls"',
        '',
        '    def set(self, command):',
        '        self.command = command',
        '',
        '    def start(self):',
        '        os.system(self.command)',
        '',
        '',
        'def queue():',
        '    job = Job()',
        '    job.start()',
        '',
        // Functions the edits leave alone (an edit that reaches most of a small file analyses all of it).
        ...Array.from({ length: 12 }, (_, i) => [
          '',
          '',
          `def unrelated_${i}(items):`,
          `    total = ${i}`,
          '    for item in items:',
          '        total += len(str(item))',
          '    return total',
        ]).flat(),
        '',
      ].join('\n'),
    );
    const analyse = (expectIncremental: boolean) => {
      const result = doc.analyse();
      if (expectIncremental) assert.strictEqual(result.mode, 'incremental', result.fullBecause);
      return result.findings;
    };
    const edit = doc.edit;
    const confidenceAt = (findings: readonly Finding[], sink: string) => {
      const at = doc.text.indexOf(sink);
      return findings.find((f) => f.start >= at && f.start < at + sink.length && f.confidence !== 'low')?.confidence;
    };
    assert.strictEqual(confidenceAt(analyse(false), 'subprocess.run(value'), undefined);
    edit('run("ls")', 'run(command)');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), 'high');
    edit('    return "x"', '    run(request.args["x"])\n    return "x"');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), 'high');
    edit('run(command)', 'run("ls")');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), 'high');
    edit('    run(request.args["x"])\n', '');
    const findings = analyse(true);
    assert.strictEqual(confidenceAt(findings, 'subprocess.run(value'), undefined);
    assert.strictEqual(confidenceAt(findings, 'os.system(CURRENT'), undefined);
    edit('    return value', '    global CURRENT\n    CURRENT = value');
    analyse(true);
    edit('    return command', '    remember(command)\n    return command');
    assert.strictEqual(confidenceAt(analyse(true), 'os.system(CURRENT'), 'high');
    edit('    global CURRENT\n', '');
    assert.strictEqual(confidenceAt(analyse(true), 'os.system(CURRENT'), undefined);
    // A call that a comment hides and shows again, and one a string swallows: the text around it holds the name.
    edit('    run("ls")', '    run(command)');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), 'high');
    edit('    run(command)', '    # run(command)');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), undefined);
    edit('    # run(command)', '    run(command)');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), 'high');
    edit('    run(command)\n', '    """\n    run(command)\n    """\n');
    assert.strictEqual(confidenceAt(analyse(true), 'subprocess.run(value'), undefined);
    edit('    """\n    run(command)\n    """\n', '    run(command)\n');
    const restored = analyse(true);
    assert.strictEqual(confidenceAt(restored, 'subprocess.run(value'), 'high');
    // What one method stores on `self` and another runs: a call of the first added elsewhere.
    assert.strictEqual(confidenceAt(restored, 'os.system(self.command'), undefined);
    edit('    job.start()', '    job.set(request.args["c"])\n    job.start()');
    assert.strictEqual(confidenceAt(analyse(true), 'os.system(self.command'), 'high');
    edit('    job.set(request.args["c"])\n', '');
    assert.strictEqual(confidenceAt(analyse(true), 'os.system(self.command'), undefined);
    doc.close();
  });

  it('follows the calls of static methods and of methods on their class when only one function is edited', () => {
    const doc = editedDocument(
      'untitled:methods.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'class Tools:',
        '    @staticmethod',
        '    def shell(value):',
        '        os.system(value)',
        '',
        '    def start(self, value):',
        '        os.popen(value)',
        '',
        '',
        'def view():',
        '    command = request.args.get("c", "")',
        '    Tools.shell("ls")',
        '    return command',
        ...shortFunctions(),
        '',
      ].join('\n'),
    );
    const known = (finding: Finding) => finding.confidence !== 'low';
    const sinks = (incremental: boolean) => {
      const shell = analyseSink(doc, 'os.system(value)', known);
      if (incremental) assert.strictEqual(shell.result.mode, 'incremental', shell.result.fullBecause);
      return [shell.confidence, analyseSink(doc, 'os.popen(value)', known).confidence];
    };
    assert.deepStrictEqual(sinks(false), [undefined, undefined]);
    doc.edit('Tools.shell("ls")', 'Tools.shell(command)');
    assert.deepStrictEqual(sinks(true), ['high', undefined]);
    // The instance passed first, then the request data in its place.
    doc.edit('Tools.shell(command)', 'Tools.start(Tools(), command)');
    assert.deepStrictEqual(sinks(true), [undefined, 'high']);
    doc.edit('Tools.start(Tools(), command)', 'Tools.start(command, "ls")');
    assert.deepStrictEqual(sinks(true), [undefined, undefined]);
    doc.edit('Tools.start(command, "ls")', 'Tools.shell(command)');
    assert.deepStrictEqual(sinks(true), ['high', undefined]);
    // The class renamed: the call names no class of the file any more.
    doc.edit('class Tools:', 'class Tool:');
    assert.deepStrictEqual(sinks(false), [undefined, undefined]);
    doc.edit('class Tool:', 'class Tools:');
    assert.deepStrictEqual(sinks(false), ['high', undefined]);
    doc.close();
  });

  it('checks again the calls of a method on an object when only the body of the method is edited', () => {
    const doc = editedDocument(
      'untitled:method-bodies.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'class Runner:',
        '    def __init__(self, command):',
        '        self.command = "ls"',
        '',
        '    def get(self):',
        '        return "ls"',
        '',
        '    def run(self):',
        '        os.system(self.get())',
        '',
        '',
        'def view():',
        '    runner = Runner(request.args["c"])',
        '    os.popen(runner.command)',
        ...shortFunctions(),
        '',
      ].join('\n'),
    );
    const sinks = () => {
      const run = analyseSink(doc, 'os.system(self.get())', () => true);
      assert.strictEqual(run.result.mode, 'incremental', run.result.fullBecause);
      return [run.confidence, analyseSink(doc, 'os.popen(runner.command)', () => true).confidence];
    };
    doc.analyse();
    // What `self.get()` returns: the calls of the method in another method take its new summary.
    doc.edit('return "ls"', 'return request.args["c"]');
    assert.deepStrictEqual(sinks(), ['high', undefined]);
    doc.edit('return request.args["c"]', 'return "ls"');
    assert.deepStrictEqual(sinks(), [undefined, undefined]);
    // What `__init__` keeps: the object constructed in another function holds the argument.
    doc.edit('self.command = "ls"', 'self.command = command');
    assert.deepStrictEqual(sinks(), [undefined, 'high']);
    // A method returning what `__init__` kept, called on that object.
    doc.edit('return "ls"', 'return self.command');
    doc.edit('os.popen(runner.command)', 'os.popen(runner.get())');
    assert.strictEqual(analyseSink(doc, 'os.popen(runner.get())', () => true).confidence, 'high');
    doc.edit('return self.command', 'return "ls"');
    assert.strictEqual(analyseSink(doc, 'os.popen(runner.get())', () => true).confidence, undefined);
    // Its definition edited (a region read again): renamed (each version is compared with a whole-file analysis),
    // then back with what it returns changed as well.
    doc.edit('def get(self):', 'def got(self):');
    doc.analyse();
    doc.edit('return "ls"', 'return self.command');
    doc.analyse();
    doc.edit('def got(self):', 'def get(self):');
    assert.strictEqual(analyseSink(doc, 'os.popen(runner.get())', () => true).confidence, 'high');
    // The class renamed and back: `self.get()` finds the method either way.
    doc.edit('return self.command', 'return request.args["c"]');
    doc.edit('class Runner:', 'class Runners:');
    assert.strictEqual(analyseSink(doc, 'os.system(self.get())', () => true).confidence, 'high');
    doc.edit('class Runners:', 'class Runner:');
    doc.edit('return request.args["c"]', 'return "ls"');
    assert.strictEqual(analyseSink(doc, 'os.system(self.get())', () => true).confidence, undefined);
    doc.close();
  });

  it('keeps what the calls of a function pass from one version to the next until an edit changes a caller', () => {
    const { doc, analyse } = commandSinkDocument(
      'untitled:chain.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'def handler():',
        '    name = request.args["n"]',
        '    step_one(name)',
        '',
        '',
        'def step_one(value):',
        '    step_two(value)',
        '',
        '',
        'def step_two(value):',
        '    os.system(value)',
        '',
      ],
      'os.system(value)',
    );
    const edit = doc.edit;
    const kept = (result: EditorAnalysis) => result.work?.fromElsewhere['kept from the previous version'] ?? 0;
    assert.strictEqual(analyse().confidence, 'high');
    // An edit in the sink's function: what `step_one`'s caller passes is taken from the previous version.
    edit('    os.system(value)', '    count = 1\n    os.system(value)');
    let { result, confidence } = analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.strictEqual(confidence, 'high');
    assert.ok(kept(result) > 0, JSON.stringify(result.work));
    // An edit between the functions (a region read again): the answers outside it are kept too.
    edit('\n\ndef step_two(value):', '\nLIMIT = 3\n\ndef step_two(value):');
    ({ result, confidence } = analyse());
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.strictEqual(result.plan?.edit, 'region');
    assert.strictEqual(confidence, 'high');
    const before = doc.state!.answers?.size ?? 0;
    assert.ok(before > 0 && !result.work?.fromElsewhere.callers, JSON.stringify(result.work));
    edit('\nLIMIT = 3\n', '\n\n');
    ({ result, confidence } = analyse());
    assert.strictEqual(result.plan?.edit, 'region');
    assert.strictEqual(doc.state!.answers?.size, before, 'the answers are kept through edits between functions');
    // An edit of the caller: the answer that read it is computed again, and the finding follows.
    edit('request.args["n"]', '"report.txt"');
    ({ result, confidence } = analyse());
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.notStrictEqual(confidence, 'high');
    edit('    count = 1\n', '');
    ({ result, confidence } = analyse());
    assert.notStrictEqual(confidence, 'high');
    edit('"report.txt"', 'request.args["n"]');
    ({ result, confidence } = analyse());
    assert.strictEqual(confidence, 'high');
    doc.close();
  });

  it("checks again what callers pass of an object when its class's own attribute is edited", () => {
    const doc = editedDocument(
      'untitled:class-attributes.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'class Job:',
        '    mode = 1',
        '    command = "ls"',
        '',
        '    def describe(self):',
        '        return self.mode',
        '',
        '',
        'def run(job):',
        '    os.system(job.command)',
        '',
        '',
        'def schedule():',
        '    task = Job()',
        '    run(task)',
        ...shortFunctions(),
        '',
      ].join('\n'),
    );
    const confidence = () => {
      const found = analyseSink(doc, 'os.system(job.command)', (f) => f.ruleId === 'PSG102');
      assert.strictEqual(found.result.mode, 'incremental', found.result.fullBecause);
      return found.confidence;
    };
    doc.analyse();
    // Each version is compared with a whole-file analysis (`analyse`).
    doc.edit('command = "ls"', 'command = request.args["c"]');
    assert.strictEqual(confidence(), 'high');
    doc.edit('    mode = 1\n', '');
    assert.strictEqual(confidence(), 'high');
    doc.edit('command = request.args["c"]', 'command = "ls"');
    assert.notStrictEqual(confidence(), 'high');
    doc.close();
  });

  it('computes again only the part of the callers that an edit changed', () => {
    const callers = ['a', 'b', 'c', 'd'].flatMap((name) => [
      '',
      '',
      `def caller_${name}():`,
      `    value = "${name}"`,
      '    run(value)',
    ]);
    const { doc, analyse } = commandSinkDocument(
      'untitled:callers.py',
      ['import os', '', 'from flask import request', '', '', 'def run(command):', '    os.system(command)', ...callers],
      'os.system(command)',
    );
    assert.notStrictEqual(analyse().confidence, 'high');
    // One caller edited: the flows of the sink's function and of that caller are built again; what the others pass
    // is kept.
    doc.edit('value = "b"', 'value = request.args["b"]');
    let { result, confidence } = analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.strictEqual(confidence, 'high');
    assert.strictEqual(result.work?.flowGraphs, 2, JSON.stringify(result.work));
    assert.strictEqual(result.work?.fromElsewhere['kept from the previous version'], 3, JSON.stringify(result.work));
    assert.strictEqual(result.plan?.answerDependentsMadeAgain, 1, JSON.stringify(result.plan));
    // Another caller edited: the part of the first is kept, and still gives the request data. The answer asked again
    // is the same: the sink's visit is not made again, and its function's flow is not built.
    doc.edit('value = "c"', 'value = "c" + "d"');
    ({ result, confidence } = analyse());
    assert.strictEqual(confidence, 'high');
    assert.strictEqual(result.plan?.answerDependents, 1, JSON.stringify(result.plan));
    assert.strictEqual(result.plan.answerDependentsMadeAgain, 0, JSON.stringify(result.plan));
    assert.strictEqual(result.work?.flowGraphs, 1, JSON.stringify(result.work));
    doc.edit('value = request.args["b"]', 'value = "b"');
    ({ result, confidence } = analyse());
    assert.notStrictEqual(confidence, 'high');
    doc.close();
  });

  it('keeps an answer that asked a changed one when asking that one again gives what it gave', () => {
    // The sink's callers (`run`'s, in `relay`) pass what `relay`'s callers pass: the answer about `run` asks the one
    // about `relay`, which every edit in `start` may change.
    const { doc, analyse } = commandSinkDocument(
      'untitled:conditions.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'def run(command):',
        '    os.system(command)',
        '',
        '',
        'def relay(data):',
        '    run(data)',
        '',
        '',
        'def start():',
        '    relay("ls")',
        '    return "started"',
      ],
      'os.system(command)',
    );
    assert.notStrictEqual(analyse().confidence, 'high');
    // What `relay`'s callers pass is the same: it alone is asked again (with the part `start` holds); the answer about
    // `run`, and its part in `relay`, are kept, and the sink's visit is not made again.
    doc.edit('return "started"', 'return "ready"');
    let { result, confidence } = analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.notStrictEqual(confidence, 'high');
    assert.strictEqual(result.plan?.answerDependents, 1, JSON.stringify(result.plan));
    assert.strictEqual(result.plan.answerDependentsMadeAgain, 0, JSON.stringify(result.plan));
    assert.strictEqual(result.work?.fromElsewhere.callers, 2, JSON.stringify(result.work));
    const kept = [...(doc.state!.answers?.values() ?? [])];
    assert.ok(
      kept.some((answer) => answer.kind === 'callers' && answer.rest === '0:command' && !answer.holder),
      'the answer about `run` goes on to the next version',
    );
    assert.ok(kept.every((answer) => !answer.conditions));
    // Now it passes the request's data: the answer about `run` is computed again, and the sink's visit made again.
    doc.edit('relay("ls")', 'relay(request.args["c"])');
    ({ result, confidence } = analyse());
    assert.strictEqual(confidence, 'high');
    assert.strictEqual(result.plan?.answerDependentsMadeAgain, 1, JSON.stringify(result.plan));
    // And back.
    doc.edit('relay(request.args["c"])', 'relay("ls")');
    assert.notStrictEqual(analyse().confidence, 'high');
    doc.close();
  });

  it('asks again what the calls of a method pass only after an edit in a function that may call it', () => {
    const { doc, analyse } = commandSinkDocument(
      'untitled:method-calls.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'class Job:',
        '    def __init__(self, command):',
        '        self.command = command',
        '',
        '    def start(self):',
        '        os.system(self.command)',
        '',
        '',
        'def queue():',
        '    Job("ls").start()',
        '',
        '',
        'def tidy(engine):',
        '    engine.start()',
        '    return "tidy"',
        '',
        '',
        'runner = Job("true")',
        '',
        '',
        'def go():',
        '    runner.start()',
        '    return "go"',
      ],
      'os.system(self.command)',
    );
    assert.notStrictEqual(analyse().confidence, 'high');
    // `tidy` calls a `start` on an object no text of it names a `Job`: what `self.command` holds when `Job.start`
    // starts is not asked again.
    doc.edit('return "tidy"', 'return "tidy" + "up"');
    let { result } = analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.strictEqual(result.plan?.answerDependents, 0, JSON.stringify(result.plan));
    assert.strictEqual(result.work?.fromElsewhere.attribute ?? 0, 0, JSON.stringify(result.work));
    // Its header edited: the region read again holds the whole function, which still names no `Job`.
    doc.edit('def tidy(engine):', 'def tidy(engine, n=0):');
    ({ result } = analyse());
    assert.strictEqual(result.plan?.edit, 'region', result.fullBecause);
    assert.strictEqual(result.plan.answerDependents, 0, JSON.stringify(result.plan));
    // `queue` names the class: the answer is asked again, and the visit made again once it changed.
    doc.edit('Job("ls")', 'Job(request.args["c"])');
    const queued = analyse();
    assert.strictEqual(queued.result.plan?.answerDependentsMadeAgain, 1, JSON.stringify(queued.result.plan));
    assert.strictEqual(queued.confidence, 'high');
    // `go` calls `start` on a variable of the module bound to a call: asked again, whatever the class.
    doc.edit('return "go"', 'return "go" + "on"');
    ({ result } = analyse());
    assert.strictEqual(result.plan?.answerDependents, 1, JSON.stringify(result.plan));
    assert.strictEqual(result.plan.answerDependentsMadeAgain, 0, JSON.stringify(result.plan));
    doc.close();
  });

  it('makes again a visit elsewhere that read what the edit changed alone, not the visits of the nodes inside it', () => {
    const doc = editedDocument(
      'untitled:dependent-class.py',
      [
        'import os',
        'from http.server import BaseHTTPRequestHandler',
        '',
        'PAGE = "<p>hello</p>"',
        '',
        '',
        'class Handler(BaseHTTPRequestHandler):',
        '    def do_GET(self):',
        '        self.wfile.write(PAGE.encode())',
        '',
        '    def helper(self, name):',
        '        os.system(name)',
        '        os.system("ls")',
        ...shortFunctions(),
        '',
      ].join('\n'),
    );
    doc.analyse();
    // The class's visit (what a handler writes) and the visit of the write in `do_GET` read `PAGE`; the calls of
    // `helper` do not.
    doc.edit('PAGE = "<p>hello</p>"', 'PAGE = "<p>" + os.environ["GREETING"]');
    const result = doc.analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.deepStrictEqual(result.plan?.dependents, [['the name `PAGE`', 2]]);
    // The module, the edited statement's nodes, the class and the call in `do_GET`: none of the nodes of `helper`,
    // whose body is not even recorded.
    const classText = doc.text.slice(doc.text.indexOf('class Handler'), doc.text.indexOf('\n\n\ndef unrelated_0'));
    assert.ok(result.plan.visitedNodes < 12, `${result.plan.visitedNodes} nodes visited again`);
    assert.strictEqual(result.work?.bodiesRecorded, 1, JSON.stringify(result.work));
    assert.ok(result.plan.dirtyCharacters > classText.length, 'the class is dirty');
    doc.close();
  });

  it("finds a module's Flask apps from its bindings, edit after edit", () => {
    const doc = editedDocument(
      'untitled:flask-app.py',
      [
        'from flask import Flask as Web, render_template',
        '',
        'app = Web(__name__)',
        '',
        '',
        '@app.route("/")',
        'def index():',
        '    return render_template("index.html")',
        ...shortFunctions(),
        '',
      ].join('\n'),
    );
    const apps = (result: EditorAnalysis) =>
      result.findings.filter((f) => f.ruleId === 'PSG610').map((f) => doc.text.slice(f.start, f.end));
    assert.deepStrictEqual(apps(doc.analyse()), ['Web(__name__)']);
    // An edit in a function body, then one between statements of the module: each analysed incrementally.
    doc.edit('"index.html"', '"home.html"');
    let result = doc.analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.deepStrictEqual(apps(result), ['Web(__name__)']);
    doc.edit('app = Web(__name__)', 'app = Web(__name__)\nif app:\n    other = Web("other")');
    result = doc.analyse();
    assert.strictEqual(result.mode, 'incremental', result.fullBecause);
    assert.deepStrictEqual(apps(result), ['Web(__name__)']);
    // The call no longer the whole right side of the assignment: no app is bound to the name.
    doc.edit('app = Web(__name__)', 'app = Web(__name__) or None');
    assert.deepStrictEqual(apps(doc.analyse()), []);
    doc.edit('app = Web(__name__) or None', 'app = Web(__name__)');
    assert.deepStrictEqual(apps(doc.analyse()), ['Web(__name__)']);
    doc.close();
  });

  it('keeps what `self.x` holds through an edit of a body that holds the word only as a variable', () => {
    const doc = editedDocument(
      'untitled:attributes.py',
      [
        'import os',
        '',
        'from flask import request',
        '',
        '',
        'class Job:',
        '    command = "ls"',
        '',
        '    def start(self):',
        '        os.system(self.command)',
        '',
        '    def describe(self, items):',
        '        return len(items)',
        '',
        '    def finish(self):',
        '        self.done = True',
        '',
        '',
        'def report(items):',
        '    command = "report"',
        '    return [command, len(items)]',
        '',
        '',
        'def schedule():',
        '    task = Job()',
        '    task.start()',
        '',
        ...shortFunctions(),
        '',
      ].join('\n'),
    );
    /** Makes the edit, analyses, and checks the sink's confidence and whether the attribute's answer was kept. */
    const step = (from: string, to: string, confidence: 'high' | undefined, kept?: boolean) => {
      doc.edit(from, to);
      const { result, confidence: found } = analyseSink(doc, 'os.system(self.command)', (f) => f.confidence !== 'low');
      assert.strictEqual(result.mode, 'incremental', result.fullBecause);
      assert.strictEqual(found, confidence, to);
      const computed = result.work?.fromElsewhere.attribute ?? 0;
      if (kept !== undefined) assert.strictEqual(computed === 0, kept, JSON.stringify(result.work));
      // The answer about all the calls of the method (its parts, by the function holding the calls, are kept too).
      const carried = [...(doc.state!.answers?.values() ?? [])].filter(
        (answer) => answer.kind === 'attribute' && answer.rest === 'command' && !answer.holder,
      );
      if (kept) assert.strictEqual(carried.length, 1);
      return result;
    };
    const first = analyseSink(doc, 'os.system(self.command)', (f) => f.confidence !== 'low');
    assert.strictEqual(first.confidence, undefined);
    assert.ok((first.result.work?.fromElsewhere.attribute ?? 0) > 0, JSON.stringify(first.result.work));
    // `command` as a local variable of a function: what `self.command` holds when `start` runs is kept.
    assert.strictEqual(step('"report"', '"summary"', undefined, true).plan?.edit, 'function body');
    // A method sets the attribute now (after a dot): the answer is computed again, and the finding follows.
    doc.edit('    task.start()', '    task.describe([])\n    task.start()');
    step('        return len(items)', '        self.command = request.args["c"]', 'high', false);
    // The function's local variable again, now that the finding depends on the attribute.
    step('"summary"', '"totals"', 'high', true);
    step('        self.command = request.args["c"]', '        return len(items)', undefined);
    // A method that sets the attribute but is called on no way to `start`: no earlier visit's answer may have changed.
    for (const [from, to] of [
      ['self.done = True', 'self.command = request.args["c"]'],
      ['self.command = request.args["c"]', 'self.done = True'],
    ])
      assert.strictEqual(step(from, to, undefined).plan?.answerDependents, 0, to);
    // The class's own attribute (first in a statement of its body, or after another on its line).
    step('    command = "ls"', '    command = request.args["c"]', 'high');
    step('    command = request.args["c"]', '    mode = 1; command = "ls"', undefined);
    step('    mode = 1; command = "ls"', '    mode = 1; command = request.args["c"]', 'high');
    doc.close();
  });

  it('makes no visit elsewhere again for an edit of a comment in a function body', () => {
    const source = `from flask import request
import os


def view():
    target = request.args["t"]
    # pass the name on
    forward(target)


def forward(value):
    os.system(value)
`;
    const doc = editedDocument('untitled:comment.py', `${source}${shortFunctions().join('\n')}\n`);
    const analyse = () => analyseSink(doc, 'os.system(value)', (f) => f.ruleId === 'PSG102');
    assert.strictEqual(analyse().confidence, 'high');
    // The sink in `forward` read what `view` passes: a comment there changes nothing it read.
    doc.edit('# pass the name on', '# pass the name on to the helper');
    let { result, confidence } = analyse();
    assert.strictEqual(result.plan?.edit, 'function body', result.fullBecause);
    assert.deepStrictEqual(result.plan?.dependents, []);
    assert.strictEqual(confidence, 'high');
    // A comment that reads like a call of `forward`: the search for its calls would see it, so the sink is visited.
    doc.edit('# pass the name on to the helper', '# forward(target) passes it on');
    ({ result, confidence } = analyse());
    assert.ok(result.plan?.dependents.length, JSON.stringify(result.plan));
    assert.strictEqual(confidence, 'high');
    // Code, not a comment: what `view` passes changed.
    doc.edit('request.args["t"]', '"report.txt"');
    ({ result, confidence } = analyse());
    assert.strictEqual(result.plan?.edit, 'function body', result.fullBecause);
    assert.notStrictEqual(confidence, 'high');
    doc.close();
  });

  it('analyses edits of imports outside functions incrementally: typed, renamed, added and removed, then used', () => {
    // Importing a test framework makes the whole file test code (the rules read the imported modules, not a name).
    const doc = new ScriptedDocument(
      parser,
      engine,
      'untitled:imports.py',
      [
        '# scripted edits of imports',
        'import hashlib',
        'import logging',
        'import os',
        'import subprocess',
        '',
        '',
        'def digest(data):',
        '    return hashlib.md5(data).hexdigest()',
        '',
        '',
        'def run(command):',
        '    os.system(command)',
        '    return command',
        '',
        '',
        'def show(request, slug):',
        '    os.system(slug)',
        '    logging.info("viewing " + slug)',
        unrelatedFunctions,
        '',
      ].join('\n'),
    );
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 1);
    assert.strictEqual(doc.count('PSG102', 'command'), 1);
    // A new import typed a character at a time, then deleted the same way.
    const typed = doc.type(doc.offsetOf('\nimport subprocess'), '\nimport pytest');
    all(typed);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 0);
    assert.strictEqual(doc.count('PSG102', 'command'), 0);
    all(doc.backspace(doc.offsetOf('\nimport subprocess'), '\nimport pytest'.length));
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 1);
    assert.strictEqual(doc.count('PSG102', 'command'), 1);
    // `import os` → `import oss` → `import os`: the module and the name its calls resolve through.
    all(doc.type(doc.offsetOf('import os') + 'import os'.length, 's'));
    assert.strictEqual(doc.count('PSG102', 'command'), 0);
    all(doc.backspace(doc.offsetOf('import oss') + 'import oss'.length, 1));
    assert.strictEqual(doc.count('PSG102', 'command'), 1);
    // A whole import line added and removed.
    all([doc.change(doc.offsetOf('import subprocess'), doc.offsetOf('import subprocess'), 'import unittest\n')]);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 0);
    all([doc.replace('import unittest\n', '')]);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 1);
    // A module inside a test framework's package makes test code too (the check asks for the package).
    all([doc.change(doc.offsetOf('import subprocess'), doc.offsetOf('import subprocess'), 'import unittest.mock\n')]);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 0);
    all([doc.replace('import unittest.mock\n', '')]);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 1);
    // What the taint analysis reads of the imports: a Django import makes `show` a view, `slug` a route parameter.
    assert.strictEqual(doc.findings.find((f) => doc.text.slice(f.start, f.end) === 'slug')?.confidence, 'low');
    all([doc.change(doc.offsetOf('import subprocess'), doc.offsetOf('import subprocess'), 'import django\n')]);
    assert.strictEqual(doc.findings.find((f) => doc.text.slice(f.start, f.end) === 'slug')?.confidence, 'high');
    // (PSG132 reads nothing of the imports itself: only the taint analysis does.)
    assert.strictEqual(doc.findings.filter((f) => f.ruleId === 'PSG132').length, 1);
    all([doc.replace('import django\n', '')]);
    assert.strictEqual(doc.findings.find((f) => doc.text.slice(f.start, f.end) === 'slug')?.confidence, 'low');
    assert.strictEqual(doc.findings.filter((f) => f.ruleId === 'PSG132').length, 0);
    // A name imported, then used in a function, then its import removed.
    all([
      doc.change(doc.offsetOf('import subprocess'), doc.offsetOf('import subprocess'), 'from hashlib import md5\n'),
    ]);
    all([doc.replace('    return command', '    md5(command)\n    return command')]);
    assert.strictEqual(doc.count('PSG310', 'md5(command)'), 1);
    all([doc.replace('from hashlib import md5\n', '')]);
    assert.strictEqual(doc.count('PSG310', 'md5(command)'), 0);
    // An import inside a function body counts as the file's too.
    all(doc.type(doc.offsetOf('\n    return hashlib'), '\n    import pytest'));
    assert.strictEqual(doc.count('PSG102', 'command'), 0);
    all(doc.backspace(doc.offsetOf('\n    return hashlib'), '\n    import pytest'.length));
    assert.strictEqual(doc.count('PSG102', 'command'), 1);
    doc.close();
  });

  it('analyses edits near lambdas outside functions incrementally: module level, class bodies, defaults, decorators', () => {
    const doc = new ScriptedDocument(
      parser,
      engine,
      'untitled:lambdas.py',
      [
        '# scripted edits near lambdas',
        'import hashlib',
        'import os',
        'import subprocess',
        '',
        'ALGORITHM = "md5"',
        'shadow = lambda items: [os.system(x) for os in items]',
        'each = lambda commands: [os.system(c) for c in commands]',
        'handler = lambda command: os.system(command)',
        '',
        '',
        'class Store:',
        '    key = lambda self, password: hashlib.md5(password)',
        '',
        '    def save(self, value, hasher=lambda v: hashlib.md5(v)):',
        '        return hasher(value)',
        '',
        '',
        '@register(lambda request: subprocess.run(request.args["c"], shell=True))',
        'def view():',
        '    pass',
        unrelatedFunctions,
        '',
      ].join('\n'),
    );
    assert.strictEqual(doc.count('PSG102', 'c'), 1);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(v)'), 1);
    assert.strictEqual(doc.count('PSG301', 'password'), 1);
    assert.strictEqual(doc.count('PSG102', 'request.args["c"]'), 1);
    // Module level: a lambda added before the others and removed (they move in the list of scopes), one typed in.
    all([doc.change(doc.offsetOf('each ='), doc.offsetOf('each ='), 'first = lambda: 0\n')]);
    assert.strictEqual(doc.count('PSG102', 'c'), 1);
    all([doc.replace('first = lambda: 0\n', '')]);
    // Half typed, the lambda takes the next line into its syntax error: those versions keep the last parsed findings.
    const typed = doc.type(doc.offsetOf('\nhandler ='), '\nsecond = lambda x: x');
    assert.ok(
      typed.every((mode) => mode === 'incremental' || mode === 'kept'),
      typed.join(),
    );
    assert.strictEqual(typed[typed.length - 1], 'incremental');
    assert.strictEqual(doc.count('PSG102', 'c'), 1);
    all([doc.replace('system(c) for c in', 'system(d) for d in', 'each =')]);
    assert.strictEqual(doc.count('PSG102', 'd'), 1);
    all([doc.replace('system(d) for d in', 'system(c) for c in', 'each =')]);
    assert.strictEqual(doc.count('PSG102', 'c'), 1);
    all([doc.replace('second = lambda x: x\n', '')]);
    // What a lambda binds is found by its place among the lambdas: a name it binds hides the module's once the
    // lambdas move, for the calls in it looked at again (`os` changed), and in a lambda written anew.
    assert.strictEqual(doc.count('PSG102', 'x'), 0);
    all([doc.change(doc.offsetOf('ALGORITHM'), doc.offsetOf('ALGORITHM'), 'first = lambda: 0\n')]);
    all(doc.type(doc.offsetOf('import os') + 'import os'.length, 's'));
    all(doc.backspace(doc.offsetOf('import oss') + 'import oss'.length, 1));
    assert.strictEqual(doc.count('PSG102', 'x'), 0);
    assert.strictEqual(doc.count('PSG102', 'c'), 1);
    all([doc.replace('first = lambda: 0\n', 'first = lambda items: [os.system(y) for os in items]\n')]);
    assert.strictEqual(doc.count('PSG102', 'y'), 0);
    all([doc.replace('first = lambda items: [os.system(y) for os in items]\n', '')]);
    // A class body.
    all([doc.replace('hashlib.md5(password)', 'hashlib.md5(self)')]);
    assert.strictEqual(doc.count('PSG301', 'password'), 0);
    all([doc.replace('hashlib.md5(self)', 'hashlib.md5(password)')]);
    assert.strictEqual(doc.count('PSG301', 'password'), 1);
    // A default argument.
    all([doc.replace('hashlib.md5(v)', 'hashlib.sha256(v)')]);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(v)'), 0);
    all([doc.replace('hashlib.sha256(v)', 'hashlib.md5(v)')]);
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(v)'), 1);
    // A decorator.
    all([doc.replace('shell=True', 'shell=False')]);
    assert.strictEqual(doc.count('PSG102', 'request.args["c"]'), 0);
    all([doc.replace('shell=False', 'shell=True')]);
    assert.strictEqual(doc.count('PSG102', 'request.args["c"]'), 1);
    doc.close();
  });

  it('makes again only the visits that read what the edit changed: calls, `global` statements, imports', () => {
    const doc = new ScriptedDocument(
      parser,
      engine,
      'untitled:dependents.py',
      [
        '# scripted edits that other visits read',
        'import functools',
        'import os',
        'import subprocess',
        '',
        'from flask import request',
        '',
        '',
        'def run(value):',
        '    subprocess.run(value, shell=True)',
        '',
        '',
        'def view():',
        '    command = request.args.get("c", "")',
        '    items = [run, (command)]',
        '    return items',
        '',
        '',
        'def other():',
        '    label = "run"',
        '    runner = run',
        '    return label, runner',
        '',
        '',
        'CURRENT = "ls"',
        '',
        '',
        'def show():',
        '    os.system(CURRENT)',
        '',
        '',
        'def reader():',
        '    return CURRENT + "x"',
        '',
        '',
        'def writer(value):',
        '    global CURRENT',
        '    CURRENT = "ls"',
        unrelatedFunctions,
        '',
      ].join('\n'),
    );
    const confidenceAt = (sink: string) => {
      const at = doc.offsetOf(sink);
      return doc.findings.find((f) => f.start >= at && f.start < at + sink.length && f.confidence !== 'low')
        ?.confidence;
    };
    const dependents = () => doc.plan!.dependents.map(([use]) => use);
    const mentioning = (name: string) => dependents().filter((use) => use.includes(`\`${name}\``));
    // The answer about `run`'s parameter read the calls of `run`: a body that names it otherwise is no caller.
    all(doc.type(doc.offsetOf('"run"') + 4, 'g'));
    assert.deepStrictEqual(mentioning('run'), []);
    assert.strictEqual(confidenceAt('subprocess.run(value'), undefined);
    // Two characters deleted make a call of what was a list of a name and a value: the body held `run` already.
    // The sink's visit asked what the calls of `run` pass: that answer read them, and changed.
    all([doc.replace('[run, (command)]', '[run(command)]')]);
    assert.deepStrictEqual(mentioning('run'), []);
    assert.strictEqual(doc.plan!.answerDependentsMadeAgain, 1, JSON.stringify(doc.plan));
    assert.strictEqual(confidenceAt('subprocess.run(value'), 'high');
    all([doc.replace('[run(command)]', '[run, (command)]')]);
    assert.strictEqual(confidenceAt('subprocess.run(value'), undefined);
    // The answer about `CURRENT` read the `global CURRENT` statements: a body that only reads it is no writer.
    all(doc.type(doc.offsetOf('"x"') + 2, 'y'));
    assert.deepStrictEqual(mentioning('CURRENT'), []);
    all([doc.replace('    CURRENT = "ls"\n', '    CURRENT = value\n', 'global CURRENT')]);
    assert.ok(dependents().includes('`global CURRENT`'), dependents().join('; '));
    all([doc.replace('    return items', '    writer(command)\n    return items')]);
    assert.strictEqual(confidenceAt('os.system(CURRENT'), 'high');
    // An import that neither the taint analysis nor a rule asks about: no visit is made again (every one asked the
    // taint analysis, which reads of the imports only the web framework they make handlers of).
    const plans: PlanSummary[] = [];
    for (const step of doc.type(doc.offsetOf('import functools') + 'import functools'.length, 's')) {
      assert.strictEqual(step, 'incremental');
      plans.push(doc.plan!);
    }
    for (const step of doc.backspace(doc.offsetOf('import functoolss') + 'import functoolss'.length, 1)) {
      assert.strictEqual(step, 'incremental');
      plans.push(doc.plan!);
    }
    for (const plan of plans) {
      assert.ok(plan.importsChanged && !plan.taintImportsChanged);
      assert.deepStrictEqual(plan.dependents, []);
    }
    assert.strictEqual(confidenceAt('os.system(CURRENT'), 'high');
    doc.close();
  });

  it('makes again a visit whose finding ends where the edit is, instead of analysing the whole file', () => {
    const doc = new ScriptedDocument(
      parser,
      engine,
      'untitled:finding-end.py',
      [
        '# scripted edits next to a finding',
        'import hashlib',
        '',
        '',
        'def digest(data):',
        '    hashlib.md5(data)',
        '',
        unrelatedFunctions,
        '',
      ].join('\n'),
    );
    // Typed on the line after the function: the finding (the call) ends at the line break the edit touches.
    const end = doc.offsetOf('hashlib.md5(data)') + 'hashlib.md5(data)'.length;
    assert.deepStrictEqual(
      doc.findings.filter((f) => f.ruleId === 'PSG310').map((f) => f.end),
      [end],
    );
    all(doc.type(end + 1, 'x'));
    all(doc.backspace(end + 2, 1));
    assert.strictEqual(doc.count('PSG310', 'hashlib.md5(data)'), 1);
    doc.close();
  });

  it('keeps a function body where it starts when text is pasted at its start', () => {
    const doc = new ScriptedDocument(
      parser,
      engine,
      'untitled:body-start.py',
      [
        unrelatedFunctions,
        '',
        '',
        'from http.cookies import SimpleCookie',
        'def headers():',
        '    leCookie()',
        '    c["theme"] = "dark"',
        '    return c.output(header="Set-Cookie:")',
        '',
      ].join('\n'),
    );
    // Pasted before the body's first statement: the cookie jar's assignment starts where the body does, and the
    // body's statements are found in it only if the body still starts there.
    const start = doc.offsetOf('leCookie()');
    assert.strictEqual(doc.change(start, start, 'c = Simp'), 'incremental');
    assert.strictEqual(doc.count('PSG615', 'c["theme"] = "dark"'), 1);
    doc.close();
  });

  it('captures in a range are the nodes of a whole-file capture that intersect it', () => {
    const text = fs.readFileSync(exampleFiles()[0], 'utf8');
    const tree = parser.parse(text);
    try {
      const query = parser.query('[(call) (identifier) (function_definition) (string)] @node');
      const all = query.captures(tree.rootNode).map(({ node }) => node);
      const next = random(3);
      for (let i = 0; i < 50; i++) {
        const a = Math.floor(next() * text.length);
        const b = Math.min(text.length, a + 1 + Math.floor(next() * 400));
        const expected = all
          .filter((node) => node.startIndex < b && node.endIndex > a)
          .map((node) => `${node.type}@${node.startIndex}-${node.endIndex}`);
        const actual = capturesIn(query, tree.rootNode, a, b).map(
          (node: Node) => `${node.type}@${node.startIndex}-${node.endIndex}`,
        );
        assert.deepStrictEqual(actual, expected, `range ${a}-${b}`);
      }
    } finally {
      tree.delete();
    }
  });

  it('what changed since the last analysis covers every edit, in old and new positions', () => {
    const next = random(11);
    for (let round = 0; round < 300; round++) {
      const original = 'x'
        .repeat(40)
        .split('')
        .map((_, i) => String.fromCharCode(97 + (i % 26)))
        .join('');
      let text = original;
      let dirty;
      for (let i = 0; i < 1 + Math.floor(next() * 4); i++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(next() * 5));
        const inserted = 'Z'.repeat(Math.floor(next() * 4));
        dirty = mergeEdit(dirty, start, end, inserted.length);
        text = text.slice(0, start) + inserted + text.slice(end);
      }
      // Outside the range the two texts are equal, shifted by the change in length.
      assert.ok(dirty);
      assert.strictEqual(text.slice(0, dirty.start), original.slice(0, dirty.start));
      assert.strictEqual(text.slice(dirty.newEnd), original.slice(dirty.oldEnd));
      assert.strictEqual(text.length - original.length, dirty.newEnd - dirty.oldEnd);
    }
  });
  describe('after syntax errors that spread beyond the edited statement', () => {
    // Each edit leaves a syntax error from which tree-sitter's error recovery restructures the rest of the file
    // (`kept`: the last parsed version's findings, moved, compared with a whole-file analysis of that version by
    // `ScriptedDocument`); the edit that repairs it is analysed from that version, for the statement it changed
    // only (compared with a whole-file analysis of the repaired text).
    const source = () =>
      [
        '# scripted syntax errors that spread',
        'import hashlib',
        'import os',
        'import subprocess',
        '',
        '',
        'def parse(lines):',
        '    """Split the lines."""',
        '    result = []',
        '    for line in lines:',
        '        if line:',
        '            result.append(line)',
        '        elif not line:',
        '            continue',
        '    return result',
        '',
        '',
        'def digest(data):',
        '    """Digest the data."""',
        '    return hashlib.md5(data).hexdigest()',
        '',
        '',
        'def run(command):',
        '    """Run the command."""',
        '    subprocess.call(command, shell=True)',
        '    os.system(command)',
        unrelatedFunctions,
        '',
      ].join('\n');
    const laterFindings = (doc: ScriptedDocument) => [
      doc.count('PSG310', 'hashlib.md5(data)'),
      doc.findings.filter((finding) => finding.ruleId === 'PSG102').length,
    ];

    it('a character typed into the indentation of a statement and deleted again', () => {
      const doc = new ScriptedDocument(parser, engine, 'untitled:indentation.py', source());
      const before = laterFindings(doc);
      assert.ok(
        before.every((n) => n > 0),
        String(before),
      );
      // Edits that parse first: the statements kept are moved with them.
      assert.deepStrictEqual(doc.type(doc.offsetOf('Split') + 5, ' all'), Array(4).fill('incremental'));
      assert.deepStrictEqual(doc.type(doc.offsetOf('Digest') + 6, ' all'), Array(4).fill('incremental'));
      const at = doc.offsetOf('    elif not line:') + 4;
      assert.deepStrictEqual(doc.type(at, 's'), ['kept']);
      assert.ok(doc.syntaxErrors);
      assert.deepStrictEqual(laterFindings(doc), before);
      assert.deepStrictEqual(doc.backspace(at + 1, 1), ['incremental']);
      assert.strictEqual(doc.from, 'parsed');
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    });

    it("a docstring's quote deleted and typed again", () => {
      const doc = new ScriptedDocument(parser, engine, 'untitled:docstring.py', source());
      const before = laterFindings(doc);
      const at = doc.offsetOf('"""Split');
      assert.deepStrictEqual(doc.backspace(at + 1, 1), ['kept']);
      assert.deepStrictEqual(laterFindings(doc), before);
      assert.deepStrictEqual(doc.type(at, '"'), ['incremental']);
      assert.strictEqual(doc.from, 'parsed');
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    });

    it('an unclosed bracket typed, more typed, then closed', () => {
      const doc = new ScriptedDocument(parser, engine, 'untitled:bracket.py', source());
      const before = laterFindings(doc);
      const at = doc.offsetOf('result = []') + 'result = '.length;
      assert.deepStrictEqual(doc.type(at, '('), ['kept']);
      const end = doc.offsetOf('[]', 'result = (') + 2;
      assert.deepStrictEqual(doc.type(end, ' + [0]'), Array(6).fill('kept'));
      assert.deepStrictEqual(laterFindings(doc), before);
      assert.deepStrictEqual(doc.type(end + 6, ')'), ['incremental']);
      assert.strictEqual(doc.from, 'parsed');
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    });

    /**
     * A character typed at `at` in a `workerClass` document is kept, the findings unchanged; its deletion is analysed
     * from the last version that parsed, for the statement it touched only. Closes the document.
     */
    const keptThenRepaired = (doc: ScriptedDocument, at: number, character: string, syntaxErrors: boolean) => {
      const before = laterFindings(doc);
      assert.ok(before[0] === 1 && before[1] > 0, String(before));
      assert.deepStrictEqual(doc.type(at, character), ['kept']);
      assert.strictEqual(doc.syntaxErrors, syntaxErrors);
      assert.deepStrictEqual(laterFindings(doc), before);
      assert.deepStrictEqual(doc.backspace(at + 1, 1), ['incremental']);
      assert.strictEqual(doc.from, 'parsed');
      assert.ok(doc.plan!.dirtyCharacters < 200, `${doc.plan!.dirtyCharacters} dirty characters`);
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    };

    /** Eight methods of one statement each, for a class's body. */
    const shortMethods = Array.from({ length: 8 }, (_, i) => [
      '',
      `    def step_${i}(self, items):`,
      '        return len(items)',
    ]).flat();

    /**
     * A document with a class `Worker` whose body starts with `body`, then has a hash and a shell sink, then the
     * methods in `last`.
     */
    const workerClass = (uri: string, heading: string, body: string[], last: string[] = []) =>
      new ScriptedDocument(
        parser,
        engine,
        uri,
        [
          heading,
          'import hashlib',
          'import subprocess',
          '',
          '',
          'class Worker:',
          ...body,
          '',
          '    def digest(self, data):',
          '        return hashlib.md5(data).hexdigest()',
          '',
          '    def run(self, command):',
          '        subprocess.call(command, shell=True)',
          ...last,
          unrelatedFunctions,
          '',
        ].join('\n'),
      );

    it('inside a class: only the method whose text changed is analysed again once the text parses', () => {
      const methods = Array.from({ length: 8 }, (_, i) => [
        '',
        `    def step_${i}(self, items):`,
        `        total = ${i}`,
        '        for item in items:',
        '            if item:',
        '                total += len(str(item))',
        '            elif not item:',
        '                continue',
        '        return total',
      ]).flat();
      const doc = workerClass('untitled:class.py', '# scripted syntax errors in a class', [
        '    """Work."""',
        ...methods,
      ]);
      const before = laterFindings(doc);
      assert.ok(before[0] === 1 && before[1] > 0, String(before));
      const at = doc.offsetOf('        elif not item:', 'def step_3') + 8;
      assert.deepStrictEqual(doc.type(at, 'x'), ['kept']);
      assert.deepStrictEqual(laterFindings(doc), before);
      // Another change in the same method while the text does not parse, then the first undone.
      assert.deepStrictEqual(doc.type(doc.offsetOf('total = 3', 'def step_3') + 'total = 3'.length, '3'), ['kept']);
      assert.deepStrictEqual(doc.backspace(at + 2, 1), ['incremental']);
      assert.ok(doc.text.includes('total = 33') && !doc.syntaxErrors);
      assert.strictEqual(doc.from, 'parsed');
      // The method, not the class.
      const method = doc.text.slice(doc.offsetOf('    def step_3'), doc.offsetOf('\n\n    def step_4'));
      assert.ok(doc.plan!.dirtyCharacters < 2 * method.length, `${doc.plan!.dirtyCharacters} dirty characters`);
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    });

    it('a character typed at the left margin inside a class, which tree-sitter accepts and CPython does not', () => {
      const doc = workerClass(
        'untitled:margin.py',
        '# a statement typed at the left margin ends the class for tree-sitter',
        shortMethods,
      );
      // tree-sitter reports no syntax error.
      keptThenRepaired(doc, doc.offsetOf('\n\n    def step_4') + 1, 'u', false);
    });

    it('a character typed into the indentation of a statement in a method, where tree-sitter reports an error', () => {
      // The class's last method: tree-sitter's error recovery stays inside it, but its tree holds no method there
      // any more, and the region read again would be the class.
      const toggle = [
        '',
        '    def toggle(self, event=None):',
        '        if self.items is None:',
        '            return',
        '',
        '        if self.items.shown:',
        '            self.items.hide()',
        '            label = "Show"',
        '        else:',
        '            self.items.show()',
        '            label = "Hide"',
        '        self.update(label=f"{label} items")',
      ];
      const doc = workerClass(
        'untitled:indented.py',
        '# a character typed into the indentation of `return`',
        shortMethods,
        toggle,
      );
      // ` q           return`: CPython rejects the indentation. Kept, not the class analysed again.
      keptThenRepaired(doc, doc.offsetOf('            return', 'def toggle') + 1, 'q', true);
    });

    it('analyses from the last version that parsed when the text parses again after a fresh parse in between', () => {
      const doc = new ScriptedDocument(parser, engine, 'untitled:settled.py', source());
      const before = laterFindings(doc);
      const at = doc.offsetOf('    elif not line:') + 4;
      assert.deepStrictEqual(doc.type(at, 's'), ['kept']);
      // The fresh parse after a pause analyses the whole file; so does an edit that keeps the text broken.
      assert.match(doc.settle(), /no edit to start from/);
      assert.deepStrictEqual(doc.type(at + 1, 't'), ['incremental']);
      assert.ok(doc.syntaxErrors);
      assert.deepStrictEqual(doc.backspace(at + 2, 2), ['incremental', 'incremental']);
      assert.ok(!doc.syntaxErrors);
      assert.strictEqual(doc.from, 'parsed');
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    });

    it('keeps no finding next to the changed text, and finds it again once the text parses', () => {
      const doc = new ScriptedDocument(parser, engine, 'untitled:changed.py', source());
      const before = laterFindings(doc);
      // A bracket opened just before the call: its finding cannot be moved, so it is not kept; the others are.
      const at = doc.offsetOf('hashlib.md5(data)');
      assert.deepStrictEqual(doc.type(at, '('), ['kept']);
      assert.deepStrictEqual(laterFindings(doc), [0, before[1]]);
      assert.deepStrictEqual(doc.backspace(at + 1, 1), ['incremental']);
      assert.strictEqual(doc.from, 'parsed');
      assert.deepStrictEqual(laterFindings(doc), before);
      doc.close();
    });
  });
});
