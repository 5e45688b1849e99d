import * as fs from 'fs';
import * as path from 'path';

/** A small seeded generator (mulberry32), so every run types the same edits on the same files. */
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
export function generateSource(files: readonly string[], lines: number, random: { int(below: number): number }): string {
  const modules = files.filter((file) => !file.split(path.sep).some((part) => part === 'test' || part === 'tests' || part.startsWith('test_')));
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
