import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { SettingsResolver } from '../config/resolver';
import type { AnalysisSettings } from '../config/settings';
import { LineIndex } from '../core/text';
import { allFileRules, allRules } from '../rules';
import { FileEngine } from '../engine/fileEngine';
import { GitIgnoreOracle } from '../workspace/gitignore';
import {
  DEFAULT_MAX_FILE_BYTES,
  decodeText,
  describeError,
  findPythonFiles,
  readSourceBytes,
} from '../workspace/files';
import { DEFAULT_CACHE_DIRECTORY, ScanCache, engineFingerprint } from '../workspace/scanCache';
import type { ScanJobResult, ScanWorkspace } from '../workspace/scanJob';
import { createScanPool } from '../workspace/scanPool';
import { isOtherFile } from '../workspace/scanner';
import { loadAdvisories } from '../packaging/advisoryFiles';
import type { Finding } from '../ruleApi/types';
import type { ReportedFinding, ScanReport } from './report/model';
import { isNotebookFile, scanNotebooks } from './notebooks';
import { sarifReport } from './report/sarif';
import { jsonReport, statisticsReport, textReport } from './report/text';
import { BaselineError, fingerprint, newFindings, projectRoot, readBaseline, rootRelative } from './baseline';
import { nodeFileAccess, useNodeAdvisories, useNodeRuleDocs } from '../workspace/nodeFileAccess';

const VERSION = '0.1.0';

/** Exit codes: 0 nothing found, 1 findings reported, 2 usage or I/O error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

interface ScanOptions {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  fix?: boolean;
  diff?: boolean;
  unsafeFixes?: boolean;
  /** A newer advisory export to check dependencies against instead of the shipped data. */
  advisories?: string;
  config?: string;
  exclude: string[];
  maxFileSize: number;
  severityThreshold?: string;
  /** Reuse results for unchanged files (the command line's default; false with --no-cache). */
  cache?: boolean;
  cacheDir?: string;
  jobs?: number;
  /** Report only findings at least this confident. */
  confidence?: string;
  /** Rule, Bandit or Ruff ids whose findings are dropped (`-s B101,S608`). */
  skip?: string[];
  /** Rule, Bandit or Ruff ids: only their findings are reported (`-t B608`). */
  tests?: string[];
  /** A JSON report of ours: the findings it lists are not reported again. */
  baseline?: string;
  /** Write every finding of this scan to this file as a baseline. */
  writeBaseline?: string;
  /** Text output: the findings only, without the summary. */
  quiet?: boolean;
  /** Text output: how many findings of each rule instead of the findings. */
  statistics?: boolean;
}

/** Where the CLI writes, from where it runs, and whether its output may be coloured (a terminal without NO_COLOR). */
export interface CliIo {
  stdout: (s: string) => void;
  cwd: string;
  color?: boolean;
}

class UsageError extends Error {}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number of bytes');
  return n;
}

function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number of threads');
  return n;
}

/** Rule, Bandit or Ruff ids, comma- or space-separated, as Bandit's `-s`/`-t` take them. */
function idList(value: string, previous: string[] = []): string[] {
  const ids = value.split(/[\s,]+/).filter(Boolean);
  if (!ids.length || ids.some((id) => !/^[A-Za-z]+[0-9]+$/.test(id)))
    throw new InvalidArgumentError('expected ids such as PSG101, B608 or S608, separated by commas');
  return [...previous, ...ids];
}

type Position = { line: number; character: number };

/** A region's 1-based lines and columns from zero-based positions (of this file, or of another one a flow goes through). */
function region(from: Position, to: Position): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}

