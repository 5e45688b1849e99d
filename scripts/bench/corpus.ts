import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A small seeded generator (mulberry32), so every run types the same edits on the same files. */
/** The standard library of the machine's python3: the default corpus of the benchmark scripts. */
export function standardLibraryFolder(): string {
  const found = spawnSync('python3', ['-c', 'import os; print(os.path.dirname(os.__file__))'], { encoding: 'utf8' });
  if (found.status !== 0 || !found.stdout.trim())
    throw new Error('python3 was not found; give a folder of Python files instead');
  return found.stdout.trim();
}

export class Random {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }
}

export interface SingleEdit {
  start: { line: number; character: number };
  end: { line: number; character: number };
  text: string;
  /** The same edit as offsets into the text before it. */
  offset: number;
  removed: number;
}

/**
 * Single-character edits at random places, in pairs: a character typed, then deleted again, so the
 * file stays the realistic code it started as however many edits are made.
 */
export function* typing(text: string, random: Random): Generator<SingleEdit> {
  const lines = text.split('\n');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz_ (),.:=';
  for (;;) {
    const line = random.int(lines.length);
    const character = random.int(lines[line].length + 1);
    const typed = alphabet[random.int(alphabet.length)];
    const offset = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
    yield { start: { line, character }, end: { line, character }, text: typed, offset, removed: 0 };
    yield { start: { line, character }, end: { line, character: character + 1 }, text: '', offset, removed: 1 };
  }
}

/** Insecure code of the kinds the rules look for, placed between modules so the file has findings. */
function insecureBlock(n: number): string {
  return [
    'import logging',
    'import os',
    'import sqlite3',
    'from flask import request, send_file',
    '',
    '',
    `def find_user_${n}(connection, name):`,
    '    cursor = connection.cursor()',
    `    cursor.execute("SELECT id, email FROM users WHERE name = '%s'" % name)`,
    '    return cursor.fetchall()',
    '',
    '',
    `def sign_in_${n}(user, password):`,
    '    logging.info("sign-in for %s with password %s", user, password)',
    '',
    '',
    `def download_${n}():`,
    '    filename = request.args.get("name")',
    '    return send_file(os.path.join("/srv/files", filename))',
    '',
    '',
  ].join('\n');
}

/**
 * Realistic Python of exactly `lines` lines: whole modules of the corpus (not tests), chosen at
 * random, with a block of insecure code every 1,000 lines or so.
 */
export function generateSource(
  files: readonly string[],
  lines: number,
  random: { int(below: number): number },
): string {
  const modules = files.filter(
    (file) => !file.split(path.sep).some((part) => part === 'test' || part === 'tests' || part.startsWith('test_')),
  );
  const out: string[] = [];
  let blocks = 0;
  while (out.length < lines) {
    if (out.length >= blocks * 1000) out.push(...insecureBlock(blocks++).split('\n'));
    const source = fs.readFileSync(modules[random.int(modules.length)], 'utf8').replace(/\r\n?/g, '\n');
    const moduleLines = source.split('\n');
    if (moduleLines.length > 3000) continue;
    out.push(...moduleLines, '');
  }
  // Cut at the last top-level statement that fits, then pad with blank lines to the exact size.
  let cut = lines;
  while (cut > 0 && !/^[A-Za-z@]/.test(out[cut] ?? '')) cut--;
  const kept = out.slice(0, cut);
  while (kept.length < lines) kept.push('');
  return `${kept.join('\n')}\n`;
}

/** A module split at its first top-level `def`, class or decorator: the imports and globals, and the rest. */
function splitModule(source: string): { header: string[]; body: string[] } {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  // The module docstring is dropped: the file gets one header.
  let from = 0;
  if (/^("""|''')/.test(lines[0] ?? '')) {
    const quote = lines[0].slice(0, 3);
    from =
      lines[0].length > 3 && lines[0].endsWith(quote) && lines[0].length >= 6
        ? 1
        : lines.findIndex((line, i) => i > 0 && line.includes(quote)) + 1;
  }
  const first = lines.findIndex((line, i) => i >= from && /^(def |async def |class |@)/.test(line));
  return { header: lines.slice(from, first < 0 ? lines.length : first), body: first < 0 ? [] : lines.slice(first) };
}

/**
 * Realistic vulnerable Python of about `bytes` bytes: the functions of the insecure examples
 * (examples/app.py, examples/reports.py: string-built SQL, secrets in logs, path traversal)
 * repeated with every function renamed, under one header with the examples' imports. With
 * `safeEvery` > 0, a copy of the safe example's functions (examples/safe.py) follows every
 * insecure copy `safeEvery` times, so the file has fewer findings per line.
 */
export function vulnerableSource(examples: string, bytes: number, safeEvery = 0): string {
  // One database driver for the whole file (the SQL fix needs to know which): sqlite3.
  const read = (name: string) =>
    splitModule(fs.readFileSync(path.join(examples, name), 'utf8').replace(/\bpsycopg2\b/g, 'sqlite3'));
  const insecure = [read('app.py'), read('reports.py')];
  const safe = read('safe.py');
  const header = [
    ...new Set(
      [...insecure, ...(safeEvery > 0 ? [safe] : [])].flatMap((module) => module.header).filter((line) => line.trim()),
    ),
  ];
  const functionNames = (body: string[]) =>
    body.map((line) => /^(?:async )?def (\w+)/.exec(line)?.[1]).filter((name): name is string => !!name);
  const renamed = (body: string[], suffix: string) => {
    let text = body.join('\n');
    for (const name of functionNames(body)) text = text.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}${suffix}`);
    return `${text.trimEnd()}\n\n\n`;
  };
  const out: string[] = [`${header.join('\n')}\n\n\n`];
  let size = out[0].length;
  for (let n = 0; size < bytes; n++) {
    for (const module of insecure) {
      const block = renamed(module.body, `_${n}`);
      out.push(block);
      size += block.length;
    }
    for (let s = 0; s < safeEvery; s++) {
      const block = renamed(safe.body, `_${n}_${s}`);
      out.push(block);
      size += block.length;
    }
  }
  return out.join('');
}
