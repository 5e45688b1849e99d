import type { RuleMeta } from '../rules/types';

/** What one comment suppresses: everything, or the listed ids (ours, Bandit's or Ruff's). */
export interface Suppression {
  all: boolean;
  ids: Set<string>;
}

/** Our own comment names rule ids and takes a reason: `# psg-ignore: PSG101 -- query comes from a constant table`. */
export const OWN_SUPPRESSION = 'psg-ignore';

// Starts only at the beginning of a run of letters: without the lookbehind a long run of letters backtracks quadratically.
const idList = /(?<![A-Za-z])[A-Za-z]+[0-9]+/g;

/** What every suppression comment holds: a `#` and one of the three markers. */
export const suppressionMarker = /#\s*(psg-ignore|nosec|noqa)\b/i;
/** The same, to find every marker in a file. */
export const suppressionMarkers = /#\s*(psg-ignore|nosec|noqa)\b/gi;

/** Parses a comment; undefined when it suppresses nothing. */
export function parseSuppression(comment: string): Suppression | undefined {
  const marker = suppressionMarker.exec(comment);
  if (!marker) return undefined;
  let rest = comment.slice(marker.index + marker[0].length);
  const reason = rest.indexOf('--');
  if (reason >= 0) rest = rest.slice(0, reason);
  // Ruff's `# noqa` takes codes only after a colon; anything else is a bare, blanket noqa.
  if (marker[1].toLowerCase() === 'noqa' && !/^\s*:/.test(rest)) rest = '';
  const ids = new Set((rest.match(idList) ?? []).map((id) => id.toUpperCase()));
  return { all: ids.size === 0, ids };
}

export function suppresses(suppression: Suppression, meta: RuleMeta): boolean {
  if (suppression.all) return true;
  return [meta.id, ...meta.bandit, ...meta.ruff].some((id) => suppression.ids.has(id.toUpperCase()));
}

/** The comment the "suppress on this line" action appends. */
export function suppressionComment(ruleId: string): string {
  return `# ${OWN_SUPPRESSION}: ${ruleId} -- reason: explain why this is safe`;
}
