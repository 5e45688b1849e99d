import type { FileAccess } from '../core/fileAccess';
import {
  AnalysisSettings,
  ConfigError,
  RuleIdentity,
  defaultSettings,
  findPyproject,
  mergeSettings,
  readPyproject,
} from './settings';

export interface ResolvedSettings {
  settings: AnalysisSettings;
  /** A configuration file that could not be used, with the reason; the defaults apply instead. */
  problem?: string;
  configFile?: string;
}

/**
 * Settings for one file: `[tool.python-security-guide]` from the nearest pyproject.toml, with
 * editor (or command-line) settings on top. Config files are cached by path and mtime.
 */
export class SettingsResolver {
  private readonly cache = new Map<string, { mtimeMs: number; settings?: AnalysisSettings; problem?: string }>();
  /** With `snapshot`: the nearest pyproject.toml of each folder looked up so far. */
  private readonly nearest: Map<string, string | undefined> | undefined;

  /**
   * `rules`: the catalog, for `[tool.bandit]` skips and tests; `files`: how config files are read. With `snapshot`
   * (one scan of files that do not come and go while it runs), where the nearest pyproject.toml is is looked up once
   * per folder instead of once per file; an editor's resolver looks each time, as files may be created at any moment.
   */
  constructor(
    private readonly rules: readonly RuleIdentity[],
    private readonly files: FileAccess,
    options: { snapshot?: boolean } = {},
  ) {
    if (options.snapshot) this.nearest = new Map();
  }

  resolve(filePath: string | undefined, overrides: unknown, explicitConfig?: string): ResolvedSettings {
    const configFile = explicitConfig ?? (filePath ? findPyproject(filePath, this.files, this.nearest) : undefined);
    let base = defaultSettings;
    let problem: string | undefined;
    if (configFile) {
      const loaded = this.load(configFile);
      if (loaded.settings) base = loaded.settings;
      problem = loaded.problem;
    }
    const problems: string[] = [];
    const settings = mergeSettings(base, overrides, problems);
    if (problems.length) problem = [problem, `settings: ${problems.join('; ')}`].filter(Boolean).join('; ');
    return { settings, problem, configFile };
  }

  private load(file: string): { settings?: AnalysisSettings; problem?: string } {
    // A missing file is reported by readPyproject below.
    const mtimeMs = this.files.stat(file)?.mtimeMs ?? -1;
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    let entry: { mtimeMs: number; settings?: AnalysisSettings; problem?: string };
    try {
      entry = { mtimeMs, settings: readPyproject(file, this.rules, this.files) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      entry = { mtimeMs, problem: `${error.message} (using the defaults)` };
    }
    this.cache.set(file, entry);
    return entry;
  }

  clear(): void {
    this.cache.clear();
  }
}
