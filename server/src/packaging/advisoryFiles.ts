import * as fs from 'fs';
import * as path from 'path';
import { databaseFromJson, type AdvisoryDatabase } from './advisories';

/**
 * Reads the advisory data: the shipped copy, or a newer export named by the setting or the CLI's
 * `--advisories`. The one module of the dependency checks that reads files (never the network).
 */

export const SHIPPED_FILE = 'pypi-advisories.json';

/** Beside the bundles (dist/advisories/) or, run from source, the repository's data/advisories/. */
export function shippedPath(): string {
  const candidates = [
    path.join(__dirname, 'advisories', SHIPPED_FILE),
    path.join(__dirname, '..', '..', '..', 'data', 'advisories', SHIPPED_FILE),
  ];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** Larger than any PyPI export (the whole OSV PyPI export is tens of megabytes). */
const MAX_ADVISORY_FILE_BYTES = 512 * 1024 * 1024;

function readDatabase(file: string, origin: string): AdvisoryDatabase {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > MAX_ADVISORY_FILE_BYTES) throw new Error(`larger than ${MAX_ADVISORY_FILE_BYTES} bytes`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read it (${code ?? (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  return databaseFromJson(value, origin);
}

export interface LoadedDatabase {
  /** Undefined only when even the shipped data cannot be read (a damaged installation). */
  database?: AdvisoryDatabase;
  /** Why the file named by the setting is not used, or why nothing could be loaded. */
  problem?: string;
}

let shipped: LoadedDatabase | undefined;
const chosen = new Map<string, { stamp: string; loaded: LoadedDatabase }>();

function loadShipped(): LoadedDatabase {
  if (!shipped) {
    const file = shippedPath();
    try {
      shipped = { database: readDatabase(file, 'shipped') };
    } catch (error) {
      shipped = { problem: `the shipped advisory data ${file} cannot be used: ${(error as Error).message}` };
    }
  }
  return shipped;
}

/**
 * The advisory database to check against: the file `override` names (absolute path) when it can be
 * read, else the shipped data with a `problem` saying why the file was not used. Each file is read
 * once per change of its size or modification time.
 */
export function loadAdvisories(override?: string): LoadedDatabase {
  if (!override) return loadShipped();
  if (!path.isAbsolute(override)) {
    return {
      ...loadShipped(),
      problem: `advisory file "${override}" is not an absolute path; using the shipped advisories instead`,
    };
  }
  let stamp = 'missing';
  try {
    const stat = fs.statSync(override);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // readDatabase says why.
  }
  const cached = chosen.get(override);
  if (cached && cached.stamp === stamp) return cached.loaded;
  let loaded: LoadedDatabase;
  try {
    loaded = { database: readDatabase(override, override) };
  } catch (error) {
    const fallback = loadShipped();
    loaded = {
      database: fallback.database,
      problem: `advisory file ${override}: ${(error as Error).message}; ${
        fallback.database ? `using the shipped advisories (up to ${fallback.database.date}) instead` : fallback.problem
      }`,
    };
  }
  chosen.set(override, { stamp, loaded });
  return loaded;
}
