import type { Connection } from 'vscode-languageserver';
import type { ResolvedSettings, SettingsResolver } from '../config/resolver';
import { editorOverrides } from '../config/settings';
import { DEFAULT_MAX_FILE_BYTES } from '../core/sizes';

/**
 * The settings of the open documents and notebooks, one place for both sessions: the editor's
 * `pythonSecurityGuide` section of each (pulled once, until it closes or the settings change) laid
 * over the pyproject.toml settings of its file (the resolver the workspace scan shares).
 */
export class EditorSettings {
  private readonly pulled = new Map<string, Promise<unknown>>();

  constructor(
    private readonly connection: Connection,
    private readonly canPullConfiguration: () => boolean,
    readonly resolver: SettingsResolver,
  ) {}

  /** The editor's `pythonSecurityGuide` section for `uri`, when the client gives one. */
  async section(uri: string): Promise<Record<string, unknown> | undefined> {
    let pulled = this.pulled.get(uri);
    if (!pulled) {
      pulled = this.canPullConfiguration()
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'pythonSecurityGuide' })
            .catch(() => undefined)
        : Promise.resolve(undefined);
      this.pulled.set(uri, pulled);
    }
    const raw = await pulled;
    return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
  }

  /** The analysis settings of `uri`, whose file the pyproject.toml settings are found from at `path`. */
  async resolve(uri: string, path: string | undefined): Promise<ResolvedSettings> {
    return this.resolver.resolve(path, editorOverrides(await this.section(uri)));
  }

  /** `pythonSecurityGuide.maxFileSize` of `uri` when it is a positive number, the default otherwise. */
  async maxFileBytes(uri: string): Promise<number> {
    const value = (await this.section(uri))?.maxFileSize;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_FILE_BYTES;
  }

  /** `uri` was closed: its section is pulled again if it opens again. */
  forget(uri: string): void {
    this.pulled.delete(uri);
  }

  /** The editor's settings changed: every section is pulled again. */
  clear(): void {
    this.pulled.clear();
  }
}
