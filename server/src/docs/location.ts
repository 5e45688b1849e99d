import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

/**
 * The rule pages ship inside the extension and the npm package (docs/rules/<id>.md), so the link
 * works offline. Bundles live in dist/, sources in server/src/docs/.
 */
export function docsRoot(): string {
  const candidates = [path.join(__dirname, '..', 'docs'), path.join(__dirname, '..', '..', '..', 'docs')];
  return candidates.find((candidate) => fs.existsSync(path.join(candidate, 'rules'))) ?? candidates[0];
}

export function ruleDocumentationUri(ruleId: string): string {
  return pathToFileURL(path.join(docsRoot(), 'rules', `${ruleId}.md`)).toString();
}
