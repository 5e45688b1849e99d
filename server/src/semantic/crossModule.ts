import type { ElsewhereLocation } from '../core/types';
import { LineIndex, detachedString } from '../core/text';
import { TextHash } from '../core/hash';
import { capturesByType, typesQuery } from '../parser/parser';
import type { Node, PythonParser, Tree } from '../parser/parser';
import { SemanticModel, modelNodeTypes } from './model';
import { importsOfText, importsTestFramework, type ImportLines } from './importLines';
import { SinkKind, TaintOptions, defaultTaintOptions, sourceHint } from './taintCatalog';
import { classMethod, staticMethod } from './dataflow/callSites';
import type { Summary } from './dataflow/summaries';
import type { Contribution, FlowStep, TaintValue } from './dataflow/value';
import { constant, joinTaint } from './dataflow/value';

/**
 * The other files of the workspace, as the analysis of one file may read them. Implemented over the
 * file system (the command line, the editor's workspace) or over what an editor has open; the
 * analysis itself reads nothing else.
 */
export interface WorkspaceModules {
  /**
   * The file that `module` names when imported from the file at `importer`: `helpers`, `pkg.mod`, or with leading
   * dots a relative import (`.text`, `..util`). Undefined when the module is not a file of the workspace.
   */
  resolve(module: string, importer: string | undefined): string | undefined;
  /** The text of a workspace file (an open document's current text, else what is on disk), or undefined. */
  read(path: string): string | undefined;
  /**
   * A cheap mark of a file's current text that changes whenever the text does (its size and modification time), or
   * undefined when there is none (an open document): with it, what was computed from the text is kept without the text.
   */
  stamp?(path: string): string | undefined;
  /** Files that may import the module at `path` (a superset is fine: each is read before it counts). */
  importers(path: string): readonly string[];
  /** What the file at `path` calls (`callsOfText`), when it was read with its imports and its stamp is `stamp`. */
  indexedCalls?(path: string, stamp: string): FileCalls | undefined;
  /**
   * A count of the changes so far, and the files changed since an earlier count (undefined: anything may have
   * changed). Modules kept parsed between analyses are dropped when they or a module they import changed.
   */
  generation?(): number;
  changedSince?(generation: number): readonly string[] | undefined;
}

/** What a model knows of the file it models, for questions that leave the file. */
export interface ModuleContext {
  analysis: CrossModuleAnalysis;
  /** The file's path, when it has one (relative imports need it). */
  path?: string;
}

/** A function of another module: its file and where it is in it (`pick`, `Chooser.choose`). */
export interface ModuleFunction {
  path: string;
  /** The name of the function, then of the class holding it when it is a method. */
  name: string;
  className?: string;
  /**
   * The call fills the first parameter itself: a method called on an instance (`Chooser().choose(...)`), or a class
   * method (`Chooser.named(...)`, its class). Not a static method, nor a method called on its class with the instance
   * passed (`Chooser.choose(chooser, ...)`).
   */
  bound: boolean;
}

/** What the analysis of one file read of other files: their paths and text hashes (cache keys of its results). */
export type ModuleReads = ReadonlyMap<string, string>;

/** How a method is called: on an instance, or a `@classmethod` or `@staticmethod`. */
type MethodKind = 'instance' | 'class' | 'static';

/** What a module's top-level name is, for resolving names other modules import from it. */
type Export =
  | { kind: 'function' }
  | { kind: 'class'; methods: ReadonlyMap<string, MethodKind> }
  | { kind: 'import'; qualified: string }
  | { kind: 'other' };

interface OpenModule {
  options: TaintOptions;
  text: string;
  hash: string;
  tree: Tree;
  model: SemanticModel;
  lines: LineIndex;
  calls: Node[];
}

/** Names called in some text, each on a line of its own, the first and last line empty. */
export interface CalledNames {
  /** Called after a dot: `helpers.pick(`, `Chooser().choose(`, `self.run (`. */
  attribute: string;
  /** Called by the name alone: `pick(`. */
  bare: string;
}

