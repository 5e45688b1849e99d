/**
 * The rule pages ship inside the extension and the npm package (docs/rules/<id>.md), so the link
 * works offline. Where that docs folder is, as a URI, the program says once: a `file:` URI beside
 * the bundles on the desktop and in the CLI, the extension's own URI in VS Code for the Web.
 */
let docsFolder: string | undefined;

export function useRuleDocs(folderUri: string): void {
  docsFolder = folderUri.replace(/\/+$/, '');
}

/** The page of a rule; undefined when the program did not say where the pages are (no link is shown then). */
export function ruleDocumentationUri(ruleId: string): string | undefined {
  return docsFolder && `${docsFolder}/rules/${ruleId}.md`;
}
