import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  Connection,
  FileChangeType,
  FileEvent,
  WorkDoneProgressServerReporter,
  WorkspaceFolder,
} from 'vscode-languageserver';
import type { AnalysisSettings } from '../config/settings';
import type { PythonParser } from '../parser/parser';
import type { SummaryFinding } from '../shared/workspaceSummary';
import {
  DEFAULT_MAX_FILE_BYTES,
  decodeText,
  findPythonFiles,
  isSkippedPath,
  readSourceBytes,
} from '../workspace/files';
import { isNotebookFile, NOTEBOOK_FILE_SIZE_FACTOR } from '../notebooks/ipynb';
import type { NotebookCellFinding, ScanJob, ScanJobResult } from '../workspace/scanJob';
import type { ScanPool } from '../workspace/scanPool';
import type { Scanner } from '../workspace/scanner';
import { filePathOf } from './uris';
import { describeError, WorkspaceScanBase, type ScannedFile, type WorkspaceScanBaseOptions } from './workspaceScanBase';

export { findingsHolding, toSummaryFinding } from './summaryFindings';

interface FolderConfig {
  root: string;
  /** Globs relative to the folder: `files.exclude`, `pythonSecurityGuide.exclude` and pyproject's `exclude`. */
  exclude: string[];
  /** Editor settings laid over each file's pyproject settings. */
  overrides: Record<string, unknown> | undefined;
  /** Publish diagnostics for files that are not open. */
  problems: boolean;
}

export interface WorkspaceScanOptions extends WorkspaceScanBaseOptions {
  /** Files other than Python that the scanner has rules for (scanned and watched too). */
  isOtherFile?: (file: string) => boolean;
  /**
   * Analyses the Python files and notebooks (on a worker thread on the desktop, so that no keystroke in an open
   * document waits behind a file of the scan); the files other rules read are analysed here.
   */
  pool: ScanPool;
  /** The files open in an editor (path → text): analyses that follow calls into them read these texts. */
  openTexts: () => ReadonlyMap<string, string>;
}

/** Python files and notebooks: what the checklist counts as code. */
const FILES_PER_SUMMARY = 250;