/** What a file calls by name, read from its text alone (`callsOfText`). */
export interface FileCalls {
  /** The names called in a top-level definition (or the module code after it) that may hold a source. */
  hinted: CalledNames;
  /** The names `from ... import` statements import, one per line as above, and whether one imports `*`. */
  fromImported: string;
  importsAll: boolean;
  /** The names `from ... import` statements bind under another name: `name alias` per line (see `aliasesIn`). */
  aliases: string;
  /** The file imports a test framework (`importsTestFramework`): it is test code, and the rest is left empty. */
  testCode: boolean;
}

/** What a file calls by name, under its stamp (or with its text, for a file without one); see `callsIn`. */
interface CallIndex extends FileCalls {
  stamp?: string;
  text?: string;
  /** The same as `hinted`, of every call (read when first asked for: only settings with extra sources need them). */
  all?: CalledNames;
}

/**
 * What a file calls by name (`name(`, `obj.name (`), one name per line, in the top-level definitions that may hold a
 * source (a handler whose request data reaches the call), and what it imports by name (from `imports`, its import
 * lines, when they were read already).
 */
export function callsOfText(text: string, imports: ImportLines = importsOfText(text)): FileCalls {
  // Test code is never read for its calls (see `callerValues`).
  if (importsTestFramework(imports.modules)) return { hinted: calledNames([]), ...NO_CALLS };
  const hinted: string[] = [];
  // Each top-level definition with the module code after it (a decorator run belongs to its definition).
  const starts = [0];
  let decorated = false;
  for (const match of text.matchAll(TOP_LEVEL_DEFINITION)) {
    const decorator = match[0] === '@';
    if (!decorated) starts.push(match.index);
    decorated = decorator;
  }
  starts.push(text.length);
  for (let i = 0; i + 1 < starts.length; i++) {
    const block = text.slice(starts[i], starts[i + 1]);
    if (sourceHint.test(block)) hinted.push(block);
  }
  return {
    hinted: calledNames(hinted),
    fromImported: `\n${[...imports.names].join('\n')}\n`,
    importsAll: imports.all,
    aliases: `\n${imports.aliases.map(([name, alias]) => `${name} ${alias}`).join('\n')}\n`,
    testCode: false,
  };
}

/** What test code is recorded as calling and importing: nothing (only that it is test code). */
const NO_CALLS = { fromImported: '\n\n', importsAll: false, aliases: '\n\n', testCode: true } as const;

/** The other names a file's `from` imports bind `name` to (`execute` for `from actions import run as execute`). */
function aliasesIn(calls: FileCalls, name: string): string[] {
  const found: string[] = [];
  const prefix = `\n${name} `;
  for (let at = calls.aliases.indexOf(prefix); at >= 0; at = calls.aliases.indexOf(prefix, at + 1)) {
    const start = at + prefix.length;
    found.push(calls.aliases.slice(start, calls.aliases.indexOf('\n', start)));
  }
  return found;
}

/** A line that starts a top-level definition: its first decorator, `def`, `async def` or `class`. */
const TOP_LEVEL_DEFINITION = /^(?:@|(?:async[ \t]+)?def[ \t]|class[ \t])/gm;

