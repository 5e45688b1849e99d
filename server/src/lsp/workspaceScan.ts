import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  Connection,
  Diagnostic,
  FileChangeType,
  FileEvent,
  WorkDoneProgressServerReporter,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { SettingsResolver } from '../config/resolver';
import { editorOverrides } from '../config/settings';
import type { PythonParser } from '../parser/parser';
import { LineIndex } from '../core/text';
import { ScanState, SummaryFinding, WorkspaceSummary, WorkspaceSummaryNotification } from '../shared/workspaceSummary';
import type { Finding } from '../ruleApi/types';
import { findPythonFiles, isSkippedPath } from '../workspace/files';
import { isNotebookFile } from '../notebooks/ipynb';
import type { NotebookAnalysis } from '../notebooks/analysis';
import type { Scanner } from '../workspace/scanner';
import { toDiagnostic } from './diagnostics';
import type { ParsedDocument } from './documentStore';
import { filePathOf } from './uris';
import { findingsHolding, summarize, toSummaryFinding, type FileEntry } from './summaryFindings';

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

export interface WorkspaceScanOptions {
  canPullConfiguration: () => boolean;
  isOpen: (uri: string) => boolean;
  /** Files other than Python that the scanner has rules for (scanned and watched too). */
  isOtherFile?: (file: string) => boolean;
  /** The pyproject.toml settings resolver the open documents use too. */
  resolver: SettingsResolver;
}

/** Python files and notebooks: what the checklist counts as code. */
const FILES_PER_SUMMARY = 250;

