import fc from 'fast-check';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../support/lspServerProcess';

/** Fragments a person types or pastes half-way: open strings, stray brackets, indentation, line breaks. */
const fragments = [
  '"',
  "'",
  '"""',
  "'''",
  'f"',
  "f'",
  'f"{',
  'f"SELECT * FROM t WHERE id = {',
  'rb"',
  '\\',
  '\\\n',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '((((',
  '))))',
  ':',
  ',',
  '.',
  '+',
  '%',
  ' % ',
  '=',
  '#',
  '# psg-ignore: PSG101',
  '# nosec',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\t',
  '    ',
  '        ',
  ' ',
  'def f(x):\n    ',
  'class C:\n    ',
  'if x:\n',
  'else:\n',
  'return ',
  'lambda: ',
  'async def g():\n    await ',
  'with open(p) as f:\n    ',
  'import sqlite3\n',
  'import logging\n',
  'from os import path\n',
  'cur.execute(',
  'cursor.execute("SELECT * FROM users WHERE id = " + user_id)\n',
  'logger.info("password=%s", password)\n',
  'open(os.path.join(BASE, name))\n',
  'query = f"DELETE FROM t WHERE a = {a}"\n',
  'é',
  'ü',
  '中文',
  '😀',
  '\u00a0',
  '\u2028',
  '\0',
  '\ud800',
  '\udfff',
  '\ufeff',
  'print "python 2"\n',
  'exec "code"\n',
  '<html><body>',
  '{"json": true}',
];

export type EditStep =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'indent'; line: number; add: boolean; unit: string }
  | { kind: 'type'; at: number; text: string }
  | { kind: 'whole'; text: string };

export interface EditSequence {
  base: number;
  /** Each entry is one didChange notification; most carry one change, some several (multi-cursor). */
  notifications: { steps: EditStep[]; waitAfter: boolean }[];
}

export function editSequenceArbitrary(corpus: readonly string[]): fc.Arbitrary<EditSequence> {
  const position = fc.double({ min: 0, max: 1, noNaN: true });
  const inserted = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...fragments) },
    { weight: 2, arbitrary: fc.constantFrom(...corpus) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...fragments), { maxLength: 6 }).map((parts) => parts.join('')) },
  );
  const step: fc.Arbitrary<EditStep> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: inserted }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        at: position,
        length: fc.oneof(fc.nat(4), fc.nat(200)),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('replace' as const), at: position, length: fc.nat(40), text: inserted }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('indent' as const),
        line: position,
        add: fc.boolean(),
        unit: fc.constantFrom('    ', '\t', '  '),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('type' as const),
        at: position,
        text: fc.constantFrom(...fragments, 'cur.execute(f"SELECT {x}")'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), text: fc.constantFrom(...corpus) }) },
  );
  return fc.record({
    base: fc.nat(corpus.length - 1),
    notifications: fc.array(
      fc.record({
        steps: fc.oneof(
          { weight: 5, arbitrary: fc.array(step, { minLength: 1, maxLength: 1 }) },
          { weight: 1, arbitrary: fc.array(step, { minLength: 2, maxLength: 3 }) },
        ),
        waitAfter: fc.boolean(),
      }),
      { minLength: 1, maxLength: 20 },
    ),
  });
}

/** An offset an editor could produce: never between \r and \n, never inside a surrogate pair. */
function snap(text: string, offset: number): number {
  let at = Math.max(0, Math.min(text.length, offset));
  if (at > 0 && at < text.length) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    if ((before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff))
      at--;
  }
  return at;
}

/**
 * The editor's side of a change. vscode-languageserver-textdocument 1.0.12 keeps stale line
 * starts when an edit joins a '\r' and a '\n' into one line break, so the line table is rebuilt
 * from the text after every change; the text itself is what the editor would hold.
 */
function applyChange(document: TextDocument, change: TextDocumentContentChangeEvent, version: number): TextDocument {
  return TextDocument.create(
    document.uri,
    document.languageId,
    version,
    TextDocument.update(document, [change], version).getText(),
  );
}

