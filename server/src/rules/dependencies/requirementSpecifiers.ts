/** What a PEP 508 requirement's version specifier says about pinning. */
export type Pinning = 'pinned' | 'open-ended' | 'unconstrained';

/**
 * `flask==3.0.0` and `requests>=2.31,<3` are pinned (bounded above); `flask>=3` is open-ended; `flask` is
 * unconstrained.
 */
export function pinningOf(specifier: string): Pinning {
  const clauses = specifier
    .split(',')
    .map((clause) => clause.trim())
    .filter(Boolean);
  if (clauses.length === 0) return 'unconstrained';
  const bounded = clauses.some((clause) => /^(?:===?|~=|<=?)\s*\S/.test(clause) && !/^(?:==)\s*\*$/.test(clause));
  return bounded ? 'pinned' : 'open-ended';
}

export interface Requirement {
  name: string;
  /** The version specifier, without extras or environment markers. */
  specifier: string;
  /** A direct reference (`name @ https://...`, a path or a VCS URL) fixes what is installed by itself. */
  direct: boolean;
}

/** Parses one PEP 508 requirement string; undefined for anything that is not one. */
export function parseRequirement(text: string): Requirement | undefined {
  const withoutMarker = text.split(';')[0].trim();
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(withoutMarker);
  if (!match) return undefined;
  const rest = match[2].trim();
  if (rest.startsWith('@')) return { name: match[1], specifier: '', direct: true };
  const specifier = rest.replace(/^\(|\)$/g, '');
  if (specifier && !/^(?:[<>=!~]=?|===)/.test(specifier)) return undefined;
  return { name: match[1], specifier, direct: false };
}
