// The folders a workspace walk never enters, shared by the walk on disk (files.ts) and the scan of a
// virtual workspace in VS Code for the Web (no file system there: this module imports none).

/** Folders never scanned: version control, dependencies, virtual environments and caches. */
export const skippedDirectories: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.psg-cache',
  // Jupyter's copies of the notebooks (and scripts) next to them.
  '.ipynb_checkpoints',
  'site-packages',
  '.eggs',
  'dist',
  'build',
]);
