import picomatch from 'picomatch';
import type { FileEvent } from 'vscode-languageserver';
import { FileChangeType, type WorkspaceFolder } from 'vscode-languageserver';
import type { AnalysisSettings } from '../config/settings';
import { DEFAULT_MAX_FILE_BYTES } from '../core/sizes';
import type { Engine } from '../engine/engine';
import type { FileEngine, FileEnvironment } from '../engine/fileEngine';
import { auditedManifestGlob, envGlob, manifestGlob, templateGlob } from '../shared/filePatterns';
import {
  ReadFileRequest,
  VIRTUAL_WORKSPACE_MAX_FILE_BYTES,
  VIRTUAL_WORKSPACE_MAX_FILES,
  WorkspaceFilesRequest,
} from '../shared/virtualWorkspace';
import { skippedDirectories } from '../workspace/skippedFolders';
import type { FileSnapshot } from './fileSnapshot';
import { describeError, WorkspaceScanBase, type ScannedFile, type WorkspaceScanBaseOptions } from './workspaceScanBase';

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

export interface VirtualWorkspaceOptions extends WorkspaceScanBaseOptions {
  engine: Engine;
  fileEngine: FileEngine;
  /** Where pyproject.toml files read from the workspace are kept for the settings resolver. */
  files: FileSnapshot;
  environment: FileEnvironment;
}

/**
 * The workspace scan of VS Code for the Web: the worker has no file system, so the client lists
 * the workspace's files and reads each through `vscode.workspace.fs` on request. At most
 * VIRTUAL_WORKSPACE_MAX_FILES files are scanned and none larger than
 * VIRTUAL_WORKSPACE_MAX_FILE_BYTES (or `maxFileSize`, if smaller); what the scan finds feeds the
 * checklist, the status bar and (with `workspaceScan.problems`) the Problems panel, as on the desktop.
 */
export class VirtualWorkspaceScan extends WorkspaceScanBase<VirtualWorkspaceOptions> {
  private readonly configs = new Map<string, FolderConfig>();

  start(): Promise<void> {
    return this.scanWhole(async (current) => {
      this.sendSummarySoon();
      const found = new Set<string>();
      for (const folder of this.folders) {
        const listed = await this.connection.sendRequest(WorkspaceFilesRequest, {
          folder: folder.uri,
          include: includes,
          exclude: skippedFolderGlobs,
          maxFiles: VIRTUAL_WORKSPACE_MAX_FILES,
        });
        if (!current()) return;
        if (listed.truncated)
          this.connection.console.warn(
            `workspace scan: ${folder.uri} has more than ${VIRTUAL_WORKSPACE_MAX_FILES} files to scan; the first ${VIRTUAL_WORKSPACE_MAX_FILES} are scanned`,
          );
        const uris = listed.uris.filter((uri) => isPython(uri) || this.isOtherFile(uri));
        // The settings first: pyproject.toml files are read before the files they configure.
        for (const uri of uris.filter(isPyproject)) await this.readConfig(uri);
        const config = await this.folderConfig(folder);
        for (const uri of uris) {
          if (!current()) return;
          if (config.exclude(relativeTo(folder.uri, uri))) continue;
          found.add(uri);
          await this.scanFile(uri, config);
        }
      }
      if (!current()) return;
      this.keepFound(found);
    });
  }

  filesChanged(changes: readonly FileEvent[]): void {
    void (async () => {
      for (const change of changes) {
        if (change.type === FileChangeType.Deleted) {
          this.options.files.delete(change.uri);
          this.forgetDeleted(change.uri);
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
    })().catch((error) => this.connection.console.error(`workspace update failed: ${describeError(error)}`));
  }

  protected holds(uri: string): boolean {
    const folder = this.folderOf(uri);
    const config = folder && this.configs.get(folder.uri);
    return !!folder && (!config || !config.exclude(relativeTo(folder.uri, uri)));
  }

  /** A closed notebook leaves the summary: this scan reads Python files and the file rules' files only. */
  protected rescanClosed(uri: string): boolean {
    const folder = this.folderOf(uri);
    if (!folder || /\.ipynb$/i.test(uri)) return false;
    void this.folderConfig(folder)
      .then((config) => this.scanFile(uri, config))
      .then(() => this.sendSummarySoon())
      .catch((error) => this.connection.console.error(`workspace update failed: ${describeError(error)}`));
    return true;
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
    if (this.leftToSession(uri)) return;
    const read = await this.connection.sendRequest(ReadFileRequest, { uri, maxBytes: config.maxFileBytes });
    // Opened while it was being read: the session's analysis of the buffer wins.
    if (this.options.isOpen(uri)) return;
    let scanned: ScannedFile = { findings: [], modules: [], diagnostics: [] };
    if ('skipped' in read) {
      this.connection.console.info(`workspace scan: skipped ${uri}: ${read.skipped}`);
    } else {
      try {
        const settings = this.settingsFor(uri, config);
        const result = isPython(uri)
          ? this.options.engine.analyzeText(read.text, settings, { path: uri, modules: true })
          : this.options.fileEngine.analyze(uri, read.text, settings, this.options.environment);
        scanned = this.analysed(uri, uri, read.text, result);
      } catch (error) {
        this.connection.console.error(`analysis of ${uri} failed: ${describeError(error)}`);
      }
    }
    this.keepScanned(uri, scanned, config.problems);
  }

  private settingsFor(uri: string, config: FolderConfig): AnalysisSettings {
    const resolved = this.options.resolver.resolve(uri, config.overrides);
    if (resolved.problem) this.connection.console.warn(resolved.problem);
    return resolved.settings;
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
    const { own, overrides, exclude: globs, problems } = await this.folderSettings(folder.uri, folder.uri);
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
      problems,
      maxFileBytes: Math.min(maxFileSize, VIRTUAL_WORKSPACE_MAX_FILE_BYTES),
    };
    this.configs.set(folder.uri, config);
    return config;
  }
}

/** The path of `uri` relative to the folder `root` (both URIs), with `/` separators. */
function relativeTo(root: string, uri: string): string {
  return decodeURIComponent(uri.slice(root.replace(/\/$/, '').length + 1));
}
