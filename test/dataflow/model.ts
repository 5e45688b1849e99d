// The paired dataflow corpus: what a pair is, and how its two halves are read out of one text.
//
// A pair is written once. Where the two halves differ, the text says `<<<vulnerable|||safe>>>`
// (either side may be empty or span lines; `<<<` and `|||` are not Python, so they cannot clash
// with the code). The one line where the value is used ends with `# SINK`; the marker is removed
// before the file is analysed, and the finding must be on that line.

export type SinkKind =
  | 'sql'
  | 'shell'
  | 'code'
  | 'path'
  | 'ssrf'
  | 'redirect'
  | 'deserialization'
  | 'xss'
  | 'header'
  | 'xpath'
  | 'ldap'
  | 'nosql';

/** The rule expected to report each kind of sink. */
export const ruleOfKind: Readonly<Record<SinkKind, string>> = {
  sql: 'PSG101',
  shell: 'PSG102',
  code: 'PSG103',
  path: 'PSG401',
  ssrf: 'PSG130',
  redirect: 'PSG131',
  deserialization: 'PSG701',
  xss: 'PSG614',
  header: 'PSG133',
  xpath: 'PSG140',
  ldap: 'PSG141',
  nosql: 'PSG142',
};

export const sinkKinds = Object.keys(ruleOfKind) as SinkKind[];

/** The one thing each pair tests; the two halves differ only in it. */
export type Trick =
  | 'dead-branch'
  | 'overwritten'
  | 'container'
  | 'guard'
  | 'sanitizer'
  | 'user-sanitizer'
  | 'user-sanitizer-module'
  | 'helper'
  | 'helper-module'
  | 'self-attribute'
  | 'global'
  | 'transformation'
  | 'conditional-expression'
  | 'try-except'
  | 'loop'
  | 'match';

export const tricks: readonly Trick[] = [
  'dead-branch',
  'overwritten',
  'container',
  'guard',
  'sanitizer',
  'user-sanitizer',
  'user-sanitizer-module',
  'helper',
  'helper-module',
  'self-attribute',
  'global',
  'transformation',
  'conditional-expression',
  'try-except',
  'loop',
  'match',
];

/** A pair as written: file name → text with `<<<vulnerable|||safe>>>` differences and one `# SINK` line. */
export interface Pair {
  /** Unique; says the kind, the trick and what differs, e.g. `sql/dead-branch: if False overwrites (Flask)`. */
  name: string;
  kind: SinkKind;
  trick: Trick;
  files: Readonly<Record<string, string>>;
  /** Why the labels hold, when it is not obvious from the code. */
  note?: string;
}

export type Half = 'vulnerable' | 'safe';

/** One half of a pair, ready to write to disk. */
export interface CaseHalf {
  pair: Pair;
  half: Half;
  files: Record<string, string>;
  /** Where the finding is expected (1-based line). */
  sink: { file: string; line: number };
}

const difference = /<<<([\s\S]*?)\|\|\|([\s\S]*?)>>>/g;
const sinkMarker = /[ \t]*# SINK[ \t]*$/;

/** The text of one half: each difference replaced by its side. */
export function sideOf(text: string, half: Half): string {
  return text.replace(difference, (_all, vulnerable: string, safe: string) =>
    half === 'vulnerable' ? vulnerable : safe,
  );
}

/** Reads one half out of a pair: the files without the marker, and where the marker was. Throws on a malformed pair. */
export function expandHalf(pair: Pair, half: Half): CaseHalf {
  const files: Record<string, string> = {};
  const sinks: { file: string; line: number }[] = [];
  for (const [file, text] of Object.entries(pair.files)) {
    const chosen = sideOf(text, half);
    if (/<<<|\|\|\||>>>/.test(chosen)) throw new Error(`${pair.name}: unbalanced <<<...|||...>>> in ${file}`);
    const lines = chosen.split('\n');
    lines.forEach((line, index) => {
      if (sinkMarker.test(line)) {
        sinks.push({ file, line: index + 1 });
        lines[index] = line.replace(sinkMarker, '');
      }
    });
    files[file] = lines.join('\n');
  }
  if (sinks.length !== 1)
    throw new Error(`${pair.name} (${half}): expected exactly one "# SINK" line, found ${sinks.length}`);
  return { pair, half, files, sink: sinks[0] };
}

/** The identifier of one half, as the ratchet and the report name it. */
export function halfId(pair: Pair, half: Half): string {
  return `${pair.name} [${half}]`;
}
