import picomatch from 'picomatch';
import type { Connection, Diagnostic, FileEvent, WorkspaceFolder } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { SettingsResolver } from '../config/resolver';
import { editorOverrides, type AnalysisSettings } from '../config/settings';
import { DEFAULT_MAX_FILE_BYTES } from '../core/sizes';
import { LineIndex } from '../core/text';
import type { Engine } from '../engine/engine';
import type { FileEngine, FileEnvironment } from '../engine/fileEngine';
import type { Finding } from '../ruleApi/types';
import { auditedManifestGlob, envGlob, manifestGlob, templateGlob } from '../shared/filePatterns';
import {
  ReadFileRequest,
  VIRTUAL_WORKSPACE_MAX_FILE_BYTES,
  VIRTUAL_WORKSPACE_MAX_FILES,
  WorkspaceFilesRequest,
} from '../shared/virtualWorkspace';
import { WorkspaceSummaryNotification, type ScanState, type SummaryFinding } from '../shared/workspaceSummary';
import { skippedDirectories } from '../workspace/skippedFolders';
import { toDiagnostic } from './diagnostics';
import type { ParsedDocument } from './documentStore';
import type { FileSnapshot } from './fileSnapshot';
import type { WorkspaceService } from './languageServer';
import { summarize, toSummaryFinding, type FileEntry } from './summaryFindings';

