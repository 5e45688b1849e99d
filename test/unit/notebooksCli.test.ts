import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Log } from 'sarif';
import { scan } from '../../server/src/cli/main';
import { DEFAULT_MAX_FILE_BYTES } from '../../server/src/workspace/files';

const fixture = path.join(__dirname, '..', 'fixtures', 'notebooks', 'report.ipynb');

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-notebooks-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function run(
  dir: string,
  paths: string[],
  options: { format?: 'text' | 'json' | 'sarif'; fix?: boolean; diff?: boolean; maxFileSize?: number } = {},
): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await scan(
    paths,
    { format: 'text', exclude: [], maxFileSize: DEFAULT_MAX_FILE_BYTES, cache: false, ...options },
    { stdout: (s) => (out += s), cwd: dir },
  );
  return { code, out };
}

interface JsonFinding {
  file: string;
  cell?: number;
  line: number;
  column: number;
  inFile?: { line: number; column: number };
  ruleId: string;
}

describe('scan: Jupyter notebooks', function () {
  this.timeout(120_000);
  const notebook = fs.readFileSync(fixture, 'utf8');

  it('a folder scan finds the notebook and reports findings as file:cell N:line:col', async () => {
    const dir = folder({ 'report.ipynb': notebook, 'app.py': 'print("hello")\n' });
    // Jupyter's checkpoint copy is not scanned again.
    fs.mkdirSync(path.join(dir, '.ipynb_checkpoints'));
    fs.writeFileSync(path.join(dir, '.ipynb_checkpoints', 'report-checkpoint.ipynb'), notebook);
    const { code, out } = await run(dir, ['.']);
    assert.strictEqual(code, 1);
    assert.match(out, /^report\.ipynb:cell 5:1:20: PSG101 error \(medium confidence\)/m);
    assert.match(out, /1 finding in 2 files/);
  });

  it('JSON gives the cell and the position in it, SARIF the region in the .ipynb file with the cell as a property', async () => {
    const dir = folder({ 'report.ipynb': notebook });
    const json = JSON.parse((await run(dir, ['report.ipynb'], { format: 'json' })).out) as { findings: JsonFinding[] };
    assert.deepStrictEqual(
      json.findings.map(({ file, cell, line, column, inFile, ruleId }) => ({
        file,
        cell,
        line,
        column,
        inFile,
        ruleId,
      })),
      [
        {
          file: 'report.ipynb',
          cell: 5,
          line: 1,
          column: 20,
          inFile: { line: 83, column: 25, endLine: 83, endColumn: 75 },
          ruleId: 'PSG101',
        },
      ],
    );
    const sarif = JSON.parse((await run(dir, ['report.ipynb'], { format: 'sarif' })).out) as Log;
    const [result] = sarif.runs[0].results!;
    const region = result.locations![0].physicalLocation!.region!;
    // The region is the f-string, where it is in the file's JSON text.
    const line = notebook.split('\n')[region.startLine! - 1];
    assert.strictEqual(
      line.slice(region.startColumn! - 1, region.endColumn! - 1),
      `f\\"SELECT * FROM customers WHERE name = '{name}'\\"`,
    );
    const properties = result.properties as Record<string, unknown>;
    assert.deepStrictEqual(
      { cell: properties.cell, cellLine: properties.cellLine, cellColumn: properties.cellColumn },
      { cell: 5, cellLine: 1, cellColumn: 20 },
    );
    // The flow starts at input() in cell 3.
    const first = result.codeFlows![0].threadFlows[0].locations[0].location!;
    const firstLine = notebook.split('\n')[first.physicalLocation!.region!.startLine! - 1];
    assert.match(firstLine.slice(first.physicalLocation!.region!.startColumn! - 1), /^input\(/);
    assert.strictEqual(first.properties!.cell, 3);
  });

  it('--fix edits the cell in the file and keeps outputs, metadata and formatting; --diff shows the same change', async () => {
    const dir = folder({ 'report.ipynb': notebook });
    const diff = await run(dir, ['report.ipynb'], { diff: true });
    assert.strictEqual(fs.readFileSync(path.join(dir, 'report.ipynb'), 'utf8'), notebook, '--diff writes nothing');
    const { code, out } = await run(dir, ['report.ipynb'], { fix: true });
    assert.match(out, /report\.ipynb: applied 1 fix/);
    assert.strictEqual(code, 0);
    const fixed = fs.readFileSync(path.join(dir, 'report.ipynb'), 'utf8');
    const before = notebook.split('\n');
    const after = fixed.split('\n');
    assert.strictEqual(after.length, before.length);
    const changed = after.map((line, i) => (line === before[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepStrictEqual(changed, [82]);
    assert.strictEqual(
      after[82],
      '    "rows = cur.execute(\\"SELECT * FROM customers WHERE name = ?\\", (name,)).fetchall()\\n",',
    );
    assert.match(diff.out, /^- {4}"rows = cur\.execute\(f\\"SELECT/m);
    assert.match(diff.out, /^\+ {4}"rows = cur\.execute\(\\"SELECT \* FROM customers WHERE name = \?\\", \(name,\)\)/m);
    // Scanning again finds nothing.
    assert.strictEqual((await run(dir, ['report.ipynb'])).code, 0);
  });

  it('bad notebooks get a clear message and exit code 2; notebooks with nothing to analyse are skipped', async () => {
    const dir = folder({
      'broken.ipynb': '{"cells": [',
      'binary.ipynb': '\u0000\u0001\u0002',
      'nocells.ipynb': '{"metadata": {}, "nbformat": 4}',
      'empty.ipynb': '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
      'r.ipynb': JSON.stringify({
        cells: [{ cell_type: 'code', source: ['x <- 1'], metadata: {}, outputs: [] }],
        metadata: { kernelspec: { language: 'R', name: 'ir' } },
        nbformat: 4,
      }),
    });
    const { code, out } = await run(dir, ['.']);
    assert.strictEqual(code, 2);
    assert.match(
      out,
      /^broken\.ipynb: error: not a notebook: not valid JSON \(CloseBracketExpected at line 1, column 12\)$/m,
    );
    assert.match(out, /^binary\.ipynb: error: not a notebook: not valid JSON/m);
    assert.match(out, /^nocells\.ipynb: error: not a notebook: it has no "cells" list$/m);
    assert.match(out, /^empty\.ipynb: skipped: no Python code in its cells$/m);
    assert.match(out, /^r\.ipynb: skipped: not a Python notebook \(its language is R\)$/m);
  });

  it('the size limit applies to the Python cells (a 5 MB cell), outputs count only against a larger file limit', async () => {
    const line = 'value = "x" * 10  # padding padding padding padding padding\n';
    const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length) + 10);
    const cells = [
      { cell_type: 'code', source: ['import os\n'], metadata: {}, outputs: [], execution_count: null },
      { cell_type: 'code', source: big.split(/(?<=\n)/), metadata: {}, outputs: [], execution_count: null },
    ];
    const dir = folder({ 'big.ipynb': JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }) });
    const { code, out } = await run(dir, ['big.ipynb']);
    assert.strictEqual(code, 0);
    assert.match(
      out,
      /^big\.ipynb: skipped: its Python cells are larger than the 5 MB size limit \(5\.0 MB; cell 2 alone: 5\.0 MB\)$/m,
    );
    // A small notebook whose outputs make the file larger than the limit is still analysed.
    const withOutput = JSON.parse(notebook) as { cells: { outputs?: unknown[] }[] };
    withOutput.cells[1].outputs = [{ output_type: 'stream', name: 'stdout', text: ['x'.repeat(200_000)] }];
    const small = folder({ 'outputs.ipynb': JSON.stringify(withOutput, null, 1) });
    const scanned = await run(small, ['outputs.ipynb'], { maxFileSize: 100_000 });
    assert.match(scanned.out, /^outputs\.ipynb:cell 5:1:20: PSG101/m);
  });
});