/** Turns one step into LSP content changes against the document as it is, applying them to it. */
function changesFor(
  document: TextDocument,
  step: EditStep,
  version: () => number,
): { document: TextDocument; batches: TextDocumentContentChangeEvent[][] } {
  const text = document.getText();
  const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const single = (change: TextDocumentContentChangeEvent) => ({
    document: applyChange(document, change, version()),
    batches: [[change]],
  });
  switch (step.kind) {
    case 'insert': {
      const at = snap(text, Math.floor(step.at * text.length));
      return single({ range: range(at, at), text: step.text });
    }
    case 'delete':
    case 'replace': {
      const start = snap(text, Math.floor(step.at * text.length));
      const end = snap(text, Math.min(text.length, start + step.length));
      return single({ range: range(start, Math.max(start, end)), text: step.kind === 'replace' ? step.text : '' });
    }
    case 'indent': {
      const line = Math.min(document.lineCount - 1, Math.floor(step.line * document.lineCount));
      const lineText = text.slice(
        document.offsetAt({ line, character: 0 }),
        document.offsetAt({ line: line + 1, character: 0 }),
      );
      if (step.add)
        return single({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: step.unit });
      const removable = /^[ \t]*/.exec(lineText)![0].length;
      const width = Math.min(removable, step.unit.length);
      return single({ range: { start: { line, character: 0 }, end: { line, character: width } }, text: '' });
    }
    case 'type': {
      // One notification per character (UTF-16 code unit pairs kept together), as typing sends them.
      let current = document;
      let at = snap(text, Math.floor(step.at * text.length));
      const batches: TextDocumentContentChangeEvent[][] = [];
      for (const ch of Array.from(step.text)) {
        const position = current.positionAt(at);
        const change = { range: { start: position, end: position }, text: ch };
        current = applyChange(current, change, version());
        batches.push([change]);
        at += ch.length;
      }
      return { document: current, batches };
    }
    case 'whole':
      return single({ text: step.text });
  }
}

/** What a diagnostic says, without the document version it was computed for or the document's URI (the two documents differ in both). */
export function comparable(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map((diagnostic) => {
    const data = diagnostic.data as Record<string, unknown> | undefined;
    const { version: _version, ...rest } = data ?? {};
    const relatedInformation = diagnostic.relatedInformation?.map((info) => ({
      ...info,
      location: { ...info.location, uri: '<document>' },
    }));
    return { ...diagnostic, relatedInformation, data: data ? rest : undefined };
  });
}

export interface SequenceOutcome {
  finalText: string;
  incremental: Diagnostic[];
  fresh: Diagnostic[];
  notificationsSent: number;
}

let nextDocument = 0;

/**
 * Applies a sequence to a document on `edited`, then opens the final text on `reference` (a server
 * that has never seen the edits) and returns both servers' diagnostics for it.
 */
export async function runSequence(
  edited: LspClient,
  reference: LspClient,
  corpus: readonly string[],
  sequence: EditSequence,
): Promise<SequenceOutcome> {
  const id = nextDocument++;
  const uri = `untitled:edited-${process.pid}-${id}.py`;
  const referenceUri = `untitled:fresh-${process.pid}-${id}.py`;
  let versionCounter = 1;
  let document = TextDocument.create(uri, 'python', versionCounter, corpus[sequence.base]);
  await edited.open(uri, document.getText(), versionCounter);
  let sent = 0;
  for (const notification of sequence.notifications) {
    const combined: TextDocumentContentChangeEvent[] = [];
    const staged = notification.steps.length > 1;
    for (const step of notification.steps) {
      const { document: next, batches } = changesFor(document, step, () => versionCounter + 1);
      document = next;
      if (staged) combined.push(...batches.flat());
      else {
        for (const batch of batches) {
          versionCounter++;
          await edited.change(uri, versionCounter, batch);
          sent++;
        }
      }
    }
    if (staged) {
      versionCounter++;
      await edited.change(uri, versionCounter, combined);
      sent++;
    }
    if (notification.waitAfter) await edited.diagnostics(uri, versionCounter);
  }
  const finalText = document.getText();
  const incremental = await edited.diagnostics(uri, versionCounter);
  await reference.open(referenceUri, finalText, 1);
  const fresh = await reference.diagnostics(referenceUri, 1);
  await edited.close(uri);
  await reference.close(referenceUri);
  return { finalText, incremental, fresh, notificationsSent: sent };
}