const isPython = (uri: string) => /\.pyw?$/i.test(uri.split(/[?#]/)[0]);
const isPyproject = (uri: string) => /\/pyproject\.toml$/i.test(uri.split(/[?#]/)[0]);

/** What the client lists: Python files and the files the file rules read. */
const includes = [
  '**/*.{py,pyw}',
  `**/${manifestGlob}`,
  `**/${auditedManifestGlob}`,
  `**/${envGlob}`,
  `**/${templateGlob}`,
];
const skippedFolderGlobs = [...skippedDirectories].map((name) => `**/${name}/**`);

interface FolderConfig {
  uri: string;
  exclude: (relative: string) => boolean;
  overrides: Record<string, unknown> | undefined;
  problems: boolean;
  maxFileBytes: number;
}

export interface VirtualWorkspaceOptions {
  engine: Engine;
  fileEngine: FileEngine;
  resolver: SettingsResolver;
  /** Where pyproject.toml files read from the workspace are kept for the settings resolver. */
  files: FileSnapshot;
  environment: FileEnvironment;
  canPullConfiguration: () => boolean;
  isOpen: (uri: string) => boolean;
}

/**
 * The workspace scan of VS Code for the Web: the worker has no file system, so the client lists
 * the workspace's files and reads each through `vscode.workspace.fs` on request. At most
 * VIRTUAL_WORKSPACE_MAX_FILES files are scanned and none larger than
 * VIRTUAL_WORKSPACE_MAX_FILE_BYTES (or `maxFileSize`, if smaller); what the scan finds feeds the
 * checklist, the status bar and (with `workspaceScan.problems`) the Problems panel, as on the desktop.
 */
export class VirtualWorkspaceScan implements WorkspaceService {
  private folders: WorkspaceFolder[] = [];
  private readonly entries = new Map<string, FileEntry>();
  private readonly published = new Set<string>();
  private readonly configs = new Map<string, FolderConfig>();
  private state: ScanState = 'scanning';
  private generation = 0;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly options: VirtualWorkspaceOptions,
  ) {}

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = [...folders];
  }

  changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((folder) => folder.uri));
    this.setFolders([...this.folders.filter((folder) => !gone.has(folder.uri)), ...added]);
    void this.start();
  }

  configurationChanged(): void {
    this.options.resolver.clear();
    void this.start();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    this.state = 'scanning';
    this.sendSummarySoon();
    try {
      const found = new Set<string>();
      for (const folder of this.folders) {
        const listed = await this.connection.sendRequest(WorkspaceFilesRequest, {
          folder: folder.uri,
          include: includes,
          exclude: skippedFolderGlobs,
          maxFiles: VIRTUAL_WORKSPACE_MAX_FILES,
        });
        if (generation !== this.generation) return;
        if (listed.truncated)
          this.connection.console.warn(
            `workspace scan: ${folder.uri} has more than ${VIRTUAL_WORKSPACE_MAX_FILES} files to scan; the first ${VIRTUAL_WORKSPACE_MAX_FILES} are scanned`,
          );
        const uris = listed.uris.filter((uri) => isPython(uri) || this.isOtherFile(uri));
        // The settings first: pyproject.toml files are read before the files they configure.
        for (const uri of uris.filter(isPyproject)) await this.readConfig(uri);
        const config = await this.folderConfig(folder);
        for (const uri of uris) {
          if (generation !== this.generation) return;
          if (config.exclude(relativeTo(folder.uri, uri))) continue;
          found.add(uri);
          await this.scanFile(uri, config);
        }
      }
      if (generation !== this.generation) return;
      for (const [uri, entry] of this.entries) {
        if (!found.has(uri) && !entry.open) this.forget(uri);
        else if (entry.open) entry.inWorkspace = found.has(uri);
      }
      this.state = 'complete';
    } catch (error) {
      this.connection.console.error(`workspace scan failed: ${describe(error)}`);
      if (generation === this.generation) this.state = 'cancelled';
    }
    this.sendSummarySoon();
  }

  filesChanged(changes: readonly FileEvent[]): void {
    void (async () => {
      for (const change of changes) {
        if (change.type === FileChangeType.Deleted) {
          this.options.files.delete(change.uri);
          for (const known of [...this.entries.keys()])
            if ((known === change.uri || known.startsWith(`${change.uri}/`)) && !this.entries.get(known)!.open)
              this.forget(known);
          continue;
        }
        if (isPyproject(change.uri)) {
          await this.readConfig(change.uri);
          this.configurationChanged();
          return;
        }
        const folder = this.folderOf(change.uri);
        if (!folder || this.options.isOpen(change.uri) || !(isPython(change.uri) || this.isOtherFile(change.uri)))
          continue;
        const config = await this.folderConfig(folder);
        if (!config.exclude(relativeTo(folder.uri, change.uri))) await this.scanFile(change.uri, config);
      }
      this.sendSummarySoon();
    })().catch((error) => this.connection.console.error(`workspace update failed: ${describe(error)}`));
  }

  documentAnalyzed(document: ParsedDocument, findings: readonly Finding[], modules: readonly string[]): void {
    const folder = this.folderOf(document.uri);
    const config = folder && this.configs.get(folder.uri);
    this.entries.set(document.uri, {
      findings: findings.map((finding) => toSummaryFinding(document.uri, finding, document.lines)),
      modules: [...modules],
      open: true,
      inWorkspace: !!folder && (!config || !config.exclude(relativeTo(folder.uri, document.uri))),
    });
    this.published.delete(document.uri);
    this.sendSummarySoon();
  }

  /** An open notebook was analysed (its findings are on its cells' URIs); a closed one is not read here. */
  notebookAnalyzed(uri: string, findings: readonly SummaryFinding[], modules: readonly string[]): void {
    const folder = this.folderOf(uri);
    const config = folder && this.configs.get(folder.uri);
    this.entries.set(uri, {
      findings: [...findings],
      modules: [...modules],
      open: true,
      inWorkspace: !!folder && (!config || !config.exclude(relativeTo(folder.uri, uri))),
    });
    this.sendSummarySoon();
  }

  documentClosed(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    entry.open = false;
    const folder = this.folderOf(uri);
    // A closed notebook leaves the summary: this scan reads Python files and the file rules' files only.
    if (!entry.inWorkspace || !folder || /\.ipynb$/i.test(uri)) {
      this.entries.delete(uri);
      this.sendSummarySoon();
      return;
    }
    void this.folderConfig(folder)
      .then((config) => this.scanFile(uri, config))
      .then(() => this.sendSummarySoon())
      .catch((error) => this.connection.console.error(`workspace update failed: ${describe(error)}`));
  }

  private isOtherFile(uri: string): boolean {
    return this.options.fileEngine.handles(uri) && !isPython(uri);
  }

  private async readConfig(uri: string): Promise<void> {
    const read = await this.connection.sendRequest(ReadFileRequest, {
      uri,
      maxBytes: VIRTUAL_WORKSPACE_MAX_FILE_BYTES,
    });
    if ('text' in read) this.options.files.set(uri, read.text);
    else this.options.files.delete(uri);
  }

  private async scanFile(uri: string, config: FolderConfig): Promise<void> {
    if (this.options.isOpen(uri)) {
      const entry = this.entries.get(uri);
      if (entry) entry.inWorkspace = true;
      return;
    }
    const read = await this.connection.sendRequest(ReadFileRequest, { uri, maxBytes: config.maxFileBytes });
    // Opened while it was being read: the session's analysis of the buffer wins.
    if (this.options.isOpen(uri)) return;
    let findings: Finding[] = [];
    let modules: string[] = [];
    let diagnostics: Diagnostic[] = [];
    let summary: FileEntry['findings'] = [];
    if ('skipped' in read) {
      this.connection.console.info(`workspace scan: skipped ${uri}: ${read.skipped}`);
    } else {
      try {
        const settings = this.settingsFor(uri, config);
        const result = isPython(uri)
          ? this.options.engine.analyzeText(read.text, settings, { path: uri, modules: true })
          : this.options.fileEngine.analyze(uri, read.text, settings, this.options.environment);
        for (const failure of result.ruleErrors)
          this.connection.console.error(`rule ${failure.ruleId} failed on ${uri}: ${failure.error}`);
        findings = result.findings;
        modules = result.modules ?? [];
        const lines = new LineIndex(read.text);
        diagnostics = findings.map((finding) => toDiagnostic(finding, lines, 0));
        summary = findings.map((finding) => toSummaryFinding(uri, finding, lines));
      } catch (error) {
        this.connection.console.error(`analysis of ${uri} failed: ${describe(error)}`);
      }
    }
    this.entries.set(uri, { findings: summary, modules, open: false, inWorkspace: true });
    if (config.problems && (diagnostics.length || this.published.has(uri))) {
      void this.connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
    } else if (!config.problems && this.published.delete(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  private settingsFor(uri: string, config: FolderConfig): AnalysisSettings {
    const resolved = this.options.resolver.resolve(uri, config.overrides);
    if (resolved.problem) this.connection.console.warn(resolved.problem);
    return resolved.settings;
  }

  private forget(uri: string): void {
    this.entries.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private folderOf(uri: string): WorkspaceFolder | undefined {
    let best: WorkspaceFolder | undefined;
    for (const folder of this.folders) {
      const root = folder.uri.replace(/\/$/, '');
      if ((uri === root || uri.startsWith(`${root}/`)) && (!best || root.length > best.uri.length)) best = folder;
    }
    return best;
  }

  private async folderConfig(folder: WorkspaceFolder): Promise<FolderConfig> {
    let own: Record<string, unknown> | undefined;
    let filesExclude: Record<string, unknown> | undefined;
    if (this.options.canPullConfiguration()) {
      try {
        [own, filesExclude] = (await this.connection.workspace.getConfiguration([
          { scopeUri: folder.uri, section: 'pythonSecurityGuide' },
          { scopeUri: folder.uri, section: 'files.exclude' },
        ])) as [Record<string, unknown> | undefined, Record<string, unknown> | undefined];
      } catch {
        own = filesExclude = undefined;
      }
    }
    const asObject = (value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    own = asObject(own);
    const overrides = editorOverrides(own);
    const editorExcludes = Object.entries(asObject(filesExclude) ?? {})
      .filter(([, value]) => value === true)
      .map(([glob]) => glob.replace(/^\.\//, ''));
    const folderSettings = this.options.resolver.resolve(folder.uri, overrides).settings;
    const globs = [...new Set([...folderSettings.exclude, ...editorExcludes])];
    const matches = globs.length ? picomatch(globs, { dot: true }) : () => false;
    const exclude = (relative: string) => {
      const parts = relative.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        if ((i < parts.length && skippedDirectories.has(parts[i - 1])) || matches(prefix) || matches(`${prefix}/`))
          return true;
      }
      return false;
    };
    const maxFileSize =
      typeof own?.maxFileSize === 'number' && own.maxFileSize > 0 ? own.maxFileSize : DEFAULT_MAX_FILE_BYTES;
    const config: FolderConfig = {
      uri: folder.uri,
      exclude,
      overrides,
      problems: asObject(own?.workspaceScan)?.problems !== false,
      maxFileBytes: Math.min(maxFileSize, VIRTUAL_WORKSPACE_MAX_FILE_BYTES),
    };
    this.configs.set(folder.uri, config);
    return config;
  }

  private sendSummarySoon(): void {
    if (this.summaryTimer || this.disposed) return;
    // Changes come in bursts: one summary per burst.
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      void this.connection.sendNotification(WorkspaceSummaryNotification, summarize(this.entries, this.state));
    }, 50);
  }
}

/** The path of `uri` relative to the folder `root` (both URIs), with `/` separators. */
function relativeTo(root: string, uri: string): string {
  return decodeURIComponent(uri.slice(root.replace(/\/$/, '').length + 1));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
