/**
 * The files the analysis reads besides the document it is given (pyproject.toml, an advisory
 * export), through whatever the program it runs in can reach: Node's file system on the desktop
 * and in the CLI, the editor's workspace files in VS Code for the Web. The analysis never imports a
 * file system of its own, so the same code runs in a web worker.
 */
export interface FileAccess {
  /** What is at `file`, or undefined when nothing is (or it cannot be read). */
  stat(file: string): FileStat | undefined;
  /** The text of `file` (UTF-8); throws an Error whose message says why it cannot be read. */
  readText(file: string): string;
  /** The folder holding `file`; the root is its own parent. */
  dirname(file: string): string;
  join(dir: string, name: string): string;
  isAbsolute(file: string): boolean;
}

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Changes whenever the content may have changed (a modification time, or a version). */
  mtimeMs: number;
}