/** Findings placed by line and column (1-based) in the text they were found in. */
function reportedFindings(
  relative: string,
  rootPath: string,
  text: string,
  findings: readonly Finding[],
  /** How another file of the workspace (a step of a flow across files) is named in the report. */
  named: (file: string) => { file: string; path: string },
): ReportedFinding[] {
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    const start = lines.position(finding.start);
    const end = lines.position(finding.end);
    const lineStart = finding.start - start.character;
    const lineEnd = text.slice(lineStart).search(/\r\n|\r|\n/);
    const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineStart + lineEnd);
    const reported: ReportedFinding = {
      file: relative,
      path: rootPath,
      fingerprint: fingerprint(finding.ruleId, lineText, text.slice(finding.start, finding.end)),
      lineText,
      ...region(start, end),
      finding,
    };
    if (finding.flow) {
      reported.flow = finding.flow.map((step) => {
        const at = step.elsewhere;
        if (at)
          return {
            ...region(at, { line: at.endLine, character: at.endCharacter }),
            message: step.message,
            ...named(at.path),
          };
        return { ...region(lines.position(step.start), lines.position(step.end)), message: step.message };
      });
    }
    return reported;
  });
}

/**
 * The young generation of the command line's scan workers, in megabytes. A scan runs alone and
 * then exits, so it spends memory for CPU: on the standard library with two workers, 32 MB took
 * 19.3–20.1 s and 35–36 s of CPU against 21.3–22.4 s and 38–40 s with the editor's 8 MB, for
 * 50–60 MB more peak RSS; 48 and 64 MB gained nothing more, 128 MB about 1 s for 190 MB more peak
 * RSS (docs/benchmarks.md).
 */
const SCAN_YOUNG_GENERATION_MB = 32;

/**
 * V8 flags the command line sets for its own process before its scan workers start (V8's flags are
 * the process's: the workers' isolates read them too). A function is optimized once it has run
 * through `--interrupt-budget` bytes of its bytecode; under V8's default, tuned for pages that keep
 * running, each thread of a scan compiled about 790 times, 310 of them functions compiled again
 * after their optimized code was thrown away, for about 7 s of CPU on compiler threads that share
 * the cores with the scan. With 800,000 a two-worker scan of the standard library compiles 383
 * times instead of 1,542 (`--trace-opt`) and took 11 % less wall time over six alternated rounds;
 * small scans are not slower (docs/benchmarks.md).
 */
export const SCAN_V8_FLAGS: readonly string[] = ['--interrupt-budget=800000'];

/**
 * Hands out the planned scans of `files` in order, planning (reading and submitting) a bounded
 * number of files ahead of the one being reported: enough to keep every thread busy while one
 * large file is analysed, never the whole workspace at once.
 */
class PlanningWindow<T> {
  /** Files planned ahead at most, and their bytes at most (at least one file is always planned). */
  private readonly maxFiles: number;
  private static readonly maxBytes = 16 * 1024 * 1024;
  private readonly planned: T[] = [];
  private nextToPlan = 0;
  private bytes = 0;

  constructor(
    private readonly files: readonly string[],
    private readonly plan: (file: string) => T,
    private readonly size: (scan: T) => number,
    threads: number,
  ) {
    this.maxFiles = 32 * Math.max(1, threads);
  }

  next(): T | undefined {
    while (
      this.nextToPlan < this.files.length &&
      (this.planned.length === 0 || (this.planned.length < this.maxFiles && this.bytes < PlanningWindow.maxBytes))
    ) {
      const scan = this.plan(this.files[this.nextToPlan++]);
      this.bytes += this.size(scan);
      this.planned.push(scan);
    }
    const scan = this.planned.shift();
    if (scan) this.bytes -= this.size(scan);
    return scan;
  }
}

