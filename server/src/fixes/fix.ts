import type { Applicability, Finding, Fix, FixRefusal, TextEdit } from '../ruleApi/types';

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
 * A fix builder that declines says why with a code that code can act on (the finding's advice,
 * say) and the message people read; see `FixUnavailableCode`.
 */
export type { FixRefusal };

export function refuse(code: FixRefusal['code'], message: string): FixRefusal {
  return { code, message };
}

/** A report's `fixUnavailable` as the finding's message and code (a plain message is `not-here`). */
export function fixUnavailableOf(
  reason: string | FixRefusal | undefined,
): Pick<Finding, 'fixUnavailable' | 'fixUnavailableCode'> {
  if (reason === undefined) return {};
  return typeof reason === 'string'
    ? { fixUnavailable: reason, fixUnavailableCode: 'not-here' }
    : { fixUnavailable: reason.message, fixUnavailableCode: reason.code };
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
