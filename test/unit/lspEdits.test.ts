import * as assert from 'assert';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyLspEdits } from '../support/lspClient';

function edit(
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
  newText: string,
): TextEdit {
  return {
    range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } },
    newText,
  };
}

/** What the reference implementation (the LSP text document library) makes of the same edits. */
function reference(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, text), edits);
}

describe('test helper applyLspEdits', () => {
  it('applies an insert and a replace at the same position in the order given', () => {
    const text = 'x = secret\n';
    const edits = [edit(0, 4, 0, 4, 'mask('), edit(0, 4, 0, 10, 'value')];
    assert.strictEqual(applyLspEdits(text, edits), 'x = mask(value\n');
    assert.strictEqual(applyLspEdits(text, edits), reference(text, edits));
  });

  it('applies two inserts at the same position in the order given', () => {
    const text = 'print(a)\n';
    const edits = [edit(0, 6, 0, 6, 'first, '), edit(0, 6, 0, 6, 'second, ')];
    assert.strictEqual(applyLspEdits(text, edits), 'print(first, second, a)\n');
    assert.strictEqual(applyLspEdits(text, [...edits].reverse()), 'print(second, first, a)\n');
  });

  it('applies edits given in any order against the original text', () => {
    const text = 'import os\nx = 1\ny = 2\n';
    const edits = [edit(2, 4, 2, 5, '20'), edit(0, 0, 0, 0, 'import sys\n'), edit(1, 0, 1, 1, 'xx')];
    assert.strictEqual(applyLspEdits(text, edits), 'import sys\nimport os\nxx = 1\ny = 20\n');
    assert.strictEqual(applyLspEdits(text, edits), reference(text, edits));
  });

  it('applies a replace ending where an insert starts, and multi-line and CRLF ranges', () => {
    const text = 'a = 1\r\nb = 2\r\nc = 3\r\n';
    const edits = [edit(1, 0, 1, 5, 'B'), edit(1, 5, 1, 5, '  # note'), edit(0, 4, 2, 1, '9\r\nC')];
    assert.throws(() => applyLspEdits(text, edits), /overlaps/);
    const apart = [edit(1, 0, 1, 5, 'B'), edit(1, 5, 1, 5, '  # note'), edit(2, 0, 2, 1, 'C')];
    assert.strictEqual(applyLspEdits(text, apart), 'a = 1\r\nB  # note\r\nC = 3\r\n');
    assert.strictEqual(applyLspEdits(text, apart), reference(text, apart));
  });

  it('rejects overlapping edits', () => {
    assert.throws(() => applyLspEdits('abcdef', [edit(0, 1, 0, 4, 'x'), edit(0, 2, 0, 3, 'y')]), /overlaps/);
  });
});
