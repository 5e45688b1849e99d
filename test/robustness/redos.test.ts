import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { Worker } from 'worker_threads';
import { repositoryRoot } from './corpus';

// Every regular expression in the shipped sources (literals and `new RegExp`) is found by parsing
// server/src and client/src, so a new one cannot be forgotten, and run against long runs of the
// characters and words it mentions. A regex that backtracks badly on them does not finish within
// the bound; the check runs in a worker so that it can be stopped.

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

/**
 * `new RegExp` with a computed pattern: the instantiations the code makes (identifier-like names).
 * Keyed by file and the pattern's text before its first substitution; a new one fails the test until it is listed here.
 */
const dynamicPatterns: Record<string, { source: string; flags: string }[]> = {
  'server/src/fixes/python.ts \\b': [{ source: '\\bparams_2\\b', flags: '' }],
  'server/src/fixes/python.ts (?<![\\w.])': [{ source: '(?<![\\w.])user_id\\b', flags: 'g' }],
  'server/src/rules/web/serverSideRequestForgery.ts ^(?:requests|httpx)(?:\\.(?:Session|session|Client|AsyncClient)\\(\\))?\\.(?:':
    [
      {
        source:
          '^(?:requests|httpx)(?:\\.(?:Session|session|Client|AsyncClient)\\(\\))?\\.(?:get|post|put|patch|delete|head|options|stream|request|send)$|^urllib\\.request\\.(?:urlopen|Request)$|^urllib3\\.(?:PoolManager\\(\\)\\.)?(?:request|urlopen)$|^aiohttp\\.ClientSession\\(\\)\\.(?:get|post|put|patch|delete|head|options|stream|request|send|ws_connect)$',
        flags: '',
      },
    ],
  'server/src/rules/dependencies/unpinnedDependency.ts ^[ \\t]*["\']?': [
    { source: '^[ \\t]*["\']?requests["\']?[ \\t]*=', flags: 'm' },
    { source: '^[ \\t]*["\']?zope\\.interface["\']?[ \\t]*=', flags: 'm' },
  ],
  // The name an SQL string is assigned to, looked for in a later database call (an identifier: no metacharacters).
  'server/src/rules/injection/sqlBuiltForUnseenSink.ts (?:\\.(?:execute|executemany|executescript|raw|mogrify)|\\btext|\\bRawSQL)\\s*\\(\\s*':
    [
      {
        source: '(?:\\.(?:execute|executemany|executescript|raw|mogrify)|\\btext|\\bRawSQL)\\s*\\(\\s*query\\b',
        flags: '',
      },
    ],
  // An XPath variable name the fix would bind (an identifier).
  'server/src/rules/injection/xpathInjection.ts \\$': [{ source: '\\$user_name\\b', flags: '' }],
  // A call of a function by its name (an identifier), looked for in the modules that import its module.
  'server/src/semantic/crossModule.ts \\b': [{ source: '\\bsave\\s*\\(', flags: '' }],
  // The calls of a function of the analysed file, by its name (an identifier).
  'server/src/semantic/dataflow/callSites.ts (?<!\\w)': [{ source: '(?<!\\w)make_store\\s*\\(', flags: 'g' }],
  // Whether any rule trigger word is near an edit: the words, escaped, as alternatives (literals, nothing to backtrack).
  "server/src/engine/triggers.ts escaped.join('|')": [
    { source: 'execute|text|RawSQL|shell|eval|exec_command|yaml\\.load|\u202e', flags: '' },
  ],
  // A file-name pattern of the analysed file, tested only against `.` and `..` (two characters bound the backtracking).
  'server/src/semantic/taint.ts ^(?:': [{ source: '^(?:[A-Za-z0-9_-]+\\.txt)$', flags: '' }],
};

function sourceFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['server/src', 'client/src']) {
    const visit = (current: string) => {
      for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
        const full = path.join(current, entry.name);
        if (entry.isDirectory()) visit(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    visit(path.join(repositoryRoot, dir));
  }
  return files.sort();
}

function findRegexes(): { found: FoundRegex[]; unlisted: string[] } {
  const found: FoundRegex[] = [];
  const unlisted: string[] = [];
  for (const file of sourceFiles()) {
    const relative = path.relative(repositoryRoot, file).split(path.sep).join('/');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      const where = `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        found.push({ where, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [pattern, flags] = node.arguments ?? [];
        if (pattern && ts.isStringLiteral(pattern) && (!flags || ts.isStringLiteral(flags))) {
          found.push({ where, source: pattern.text, flags: flags ? flags.text : '' });
        } else {
          const head = pattern && ts.isTemplateExpression(pattern) ? pattern.head.text : (pattern?.getText() ?? '');
          const key = `${relative} ${head}`;
          const listed = dynamicPatterns[key];
          if (listed) for (const instance of listed) found.push({ where, ...instance });
          else unlisted.push(`${where}: ${key}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { found, unlisted };
}

/** Characters and words a pattern mentions: what a pathological input is made of. */
function ingredients(pattern: string): { atoms: string[]; words: string[] } {
  const atoms = new Set<string>([
    ' ',
    '\t',
    '\n',
    '\r',
    'a',
    'A',
    '_',
    '1',
    '.',
    '(',
    ')',
    '"',
    "'",
    '\\',
    '/',
    '#',
    '%',
    '{',
    '}',
    ',',
    '=',
    '-',
    ':',
    'x',
  ]);
  for (const ch of pattern.replace(/\\[a-zA-Z]/g, '')) if (ch.charCodeAt(0) < 127) atoms.add(ch);
  const words = new Set<string>(['']);
  for (const word of pattern.replace(/\\[a-zA-Z]/g, ' ').match(/[A-Za-z_]{2,}/g) ?? []) words.add(word);
  return { atoms: [...atoms], words: [...words] };
}

const RUN = 30_000;
const BOUND_MS = 15_000;

const workerSource = `
const { parentPort } = require('worker_threads');
parentPort.on('message', ({ source, flags, inputs }) => {
  const regex = new RegExp(source, flags);
  for (const input of inputs) {
    regex.lastIndex = 0;
    if (regex.global) input.replace(regex, '');
    else regex.exec(input);
  }
  parentPort.postMessage('done');
});
`;

function pathologicalInputs(pattern: string): string[] {
  const { atoms, words } = ingredients(pattern);
  const inputs: string[] = [];
  for (const word of words) {
    for (const a of atoms) {
      inputs.push(`${word}${a.repeat(RUN)}!`);
      inputs.push(`${word} ${a.repeat(RUN)}\u0000`);
    }
  }
  for (const a of atoms) for (const b of atoms) if (a < b) inputs.push(`${(a + b).repeat(RUN / 2)}\u0001`);
  return inputs;
}

function runBounded(worker: Worker, regex: FoundRegex): Promise<'done' | 'timeout'> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: 'done' | 'timeout') => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(outcome);
    };
    const onMessage = () => finish('done');
    const onError = (error: Error) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      reject(error);
    };
    const timer = setTimeout(() => finish('timeout'), BOUND_MS);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ source: regex.source, flags: regex.flags, inputs: pathologicalInputs(regex.source) });
  });
}

describe('no regular expression backtracks badly (ReDoS)', function () {
  this.timeout(900_000);
  const { found, unlisted } = findRegexes();

  it('every regex in server/src and client/src is found, and every computed pattern is listed', () => {
    assert.ok(found.length >= 40, `only ${found.length} regular expressions found: is the scan broken?`);
    assert.deepStrictEqual(unlisted, [], 'add the instantiations of these computed patterns to dynamicPatterns');
  });

  it('each one runs over long runs of the characters and words it mentions within the bound', async () => {
    const slow: string[] = [];
    let worker = new Worker(workerSource, { eval: true });
    try {
      for (const regex of found) {
        if ((await runBounded(worker, regex)) === 'timeout') {
          slow.push(`${regex.where} /${regex.source}/${regex.flags}`);
          await worker.terminate();
          worker = new Worker(workerSource, { eval: true });
        }
      }
    } finally {
      await worker.terminate();
    }
    assert.deepStrictEqual(slow, []);
  });

  it('the scan sees a regex added in a new file', () => {
    // The finder is the test's weak point: check it on a known literal of the engine.
    assert.ok(
      found.some((r) => r.where.startsWith('server/src/engine/suppressions.ts') && r.source.includes('psg-ignore')),
    );
  });
});
