import type { Connection, Diagnostic, FileEvent, WorkspaceFolder } from 'vscode-languageserver';
import type { SettingsResolver } from '../config/resolver';
import { editorOverrides } from '../config/settings';
import { LineIndex } from '../core/text';
import type { RuleError } from '../engine/engine';
import type { Finding } from '../ruleApi/types';
import {
  WorkspaceSummaryNotification,
  type ScanState,
  type SummaryFinding,
  type WorkspaceSummary,
} from '../shared/workspaceSummary';
import { toDiagnostic } from './diagnostics';
import type { WorkspaceService } from './languageServer';
import { summarize, toSummaryFinding, type FileEntry } from './summaryFindings';

/** What every workspace scan is told by the server. */
export interface WorkspaceScanBaseOptions {
  canPullConfiguration: () => boolean;
  isOpen: (uri: string) => boolean;
  /** The pyproject.toml settings resolver the open documents use too. */
  resolver: SettingsResolver;
}

/** The editor's settings of one workspace folder that a scan applies. */
export interface FolderSettings {
  /** The folder's `pythonSecurityGuide` section, when it is an object. */
  own: Record<string, unknown> | undefined;
  /** Editor settings laid over each file's pyproject settings. */
  overrides: Record<string, unknown> | undefined;
  /** Globs relative to the folder: `files.exclude`, `pythonSecurityGuide.exclude` and pyproject's `exclude`. */
  exclude: string[];
  /** Publish diagnostics for files that are not open. */
  problems: boolean;
}

/** What a scan of one closed file gives the summary and the Problems panel. */
export interface ScannedFile {
  findings: SummaryFinding[];
  modules: string[];
  diagnostics: Diagnostic[];
}

