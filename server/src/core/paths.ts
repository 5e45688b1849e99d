/** The file name of a path written with either separator (a Windows path read on any platform). */
export function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}
