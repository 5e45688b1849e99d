// A large file of realistic insecure code for tests of large-file behaviour.
import * as fs from 'fs';
import * as path from 'path';

const examples = path.join(__dirname, '..', '..', 'examples');

/**
 * The functions of examples/app.py and examples/reports.py (with sqlite3 for the database)
 * repeated, renamed, under one header of their imports, until the text has `bytes` characters.
 */
export function vulnerableSource(bytes: number): string {
  const headers = new Set<string>();
  const bodies: string[] = [];
  for (const name of ['app.py', 'reports.py']) {
    const source = fs
      .readFileSync(path.join(examples, name), 'utf8')
      .replace(/\r\n?/g, '\n')
      .replace(/\bpsycopg2\b/g, 'sqlite3');
    const lines = source.split('\n');
    const docEnd = lines.findIndex((line, i) => i > 0 && line.includes('"""')) + 1;
    const first = lines.findIndex((line, i) => i >= docEnd && /^(def |@)/.test(line));
    for (const line of lines.slice(docEnd, first)) if (line.trim()) headers.add(line);
    bodies.push(lines.slice(first).join('\n').trimEnd());
  }
  const out = [`${[...headers].join('\n')}\n\n\n`];
  let size = out[0].length;
  for (let n = 0; size < bytes; n++) {
    for (const body of bodies) {
      let block = body;
      for (const [, name] of body.matchAll(/^def (\w+)/gm))
        block = block.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}_${n}`);
      out.push(`${block}\n\n\n`);
      size += block.length + 3;
    }
  }
  return out.join('');
}