export const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** A finding as the summary sends it: what hover adds (a dependency finding's advisories) is left out. */
function summaryFinding(finding: SummaryFinding & { advisories?: unknown }): SummaryFinding {
  if (!('advisories' in finding)) return finding;
  const { advisories: _advisories, ...summary } = finding;
  return summary;
}

const asObject = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The lifecycle every workspace scan shares, on the desktop (files on disk) and in VS Code for the
 * Web (files the client reads): what the workspace knows per file, the open documents' analyses
 * replacing what the files said, the diagnostics published for files that are not open, a whole
 * scan superseded by a newer one, and one summary per burst of changes. A scan adds how it lists,
 * reads and excludes files.
 */
export abstract class WorkspaceScanBase<Options extends WorkspaceScanBaseOptions> implements WorkspaceService {
  protected folders: WorkspaceFolder[] = [];
  protected readonly entries = new Map<string, FileEntry>();
  /** Files whose diagnostics this scan has published (and must clear when they go away). */
  private readonly published = new Set<string>();
  protected state: ScanState = 'scanning';
  private generation = 0;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    protected readonly connection: Connection,
    protected readonly options: Options,
  ) {}

  /** Scans every workspace folder again; a scan still running is superseded. */
  abstract start(): Promise<void>;
  abstract filesChanged(changes: readonly FileEvent[]): void;
  /** Whether `uri` is a file of a workspace folder that is not excluded (an open one counts in the summary then). */
  protected abstract holds(uri: string): boolean;
  /** Reads a file that was closed again; false when this scan does not read such a file. */
  protected abstract rescanClosed(uri: string): boolean;

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

  /**
   * An open document or notebook was analysed: its findings (for a notebook, each on its cell's
   * URI) replace what the file said, and the session publishes its diagnostics from now on.
   */
  documentAnalyzed(uri: string, findings: readonly SummaryFinding[], modules: readonly string[]): void {
    this.entries.set(uri, {
      findings: findings.map(summaryFinding),
      modules: [...modules],
      open: true,
      inWorkspace: this.holds(uri),
    });
    this.published.delete(uri);
    this.sendSummarySoon();
  }

  /** An open document or notebook was closed (the session has cleared its diagnostics): read it again. */
  documentClosed(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    entry.open = false;
    if (entry.inWorkspace && this.rescanClosed(uri)) return;
    this.entries.delete(uri);
    this.sendSummarySoon();
  }

  summary(): WorkspaceSummary {
    return summarize(this.entries, this.state);
  }

  /**
   * Runs one whole scan: `current()` turns false once a newer scan supersedes it (the body then
   * stops), a failure ends it as cancelled, and the summary follows.
   */
  protected async scanWhole(body: (current: () => boolean) => Promise<void>): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.state = 'scanning';
    try {
      await body(current);
      if (!current()) return;
      if (this.state === 'scanning') this.state = 'complete';
    } catch (error) {
      this.connection.console.error(`workspace scan failed: ${describeError(error)}`);
      if (!current()) return;
      this.state = 'cancelled';
    }
    this.sendSummarySoon();
  }

  protected sendSummarySoon(): void {
    if (this.summaryTimer || this.disposed) return;
    // Changes come in bursts (a scan, a branch checkout): one summary per burst.
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      void this.connection.sendNotification(WorkspaceSummaryNotification, this.summary());
    }, 50);
  }

  /** An open file is the session's: the scan only notes that the workspace holds it. True when `uri` is open. */
  protected leftToSession(uri: string): boolean {
    if (!this.options.isOpen(uri)) return false;
    const entry = this.entries.get(uri);
    if (entry) entry.inWorkspace = true;
    return true;
  }

  /** After a whole listing: files not `found` are forgotten unless open; open ones are in the workspace if found. */
  protected keepFound(found: ReadonlySet<string>): void {
    for (const [uri, entry] of this.entries) {
      if (!found.has(uri) && !entry.open) this.forget(uri);
      else if (entry.open) entry.inWorkspace = found.has(uri);
    }
  }

  /** A deleted file or folder: it and the files under it go, except those open. */
  protected forgetDeleted(uri: string): void {
    for (const known of [...this.entries.keys()])
      if ((known === uri || known.startsWith(`${uri}/`)) && !this.entries.get(known)!.open) this.forget(known);
  }

  protected forget(uri: string): void {
    this.entries.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A closed file's findings as the summary and the Problems panel take them; rule failures are logged. */
  protected analysed(
    uri: string,
    name: string,
    text: string,
    result: { findings: readonly Finding[]; ruleErrors: readonly RuleError[]; modules?: string[] },
  ): ScannedFile {
    for (const failure of result.ruleErrors)
      this.connection.console.error(`rule ${failure.ruleId} failed on ${name}: ${failure.error}`);
    const lines = new LineIndex(text);
    return {
      findings: result.findings.map((finding) => toSummaryFinding(uri, finding, lines)),
      modules: result.modules ?? [],
      diagnostics: result.findings.map((finding) => toDiagnostic(finding, lines, 0)),
    };
  }

  /**
   * Keeps what a scan of a closed file found; its diagnostics are published when the folder's
   * `problems` setting asks for them, and diagnostics published before are cleared otherwise.
   */
  protected keepScanned(uri: string, scanned: ScannedFile, problems: boolean): void {
    const { findings, modules, diagnostics } = scanned;
    this.entries.set(uri, { findings, modules, open: false, inWorkspace: true });
    if (problems && (diagnostics.length || this.published.has(uri))) {
      void this.connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
    } else if (!problems && this.published.delete(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** The editor's settings of the folder `uri`; `resolveAt` is where its pyproject.toml settings are resolved. */
  protected async folderSettings(uri: string, resolveAt: string): Promise<FolderSettings> {
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
    own = asObject(own);
    const overrides = editorOverrides(own);
    // files.exclude maps globs to true/false (or to a `when` condition on sibling files, which cannot apply to a folder walk).
    const editorExcludes = Object.entries(asObject(filesExclude) ?? {})
      .filter(([, value]) => value === true)
      .map(([glob]) => glob.replace(/^\.\//, ''));
    const folderSettings = this.options.resolver.resolve(resolveAt, overrides).settings;
    return {
      own,
      overrides,
      exclude: [...new Set([...folderSettings.exclude, ...editorExcludes])],
      problems: asObject(own?.workspaceScan)?.problems !== false,
    };
  }
}
