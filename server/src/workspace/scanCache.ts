import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { AnalysisSettings } from '../config/settings';
import type { RuleError } from '../engine/engine';
import type { Finding } from '../ruleApi/types';
import { TextHash } from '../core/hash';

export const DEFAULT_CACHE_DIRECTORY = '.psg-cache';

interface Entry {
  /** Hash of the file's text and of the settings it was analysed with. */
  key: string;
  findings: Finding[];
  ruleErrors: RuleError[];
  /** Other files the analysis read and the hashes of their texts then: a change to one makes the entry stale. */
  reads?: [string, string][];
}

interface CacheFile {
  engine: string;
  entries: Record<string, Entry>;
}

function sha256(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * Identifies the code that produced the results: the running bundle (engine and rules), the scan
 * worker and the grammar beside it, and the version. Any change makes every cached result stale.
 */
export function engineFingerprint(version: string): string {
  const parts: (string | Buffer)[] = [version];
  for (const file of [
    __filename,
    path.join(__dirname, 'scanWorker.js'),
    path.join(__dirname, 'tree-sitter-python.wasm'),
  ]) {
    try {
      parts.push(fs.readFileSync(file));
    } catch {
      parts.push(`${path.basename(file)} absent`);
    }
  }
  return sha256(...parts);
}

/**
 * Results of earlier scans, per file, reused when the file's text, its settings and the engine are
 * all unchanged. One JSON file per engine in the cache folder; unreadable or foreign content is
 * treated as empty, and a cache that cannot be written only costs speed.
 */
export class ScanCache {
  private readonly previous: Record<string, Entry>;
  private readonly current = new Map<string, Entry>();
  private readonly file: string;

  private constructor(
    private readonly directory: string,
    private readonly engine: string,
  ) {
    this.file = path.join(directory, `scan-${engine.slice(0, 16)}.json`);
    this.previous = this.load();
  }

  static open(directory: string, engine: string): ScanCache {
    return new ScanCache(directory, engine);
  }

  private load(): Record<string, Entry> {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as CacheFile;
      if (data && data.engine === this.engine && typeof data.entries === 'object' && data.entries) return data.entries;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    return Object.create(null) as Record<string, Entry>;
  }

  static key(text: string, settings: AnalysisSettings): string {
    return sha256(JSON.stringify(settings), text);
  }

  get(file: string, key: string): { findings: Finding[]; ruleErrors: RuleError[] } | undefined {
    const entry =
      this.current.get(file) ??
      (Object.prototype.hasOwnProperty.call(this.previous, file) ? this.previous[file] : undefined);
    if (entry?.key !== key || !Array.isArray(entry.findings) || !Array.isArray(entry.ruleErrors)) return undefined;
    if (entry.reads !== undefined && !this.unchanged(entry.reads)) return undefined;
    this.current.set(file, entry);
    return { findings: entry.findings, ruleErrors: entry.ruleErrors };
  }

  set(file: string, key: string, findings: Finding[], ruleErrors: RuleError[], reads?: [string, string][]): void {
    this.current.set(file, { key, findings, ruleErrors, ...(reads?.length ? { reads } : {}) });
  }

  /** Whether every file an entry's analysis read still has the text it had (hashed as the analysis hashes it). */
  private unchanged(reads: unknown): boolean {
    if (!Array.isArray(reads)) return false;
    for (const read of reads) {
      if (!Array.isArray(read) || typeof read[0] !== 'string') return false;
      let text: string;
      try {
        text = fs.readFileSync(read[0], 'utf8');
      } catch {
        return false;
      }
      if (new TextHash().update(text).digest() !== read[1]) return false;
    }
    return true;
  }

  /** Writes this run's entries and keeps earlier ones whose files still exist; other engines' files are removed. */
  save(): string | undefined {
    const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
    for (const [file, entry] of Object.entries(this.previous)) {
      if (!this.current.has(file) && fs.existsSync(file)) entries[file] = entry;
    }
    for (const [file, entry] of this.current) entries[file] = entry;
    try {
      fs.mkdirSync(this.directory, { recursive: true });
      const ignore = path.join(this.directory, '.gitignore');
      if (!fs.existsSync(ignore))
        fs.writeFileSync(ignore, '# Created by python-security-guide: the scan cache, safe to delete.\n*\n');
      for (const name of fs.readdirSync(this.directory)) {
        if (/^scan-[0-9a-f]{16}\.json$/.test(name) && path.join(this.directory, name) !== this.file)
          fs.rmSync(path.join(this.directory, name), { force: true });
      }
      const temporary = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ engine: this.engine, entries } satisfies CacheFile));
      fs.renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      return `cannot write the scan cache in ${this.directory}: ${(error as Error).message}`;
    }
  }
}
