import { fileURLToPath, pathToFileURL } from 'url';

/** The file path of a `file:` URI; undefined for other schemes (an unsaved document) and malformed URIs. */
export function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a file path (for places in other files of the workspace). */
export function fileUriOf(path: string): string {
  return pathToFileURL(path).href;
}
