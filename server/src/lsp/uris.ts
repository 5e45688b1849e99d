/**
 * The file path of a `file:` URI; undefined for other schemes (an unsaved document, a virtual
 * workspace) and malformed URIs. The same conversion as Node's `url.fileURLToPath`, written on the
 * WHATWG `URL` every JavaScript runtime has, so that the language server runs in a web worker too.
 */
export function filePathOf(uri: string): string | undefined {
  // A keystroke asks for the path of the same document several times: the last answer is kept.
  if (uri !== lastPath.uri) lastPath = { uri, path: pathOfFileUri(uri) };
  return lastPath.path;
}

let lastPath: { uri: string; path: string | undefined } = { uri: '', path: undefined };

function pathOfFileUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const windows = (globalThis as { process?: { platform?: string } }).process?.platform === 'win32';
  // An encoded separator would turn into a path separator that the URI did not have.
  if (/%2f/i.test(url.pathname) || (windows && /%5c/i.test(url.pathname))) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(windows ? url.pathname.replace(/\//g, '\\') : url.pathname);
  } catch {
    return undefined;
  }
  if (!windows) return url.hostname === '' ? pathname : undefined;
  if (url.hostname !== '') return `\\\\${url.hostname}${pathname}`;
  // \C:\dir\file → C:\dir\file; a path without a drive letter is not absolute on Windows.
  return /^\\[a-zA-Z]:/.test(pathname) ? pathname.slice(1) : undefined;
}

/**
 * The `file:` URI of a file path (for places in other files of the workspace): Node's
 * `url.pathToFileURL`, on the WHATWG `URL`.
 */
export function fileUriOf(path: string): string {
  const windows = (globalThis as { process?: { platform?: string } }).process?.platform === 'win32';
  let pathname = windows ? path.replace(/\\/g, '/') : path;
  // The characters the URL parser would take as syntax or drop, encoded as Node encodes them.
  pathname = pathname
    .replace(/%/g, '%25')
    .replace(/\\/g, '%5C')
    .replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D')
    .replace(/\t/g, '%09')
    .replace(/\[/g, '%5B')
    .replace(/\]/g, '%5D');
  if (windows && /^[a-zA-Z]:/.test(pathname)) pathname = `/${pathname}`;
  const url = new URL('file:///');
  url.pathname = pathname;
  return url.href;
}
