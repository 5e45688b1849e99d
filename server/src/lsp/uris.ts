import { fileURLToPath } from 'url';

/** The file path of a `file:` URI; undefined for other schemes (an unsaved document) and malformed URIs. */
export function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
