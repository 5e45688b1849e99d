import type { FileAccess } from '../core/fileAccess';
import { databaseFromJson, type AdvisoryDatabase } from './advisories';

/**
 * Reads the advisory data: the shipped copy, or a newer export named by the setting or the CLI's
 * `--advisories`. The one module of the dependency checks that reads files (never the network).
 */

export const SHIPPED_FILE = 'pypi-advisories.json';

let files: FileAccess | undefined;
let shippedFile = SHIPPED_FILE;

/**
 * Where the advisory data is read from: the program running the analysis says, once, before the
 * first check (Node's file system and dist/advisories/ on the desktop and in the CLI; the bundled
 * data fetched beside the worker in VS Code for the Web).
 */
export function useAdvisoryFiles(access: FileAccess, shipped: string): void {
  files = access;
  shippedFile = shipped;
  shippedData = undefined;
  chosen.clear();
}

/** The shipped data's location, as given to useAdvisoryFiles. */
export function shippedPath(): string {
  return shippedFile;
}

/** Larger than any PyPI export (the whole OSV PyPI export is tens of megabytes). */
const MAX_ADVISORY_FILE_BYTES = 512 * 1024 * 1024;

function readDatabase(access: FileAccess, file: string, origin: string): AdvisoryDatabase {
  let text: string;
  try {
    const stat = access.stat(file);
    if (stat && !stat.isFile) throw new Error('not a regular file');
    if (stat && stat.size > MAX_ADVISORY_FILE_BYTES) throw new Error(`larger than ${MAX_ADVISORY_FILE_BYTES} bytes`);
    text = access.readText(file);
  } catch (error) {
    throw new Error(`cannot read it (${(error as Error).message})`);
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

let shippedData: LoadedDatabase | undefined;
const chosen = new Map<string, { stamp: string; loaded: LoadedDatabase }>();

function loadShipped(): LoadedDatabase {
  if (!files) return { problem: 'no advisory data: the program did not say where it is (useAdvisoryFiles)' };
  if (!shippedData) {
    try {
      shippedData = { database: readDatabase(files, shippedFile, 'shipped') };
    } catch (error) {
      shippedData = { problem: `the shipped advisory data ${shippedFile} cannot be used: ${(error as Error).message}` };
    }
  }
  return shippedData;
}

/**
 * The advisory database to check against: the file `override` names (absolute path) when it can be
 * read, else the shipped data with a `problem` saying why the file was not used. Each file is read
 * once per change of its size or modification time.
 */
export function loadAdvisories(override?: string): LoadedDatabase {
  if (!override || !files) return loadShipped();
  if (!files.isAbsolute(override)) {
    return {
      ...loadShipped(),
      problem: `advisory file "${override}" is not an absolute path; using the shipped advisories instead`,
    };
  }
  // A missing file: readDatabase says why.
  const stat = files.stat(override);
  const stamp = stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
  const cached = chosen.get(override);
  if (cached && cached.stamp === stamp) return cached.loaded;
  let loaded: LoadedDatabase;
  try {
    loaded = { database: readDatabase(files, override, override) };
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
