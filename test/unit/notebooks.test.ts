import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { maskIpython } from '../../server/src/notebooks/magics';
import { NotebookSource } from '../../server/src/notebooks/source';
import { Ipynb } from '../../server/src/notebooks/ipynb';
import { analyzeNotebook, CROSS_CELL_FIX, fixNotebook } from '../../server/src/notebooks/analysis';
import { findCPython } from '../support/cpython';
import { settingsWith, testEngine } from '../support/engine';

const fixtures = path.join(__dirname, '..', 'fixtures', 'notebooks');
const readFixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function notebook(text: string): Ipynb {
  const read = Ipynb.read(text);
  if ('problem' in read) throw new Error(read.problem);
  return read.notebook;
}

/** A notebook as nbformat writes it (sorted keys, one space of indentation, a final line break). */
function ipynb(cells: { cell_type: string; source: string[]; metadata?: object }[], language = 'python'): string {
  const full = cells.map((cell, i) => ({
    cell_type: cell.cell_type,
    ...(cell.cell_type === 'code' ? { execution_count: null, outputs: [] } : {}),
    id: `c${i}`,
    metadata: cell.metadata ?? {},
    source: cell.source,
  }));
  const metadata = {
    kernelspec: { display_name: language, language, name: language },
    language_info: { name: language },
  };
  return `${JSON.stringify({ cells: full, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

describe('notebooks: IPython syntax is masked with Python of the same length', () => {
  const cells = [
    '%matplotlib inline\nimport os',
    '!pip install requests\nx = 1',
    'files = !ls -la\nprint(files)',
    'a, b = %sx echo 1\nprint(a)',
    'for f in range(3):\n    !echo {f}\n    %time print(f)',
    'os.path?\n??os\nx = 1',
    '!ls \\\n  -la\ny = 2',
    '%%time\nimport os\nos.getcwd()',
    'q = """\n%s is not a magic inside a string\n!neither\n"""\nprint(q % 1)',
    'd = {\n  "a": 1,\n}\nprint(d)  # !not a magic',
  ];

  it('keeps every offset and line break, and CPython compiles the result', () => {
    const found = findCPython();
    assert.ok(found.python, found.reason);
    const inputs = cells.map((source, i) => {
      const masked = maskIpython(source);
      assert.ok(!('notPython' in masked), source);
      assert.strictEqual(masked.text.length, source.length, source);
      assert.deepStrictEqual(
        [...masked.text].map((c, j) => (c === '\n' ? j : -1)).filter((j) => j >= 0),
        [...source].map((c, j) => (c === '\n' ? j : -1)).filter((j) => j >= 0),
      );
      return { id: String(i), source: masked.text };
    });
    const failures = found.python.compile(inputs);
    assert.deepStrictEqual([...failures.values()], []);
  });

  it('masks only IPython syntax: strings, comments and Python lines stay as they are', () => {
    const masked = (source: string) => {
      const result = maskIpython(source);
      assert.ok('text' in result);
      return result.text;
    };
    assert.strictEqual(masked('files = !ls -la\nprint(files)'), 'files = _      \nprint(files)');
    assert.strictEqual(masked('%%time\nx = 1'), '      \nx = 1');
    assert.strictEqual(masked('!ls \\\n  -la\ny = 2'), '_    \n     \ny = 2');
    assert.strictEqual(masked(cells[8]), cells[8]);
    assert.strictEqual(masked(cells[9]), cells[9]);
    assert.strictEqual(masked('for f in x:\n    !echo {f}'), 'for f in x:\n    _        ');
  });

  it('a cell magic of another language makes the cell not Python', () => {
    assert.deepStrictEqual(maskIpython('%%bash\necho $HOME\n'), { notPython: '%%bash cell' });
    assert.deepStrictEqual(maskIpython('%%sql\nSELECT 1'), { notPython: '%%sql cell' });
  });
});

describe('notebooks: the Python cells are one source', () => {
  it('joins the Python cells in order and maps offsets back to each cell', () => {
    const source = new NotebookSource([
      { source: 'import os', python: true },
      { source: '# Title', python: false },
      { source: 'x = 1\ny = 2', python: true },
      { source: '%%bash\nls', python: true },
      { source: 'z = 3\n', python: true },
    ]);
    assert.strictEqual(source.text, 'import os\nx = 1\ny = 2\nz = 3\n\n');
    assert.deepStrictEqual(
      source.spans.map(({ cell, start, end }) => [cell, start, end]),
      [
        [0, 0, 9],
        [2, 10, 21],
        [4, 22, 28],
      ],
    );
    assert.deepStrictEqual(source.notPython, new Map([[3, '%%bash cell']]));
    const y = source.text.indexOf('y');
    assert.strictEqual(source.spanAt(y)?.cell, 2);
    assert.deepStrictEqual(source.position(2, y - 10), { line: 1, character: 0 });
    assert.strictEqual(source.cellEdits([{ start: 8, end: 12, newText: '' }]), undefined, 'an edit across cells');
    assert.deepStrictEqual(
      source.cellEdits([
        { start: 0, end: 0, newText: 'import re\n' },
        { start: 22, end: 23, newText: 'w' },
      ]),
      new Map([
        [0, [{ start: 0, end: 0, newText: 'import re\n' }]],
        [4, [{ start: 0, end: 1, newText: 'w' }]],
      ]),
    );
  });

  it('a fix is not split into cells when it would touch IPython syntax, and the analysis says why', async () => {
    const source = new NotebookSource([
      { source: '%%time\nx = 1', python: true },
      { source: 'files = !ls\ny = 2', python: true },
    ]);
    const second = source.spans[1].start;
    assert.strictEqual(source.cellEdits([{ start: 0, end: 0, newText: 'import os\n' }]), undefined, 'before %%time');
    assert.strictEqual(source.cellEdits([{ start: 2, end: 3, newText: 'x' }]), undefined, 'inside %%time');
    assert.strictEqual(source.cellEdits([{ start: second + 8, end: second + 11, newText: 'x' }]), undefined);
    assert.ok(source.cellEdits([{ start: 7, end: 7, newText: 'import os\n' }]), 'after the %%time line');
    assert.ok(source.cellEdits([{ start: second + 12, end: second + 13, newText: 'z' }]), 'after the magic line');
    // A string or bracket left open at the end of a cell would run into the next: the cell does not parse
    // alone, so it is left out (Jupyter runs nothing of it) and the cells after it are analysed as they are.
    const { engine } = await testEngine();
    const cells = [
      {
        source: `import sqlite3\ncur = sqlite3.connect("db").cursor()\nname = input()\ncur.execute(f"""SELECT * FROM t`,
        python: true,
      },
      { source: `WHERE name = '{name}'""")`, python: true },
      { source: 'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"', python: true },
    ];
    const analysis = analyzeNotebook(engine, cells, settingsWith());
    assert.deepStrictEqual(
      analysis.findings.map(({ cell, finding }) => [cell, finding.ruleId]),
      [[2, 'PSG202']],
    );
    assert.deepStrictEqual(
      analysis.source.notPython,
      new Map([
        [0, 'a syntax error'],
        [1, 'a syntax error'],
      ]),
    );
    // A fix is withheld, with this reason, when its edits cannot be split by cell.
    assert.match(CROSS_CELL_FIX, /across a cell boundary or inside IPython syntax/);
  });

  it('names and tainted values flow across cells: input() in one cell reaches the SQL of a later one', async () => {
    const { engine } = await testEngine();
    const analysis = analyzeNotebook(engine, notebook(readFixture('report.ipynb')).inputs(), settingsWith());
    assert.deepStrictEqual(
      analysis.findings.map(({ cell, start, finding }) => [
        cell + 1,
        analysis.source.position(cell, start),
        finding.ruleId,
        finding.confidence,
      ]),
      [[5, { line: 0, character: 19 }, 'PSG101', 'medium']],
    );
    // The flow starts at input() in cell 3 and ends in cell 5.
    const flow = analysis.findings[0].flow!;
    assert.strictEqual(flow[0].cell + 1, 3);
    assert.strictEqual(flow[flow.length - 1].cell + 1, 5);
    // Each cell alone: the query's value has no visible origin and `cur` no driver.
    const alone = analyzeNotebook(engine, [notebook(readFixture('report.ipynb')).inputs()[4]], settingsWith());
    assert.notDeepStrictEqual(
      alone.findings.map(({ finding }) => finding.confidence),
      ['medium'],
    );
  });

  it('a fix that inserts an import goes into the first cell, the rest into the finding’s cell', async () => {
    const { engine } = await testEngine();
    const cells = [
      { source: '%matplotlib inline\nimport sqlite3', python: true },
      { source: 'Notes', python: false },
      { source: 'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"', python: true },
    ];
    const analysis = analyzeNotebook(engine, cells, settingsWith());
    const secret = analysis.findings.find(({ finding }) => finding.ruleId === 'PSG202');
    assert.ok(secret?.cellEdits, 'the secret has a fix split by cell');
    assert.strictEqual(secret.cell, 2);
    const fixed = fixNotebook(engine, cells, settingsWith({ unsafeFixes: true }));
    assert.deepStrictEqual(
      fixed.applied.map((finding) => finding.ruleId),
      ['PSG202'],
    );
    assert.match(fixed.sources[0], /^import os\n%matplotlib inline\nimport sqlite3$/);
    assert.strictEqual(fixed.sources[1], 'Notes');
    assert.match(fixed.sources[2], /^API_KEY = os\.environ\["API_KEY"\]$/);
  });
});

describe('notebooks: the .ipynb file', () => {
  it('reads cells, their language and where each character is in the file', () => {
    const text = readFixture('report.ipynb');
    const nb = notebook(text);
    assert.deepStrictEqual(
      nb.cells.map((cell) => [cell.kind, cell.language]),
      [
        ['markdown', 'python'],
        ['code', 'python'],
        ['code', 'python'],
        ['code', 'python'],
        ['code', 'python'],
        ['code', 'python'],
      ],
    );
    assert.strictEqual(nb.cells[0].source, '# Customer report\n\nLooks up a customer by name — données réelles.\n');
    // Each character of a cell is the character at its file position (escapes counted).
    const lines = text.split('\n');
    const cell = nb.cells[4].source;
    const at = cell.indexOf("'{name}'");
    const position = nb.filePosition(4, at);
    assert.strictEqual(lines[position.line].slice(position.character, position.character + 8), "'{name}'");
    const quote = cell.indexOf('"');
    const escaped = nb.filePosition(4, quote);
    assert.strictEqual(lines[escaped.line].slice(escaped.character, escaped.character + 2), '\\"');
  });

  it('a cell language of its own (VS Code keeps it in the cell metadata) and a notebook of another kernel', () => {
    const nb = notebook(
      ipynb([
        { cell_type: 'code', source: ['SELECT 1'], metadata: { vscode: { languageId: 'sql' } } },
        { cell_type: 'code', source: ['x = 1'] },
      ]),
    );
    assert.deepStrictEqual(
      nb.inputs().map((cell) => cell.python),
      [false, true],
    );
    const r = notebook(ipynb([{ cell_type: 'code', source: ['x <- 1'] }], 'R'));
    assert.strictEqual(r.isPython, false);
    assert.deepStrictEqual(
      r.inputs().map((cell) => cell.python),
      [false],
    );
  });

  it('bad input gets one clear line, never an exception', () => {
    const problem = (text: string) => {
      const read = Ipynb.read(text);
      assert.ok('problem' in read, text.slice(0, 40));
      return read.problem;
    };
    assert.match(problem('{"cells": [}'), /^not a notebook: not valid JSON \(ValueExpected at line 1, column 12\)$/);
    assert.match(problem(''), /^not a notebook: the file is empty$/);
    assert.match(problem('\u0000\u0001binary'), /^not a notebook: not valid JSON/);
    assert.match(problem('[1, 2]'), /the JSON is not an object/);
    assert.match(problem('{"metadata": {}}'), /it has no "cells" list/);
    assert.match(problem('{"worksheets": [], "nbformat": 3}'), /nbformat 3/);
    assert.match(problem('{"cells": [{"cell_type": "code", "source": 3}]}'), /cell 1 has no "source" text/);
    assert.match(problem('{"cells": [{"cell_type": "code"}]}'), /cell 1 has no "source" text/);
    assert.match(problem('{"cells": [7]}'), /cell 1 is not an object/);
    assert.deepStrictEqual(notebook('{"cells": []}').cells, []);
    // A byte-order mark is not an error, and is kept when the file is written back.
    const bom = notebook('\uFEFF{"cells": [{"cell_type": "code", "source": ["x = 1"]}]}');
    assert.strictEqual(bom.cells[0].source, 'x = 1');
    assert.strictEqual(
      bom.withSources(new Map([[0, 'x = 2']])),
      '\uFEFF{"cells": [{"cell_type": "code", "source": ["x = 2"]}]}',
    );
  });

  it('a 5 MB cell is read and joined without trouble', () => {
    const line = 'value = "x" * 10  # padding padding padding padding padding\n';
    const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const nb = notebook(ipynb([{ cell_type: 'code', source: big.split(/(?<=\n)/) }]));
    assert.strictEqual(nb.cells[0].source, big);
    const source = new NotebookSource(nb.inputs());
    assert.strictEqual(source.text.length, big.length + 1);
    const last = big.length - line.length;
    const position = nb.filePosition(0, last);
    assert.strictEqual(nb.text.split('\n')[position.line].slice(position.character, position.character + 5), 'value');
  });
});

describe('notebooks: writing fixed sources back', () => {
  /** The text with the given spans cut out. */
  const without = (text: string, spans: { offset: number; length: number }[]) => {
    let result = '';
    let cursor = 0;
    for (const span of [...spans].sort((a, b) => a.offset - b.offset)) {
      result += text.slice(cursor, span.offset);
      cursor = span.offset + span.length;
    }
    return result + text.slice(cursor);
  };

  it('--fix round trip: outputs, metadata and every byte outside the changed sources are kept', async () => {
    const { engine } = await testEngine();
    const text = readFixture('report.ipynb');
    const nb = notebook(text);
    const fixed = fixNotebook(engine, nb.inputs(), settingsWith());
    assert.deepStrictEqual(
      fixed.applied.map((finding) => finding.ruleId),
      ['PSG101'],
    );
    const changed = new Map<number, string>();
    fixed.sources.forEach((source, i) => source !== nb.cells[i].source && changed.set(i, source));
    assert.deepStrictEqual([...changed.keys()], [4]);
    const written = nb.withSources(changed);
    const after = notebook(written);
    assert.deepStrictEqual(
      after.cells.map((cell) => cell.source),
      fixed.sources,
    );
    // Everything but the changed cell's source list is byte-identical.
    assert.strictEqual(without(written, [after.cells[4].sourceNode]), without(text, [nb.cells[4].sourceNode]));
    // Inside the list, only the changed line's string differs.
    const before = text.split('\n');
    const now = written.split('\n');
    assert.strictEqual(now.length, before.length);
    assert.deepStrictEqual(
      now.map((line, i) => (line === before[i] ? -1 : i)).filter((i) => i >= 0),
      [82],
    );
    assert.deepStrictEqual(
      (JSON.parse(written) as { cells: { outputs?: unknown }[] }).cells.map((cell) => cell.outputs),
      (JSON.parse(text) as { cells: { outputs?: unknown }[] }).cells.map((cell) => cell.outputs),
    );
  });

  it('lines added, removed and changed at the start, the middle and the end keep the list layout', () => {
    const sources = [
      ['a\n', 'b\n', 'c'],
      ['x\n', 'a\n', 'b\n', 'c'],
      ['a\n', 'b\n', 'c\n', 'd'],
      ['a\n', 'B\n', 'c'],
      ['a\n', 'c'],
      ['c'],
      [],
      ['only'],
    ];
    for (const from of sources) {
      for (const to of sources) {
        const text = ipynb([{ cell_type: 'code', source: from }]);
        const written = notebook(text).withSources(new Map([[0, to.join('')]]));
        // What nbformat would write for the new source, exactly.
        assert.strictEqual(
          written,
          ipynb([{ cell_type: 'code', source: to }]),
          `${JSON.stringify(from)} → ${JSON.stringify(to)}`,
        );
      }
    }
  });

  it('a source kept as one string stays one string', () => {
    const text = '{"cells": [{"cell_type": "code", "source": "x = 1\\ny = 2", "outputs": []}], "metadata": {}}';
    const written = notebook(text).withSources(new Map([[0, 'x = 1\ny = "é"']]));
    assert.strictEqual(
      written,
      '{"cells": [{"cell_type": "code", "source": "x = 1\\ny = \\"é\\"", "outputs": []}], "metadata": {}}',
    );
  });
});
