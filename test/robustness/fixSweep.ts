import type { AnalysisSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import { PythonParser, syntaxErrorCount } from '../../server/src/engine/parser';
import { applyEdits } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/rules/types';

export interface SweepFailure {
  source: string;
  ruleId: string;
  reason: string;
}

export interface SweepCounts {
  sources: number;
  findings: number;
  fixesOffered: number;
  fixesPassed: number;
  failures: SweepFailure[];
}

export function emptyCounts(): SweepCounts {
  return { sources: 0, findings: 0, fixesOffered: 0, fixesPassed: 0, failures: [] };
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * Applies every fix offered for `text`, one at a time on the original text, and checks each
 * result: it parses with no new syntax errors, the finding is gone and no new finding appears.
 */
export function sweepText(parser: PythonParser, engine: Engine, settings: AnalysisSettings, source: string, text: string, counts: SweepCounts): void {
  counts.sources++;
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
    const fail = (reason: string) => counts.failures.push({ source, ruleId: finding.ruleId, reason });
    let fixed: string;
    try {
      fixed = applyEdits(text, finding.fix.edits);
    } catch (error) {
      fail(`edits do not apply: ${(error as Error).message}`);
      continue;
    }
    const fixedTree = parser.parse(fixed);
    try {
      if (syntaxErrorCount(fixedTree.rootNode) > errorsBefore) {
        fail('the output has new syntax errors');
        continue;
      }
      const after = countByRule(engine.analyze(fixedTree, fixed, settings, { verifyFixes: false }).findings);
      if ((after.get(finding.ruleId) ?? 0) >= (beforeCounts.get(finding.ruleId) ?? 0)) {
        fail('the finding is still there');
        continue;
      }
      const added = [...after].filter(([ruleId, n]) => n > (beforeCounts.get(ruleId) ?? 0)).map(([ruleId]) => ruleId);
      if (added.length) {
        fail(`new ${added.join(', ')} finding`);
        continue;
      }
      counts.fixesPassed++;
    } finally {
      fixedTree.delete();
    }
  }
}
