import * as assert from 'assert';
import * as vscode from 'vscode';
import { contributes, extension, revertAll, waitFor } from './helpers';

interface SnippetContribution {
  language?: string;
  path: string;
}

interface Snippet {
  name: string;
  language: string;
  prefixes: string[];
  body: string;
}

const contributions = (): SnippetContribution[] => (contributes().snippets as SnippetContribution[] | undefined) ?? [];

/** The first stretch of the body that a snippet inserts literally (up to its first tab stop or variable). */
function literalHead(body: string): string {
  const head = body.split(/\$(?:\d|\{|[A-Z_])/)[0].replace(/\\(.)/g, '$1');
  return head.split('\n')[0];
}

/** Snippet files are JSON with comments allowed; read them as the editor would. */
function parseSnippetFile(text: string): Record<string, { prefix?: string | string[]; body: string | string[] }> {
  const withoutComments = text.replace(
    /("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (match, quoted: string | undefined) => quoted ?? '',
  );
  return JSON.parse(withoutComments.replace(/,(\s*[}\]])/g, '$1')) as Record<
    string,
    { prefix?: string | string[]; body: string | string[] }
  >;
}

async function contributedSnippets(): Promise<Snippet[]> {
  const snippets: Snippet[] = [];
  for (const contribution of contributions()) {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, contribution.path));
    for (const [name, snippet] of Object.entries(parseSnippetFile(new TextDecoder().decode(bytes)))) {
      const prefixes =
        snippet.prefix === undefined ? [] : Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      snippets.push({
        name,
        language: contribution.language ?? 'python',
        prefixes,
        body: Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body,
      });
    }
  }
  return snippets;
}

describe('contributed snippets', function () {
  // Whether this block has tests depends on package.json: with no snippets contributed, there is nothing to check.
  if (contributions().length === 0) return;

  let snippets: Snippet[] = [];
  before(async () => {
    snippets = await contributedSnippets();
    assert.ok(snippets.length > 0, 'snippet files are contributed but hold no snippets');
  });
  afterEach(revertAll);

  it('every contributed snippet is offered by completion in a Python file', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: '\n' });
    await vscode.window.showTextDocument(document);
    const offered = await waitFor('snippet completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        new vscode.Position(0, 0),
      );
      const labels = new Set(
        list.items
          .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
          .map((item) => (typeof item.label === 'string' ? item.label : item.label.label)),
      );
      return labels.size > 0 ? labels : undefined;
    });
    const missing = snippets
      .filter((snippet) => snippet.language === 'python')
      .flatMap((snippet) => snippet.prefixes)
      .filter((prefix) => !offered.has(prefix));
    assert.deepStrictEqual(missing, [], 'contributed snippet prefixes not offered by completion');
  });

  it('editor.action.insertSnippet inserts each snippet by name', async () => {
    for (const snippet of snippets.filter((candidate) => candidate.language === 'python')) {
      const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'python', name: snippet.name });
      const head = literalHead(snippet.body).trim();
      assert.ok(document.getText().length > 0, `snippet "${snippet.name}" inserted nothing`);
      assert.ok(
        document.getText().includes(head),
        `snippet "${snippet.name}" inserted ${JSON.stringify(document.getText())}, expected it to contain ${JSON.stringify(head)}`,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
