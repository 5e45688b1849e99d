import type { FileAccess, FileStat } from '../core/fileAccess';

/**
 * Files by URI, held in memory: what a web worker knows of the workspace (VS Code for the Web
 * gives it no file system). The client reads them through `vscode.workspace.fs` and sends them;
 * settings and the advisory data are then read from here like files from disk. URIs are paths
 * here: the parent of `vscode-vfs://github/org/repo/app/users.py` is `vscode-vfs://github/org/repo/app`.
 */
export class FileSnapshot implements FileAccess {
  private readonly files = new Map<string, { text: string; version: number }>();
  private version = 0;

  set(uri: string, text: string): void {
    this.files.set(uri, { text, version: ++this.version });
  }

  delete(uri: string): boolean {
    return this.files.delete(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  stat(uri: string): FileStat | undefined {
    const file = this.files.get(uri);
    if (file) return { isFile: true, isDirectory: false, size: file.text.length, mtimeMs: file.version };
    const prefix = `${uri.replace(/\/$/, '')}/`;
    for (const known of this.files.keys())
      if (known.startsWith(prefix)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 };
    return undefined;
  }

  readText(uri: string): string {
    const file = this.files.get(uri);
    if (!file) throw new Error('not among the workspace files read');
    return file.text;
  }

  dirname(uri: string): string {
    const { prefix, path } = splitUri(uri);
    const cut = path.replace(/\/+$/, '').lastIndexOf('/');
    return cut <= 0 ? `${prefix}/` : `${prefix}${path.slice(0, cut)}`;
  }

  join(dir: string, name: string): string {
    return `${dir.replace(/\/+$/, '')}/${name}`;
  }

  isAbsolute(uri: string): boolean {
    return /^[a-z][a-z0-9+.-]*:/i.test(uri);
  }
}

/** `scheme://authority` and the path after it (query and fragment dropped). */
function splitUri(uri: string): { prefix: string; path: string } {
  const match = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)/i.exec(uri);
  return match ? { prefix: match[1], path: match[2] } : { prefix: '', path: uri };
}
