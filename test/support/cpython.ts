// CPython as an oracle for tests and scripts: compiles sources with `compile(source, id, 'exec')`
// in batches, one python3 process per batch (test/support/cpython_compile.py). The product never
// needs Python; only the checks of its fixes use it.
import { spawnSync } from 'child_process';
import * as path from 'path';

export interface CompileInput {
  id: string;
  source: string;
}

/** Why CPython rejected a source (the SyntaxError, or the ValueError for null bytes). */
export interface CompileFailure {
  id: string;
  type: string;
  message: string;
  line: number | null;
  offset: number | null;
  text: string;
}

export interface CPython {
  /** The interpreter's command and its version, e.g. `python3 (3.11.7)`. */
  readonly description: string;
  /** Compiles every source; the result maps the id of each source that fails to its error. */
  compile(inputs: readonly CompileInput[]): Map<string, CompileFailure>;
}

const helper = path.join(__dirname, 'cpython_compile.py');
/** Sources per python3 process, and bytes: a batch is cut at whichever comes first. */
const BATCH_SOURCES = 2000;
const BATCH_BYTES = 16 * 1024 * 1024;

function batches(inputs: readonly CompileInput[]): CompileInput[][] {
  const out: CompileInput[][] = [];
  let current: CompileInput[] = [];
  let bytes = 0;
  for (const input of inputs) {
    if (current.length && (current.length >= BATCH_SOURCES || bytes + input.source.length > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(input);
    bytes += input.source.length;
  }
  if (current.length) out.push(current);
  return out;
}

function run(command: string, inputs: readonly CompileInput[]): { version: string; failures: CompileFailure[] } {
  const result = spawnSync(command, [helper], {
    input: JSON.stringify(inputs),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(
      `${command} ${helper} exited with ${result.status ?? result.signal}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  return JSON.parse(result.stdout) as { version: string; failures: CompileFailure[] };
}

/**
 * The CPython to check with: `$PSG_PYTHON` or `python3` from PATH. Returns `{ python: undefined,
 * reason }` when there is none (or it is older than 3.8), so callers can skip or fail loudly.
 */
export function findCPython(
  command = process.env.PSG_PYTHON || 'python3',
): { python: CPython; reason?: undefined } | { python: undefined; reason: string } {
  let version: string;
  try {
    version = run(command, []).version;
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${command} is not on PATH` : (error as Error).message;
    return { python: undefined, reason: `no CPython to compile with: ${message}` };
  }
  const [major, minor] = version.split('.').map(Number);
  if (major !== 3 || minor < 8)
    return { python: undefined, reason: `${command} is Python ${version}; the check needs Python 3.8 or later` };
  return {
    python: {
      description: `${command} (${version})`,
      compile(inputs) {
        const failures = new Map<string, CompileFailure>();
        for (const batch of batches(inputs))
          for (const failure of run(command, batch).failures) failures.set(failure.id, failure);
        return failures;
      },
    },
  };
}

/** One line describing a failure: `SyntaxError: invalid syntax (line 3)`. */
export function describeCompileFailure(failure: CompileFailure): string {
  return `${failure.type}: ${failure.message}${failure.line ? ` (line ${failure.line})` : ''}`;
}

/**
 * The CPython a test checks with. python3 is on every machine the tests run on, in CI too: a test that needs the
 * oracle fails without it rather than being skipped.
 */
export function requireCPython(): CPython {
  const found = findCPython();
  if (!found.python) throw new Error(found.reason);
  return found.python;
}