export async function scan(paths: string[], options: ScanOptions, io: CliIo): Promise<number> {
  if (options.fix && options.diff) throw new UsageError('--fix and --diff cannot be used together');
  if (options.baseline && options.writeBaseline)
    throw new UsageError('--baseline and --write-baseline cannot be used together');
  for (const p of paths) {
    if (!fs.existsSync(path.resolve(io.cwd, p))) throw new UsageError(`${p}: no such file or directory`);
  }
  if (options.config && !fs.existsSync(path.resolve(io.cwd, options.config)))
    throw new UsageError(`${options.config}: no such configuration file`);
  let baseline: ReturnType<typeof readBaseline> | undefined;
  try {
    baseline = options.baseline ? readBaseline(path.resolve(io.cwd, options.baseline)) : undefined;
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
  const root = projectRoot(paths.map((p) => path.resolve(io.cwd, p)));
  const resolver = new SettingsResolver([...allRules, ...allFileRules], nodeFileAccess, { snapshot: true });
  const configFile = options.config ? path.resolve(io.cwd, options.config) : undefined;
  const overrides = {
    exclude: options.exclude,
    severityThreshold: options.severityThreshold,
    ...(options.unsafeFixes ? { unsafeFixes: true } : {}),
    ...(options.advisories ? { advisories: path.resolve(io.cwd, options.advisories) } : {}),
    ...(options.confidence ? { confidence: options.confidence } : {}),
    ...(options.skip?.length ? { skip: options.skip } : {}),
    ...(options.tests?.length ? { tests: options.tests } : {}),
  };
  const base = resolver.resolve(path.resolve(io.cwd, paths[0]), overrides, configFile);
  if (base.problem) process.stderr.write(`python-security-guide: ${base.problem}\n`);
  useNodeAdvisories();
  useNodeRuleDocs();
  const advisoryProblem = base.settings.advisories ? loadAdvisories(base.settings.advisories).problem : undefined;
  if (advisoryProblem) process.stderr.write(`python-security-guide: ${advisoryProblem}\n`);
  const fileEngine = new FileEngine(allFileRules);
  const environment = new GitIgnoreOracle();
  const walk = findPythonFiles(
    paths.map((p) => path.resolve(io.cwd, p)),
    base.settings.exclude,
    io.cwd,
    (file) => isOtherFile(fileEngine, file) || isNotebookFile(file),
  );
  const report: ScanReport = {
    findings: [],
    skipped: [],
    errors: walk.problems.map((p) => ({ file: path.relative(io.cwd, p.path) || p.path, reason: p.reason })),
    filesScanned: 0,
    fixed: [],
    unsafeFixes: base.settings.unsafeFixes,
  };
  const diffs: string[] = [];
  const fixing = !!(options.fix || options.diff);
  const cache =
    options.cache !== true
      ? undefined
      : ScanCache.open(path.resolve(io.cwd, options.cacheDir ?? DEFAULT_CACHE_DIRECTORY), engineFingerprint(VERSION));
  // The folders scanned are the workspace whose modules calls are followed into (files given alone: their folder).
  const workspace: ScanWorkspace = {
    roots: [
      ...new Set(
        paths.map((p) => {
          const full = path.resolve(io.cwd, p);
          return fs.statSync(full).isDirectory() ? full : path.dirname(full);
        }),
      ),
    ],
    exclude: base.settings.exclude,
  };
  const pool = createScanPool(
    Math.min(options.jobs ?? 1, walk.files.length),
    options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES,
    { youngGenerationMb: SCAN_YOUNG_GENERATION_MB },
  );
  // Files are read shortly before the pool needs them and dropped once their findings are placed,
  // so only a bounded window of files is held at any time, whatever the size of the workspace.
  // They are held as bytes, decoded here only when the report needs their text (to place findings,
  // to show a fix), so the texts of a large workspace never pass through this thread's heap. Files
  // that file rules read (requirements, .env) are cheap and are analysed here. The report is built
  // in walk order whatever order the results come back in.
  type Outcome = { value: ScanJobResult } | { error: Error };
  type PlannedScan =
    | { file: string; relative: string; skipped: string; unreadable?: true }
    | {
        file: string;
        relative: string;
        settings: AnalysisSettings;
        source: Buffer;
        key: string;
        cacheable: boolean;
        result: Promise<Outcome>;
      };
  const plan = (file: string): PlannedScan => {
    const relative = path.relative(io.cwd, file) || path.basename(file);
    const settings = configFile ? base.settings : resolver.resolve(file, overrides).settings;
    const source = readSourceBytes(file, options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES);
    if ('skipped' in source) return { file, relative, skipped: source.skipped, unreadable: source.unreadable };
    const settle = (result: Promise<ScanJobResult>) =>
      result.then(
        (value): Outcome => ({ value }),
        (error: Error): Outcome => ({ error }),
      );
    if (isOtherFile(fileEngine, file)) {
      const text = decodeText(source.bytes);
      const { findings, ruleErrors } = fileEngine.analyze(file, text, settings, environment);
      const value: ScanJobResult = { findings, ruleErrors };
      const result = Promise.resolve(
        fixing && value.findings.some((f) => f.fix)
          ? { ...value, fix: fileEngine.fixAll(file, text, settings, environment) }
          : value,
      );
      return { file, relative, settings, source: source.bytes, key: '', cacheable: false, result: settle(result) };
    }
    const key = cache ? ScanCache.key(decodeText(source.bytes), settings) : '';
    const cached = cache?.get(file, key);
    const result =
      cached && !(fixing && cached.findings.some((f) => f.fix))
        ? Promise.resolve(cached)
        : pool.run({ source: source.bytes, settings, fix: fixing, file, workspace });
    return { file, relative, settings, source: source.bytes, key, cacheable: true, result: settle(result) };
  };
  const window = new PlanningWindow(
    walk.files.filter((file) => !isNotebookFile(file)),
    plan,
    (scan) => ('source' in scan ? scan.source.length : 0),
    pool.threads,
  );
  try {
    for (let scanned = window.next(); scanned; scanned = window.next()) {
      const { file, relative } = scanned;
      if ('skipped' in scanned) {
        if (scanned.unreadable) report.errors.push({ file: relative, reason: scanned.skipped });
        else report.skipped.push({ file: relative, reason: scanned.skipped });
        continue;
      }
      const outcome = await scanned.result;
      if ('error' in outcome) {
        report.errors.push({ file: relative, reason: `analysis failed: ${outcome.error.message}` });
        continue;
      }
      report.filesScanned++;
      const result = outcome.value;
      if (scanned.cacheable) cache?.set(file, scanned.key, result.findings, result.ruleErrors, result.moduleReads);
      for (const failure of result.ruleErrors)
        report.errors.push({
          file: relative,
          reason: `rule ${failure.ruleId} failed: ${failure.error.split('\n')[0]}`,
        });
      let text: string | undefined;
      let findings = result.findings;
      if (result.fix?.applied.length) {
        const fixed = result.fix;
        if (options.diff)
          diffs.push(createTwoFilesPatch(`a/${relative}`, `b/${relative}`, decodeText(scanned.source), fixed.text));
        else {
          try {
            fs.writeFileSync(file, fixed.text);
          } catch (error) {
            report.errors.push({ file: relative, reason: `cannot write the fixed file: ${describeError(error)}` });
            continue;
          }
          report.fixed.push({ file: relative, count: fixed.applied.length });
          text = fixed.text;
          findings = fixed.remaining;
          if (scanned.cacheable)
            cache?.set(file, ScanCache.key(text, scanned.settings), fixed.remaining, result.ruleErrors);
        }
      }
      if (findings.length)
        report.findings.push(
          ...reportedFindings(
            relative,
            rootRelative(root, file),
            text ?? decodeText(scanned.source),
            findings,
            (other) => ({
              file: path.relative(io.cwd, other) || path.basename(other),
              path: rootRelative(root, other),
            }),
          ),
        );
    }
    // Notebooks: their Python cells as one source, findings per cell (cli/notebooks.ts).
    await scanNotebooks(walk.files.filter(isNotebookFile), {
      cwd: io.cwd,
      settingsFor: (file) => (configFile ? base.settings : resolver.resolve(file, overrides).settings),
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES,
      fix: !!options.fix,
      diff: !!options.diff,
      report,
      diffs,
      found: (file, found) =>
        report.findings.push(
          ...found.map((f) => ({
            ...f,
            path: rootRelative(root, file),
            fingerprint: fingerprint(f.finding.ruleId, f.lineText, f.findingText),
          })),
        ),
    });
  } finally {
    await pool.close();
  }
  const cacheProblem = cache?.save();
  if (cacheProblem) process.stderr.write(`python-security-guide: ${cacheProblem}\n`);
  if (options.writeBaseline) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.writeBaseline), jsonReport(report));
    } catch (error) {
      throw new UsageError(`${options.writeBaseline}: cannot write (${describeError(error)})`);
    }
  }
  if (baseline) {
    const { fresh, known } = newFindings(report.findings, baseline);
    report.findings = fresh;
    report.baselined = known;
  }
  let output: string;
  // Colour is for a terminal: never in a file written with --output.
  const color = (io.color ?? false) && !options.output;
  if (options.diff) output = diffs.join('');
  else if (options.format === 'json') output = jsonReport(report);
  else if (options.format === 'sarif') output = sarifReport(report, VERSION, root);
  else if (options.statistics) output = statisticsReport(report, { color });
  else output = textReport(report, { color, quiet: options.quiet ?? false });
  if (options.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output), output);
    } catch (error) {
      throw new UsageError(`${options.output}: cannot write (${describeError(error)})`);
    }
  } else io.stdout(output);
  // 0 means everything asked for was scanned and nothing was found: a file that could not be read wins.
  if (report.errors.length) return EXIT.error;
  // Writing a baseline accepts what it holds.
  if (options.writeBaseline) return EXIT.clean;
  return report.findings.length > 0 ? EXIT.findings : EXIT.clean;
}