/** A name followed by a call's opening parenthesis. */
const CALLED_NAME =
  /(?<![\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}])[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?=\s*\()/gu;

/** `CALLED_NAME` for a text of ASCII characters only. */
const ASCII_CALLED_NAME = /(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/g;
const NOT_ASCII = /\P{ASCII}/u;

/** A call of `super` just before a dot: `super()`, `super(Handler, self)`, spaces and line breaks between. */
const SUPER_BEFORE =
  /(?<![\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}.])super\s*\(\s*(?:[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}.]*\s*,\s*[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*\s*)?\)\s*$/u;
/** How far before the dot a call of `super` is looked for. */
const SUPER_CALL_LENGTH = 200;

/** How many files one question may go through (a helper calling a helper in a third module...). */
const MAX_MODULE_DEPTH = 3;
/** Files read for the callers of one function, and calls of it taken from each. */
const MAX_IMPORTERS = 8;
const MAX_CALL_SITES = 8;
const MAX_CACHED = 4000;
/**
 * Other modules kept parsed from one analysis to the next, by default: the editor asks again, keystroke after
 * keystroke, about the modules its document uses. A scan passes fewer (`SCAN_KEEP_OPEN`).
 */
const KEEP_OPEN = 16;
/**
 * A scan's answers about other modules are kept as data, so a module is parsed again only for a new question. On the
 * standard library, keeping 16, 4 or no modules parsed gave the same cold scan time, and 4 instead of 16 took 25 MB
 * off the language server's scan worker (docs/benchmarks.md, "Memory of the workspace scan").
 */
export const SCAN_KEEP_OPEN = 4;
/** Modules whose uses are counted (see `keepMostUsed`); past this many, the counts start again. */
const MAX_COUNTED = 4000;

/**
 * Questions one file's analysis asks about the other modules of the workspace: what a function
 * imported from another module returns (its summary, as for a function of the same file), what a
 * validator there proves about its argument, and what the callers in other modules pass to a
 * function of this one. Other modules are parsed on demand and their trees deleted when the
 * outermost analysis ends; answers are kept as plain data under the text they were computed from,
 * so a later analysis reuses them until a file they read changes.
 */
export class CrossModuleAnalysis {
  private readonly open = new Map<string, OpenModule>();
  /** How many times each module was opened (parsed, or taken kept parsed), to keep the most used parsed. */
  private readonly uses = new Map<string, number>();
  private readonly callIndex = new Map<string, CallIndex>();
  /** The hashes looked up during the outermost analysis under way: one file's analysis sees one version of each file. */
  private hashesNow = new Map<string, string | undefined>();
  /** Per file, the hash of its text, under the file's stamp (or, for a file without one, with the text itself). */
  private readonly hashes = new Map<string, { stamp?: string; text?: string; hash: string }>();
  private readonly exports = new Map<string, { hash: string; names: ReadonlyMap<string, Export> }>();
  private readonly answers = new Map<string, { value: unknown; reads: [string, string][] }>();
  /** Questions being answered (a cycle of imports gives up instead of recursing). */
  private readonly active = new Set<string>();
  /**
   * The question under way was given up somewhere below it (a cycle, the depth limit, a module in use in another
   * version): its answer depends on where it was asked from, so it is not kept for other questions.
   */
  private truncated = false;
  private depth = 0;
  private sessions = 0;
  private generation = 0;
  /** What the outermost analysis under way read of other files. */
  private reads = new Map<string, string>();
  private query: ReturnType<PythonParser['query']> | undefined;
  /** The taint options of the question under way (other modules are analysed with the asking file's). */
  private options: TaintOptions = defaultTaintOptions;

  constructor(
    private readonly parser: PythonParser,
    readonly modules: WorkspaceModules,
    private readonly keepOpen = KEEP_OPEN,
  ) {}

  /**
   * Runs one file's analysis: other modules it opens stay parsed until the outermost call ends. Returns what it read
   * of other files with the result.
   */
  session<T>(run: () => T): [T, ModuleReads] {
    if (this.sessions === 0) {
      this.reads = new Map();
      this.hashesNow = new Map();
      // A kept module's taint answers were computed for another file's questions, some cut short by the depth limit
      // where that file asked from: each analysis starts them afresh, so its results do not depend on the files before.
      for (const entry of this.open.values()) entry.model.forgetTaint();
      // What a kept module's analysis cached may rest on a file that changed since.
      const generation = this.modules.generation?.() ?? 0;
      if (generation !== this.generation) this.closeChanged(this.modules.changedSince?.(this.generation));
      this.generation = generation;
    }
    this.sessions++;
    try {
      return [run(), this.reads];
    } finally {
      this.sessions--;
      if (this.sessions === 0) this.keepMostUsed();
    }
  }

  /**
   * Where a qualified name used in `importer` leads, when it names a function of another workspace module:
   * `helpers.pick`, `.text.tidy`, `choosers.Chooser().choose`.
   */
  functionNamed(qualified: string, importer: string | undefined, options: TaintOptions): ModuleFunction | undefined {
    return this.within(() => {
      this.options = options;
      return this.resolveIn(qualified, importer, 0);
    });
  }

  /** Other modules opened outside an analysis's session are closed when the question is answered. */
  private within<T>(run: () => T): T {
    return this.sessions > 0 ? run() : this.session(run)[0];
  }

  private resolveIn(qualified: string, importer: string | undefined, hops: number): ModuleFunction | undefined {
    const parts = qualified.split('.');
    // `.text.tidy` splits into ['', 'text', 'tidy']: the leading dots belong to the module.
    let dots = 0;
    while (parts[dots] === '') dots++;
    const words = parts.slice(dots);
    for (let split = words.length - 1; split >= 1 || (split === 0 && dots > 0); split--) {
      const module = '.'.repeat(dots) + words.slice(0, split).join('.');
      const path = this.modules.resolve(module, importer);
      if (!path || path === importer) continue;
      const rest = words.slice(split);
      return this.follow(path, rest, hops);
    }
    return undefined;
  }

  /** `rest` (a name, `Class().method`, `Class.method`) in the module at `path`, following re-exports. */
  private follow(path: string, rest: string[], hops: number): ModuleFunction | undefined {
    if (rest.length === 0 || rest.length > 2 || hops > MAX_MODULE_DEPTH) return undefined;
    const first = rest[0].replace(/\(\)$/, '');
    const exported = this.exportsOf(path)?.get(first);
    if (!exported) return undefined;
    if (exported.kind === 'import') {
      // `from .cleaning import clean` in a package's `__init__.py`: the name is the other module's.
      return this.resolveIn([exported.qualified, ...rest.slice(1)].join('.'), path, hops + 1);
    }
    if (rest.length === 1) {
      if (exported.kind !== 'function' || rest[0].endsWith('()')) return undefined;
      return { path, name: first, bound: false };
    }
    const method = rest[1];
    const kind = exported.kind === 'class' ? exported.methods.get(method) : undefined;
    if (!kind) return undefined;
    const bound = kind === 'class' || (kind === 'instance' && rest[0].endsWith('()'));
    return { path, name: method, className: first, bound };
  }

  /** The summary of a function of another module, its flow steps placed in that file. */
  summaryOf(target: ModuleFunction, options: TaintOptions): Summary | undefined {
    return this.within(() => this.summaryIn(target, options));
  }

  private summaryIn(target: ModuleFunction, options: TaintOptions): Summary | undefined {
    return this.answer(['summary', target], target.path, options, (open) => {
      const entry = open();
      const fn = entry && this.functionNode(entry, target);
      if (!fn) return undefined;
      const summary = entry.model.exportedSummary(fn);
      if (!summary) return undefined;
      return { ...summary, returns: this.relocated(summary.returns, target.path, entry) };
    });
  }

  /** What another module's validator (`def is_valid(v): return re.fullmatch(...)`) proves about parameter `index`. */
  validatorKinds(target: ModuleFunction, index: number, options: TaintOptions): SinkKind[] | 'all' {
    return this.within(
      () =>
        this.answer(['validator', target, index], target.path, options, (open) => {
          const entry = open();
          const fn = entry && this.functionNode(entry, target);
          return fn ? entry.model.parameterChecks(fn, index + (target.bound ? 1 : 0)) : [];
        }) ?? [],
    );
  }

  /**
   * What the callers of `fn` (a function of the file at `path`) in other modules pass as its parameter at `index`
   * (counting `self`), joined, each with a step at the call. Constant when no caller is found.
   */
  callerValues(path: string, fn: ModuleFunction, index: number, parameter: string, options: TaintOptions): TaintValue {
    if (fn.name.startsWith('_') && !fn.name.startsWith('__')) return constant;
    return this.within(
      () =>
        this.answer(['callers', fn, index, parameter], path, options, () => {
          const values: TaintValue[] = [];
          // Only importers whose text calls that name, where it may hold a source, are parsed: after a dot (the
          // module's name, an instance), or alone when the importer imports the name from a module. A method's call
          // resolves only through its class, so the importer must name the class too (a method's name alone, `read`,
          // `close`, is called on other objects in most importers). A class's `__init__` is also called by constructing
          // the class (`Store(path)`, `storage.Store(path)`): the importer then calls the class's name. A name imported
          // under another (`from actions import run as execute`) is called by that one.
          const constructed = fn.name === '__init__' ? fn.className : undefined;
          // Test code is left out: what a test passes is the test's input, not what the program is given when it runs.
          const importers = this.modules.importers(path).filter((importer) => {
            const calls = importer === path ? undefined : this.callsIn(importer);
            if (!calls || calls.testCode) return false;
            const called = options.extraSources.length > 0 ? this.allCallsIn(importer, calls) : calls.hinted;
            if (!called) return false;
            const calledAlone = (name: string) =>
              (called.bare.includes(`\n${name}\n`) &&
                (calls.importsAll || calls.fromImported.includes(`\n${name}\n`))) ||
              aliasesIn(calls, name).some((alias) => called.bare.includes(`\n${alias}\n`));
            if (constructed && (called.attribute.includes(`\n${constructed}\n`) || calledAlone(constructed)))
              return true;
            if (called.attribute.includes(`\n${fn.name}\n`))
              return !fn.className || namesWord(this.modules.read(importer), fn.className);
            return !fn.className && calledAlone(fn.name);
          });
          for (const importer of importers.slice(0, MAX_IMPORTERS)) {
            const entry = this.openModule(importer, options);
            const calls = this.callsIn(importer);
            if (!entry || !calls) continue;
            // The names the call may be written with; which function it calls is for the resolution to say.
            const names = new Set([fn.name, ...aliasesIn(calls, fn.name)]);
            const classNames = new Set(constructed ? [constructed, ...aliasesIn(calls, constructed)] : []);
            let taken = 0;
            for (const call of entry.calls) {
              if (taken >= MAX_CALL_SITES) break;
              const callee = call.childForFieldName('function');
              const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
              if (name === undefined) continue;
              const construction = classNames.has(name);
              if (!names.has(name) && !construction) continue;
              const qualified =
                callee?.type === 'identifier'
                  ? entry.model.qualifiedName(callee)
                  : (entry.model.qualifiedName(callee) ?? entry.model.resolvedPath(callee));
              if (!qualified) continue;
              // A construction passes its arguments to `__init__`, after the instance (as a bound call does).
              const called = this.resolveIn(construction ? `${qualified}.__init__` : qualified, importer, 0);
              if (!called || called.path !== path || called.name !== fn.name || called.className !== fn.className)
                continue;
              const argument = argumentFor(call, parameter, index - (called.bound || construction ? 1 : 0));
              if (!argument) continue;
              taken++;
              const value = entry.model.exportedValue(argument);
              if (value.contributions.length === 0) continue;
              const where = this.location(importer, entry, call.startIndex, call.endIndex);
              const step: FlowStep = {
                start: call.startIndex,
                end: call.endIndex,
                message: `\`${name}()\` is called with \`${shortText(argument.text)}\` in ${baseName(importer)}`,
                elsewhere: where,
              };
              const moved = this.relocated(value, importer, entry);
              values.push({
                contributions: moved.contributions.map((c) => ({ ...c, steps: [...c.steps, step] })),
              });
            }
          }
          return joinTaint(...values);
        }) ?? constant,
    );
  }

  // ---- internals ----

  /**
   * The hash of a workspace file's current text, looked up once per analysis: read and hashed again only when the
   * file's stamp changed (a file without a stamp, when its text is another string).
   */
  private hashOfFile(path: string): string | undefined {
    if (this.hashesNow.has(path)) return this.hashesNow.get(path);
    const hash = this.currentHash(path);
    this.hashesNow.set(path, hash);
    return hash;
  }

  private currentHash(path: string): string | undefined {
    const stamp = this.modules.stamp?.(path);
    const known = this.hashes.get(path);
    if (stamp !== undefined && known?.stamp === stamp) return known.hash;
    const text = this.modules.read(path);
    if (text === undefined) return undefined;
    if (stamp === undefined && known?.text === text) return known.hash;
    const hash = hashOf(text);
    this.hashes.set(path, stamp !== undefined ? { stamp, hash } : { text, hash });
    return hash;
  }

  /**
   * What a workspace file calls by name (`name(`, `obj.name (`), one name per line: all of them, and those called in a
   * top-level definition that may hold a source (a handler whose request data reaches the call). Kept under the file's
   * stamp, so the callers of each function are looked for without reading every importer again.
   */
  private callsIn(path: string): CallIndex | undefined {
    const stamp = this.modules.stamp?.(path);
    const known = this.callIndex.get(path);
    if (stamp !== undefined && known?.stamp === stamp) return known;
    // Read with the file's imports by the workspace's index (possibly by another thread).
    const indexed = stamp !== undefined ? this.modules.indexedCalls?.(path, stamp) : undefined;
    if (indexed) {
      const entry: CallIndex = { stamp, ...indexed };
      this.callIndex.set(path, entry);
      return entry;
    }
    const text = this.modules.read(path);
    if (text === undefined) return undefined;
    if (stamp === undefined && known?.text === text) return known;
    const entry: CallIndex = { ...(stamp !== undefined ? { stamp } : { text }), ...callsOfText(text) };
    this.callIndex.set(path, entry);
    return entry;
  }

  /** Every name `path` calls (see `callsIn`), for the entry `calls` gave; undefined when the file cannot be read. */
  private allCallsIn(path: string, calls: CallIndex): CalledNames | undefined {
    if (calls.all === undefined) {
      const text = calls.text ?? this.modules.read(path);
      if (text === undefined) return undefined;
      calls.all = calledNames([text]);
    }
    return calls.all;
  }

  /**
   * What the module at `path` defines at its top level, by name (the last binding of each): kept as data under the
   * module's text, so resolving `os.path.join` does not parse `os.py` for every file that calls it.
   */
  private exportsOf(path: string): ReadonlyMap<string, Export> | undefined {
    const hash = this.hashOfFile(path);
    if (hash === undefined) return undefined;
    const known = this.exports.get(path);
    if (known?.hash === hash) {
      this.reads.set(path, hash);
      return known.names;
    }
    const entry = this.openModule(path, this.options);
    if (!entry) return undefined;
    const names = new Map<string, Export>();
    const records = entry.model.moduleBindingRecords().sort((a, b) => a.at - b.at);
    // The names are read from the module's text, which these data outlive.
    for (const record of records) {
      const name = detachedString(record.name);
      if (record.kind === 'import' && record.qualifiedName)
        names.set(name, { kind: 'import', qualified: detachedString(record.qualifiedName) });
      else if (record.kind === 'function') names.set(name, { kind: 'function' });
      else if (record.kind === 'class') {
        const bindings = entry.model.moduleBindings(record.name);
        const node = bindings.find((b) => b.at === record.at)?.node;
        const methods = new Map<string, MethodKind>();
        for (const [method, fn] of node ? entry.model.methodsOf(node) : [])
          methods.set(detachedString(method), methodKind(fn));
        names.set(name, { kind: 'class', methods });
      } else names.set(name, { kind: 'other' });
    }
    this.exports.set(path, { hash, names });
    return names;
  }

  private answer<T>(
    question: unknown[],
    path: string,
    options: TaintOptions,
    compute: (entry: () => OpenModule | undefined) => T,
  ): T | undefined {
    const hash = this.hashOfFile(path);
    if (hash === undefined) return undefined;
    const key = `${path}\u0000${hash}\u0000${JSON.stringify(question)}\u0000${optionsKey(options)}`;
    const known = this.answers.get(key);
    if (known && !known.reads.every(([read, readHash]) => this.hashOfFile(read) === readHash)) this.answers.delete(key);
    else if (known) {
      for (const [read, readHash] of known.reads) this.reads.set(read, readHash);
      this.reads.set(path, hash);
      return known.value as T;
    }
    if (this.active.has(key) || this.depth >= MAX_MODULE_DEPTH) {
      this.truncated = true;
      return undefined;
    }
    // Parsed only when the question needs it (the callers of a function read other files, not its own).
    let entry: OpenModule | undefined;
    const open = () => (entry ??= this.openModule(path, options));
    const outerOptions = this.options;
    this.options = options;
    this.active.add(key);
    this.depth++;
    const outerReads = this.reads;
    this.reads = new Map([[path, hash]]);
    const outerTruncated = this.truncated;
    this.truncated = false;
    let value: T;
    let reads: Map<string, string>;
    let truncated: boolean;
    try {
      value = compute(open);
    } finally {
      reads = this.reads;
      this.reads = outerReads;
      for (const [read, readHash] of reads) this.reads.set(read, readHash);
      this.active.delete(key);
      this.depth--;
      this.options = outerOptions;
      truncated = this.truncated;
      this.truncated = outerTruncated || truncated;
    }
    if (truncated) {
      this.forgetTaintOfIdleModules();
      return value;
    }
    if (this.answers.size >= MAX_CACHED) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, { value, reads: [...reads] });
    return value;
  }

  /**
   * After an answer cut short: what the kept modules' analyses computed while answering may rest on it, and it depends
   * on where it was asked from, so the next questions start afresh. The modules of questions still under way keep
   * theirs (those questions are cut short too, and forget when they end).
   */
  private forgetTaintOfIdleModules(): void {
    const busy = new Set([...this.active].map((key) => key.slice(0, key.indexOf('\u0000'))));
    for (const [path, entry] of this.open) if (!busy.has(path)) entry.model.forgetTaint();
  }

  private openModule(path: string, options: TaintOptions): OpenModule | undefined {
    const hash = this.hashOfFile(path);
    const text = hash === undefined ? undefined : this.modules.read(path);
    if (hash === undefined || text === undefined) return undefined;
    if (this.uses.size >= MAX_COUNTED && !this.uses.has(path)) this.uses.clear();
    this.uses.set(path, (this.uses.get(path) ?? 0) + 1);
    const known = this.open.get(path);
    // Equal options, not only the same object: each file's settings are an object of their own (a worker's job brings
    // a copy), and a module kept parsed from the file before serves the next one.
    if (known && known.hash === hash && optionsKey(known.options) === optionsKey(options)) {
      this.reads.set(path, hash);
      // Most recently used last.
      this.open.delete(path);
      this.open.set(path, known);
      return known;
    }
    // Another version or other options: a question under way may still use the old one, which is then not replaced.
    if (known && this.sessions > 1) {
      this.truncated = true;
      return undefined;
    }
    if (known) this.close(path);
    const tree = this.parser.parse(text);
    // The model's node types, and calls (the callers of a function are looked for among them).
    this.query ??= this.parser.query(typesQuery([...modelNodeTypes, 'call']));
    const byType = capturesByType(this.query.captures(tree.rootNode));
    const model = new SemanticModel(tree.rootNode, text, byType, options, undefined, undefined, {
      analysis: this,
      path,
    });
    const entry: OpenModule = {
      options,
      text,
      hash,
      tree,
      model,
      lines: new LineIndex(text),
      calls: byType.get('call') ?? [],
    };
    this.open.set(path, entry);
    this.reads.set(path, hash);
    return entry;
  }

  private close(path: string): void {
    this.open.get(path)?.tree.delete();
    this.open.delete(path);
  }

  /**
   * Between analyses only some modules stay parsed: those opened most often so far (a module many files import, such as
   * a package's helpers, is asked about again and again), the most recently used first among equals.
   */
  private keepMostUsed(): void {
    if (this.open.size <= this.keepOpen) return;
    // Least recently used first, as the map holds them; a stable sort keeps that order among equal counts.
    const byUse = [...this.open.keys()].sort((a, b) => (this.uses.get(a) ?? 0) - (this.uses.get(b) ?? 0));
    for (const path of byUse.slice(0, this.open.size - this.keepOpen)) this.close(path);
  }

  /** Drops the kept modules that changed or import a changed file (all of them when the changes are not known). */
  private closeChanged(changed: readonly string[] | undefined): void {
    // Nothing kept: no importers to look up (which would read an edited document's imports again on every keystroke).
    if (this.open.size === 0) return;
    if (!changed) return this.closeAll();
    const stale = new Set(changed);
    for (const file of changed) for (const importer of this.modules.importers(file)) stale.add(importer);
    for (const path of [...this.open.keys()]) if (stale.has(path)) this.close(path);
  }

  private closeAll(): void {
    for (const path of [...this.open.keys()]) this.close(path);
  }

  private functionNode(entry: OpenModule, target: ModuleFunction): Node | undefined {
    if (!target.className) {
      const bindings = entry.model.moduleBindings(target.name);
      const binding = bindings[bindings.length - 1];
      return binding?.kind === 'function' ? binding.node : undefined;
    }
    const bindings = entry.model.moduleBindings(target.className);
    const binding = bindings[bindings.length - 1];
    return binding?.kind === 'class' ? entry.model.methodsOf(binding.node).get(target.name) : undefined;
  }

  private location(path: string, entry: OpenModule, start: number, end: number): ElsewhereLocation {
    const from = entry.lines.position(start);
    const to = entry.lines.position(end);
    return { path, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character };
  }

  /** `value` as data of another file: every step placed there; a source keeps its label, named after the file. */
  private relocated(value: TaintValue, path: string, entry: OpenModule): TaintValue {
    const place = (step: FlowStep): FlowStep =>
      step.elsewhere ? step : { ...step, elsewhere: this.location(path, entry, step.start, step.end) };
    return {
      contributions: value.contributions.map((c): Contribution => ({
        ...c,
        steps: c.steps.map(place),
        source: c.source && { ...c.source, elsewhere: true },
      })),
    };
  }
}

