import type { Applicability, Finding, Fix, TextEdit } from '../ruleApi/types';

/** A fix that keeps what the program does, except that the vulnerability is gone. */
export function safeFix(title: string, edits: TextEdit[]): Fix {
  return { title, edits, applicability: 'safe' };
}

/**
 * A fix that changes behaviour on purpose; `change` says how ("changes the digest") and ends the
 * title, so the lightbulb tells the user before they choose it.
 */
export function unsafeFix(title: string, change: string, edits: TextEdit[]): Fix {
  return { title: `${title} (${change})`, edits, applicability: 'unsafe' };
}

/**
 * Why a fix builder offers nothing at a site, as a code that code can act on (the finding's advice,
 * say) and the message people read (a finding's `fixUnavailable`).
 * - `identifier`: the value names something (a table, a column): no parameter can bind it, an allowlist must;
 * - `unsupported`: any other reason the rewrite would not keep what the code does.
 */
export interface FixRefusal {
  code: 'identifier' | 'unsupported';
  message: string;
}

export function refuse(code: FixRefusal['code'], message: string): FixRefusal {
  return { code, message };
}

export function isRefusal(value: unknown): value is FixRefusal {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Which fixes an automatic pass (fix-all, fix on save, `scan --fix`) may apply. */
export interface AutomaticFixPolicy {
  /** Unsafe fixes too (`--unsafe-fixes`, the `fix.unsafe` setting). */
  unsafe: boolean;
}

/**
 * Whether an automatic pass may apply this finding's fix: it has one, its applicability is allowed,
 * and the origin of the value is known (a low-confidence finding — a library function's parameter —
 * is left for a person to decide, whatever the policy).
 */
export function isAutomaticFix(finding: Finding, policy: AutomaticFixPolicy): boolean {
  if (!finding.fix || finding.confidence === 'low') return false;
  return finding.fix.applicability === 'safe' || policy.unsafe;
}

export type { Applicability };