export function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('python-security-guide')
    .description('Finds insecure Python and fixes what can be fixed safely.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('scan')
    .description('scan Python files and folders (and the requirements*.txt, pyproject.toml and .env files in them)')
    .argument('<paths...>', 'files or folders to scan')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option(
      '--fix',
      'apply every safe fix in place and report what changed (fixes of low-confidence findings are never applied)',
    )
    .option('--diff', 'print the fixes as a unified diff instead of writing them')
    .option(
      '--unsafe-fixes',
      'with --fix or --diff, also apply fixes that change behaviour on purpose (another hash, a new dependency, an exception where there was none)',
    )
    .option(
      '-c, --config <file>',
      'read [tool.python-security-guide] from this pyproject.toml instead of the nearest one',
    )
    .addOption(
      new Option('--severity-threshold <severity>', 'report only findings at least this severe').choices([
        'error',
        'warning',
        'information',
        'hint',
      ]),
    )
    .addOption(
      new Option('--confidence <level>', 'report only findings at least this confident').choices([
        'high',
        'medium',
        'low',
      ]),
    )
    .option('-s, --skip <ids>', 'drop findings of these rules, Bandit or Ruff checks (PSG101,B608,S608)', idList)
    .option('-t, --tests <ids>', 'report only findings of these rules, Bandit or Ruff checks', idList)
    .option('--baseline <file>', 'report only findings that this JSON report (see --write-baseline) does not list')
    .option('--write-baseline <file>', "write this scan's findings as a baseline and exit 0 when nothing failed")
    .option('-q, --quiet', 'text output: the findings only, no summary')
    .option('--statistics', 'text output: the number of findings of each rule instead of the findings')
    .option('--exclude <glob...>', 'skip files matching these globs (relative to the current folder)', [])
    .option('--max-file-size <bytes>', 'skip files larger than this', positiveInteger, DEFAULT_MAX_FILE_BYTES)
    .option('--advisories <file>', 'check dependency versions against this advisory export instead of the shipped data')
    .option('--no-cache', 'analyse every file again instead of reusing results for unchanged files')
    .option('--cache-dir <dir>', 'where results of earlier scans are kept', DEFAULT_CACHE_DIRECTORY)
    .option(
      '-j, --jobs <threads>',
      'analyse on this many threads',
      threadCount,
      Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
    )
    .action(async (paths: string[], options: ScanOptions) => {
      done(await scan(paths, options, io));
    });
  return program;
}

/** Colour for a terminal, unless NO_COLOR is set to something (https://no-color.org). */
export function wantsColor(isTerminal: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTerminal && !env.NO_COLOR;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.clean;
  const color = wantsColor(!!process.stdout.isTTY, process.env);
  const program = buildProgram(
    { stdout: (s) => process.stdout.write(s), cwd: process.cwd(), color },
    (c) => (code = c),
  );
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    const commanderError = error as { code?: string; exitCode?: number };
    if (
      commanderError.code === 'commander.helpDisplayed' ||
      commanderError.code === 'commander.version' ||
      commanderError.code === 'commander.help'
    )
      return EXIT.clean;
    if (commanderError.code?.startsWith('commander.')) return EXIT.error;
    process.stderr.write(`python-security-guide: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.error;
  }
}

if (require.main === module) {
  for (const flag of SCAN_V8_FLAGS) v8.setFlagsFromString(flag);
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`python-security-guide: ${String(error)}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
