import type { Finding } from '../../server/src/ruleApi/types';

/**
 * What the editor shows for a text with syntax errors that spread beyond the statements whose text changed (an
 * analysis of mode `kept`, see server/src/engine/incremental.ts), written out independently of it: the findings of
 * the last version analysed without syntax errors (`before`, a whole-file analysis of its text), each moved by the
 * change from that text to `after` (the longest common prefix and suffix left out); a finding with a position in the
 * changed text or within a character of it is left out.
 */
export function expectedKeptFindings(beforeText: string, before: readonly Finding[], after: string): Finding[] {
  let start = 0;
  while (start < beforeText.length && start < after.length && beforeText[start] === after[start]) start++;
  let oldEnd = beforeText.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && beforeText[oldEnd - 1] === after[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  const delta = newEnd - oldEnd;
  const movable = (offset: number) => offset < start - 1 || offset > oldEnd + 1;
  const move = (offset: number) => (offset > oldEnd ? offset + delta : offset);
  const kept: Finding[] = [];
  for (const finding of before) {
    const positions = [
      finding.start,
      finding.end,
      ...(finding.fix?.edits.flatMap((edit) => [edit.start, edit.end]) ?? []),
      ...(finding.flow?.filter((step) => !step.elsewhere).flatMap((step) => [step.start, step.end]) ?? []),
    ];
    if (!positions.every(movable)) continue;
    kept.push({
      ...finding,
      start: move(finding.start),
      end: move(finding.end),
      ...(finding.fix
        ? {
            fix: {
              ...finding.fix,
              edits: finding.fix.edits.map((e) => ({ ...e, start: move(e.start), end: move(e.end) })),
            },
          }
        : {}),
      ...(finding.flow
        ? {
            flow: finding.flow.map((step) =>
              step.elsewhere ? step : { ...step, start: move(step.start), end: move(step.end) },
            ),
          }
        : {}),
    });
  }
  return kept;
}