function methodKind(fn: Node): MethodKind {
  return staticMethod(fn) ? 'static' : classMethod(fn) ? 'class' : 'instance';
}

/**
 * The names called in `texts`, after a dot and alone. A method called on `super()` (`super().__init__(`) is left out:
 * that call resolves to the built-in `super`, never to a function of the workspace.
 */
function calledNames(texts: readonly string[]): CalledNames {
  const attribute = new Set<string>();
  const bare = new Set<string>();
  for (const text of texts) {
    // Most texts are ASCII, where a name is `[A-Za-z_][A-Za-z0-9_]*` and the narrower pattern is quicker.
    for (const match of text.matchAll(NOT_ASCII.test(text) ? CALLED_NAME : ASCII_CALLED_NAME)) {
      let before = match.index - 1;
      while (before >= 0 && /\s/.test(text[before])) before--;
      if (text[before] !== '.') bare.add(match[0]);
      else if (!calledOnSuper(text, before)) attribute.add(match[0]);
    }
  }
  const lines = (names: Set<string>) => `\n${[...names].join('\n')}\n`;
  return { attribute: lines(attribute), bare: lines(bare) };
}

/** Whether the dot at `dot` in `text` follows a call of `super` (`super().run`, `super(Handler, self).run`). */
function calledOnSuper(text: string, dot: number): boolean {
  let close = dot - 1;
  while (close >= 0 && /\s/.test(text[close])) close--;
  return text[close] === ')' && SUPER_BEFORE.test(text.slice(Math.max(0, dot - SUPER_CALL_LENGTH), dot));
}

