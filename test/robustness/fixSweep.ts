import type { AnalysisSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import { PythonParser, syntaxErrorCount } from '../../server/src/parser/parser';
import { applyEdits } from '../../server/src/core/text';
import type { Finding } from '../../server/src/ruleApi/types';
import { CompileFailure, CompileInput, CPython, describeCompileFailure } from '../support/cpython';

export type SweepFailureKind = 'edits' | 'syntax' | 'finding-remains' | 'new-finding' | 'cpython';

export interface SweepFailure {
  source: string;
  ruleId: string;
  kind: SweepFailureKind;
  reason: string;
  /** For a CPython failure: the fixed lines around the error, numbered. */
  snippet?: string;
}

export interface RuleCounts {
  offered: number;
  passed: number;
  /** Failed one of the tree-sitter checks (edits, syntax, finding remains, new finding). */
  failed: number;
  /** Passed the tree-sitter checks but CPython does not compile the output (and does compile the original). */
  compileFailed: number;
  /** Passed, but not judged by CPython because the original does not compile either. */
  notJudged: number;
}

interface PendingFix {
  sourceId: number;
  source: string;
  ruleId: string;
  fixed: string;
}

export interface SweepCounts {
  sources: number;
  findings: number;
  fixesOffered: number;
  fixesPassed: number;
  failures: SweepFailure[];
  byRule: Map<string, RuleCounts>;
  /** When set, every output that passes the tree-sitter checks is also compiled with CPython. */
  cpython?: CPython;
  /** Fix outputs CPython compiled (or tried to). */
  compiled: number;
  /** Sources with a fix whose original text CPython does not compile. */
  originalsNotCompiling: string[];
  pending: PendingFix[];
  pendingOriginals: Map<number, string>;
  pendingBytes: number;
}

/** Outputs waiting for CPython are compiled once they hold this many characters. */
const FLUSH_BYTES = 32 * 1024 * 1024;

export function emptyCounts(cpython?: CPython): SweepCounts {
  return {
    sources: 0,
    findings: 0,
    fixesOffered: 0,
    fixesPassed: 0,
    failures: [],
    byRule: new Map(),
    cpython,
    compiled: 0,
    originalsNotCompiling: [],
    pending: [],
    pendingOriginals: new Map(),
    pendingBytes: 0,
  };
}

function ruleCounts(counts: SweepCounts, ruleId: string): RuleCounts {
  let entry = counts.byRule.get(ruleId);
  if (!entry) counts.byRule.set(ruleId, (entry = { offered: 0, passed: 0, failed: 0, compileFailed: 0, notJudged: 0 }));
  return entry;
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/** The lines of `text` around `line` (1-based), numbered, the error line marked with `>`. */
export function linesAround(text: string, line: number | null, before = 2, after = 1): string {
  if (!line) return '';
  const lines = text.split('\n');
  const out: string[] = [];
  for (let n = Math.max(1, line - before); n <= Math.min(lines.length, line + after); n++)
    out.push(`${n === line ? '>' : ' '}${String(n).padStart(5)} | ${lines[n - 1]}`);
  return out.join('\n');
}

/**
 * Applies every fix offered for `text`, one at a time on the original text, and checks each
 * result: it parses with no new syntax errors, the finding is gone and no new finding appears.
 * With `counts.cpython`, the outputs that pass are queued for CPython too: call `finishSweep`
 * once the corpus is done (they are also compiled whenever the queue grows large).
 */
export function sweepText(
  parser: PythonParser,
  engine: Engine,
  settings: AnalysisSettings,
  source: string,
  text: string,
  counts: SweepCounts,
): void {
  const sourceId = counts.sources++;
  const tree = parser.parse(text);
  let before: Finding[];
  let errorsBefore: number;
  try {
    before = engine.analyze(tree, text, settings).findings;
    errorsBefore = syntaxErrorCount(tree.rootNode);
  } finally {
    tree.delete();
  }
  counts.findings += before.length;
  const beforeCounts = countByRule(before);
  for (const finding of before) {
    if (!finding.fix) continue;
    counts.fixesOffered++;
    const rule = ruleCounts(counts, finding.ruleId);
    rule.offered++;
    const fail = (kind: SweepFailureKind, reason: string) => {
      rule.failed++;
      counts.failures.push({ source, ruleId: finding.ruleId, kind, reason });
    };
    let fixed: string;
    try {
      fixed = applyEdits(text, finding.fix.edits);
    } catch (error) {
      fail('edits', `edits do not apply: ${(error as Error).message}`);
      continue;
    }
    const fixedTree = parser.parse(fixed);
    try {
      if (syntaxErrorCount(fixedTree.rootNode) > errorsBefore) {
        fail('syntax', 'the output has new syntax errors');
        continue;
      }
      const after = countByRule(engine.analyze(fixedTree, fixed, settings, { verifyFixes: false }).findings);
      if ((after.get(finding.ruleId) ?? 0) >= (beforeCounts.get(finding.ruleId) ?? 0)) {
        fail('finding-remains', 'the finding is still there');
        continue;
      }
      const added = [...after].filter(([ruleId, n]) => n > (beforeCounts.get(ruleId) ?? 0)).map(([ruleId]) => ruleId);
      if (added.length) {
        fail('new-finding', `new ${added.join(', ')} finding`);
        continue;
      }
    } finally {
      fixedTree.delete();
    }
    if (!counts.cpython) {
      counts.fixesPassed++;
      rule.passed++;
      continue;
    }
    if (!counts.pendingOriginals.has(sourceId)) {
      counts.pendingOriginals.set(sourceId, text);
      counts.pendingBytes += text.length;
    }
    counts.pending.push({ sourceId, source, ruleId: finding.ruleId, fixed });
    counts.pendingBytes += fixed.length;
  }
  if (counts.pendingBytes > FLUSH_BYTES) compilePending(counts);
}

/**
 * Compiles the queued outputs and their originals with CPython. An output fails when CPython
 * rejects it and accepts the original; when the original is rejected too the output is not judged.
 */
function compilePending(counts: SweepCounts): void {
  if (!counts.cpython || !counts.pending.length) return;
  const inputs: CompileInput[] = [];
  for (const [sourceId, text] of counts.pendingOriginals) inputs.push({ id: `original ${sourceId}`, source: text });
  counts.pending.forEach((p, i) => inputs.push({ id: `fix ${i}`, source: p.fixed }));
  const failures = counts.cpython.compile(inputs);
  const originalFails = new Set<number>();
  for (const sourceId of counts.pendingOriginals.keys())
    if (failures.has(`original ${sourceId}`)) originalFails.add(sourceId);
  for (const p of counts.pending)
    if (originalFails.has(p.sourceId) && !counts.originalsNotCompiling.includes(p.source))
      counts.originalsNotCompiling.push(p.source);
  counts.pending.forEach((p, i) => {
    counts.compiled++;
    const rule = ruleCounts(counts, p.ruleId);
    const failure: CompileFailure | undefined = failures.get(`fix ${i}`);
    if (failure && !originalFails.has(p.sourceId)) {
      rule.compileFailed++;
      counts.failures.push({
        source: p.source,
        ruleId: p.ruleId,
        kind: 'cpython',
        reason: `CPython does not compile the output: ${describeCompileFailure(failure)}`,
        snippet: linesAround(p.fixed, failure.line),
      });
      return;
    }
    if (originalFails.has(p.sourceId)) rule.notJudged++;
    rule.passed++;
    counts.fixesPassed++;
  });
  counts.pending = [];
  counts.pendingOriginals = new Map();
  counts.pendingBytes = 0;
}

/** Compiles whatever is still queued for CPython; call once after the last `sweepText`. */
export function finishSweep(counts: SweepCounts): SweepCounts {
  compilePending(counts);
  return counts;
}

/** A per-rule table (markdown) of offered / passed / failed fixes. */
export function ruleTable(counts: SweepCounts): string {
  const rows = [...counts.byRule].sort(([a], [b]) => a.localeCompare(b));
  const lines = [
    '| rule | offered | passed | tree-sitter checks failed | CPython compile failed | not judged (original does not compile) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [ruleId, r] of rows)
    lines.push(`| ${ruleId} | ${r.offered} | ${r.passed} | ${r.failed} | ${r.compileFailed} | ${r.notJudged} |`);
  return lines.join('\n');
}
