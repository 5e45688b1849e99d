import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { repositoryRoot } from './corpus';

// The extension's own code (what ships: server/src and client/src) runs no code it did not ship,
// opens no network connection and starts no process. Found by parsing the sources, so a new file
// is covered without being listed.

/** Uses that are allowed, each with the reason: `file: what`. */
const justified: Record<string, string> = {
  // VS Code for the Web has no file system: the extension's own files are reached by URL.
  'client/src/browserExtension.ts: uses fetch':
    "the browser URL of the extension's own dist/ files (server, WASM, advisory data), resolved by the extension host's fetch of their extension URI",
  'server/src/browserServer.ts: uses fetch': "the extension's shipped advisory data, at the URL the client resolved",
};

const forbiddenModules = new Set([
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'tls',
  'dns',
  'vm',
  'cluster',
  'inspector',
]);

function shippedSources(): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  visit(path.join(repositoryRoot, 'server', 'src'));
  visit(path.join(repositoryRoot, 'client', 'src'));
  return files.sort();
}

function violations(): string[] {
  return shippedSources().flatMap((file) =>
    violationsIn(path.relative(repositoryRoot, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')),
  );
}

function violationsIn(relative: string, text: string): string[] {
  const found: string[] = [];
  {
    const source = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true);
    const report = (node: ts.Node, what: string) => {
      const key = `${relative}: ${what}`;
      if (!justified[key])
        found.push(`${key} (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
    };
    const moduleName = (name: string) => name.replace(/^node:/, '').split('/')[0];
    const visit = (node: ts.Node) => {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        if (forbiddenModules.has(moduleName(node.moduleSpecifier.text)))
          report(node, `imports ${node.moduleSpecifier.text}`);
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const first = node.arguments[0];
        if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
          if (first && ts.isStringLiteral(first) && forbiddenModules.has(moduleName(first.text)))
            report(node, `requires ${first.text}`);
          else if (first && !ts.isStringLiteral(first) && !ts.isNoSubstitutionTemplateLiteral(first))
            report(node, 'requires a computed module name');
        }
        if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'Function'))
          report(node, `calls ${callee.text}`);
        if (
          ts.isIdentifier(callee) &&
          (callee.text === 'setTimeout' || callee.text === 'setInterval') &&
          first &&
          (ts.isStringLiteral(first) || ts.isTemplateExpression(first))
        )
          report(node, `${callee.text} with a string`);
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function')
        report(node, 'new Function');
      if (
        ts.isIdentifier(node) &&
        (node.text === 'fetch' || node.text === 'XMLHttpRequest' || node.text === 'WebSocket') &&
        !ts.isPropertyAccessExpression(node.parent)
      )
        report(node, `uses ${node.text}`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("the extension's own security", () => {
  it('no eval, new Function, child_process, network modules or computed require in server/src and client/src', () => {
    assert.deepStrictEqual(violations(), []);
  });

  it('the check finds what it looks for', () => {
    // Guard against a scan that silently sees nothing: run it over a known bad snippet.
    const bad =
      "import { exec } from 'child_process';\nimport * as https from 'node:https';\neval('1');\nnew Function('return 1');\nrequire(name);\nconst r = fetch(url);\n";
    assert.deepStrictEqual(
      violationsIn('bad.ts', bad).map((v) => v.replace(/ \(line \d+\)$/, '')),
      [
        'bad.ts: imports child_process',
        'bad.ts: imports node:https',
        'bad.ts: calls eval',
        'bad.ts: new Function',
        'bad.ts: requires a computed module name',
        'bad.ts: uses fetch',
      ],
    );
    assert.ok(shippedSources().length > 20);
  });

  describe('untrusted workspaces', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string; type?: string }> } };
    };
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
    const settings = Object.keys(manifest.contributes.configuration.properties);

    it('support is declared as limited, not full', () => {
      assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    });

    it('every setting that changes what is analysed or how is restricted; only display settings are not', () => {
      // Settings a workspace may set freely: they change only how the output looks.
      // workspaceScan.problems only chooses whether unopened files' findings are shown in the Problems panel.
      const harmless = new Set(['pythonSecurityGuide.trace.server', 'pythonSecurityGuide.workspaceScan.problems']);
      const unrestricted = settings.filter((name) => !restricted.has(name) && !harmless.has(name));
      assert.deepStrictEqual(
        unrestricted,
        [],
        'restrict these in capabilities.untrustedWorkspaces.restrictedConfigurations, or list them as harmless here with a reason',
      );
      for (const name of restricted) assert.ok(settings.includes(name), `${name} is restricted but not contributed`);
    });

    it('no setting names an executable, an interpreter or a command to run', () => {
      const runs = settings.filter((name) => /(path|executable|command|interpreter|binary|program|args)$/i.test(name));
      assert.deepStrictEqual(
        runs,
        [],
        'a setting like this must be restricted and must never start a process from workspace content',
      );
    });
  });
});
