import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  Connection,
  FileChangeType,
  FileEvent,
  WorkDoneProgressServerReporter,
  WorkspaceFolder,
} from 'vscode-languageserver';
import type { PythonParser } from '../parser/parser';
import type { SummaryFinding } from '../shared/workspaceSummary';
import { findPythonFiles, isSkippedPath } from '../workspace/files';
import { isNotebookFile } from '../notebooks/ipynb';
import type { NotebookAnalysis } from '../notebooks/analysis';
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
}

/** Python files and notebooks: what the checklist counts as code. */
const FILES_PER_SUMMARY = 250;

const isInside = (file: string, root: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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

  start(): Promise<void> {
    return this.scanWhole(async (current) => {
      let progress: WorkDoneProgressServerReporter | undefined;
      try {
        progress = await this.connection.window.createWorkDoneProgress();
      } catch {
        progress = undefined; // The client refused to show progress: scan without it.
      }
      try {
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
        // Forget files that are gone or now excluded.
        this.keepFound(new Set(files.map(({ file }) => pathToFileURL(file).toString())));
        for (let i = 0; i < files.length; i++) {
          if (!current()) return;
          if (progress?.token.isCancellationRequested) {
            this.state = 'cancelled';
            break;
          }
          const { file, config } = files[i];
          this.scanFile(file, config);
          if (i % 10 === 0) progress?.report(Math.floor((100 * i) / files.length), `${i}/${files.length} files`);
          if (i > 0 && i % FILES_PER_SUMMARY === 0) this.sendSummarySoon();
          await nextTurn();
        }
      } finally {
        progress?.done();
      }
    });
  }

  filesChanged(changes: readonly FileEvent[]): void {
    let configChanged = false;
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
        else this.scanFile(file, config);
        this.sendSummarySoon();
        await nextTurn();
      }
    } catch (error) {
      this.connection.console.error(`workspace update failed: ${describeError(error)}`);
    } finally {
      this.draining = false;
    }
  }

  private scanFile(file: string, config: FolderConfig): void {
    const uri = pathToFileURL(file).toString();
    if (this.leftToSession(uri)) return;
    if (isNotebookFile(file)) {
      this.scanNotebook(uri, file, config);
      return;
    }
    const settings = this.options.resolver.resolve(file, config.overrides).settings;
    let scanned = nothingScanned();
    try {
      const scan = this.scanner.scanFile(file, settings, undefined, { modules: true });
      if ('skipped' in scan) this.connection.console.info(`workspace scan: skipped ${file}: ${scan.skipped}`);
      else scanned = this.analysed(uri, file, scan.text, scan);
    } catch (error) {
      this.connection.console.error(`analysis of ${file} failed: ${describeError(error)}`);
    }
    this.keepScanned(uri, scanned, config.problems);
  }

  /**
   * A notebook that is not open: its findings count in the summary, each in its cell. They are not
   * published: the Problems panel could only place them in the notebook's JSON, and the editor
   * shows them on the cells once the notebook is opened.
   */
  private scanNotebook(uri: string, file: string, config: FolderConfig): void {
    const settings = this.options.resolver.resolve(file, config.overrides).settings;
    const scanned = nothingScanned();
    try {
      const scan = this.scanner.scanNotebook(file, settings);
      if ('skipped' in scan) this.connection.console.info(`workspace scan: skipped ${file}: ${scan.skipped}`);
      else {
        for (const failure of scan.analysis.ruleErrors)
          this.connection.console.error(`rule ${failure.ruleId} failed on ${file}: ${failure.error}`);
        scanned.findings = notebookSummaryFindings(uri, scan.analysis);
        scanned.modules = scan.analysis.modules ?? [];
      }
    } catch (error) {
      this.connection.console.error(`analysis of ${file} failed: ${describeError(error)}`);
    }
    this.keepScanned(uri, scanned, false);
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
export function notebookSummaryFindings(uri: string, analysis: NotebookAnalysis): SummaryFinding[] {
  return analysis.findings.map(({ cell, start, end, finding }) => ({
    uri,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: { start: analysis.source.position(cell, start), end: analysis.source.position(cell, end) },
    cell: cell + 1,
  }));
}
