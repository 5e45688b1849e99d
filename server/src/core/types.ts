// The types every layer shares: where a finding is, what it says, and the fix that comes with it.
// Nothing here imports from the rest of the server, except the protocol types the client shares.
import type { Severity } from '../shared/severity';

export type { Severity };
export type Confidence = 'high' | 'medium' | 'low';

/** A replacement of `[start, end)` (UTF-16 offsets into the analysed text) by `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * How far a fix can be trusted (the model is Ruff's): `safe` keeps what the program does except
 * that the vulnerability is gone, so fix-all and `scan --fix` apply it; `unsafe` changes behaviour
 * on purpose (another digest, a new dependency, an exception where there was none) and is applied
 * only when asked for (`--unsafe-fixes`, the `fix.unsafe` setting) or from the lightbulb.
 */
export type Applicability = 'safe' | 'unsafe';

/** A rewrite computed together with its finding; only offered once verified. Build it with `fixes/fix.ts`. */
export interface Fix {
  /** What the fix does; for an unsafe fix it ends with what changes, in parentheses. */
  title: string;
  edits: TextEdit[];
  applicability: Applicability;
}

/** A place in another file of the workspace: its path and zero-based line and UTF-16 character positions. */
export interface ElsewhereLocation {
  path: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** One place on the way from where untrusted data entered to the finding (shown as related information). */
export interface FlowStep {
  start: number;
  end: number;
  message: string;
  /** Set for a step in another module of the workspace (a flow across files): `start`/`end` are offsets there. */
  elsewhere?: ElsewhereLocation;
}

/**
 * Why a finding has no fix, as a code:
 * - `not-here`: the rule's rewrite would not keep what the code does at this site (the rule says why);
 * - `identifier`: the value names something (a table, a column): no parameter can bind it, an allowlist must;
 * - `withheld`: the fix was built but failed its check (it did not parse, kept its finding, added one);
 * - `unchecked`: the fix was not checked within the file's budget, so it is not offered.
 */
export type FixUnavailableCode = 'not-here' | 'identifier' | 'withheld' | 'unchecked';

/** A fix builder's refusal: its code and the message people read (`Finding.fixUnavailable`). */
export interface FixRefusal {
  code: Extract<FixUnavailableCode, 'not-here' | 'identifier'>;
  message: string;
}

export interface Finding {
  ruleId: string;
  message: string;
  start: number;
  end: number;
  severity: Severity;
  confidence: Confidence;
  fix?: Fix;
  /** Why no fix is offered, when the rule has one but it cannot be applied safely here (shown to people). */
  fixUnavailable?: string;
  /** The same reason as a code, for code to act on (set whenever `fixUnavailable` is). */
  fixUnavailableCode?: FixUnavailableCode;
  /** For a tainted flow: the source first, then each step the value took before the sink. */
  flow?: FlowStep[];
  /** For a dependency with known vulnerabilities: the advisories that affect the version it names. */
  advisories?: AdvisoryReference[];
}

/** A published advisory a finding is about (the hover links it, SARIF lists it). */
export interface AdvisoryReference {
  /** The advisory's id (`PYSEC-2023-62`, `GHSA-...`). */
  id: string;
  /** Its other ids (CVE, GHSA). */
  aliases: string[];
  summary: string;
  /** The versions that fix it, lowest first. */
  fixed: string[];
  /** Its page. */
  url: string;
}