const isInside = (file: string, root: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The workspace beyond the open files: scans every Python file of the workspace folders in the
 * background (with cancellable progress), keeps the results current from file-change events and
 * the session's analyses of open documents, publishes diagnostics for files that are not open, and
 * sends the client a summary of the whole workspace for the checklist and the status bar.
 */
export class WorkspaceScan {
  private folders: WorkspaceFolder[] = [];
  private readonly entries = new Map<string, FileEntry>();
  /** Files whose disk diagnostics this scan has published (and must clear when they go away). */
  private readonly published = new Set<string>();
  private readonly configs = new Map<string, Promise<FolderConfig>>();
  private readonly resolvedConfigs = new Map<string, FolderConfig>();
  private readonly queue = new Set<string>();
  private draining = false;
  private state: ScanState = 'scanning';
  private generation = 0;
  private summaryTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly parser: PythonParser,
    private readonly scanner: Scanner,
    private readonly options: WorkspaceScanOptions,
  ) {}

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = folders.filter((folder) => filePathOf(folder.uri) !== undefined);
  }

  changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((folder) => folder.uri));
    this.setFolders([...this.folders.filter((folder) => !gone.has(folder.uri)), ...added]);
    void this.start();
  }

  configurationChanged(): void {
    this.configs.clear();
    this.options.resolver.clear();
    void this.start();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
  }

  /** Scans every workspace folder again; a scan still running is superseded. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    this.state = 'scanning';
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
        if (generation !== this.generation) return;
        const walk = findPythonFiles([config.root], config.exclude, config.root, this.options.isOtherFile);
        for (const file of walk.files) files.push({ file, config });
        for (const problem of walk.problems)
          this.connection.console.warn(`workspace scan: ${problem.path}: ${problem.reason}`);
      }
      // Forget files that are gone or now excluded.
      const found = new Set(files.map(({ file }) => pathToFileURL(file).toString()));
      for (const [uri, entry] of this.entries) {
        if (!found.has(uri) && !entry.open) this.forget(uri);
        else if (entry.open) entry.inWorkspace = found.has(uri);
      }
      for (let i = 0; i < files.length; i++) {
        if (generation !== this.generation) return;
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
      if (generation !== this.generation) return;
      if (this.state === 'scanning') this.state = 'complete';
      this.sendSummarySoon();
    } catch (error) {
      this.connection.console.error(
        `workspace scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (generation === this.generation) {
        this.state = 'cancelled';
        this.sendSummarySoon();
      }
    } finally {
      progress?.done();
    }
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
        // A deleted folder takes its files with it.
        for (const known of [...this.entries.keys()]) {
          if ((known === uri || known.startsWith(`${uri}/`)) && !this.entries.get(known)!.open) this.forget(known);
        }
        this.queue.delete(uri);
        continue;
      }
      if (!this.options.isOpen(uri)) this.queue.add(uri);
    }
    if (configChanged) this.configurationChanged();
    else void this.drain();
    this.sendSummarySoon();
  }

  /** The session analysed an open document: its findings replace what the disk said. */
  documentAnalyzed(document: ParsedDocument, findings: readonly Finding[], modules: readonly string[]): void {
    const file = filePathOf(document.uri);
    const folder = file ? this.folderOf(file) : undefined;
    const config = folder ? this.resolvedConfigs.get(folder.uri) : undefined;
    const inWorkspace =
      !!file && !!folder && (!config || !isSkippedPath(file, config.exclude, config.root, this.options.isOtherFile));
    const lines = document.lines;
    this.entries.set(document.uri, {
      findings: findings.map((finding) => toSummaryFinding(document.uri, finding, lines)),
      modules: [...modules],
      open: true,
      inWorkspace,
    });
    this.published.delete(document.uri);
    this.sendSummarySoon();
  }

  /**
   * The editor's notebook session analysed an open notebook: its findings (each on its cell's URI)
   * replace what the disk said.
   */
  notebookAnalyzed(uri: string, findings: readonly SummaryFinding[], modules: readonly string[]): void {
    const file = filePathOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    const config = folder ? this.resolvedConfigs.get(folder.uri) : undefined;
    const inWorkspace =
      !!file && !!folder && (!config || !isSkippedPath(file, config.exclude, config.root, this.options.isOtherFile));
    this.entries.set(uri, { findings: [...findings], modules: [...modules], open: true, inWorkspace });
    this.sendSummarySoon();
  }

  /** An open document or notebook was closed (the session has cleared its diagnostics): read it from disk again. */
  documentClosed(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    entry.open = false;
    if (!entry.inWorkspace) {
      this.entries.delete(uri);
      this.sendSummarySoon();
      return;
    }
    this.queue.add(uri);
    void this.drain();
  }

  /** Findings of a file (open or not) whose range holds the position. */
  findingsAt(uri: string, line: number, character: number): SummaryFinding[] {
    return findingsHolding(this.entries.get(uri)?.findings ?? [], line, character);
  }

  summary(): WorkspaceSummary {
    return summarize(this.entries, this.state);
  }

  private sendSummarySoon(): void {
    if (this.summaryTimer || this.disposed) return;
    // Changes come in bursts (a scan, a branch checkout): one summary per burst.
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      void this.connection.sendNotification(WorkspaceSummaryNotification, this.summary());
    }, 50);
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
      this.connection.console.error(
        `workspace update failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      this.draining = false;
    }
  }

  private scanFile(file: string, config: FolderConfig): void {
    const uri = pathToFileURL(file).toString();
    if (this.options.isOpen(uri)) {
      const entry = this.entries.get(uri);
      if (entry) entry.inWorkspace = true;
      return;
    }
    if (isNotebookFile(file)) {
      this.scanNotebook(uri, file, config);
      return;
    }
    const settings = this.options.resolver.resolve(file, config.overrides).settings;
    let modules: string[] = [];
    let diagnostics: Diagnostic[] = [];
    let findings: SummaryFinding[] = [];
    try {
      const scan = this.scanner.scanFile(file, settings, undefined, { modules: true });
      if ('skipped' in scan) {
        this.connection.console.info(`workspace scan: skipped ${file}: ${scan.skipped}`);
      } else {
        for (const failure of scan.ruleErrors)
          this.connection.console.error(`rule ${failure.ruleId} failed on ${file}: ${failure.error}`);
        modules = scan.modules ?? [];
        const lines = new LineIndex(scan.text);
        diagnostics = scan.findings.map((finding) => toDiagnostic(finding, lines, 0));
        findings = scan.findings.map((finding) => toSummaryFinding(uri, finding, lines));
      }
    } catch (error) {
      this.connection.console.error(
        `analysis of ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    this.entries.set(uri, { findings, modules, open: false, inWorkspace: true });
    if (config.problems && (diagnostics.length || this.published.has(uri))) {
      void this.connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
    } else if (!config.problems && this.published.has(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.published.delete(uri);
    }
  }

  /**
   * A notebook that is not open: its findings count in the summary, each in its cell. They are not
   * published: the Problems panel could only place them in the notebook's JSON, and the editor
   * shows them on the cells once the notebook is opened.
   */
  private scanNotebook(uri: string, file: string, config: FolderConfig): void {
    const settings = this.options.resolver.resolve(file, config.overrides).settings;
    let findings: SummaryFinding[] = [];
    let modules: string[] = [];
    try {
      const scan = this.scanner.scanNotebook(file, settings);
      if ('skipped' in scan) this.connection.console.info(`workspace scan: skipped ${file}: ${scan.skipped}`);
      else {
        for (const failure of scan.analysis.ruleErrors)
          this.connection.console.error(`rule ${failure.ruleId} failed on ${file}: ${failure.error}`);
        findings = notebookSummaryFindings(uri, scan.analysis);
        modules = scan.analysis.modules ?? [];
      }
    } catch (error) {
      this.connection.console.error(
        `analysis of ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    this.entries.set(uri, { findings, modules, open: false, inWorkspace: true });
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private forget(uri: string): void {
    this.entries.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
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
    let own: Record<string, unknown> | undefined;
    let filesExclude: Record<string, unknown> | undefined;
    if (this.options.canPullConfiguration()) {
      try {
        [own, filesExclude] = (await this.connection.workspace.getConfiguration([
          { scopeUri: uri, section: 'pythonSecurityGuide' },
          { scopeUri: uri, section: 'files.exclude' },
        ])) as [Record<string, unknown> | undefined, Record<string, unknown> | undefined];
      } catch {
        own = filesExclude = undefined;
      }
    }
    const asObject = (value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    own = asObject(own);
    const overrides = editorOverrides(own);
    const scan = asObject(own?.workspaceScan);
    // files.exclude maps globs to true/false (or to a `when` condition on sibling files, which cannot apply to a folder walk).
    const editorExcludes = Object.entries(asObject(filesExclude) ?? {})
      .filter(([, value]) => value === true)
      .map(([glob]) => glob.replace(/^\.\//, ''));
    const folderSettings = this.options.resolver.resolve(root, overrides).settings;
    return {
      root,
      exclude: [...new Set([...folderSettings.exclude, ...editorExcludes])],
      overrides,
      problems: scan?.problems !== false,
    };
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
