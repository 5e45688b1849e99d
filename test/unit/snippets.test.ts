import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import { syntaxErrorCount } from '../../server/src/parser/parser';
import { allRules } from '../../server/src/rules';
import { testEngine } from '../support/engine';
import { choicesOf, parseSnippet, renderSnippet, SnippetSyntaxError } from '../support/snippets';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { snippets?: { language: string; path: string }[] };
};

interface SnippetDefinition {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const contributed = manifest.contributes.snippets ?? [];
const pythonSnippetFiles = contributed
  .filter((entry) => entry.language === 'python')
  .map((entry) => path.join(root, entry.path));
const snippets: [string, SnippetDefinition][] = pythonSnippetFiles.flatMap((file) =>
  Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, SnippetDefinition>),
);
const bodyOf = (snippet: SnippetDefinition) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
const prefixesOf = (snippet: SnippetDefinition) => (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]);

/** Every rendering of a snippet worth checking: all defaults, then each option of each choice. */
function renderings(body: string): { label: string; code: string }[] {
  const nodes = parseSnippet(body);
  const result = [{ label: 'defaults', code: renderSnippet(nodes) }];
  for (const [index, count] of choicesOf(nodes)) {
    for (let option = 1; option < count; option++)
      result.push({
        label: `choice $${index} option ${option + 1}`,
        code: renderSnippet(nodes, { choices: new Map([[index, option]]) }),
      });
  }
  return result;
}

async function scan(code: string) {
  const { parser, engine } = await testEngine();
  const tree = parser.parse(code);
  try {
    return { syntaxErrors: syntaxErrorCount(tree.rootNode), ...engine.analyze(tree, code, defaultSettings) };
  } finally {
    tree.delete();
  }
}

describe('snippet syntax', () => {
  it('renders placeholders, nested placeholders, mirrors, $0, choices and variables with their defaults', () => {
    const nodes = parseSnippet(
      '${1:name} = f(${2:${1:name}_id}, $1, ${3|a,b|}, $TM_SELECTED_TEXT, ${NOPE:fallback})$0 \\$ \\} \\\\',
    );
    assert.strictEqual(renderSnippet(nodes), 'name = f(name_id, name, a, TM_SELECTED_TEXT, fallback) $ } \\');
    assert.strictEqual(
      renderSnippet(nodes, { choices: new Map([[3, 1]]), variables: { TM_SELECTED_TEXT: 'x' } }),
      'name = f(name_id, name, b, x, fallback) $ } \\',
    );
  });

  it('applies transforms', () => {
    assert.strictEqual(renderSnippet(parseSnippet('${1:user_name} ${1/(.*)/${1:/upcase}/}')), 'user_name USER_NAME');
    assert.strictEqual(renderSnippet(parseSnippet('${1:abc}${1/(x)?.*/${1:?yes:no}/}')), 'abcno');
  });

  it('rejects a stray "$", an unclosed placeholder and an empty choice list', () => {
    assert.throws(() => parseSnippet('price in $ dollars'), SnippetSyntaxError);
    assert.throws(() => parseSnippet('${1:open'), SnippetSyntaxError);
    assert.throws(() => parseSnippet('${1|a,b}'), SnippetSyntaxError);
    assert.throws(() => parseSnippet('${x'), SnippetSyntaxError);
  });

  it('a text "}" outside a placeholder is plain text, as in the editor', () => {
    assert.strictEqual(renderSnippet(parseSnippet('d = {}')), 'd = {}');
  });
});

describe('secure snippets', () => {
  it('are contributed for Python from files that exist', () => {
    assert.ok(pythonSnippetFiles.length > 0, 'package.json contributes no Python snippets');
    for (const file of pythonSnippetFiles) assert.ok(fs.existsSync(file), `${file} is missing`);
  });

  it('share one prefix, have unique prefixes and say what they protect against', () => {
    const seen = new Set<string>();
    for (const [name, snippet] of snippets) {
      for (const prefix of prefixesOf(snippet)) {
        assert.match(prefix, /^psg-[a-z0-9-]+$/, `${name}: prefix ${prefix}`);
        assert.ok(!seen.has(prefix), `duplicate prefix ${prefix}`);
        seen.add(prefix);
      }
      assert.match(
        snippet.description,
        /Protects against /,
        `${name}: the description must say what it protects against`,
      );
    }
  });

  it('cover every secure pattern of the guides', () => {
    const prefixes = new Set(snippets.flatMap(([, snippet]) => prefixesOf(snippet)));
    const required = [
      'psg-pydantic-model',
      'psg-sql-sqlite3',
      'psg-sql-psycopg',
      'psg-sql-sqlalchemy',
      'psg-env-secret',
      'psg-dotenv',
      'psg-password-bcrypt',
      'psg-password-argon2',
      'psg-password-passlib',
      'psg-safe-read',
      'psg-upload',
      'psg-requests',
      'psg-requests-ca-bundle',
      'psg-flask-https',
      'psg-flask-headers',
      'psg-jwt-create',
      'psg-jwt-verify',
      'psg-flask-limiter',
      'psg-flask-csrf',
      'psg-log-security-event',
      'psg-token',
      'psg-subprocess',
    ];
    assert.deepStrictEqual(
      required.filter((prefix) => !prefixes.has(prefix)),
      [],
    );
  });

  it('the check below is not vacuous: an insecure body through the same path is flagged', async () => {
    const [rendered] = renderings(
      'import sqlite3\n\ndef ${1:find}(db, name):\n\treturn db.execute(f"SELECT * FROM ${2:users} WHERE name = \'{name}\'")\n',
    );
    const result = await scan(rendered.code);
    assert.strictEqual(result.syntaxErrors, 0);
    assert.deepStrictEqual(
      result.findings.map((f) => f.ruleId),
      ['PSG101'],
    );
    const { engine } = await testEngine();
    assert.strictEqual(engine.rules, allRules, 'snippets are scanned with every rule');
    assert.strictEqual(
      engine.activeRules(defaultSettings).length,
      allRules.length,
      'every rule is active in the default settings',
    );
  });

  for (const [name, snippet] of snippets) {
    it(`${prefixesOf(snippet).join(', ')}: parses and has no finding with every rule (${name})`, async () => {
      for (const { label, code } of renderings(bodyOf(snippet))) {
        const result = await scan(code);
        assert.strictEqual(result.syntaxErrors, 0, `${label}: syntax errors in\n${code}`);
        assert.deepStrictEqual(result.ruleErrors, [], `${label}: a rule failed on\n${code}`);
        assert.deepStrictEqual(
          result.findings.map((f) => `${f.ruleId} ${code.slice(f.start, f.end)}: ${f.message}`),
          [],
          `${label}: findings in\n${code}`,
        );
      }
    });
  }
});