const isInside = (file: string, root: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Files of a whole scan handed to the pool at a time: one analysed, the next ready as soon as it is done. */
const FILES_IN_FLIGHT = 2;

const nothingScanned = (): ScannedFile => ({ findings: [], modules: [], diagnostics: [] });

/**
 * The workspace beyond the open files: scans every Python file of the workspace folders in the
 * background (with cancellable progress), keeps the results current from file-change events and
 * the session's analyses of open documents, publishes diagnostics for files that are not open, and
 * sends the client a summary of the whole workspace for the checklist and the status bar.
 */
export class WorkspaceScan extends WorkspaceScanBase<WorkspaceScanOptions> {
  private readonly configs = new Map<string, Promise<FolderConfig>>();
  private readonly resolvedConfigs = new Map<string, FolderConfig>();
  private readonly queue = new Set<string>();
  private draining = false;
  /** Stops the jobs of the whole scan under way (superseded, cancelled, disposed). */
  private scanAbort: AbortController | undefined;
  /** Per file, how many times it was forgotten: an analysis that ends after its file was forgotten is dropped. */
  private readonly forgotten = new Map<string, number>();

  constructor(
    connection: Connection,
    private readonly parser: PythonParser,
    private readonly scanner: Scanner,
    options: WorkspaceScanOptions,
  ) {
    super(connection, options);
  }

  override setFolders(folders: readonly WorkspaceFolder[]): void {
    super.setFolders(folders.filter((folder) => filePathOf(folder.uri) !== undefined));
  }

  override configurationChanged(): void {
    this.configs.clear();
    super.configurationChanged();
  }

  override dispose(): void {
    super.dispose();
    this.scanAbort?.abort();
    void this.options.pool.close();
  }

  start(): Promise<void> {
    this.scanAbort?.abort();
    const abort = new AbortController();
    this.scanAbort = abort;
    return this.scanWhole(async (current) => {
      let progress: WorkDoneProgressServerReporter | undefined;
      try {
        progress = await this.connection.window.createWorkDoneProgress();
      } catch {
        progress = undefined; // The client refused to show progress: scan without it.
      }
      const scanning: Promise<void>[] = [];
      try {
        progress?.token.onCancellationRequested(() => abort.abort());
        progress?.begin('Python Security Guide: scanning the workspace', 0, 'listing files', true);
        this.sendSummarySoon();
        const files: { file: string; config: FolderConfig }[] = [];
        for (const folder of this.folders) {
          const config = await this.folderConfig(folder.uri);
          if (!current()) return;
          const walk = findPythonFiles([config.root], config.exclude, config.root, this.options.isOtherFile);
          for (const file of walk.files) files.push({ file, config });
          for (const problem of walk.problems)
            this.connection.console.warn(`workspace scan: ${problem.path}: ${problem.reason}`);
        }
        this.connection.console.info(
          `workspace scan: ${files.length} files, analysed ${this.options.pool.onWorkers ? 'on a worker thread' : "in the server's thread"}`,
        );
        // Forget files that are gone or now excluded.
        this.keepFound(new Set(files.map(({ file }) => pathToFileURL(file).toString())));
        for (let i = 0; i < files.length; i++) {
          if (!current()) return;
          if (progress?.token.isCancellationRequested) {
            this.state = 'cancelled';
            break;
          }
          const { file, config } = files[i];
          scanning.push(this.scanFile(file, config, abort.signal));
          if (scanning.length >= FILES_IN_FLIGHT) await scanning.shift();
          if (i % 10 === 0) progress?.report(Math.floor((100 * i) / files.length), `${i}/${files.length} files`);
          if (i > 0 && i % FILES_PER_SUMMARY === 0) this.sendSummarySoon();
        }
        await Promise.all(scanning);
      } finally {
        progress?.done();
      }
    });
  }

  filesChanged(changes: readonly FileEvent[]): void {
    let configChanged = false;
    this.options.pool.filesChanged(changes.flatMap((change) => filePathOf(change.uri) ?? []));
    for (const change of changes) {
      const file = filePathOf(change.uri);
      if (!file) continue;
      if (path.basename(file) === 'pyproject.toml') {
        configChanged = true;
        continue;
      }
      const uri = pathToFileURL(file).toString();
      if (change.type === FileChangeType.Deleted) {
        this.forgetDeleted(uri);
        this.noteForgotten(uri);
        this.queue.delete(uri);
        continue;
      }
      if (!this.options.isOpen(uri)) this.queue.add(uri);
    }
    if (configChanged) this.configurationChanged();
    else void this.drain();
    this.sendSummarySoon();
  }

  protected holds(uri: string): boolean {
    const file = filePathOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    const config = folder ? this.resolvedConfigs.get(folder.uri) : undefined;
    return (
      !!file && !!folder && (!config || !isSkippedPath(file, config.exclude, config.root, this.options.isOtherFile))
    );
  }

  protected rescanClosed(uri: string): boolean {
    this.queue.add(uri);
    void this.drain();
    return true;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.size) {
        const uri = this.queue.values().next().value as string;
        this.queue.delete(uri);
        const file = filePathOf(uri);
        const folder = file ? this.folderOf(file) : undefined;
        if (!file || !folder || this.options.isOpen(uri)) continue;
        const config = await this.folderConfig(folder.uri);
        if (this.options.isOpen(uri)) continue;
        if (isSkippedPath(file, config.exclude, config.root, this.options.isOtherFile)) this.forget(uri);
        else await this.scanFile(file, config);
        this.sendSummarySoon();
      }
    } catch (error) {
      this.connection.console.error(`workspace update failed: ${describeError(error)}`);
    } finally {
      this.draining = false;
    }
  }

  protected override forget(uri: string): void {
    this.noteForgotten(uri);
    super.forget(uri);
  }

  private noteForgotten(uri: string): void {
    this.forgotten.set(uri, (this.forgotten.get(uri) ?? 0) + 1);
  }

  /**
   * Analyses one closed file and keeps what it found, unless the file was opened or forgotten meanwhile or `signal`
   * aborted. Never rejects (a failure is logged and the file counts with nothing found).
   */
  private async scanFile(file: string, config: FolderConfig, signal?: AbortSignal): Promise<void> {
    const uri = pathToFileURL(file).toString();
    if (this.leftToSession(uri)) return;
    const forgotten = this.forgotten.get(uri);
    const settings = this.options.resolver.resolve(file, config.overrides).settings;
    const notebook = isNotebookFile(file);
    let scanned = nothingScanned();
    try {
      scanned = notebook
        ? await this.analyseNotebook(uri, file, settings, signal)
        : await this.analyseFile(uri, file, settings, signal);
    } catch (error) {
      if (signal?.aborted) return;
      this.connection.console.error(`analysis of ${file} failed: ${describeError(error)}`);
    }
    if (signal?.aborted || this.forgotten.get(uri) !== forgotten || this.leftToSession(uri)) return;
    // A notebook's findings count in the summary, each in its cell. They are not published: the Problems panel
    // could only place them in the notebook's JSON, and the editor shows them on the cells once it is opened.
    this.keepScanned(uri, scanned, !notebook && config.problems);
  }

  /** A Python file on the pool; a file that other rules read (requirements, .env), here. */
  private async analyseFile(
    uri: string,
    file: string,
    settings: AnalysisSettings,
    signal: AbortSignal | undefined,
  ): Promise<ScannedFile> {
    if (this.scanner.isOtherFile(file)) {
      const scan = this.scanner.scanFile(file, settings, undefined, { modules: true });
      if (!('skipped' in scan)) return this.analysed(uri, file, scan.text, scan);
      this.connection.console.info(`workspace scan: skipped ${file}: ${scan.skipped}`);
      return nothingScanned();
    }
    const source = readSourceBytes(file, DEFAULT_MAX_FILE_BYTES);
    if ('skipped' in source) {
      this.connection.console.info(`workspace scan: skipped ${file}: ${source.skipped}`);
      return nothingScanned();
    }
    const result = await this.run({ source: source.bytes, settings, file, fix: false, modules: true }, signal);
    // The text is decoded here only to place findings.
    return this.analysed(uri, file, result.findings.length ? decodeText(source.bytes) : '', result);
  }

  private async analyseNotebook(
    uri: string,
    file: string,
    settings: AnalysisSettings,
    signal: AbortSignal | undefined,
  ): Promise<ScannedFile> {
    const scanned = nothingScanned();
    const source = readSourceBytes(file, DEFAULT_MAX_FILE_BYTES * NOTEBOOK_FILE_SIZE_FACTOR);
    const result: ScanJobResult =
      'skipped' in source
        ? { findings: [], ruleErrors: [], skipped: source.skipped }
        : await this.run({ source: source.bytes, settings, file, fix: false, notebook: true }, signal);
    if (result.skipped) this.connection.console.info(`workspace scan: skipped ${file}: ${result.skipped}`);
    for (const failure of result.ruleErrors)
      this.connection.console.error(`rule ${failure.ruleId} failed on ${file}: ${failure.error}`);
    scanned.findings = notebookSummaryFindings(uri, result.cells ?? []);
    scanned.modules = result.modules ?? [];
    return scanned;
  }

  /** Runs a job on the pool, with the open documents' texts as they are now and the workspace folders' modules. */
  private run(job: Omit<ScanJob, 'workspace'>, signal: AbortSignal | undefined): Promise<ScanJobResult> {
    this.options.pool.setOpenTexts(this.options.openTexts());
    // The modules the open documents' analyses follow calls into: every folder, nothing excluded.
    const roots = this.folders.flatMap((folder) => filePathOf(folder.uri) ?? []);
    return this.options.pool.run({ ...job, workspace: { roots, exclude: [] } }, signal);
  }

  private folderOf(file: string): WorkspaceFolder | undefined {
    // The innermost folder wins when folders are nested.
    let best: { folder: WorkspaceFolder; length: number } | undefined;
    for (const folder of this.folders) {
      const root = filePathOf(folder.uri)!;
      if (isInside(file, root) && (!best || root.length > best.length)) best = { folder, length: root.length };
    }
    return best?.folder;
  }

  private folderConfig(uri: string): Promise<FolderConfig> {
    let config = this.configs.get(uri);
    if (!config) {
      config = this.loadFolderConfig(uri).then((loaded) => {
        this.resolvedConfigs.set(uri, loaded);
        return loaded;
      });
      this.configs.set(uri, config);
    }
    return config;
  }

  private async loadFolderConfig(uri: string): Promise<FolderConfig> {
    const root = filePathOf(uri)!;
    const { overrides, exclude, problems } = await this.folderSettings(uri, root);
    return { root, exclude, overrides, problems };
  }
}

/** A notebook's findings as the summary shows them: the notebook's URI, the cell (from 1) and the place in it. */
export function notebookSummaryFindings(uri: string, cells: readonly NotebookCellFinding[]): SummaryFinding[] {
  return cells.map((finding) => ({ uri, ...finding }));
}