/** Whether `text` holds `word` as a whole name (not inside a longer one: `Path` is not named by `PathLike`). */
function namesWord(text: string | undefined, word: string): boolean {
  if (text === undefined) return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!NAME_CHARACTER.test(text[at - 1] ?? ' ') && !NAME_CHARACTER.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}

const NAME_CHARACTER = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

const optionsKeys = new WeakMap<TaintOptions, string>();

/** What identifies taint options by their content (computed once per options object). */
function optionsKey(options: TaintOptions): string {
  let key = optionsKeys.get(options);
  if (key === undefined) {
    key = JSON.stringify(options);
    optionsKeys.set(options, key);
  }
  return key;
}

/** The argument a call passes for `parameter` (by keyword, else at position `index`). */
function argumentFor(call: Node, parameter: string, index: number): Node | undefined {
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
    (a): a is Node => !!a && a.type !== 'comment',
  );
  const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === parameter);
  if (keyword) return keyword.childForFieldName('value') ?? undefined;
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  if (positional.slice(0, index + 1).some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat'))
    return undefined;
  return index >= 0 ? positional[index] : undefined;
}

/** The hash under which the analysis records what it read of a file (ModuleReads). */
export function moduleTextHash(text: string): string {
  return hashOf(text);
}

function hashOf(text: string): string {
  return new TextHash().update(text).digest();
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
