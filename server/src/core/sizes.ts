/** The default size limit of an analysed file (the CLI's `--max-file-size`, `pythonSecurityGuide.maxFileSize`). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A size as people read it: `5 MB`, `12 KB`, `300 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The length of `text` in UTF-8 bytes, counted without encoding it (a lone surrogate counts 3, as when written). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Whether `text` is longer than `limit` bytes in UTF-8. Every UTF-16 unit is one to three bytes, so the bytes are
 * counted only when the text's length leaves it open (a document is checked on every keystroke).
 */
export function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length * 3 <= limit) return false;
  if (text.length > limit) return true;
  return utf8Length(text) > limit;
}
