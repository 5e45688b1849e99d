import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import type { FileEnvironment } from '../engine/fileEngine';

/**
 * Answers "would git ignore this file?" from the `.gitignore` files between the repository root
 * (the nearest folder with a `.git`) and the file, and `.git/info/exclude`. Reads files only; never
 * runs git; a .gitignore edited since the last answer is read again. Files already tracked despite
 * an ignore rule, and the user's global excludes file, are not seen.
 */
export class GitIgnoreOracle implements FileEnvironment {
  private readonly matchers = new Map<string, { stamp: string; matcher: Ignore | null }>();

  clear(): void {
    this.matchers.clear();
  }

  isGitIgnored(filePath: string): boolean | undefined {
    const absolute = path.resolve(filePath);
    const root = repositoryRoot(path.dirname(absolute));
    if (!root) return undefined;
    const directories: string[] = [];
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      directories.unshift(dir);
      if (dir === root || path.dirname(dir) === dir) break;
    }
    let ignored = false;
    for (const dir of directories) {
      const matcher = this.matcherFor(dir, dir === root);
      if (!matcher) continue;
      const relative = path.relative(dir, absolute).split(path.sep).join('/');
      // A file inside an ignored folder is ignored too: test each ancestor, then the file.
      const parts = relative.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const candidate = parts.slice(0, i).join('/') + (i < parts.length ? '/' : '');
        const verdict = matcher.test(candidate);
        if (verdict.ignored) ignored = true;
        else if (verdict.unignored && i === parts.length) ignored = false;
      }
    }
    return ignored;
  }

  /** The rules of the folder's .gitignore (and, at the root, .git/info/exclude); re-read when either file changes. */
  private matcherFor(dir: string, isRoot: boolean): Ignore | null {
    const sources = [path.join(dir, '.gitignore')];
    if (isRoot) sources.push(path.join(dir, '.git', 'info', 'exclude'));
    const stamp = sources.map((source) => modifiedAt(source)).join('|');
    const cached = this.matchers.get(dir);
    if (cached && cached.stamp === stamp) return cached.matcher;
    let matcher: Ignore | null = null;
    for (const source of sources) {
      let content: string;
      try {
        content = fs.readFileSync(source, 'utf8');
      } catch {
        continue;
      }
      matcher ??= ignore();
      matcher.add(content);
    }
    this.matchers.set(dir, { stamp, matcher });
    return matcher;
  }
}

function modifiedAt(file: string): string {
  try {
    // Most folders have no .gitignore: no exception for that.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.mtimeMs}:${stat.size}` : '-';
  } catch {
    return '-';
  }
}

function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
