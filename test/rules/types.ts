/** Rule tests as data: a case is one line of code or a short snippet. */
export interface ExpectedFinding {
  /** The exact source text the finding's range covers. */
  text: string;
  /** A part of the message that must appear. */
  message?: string | RegExp;
  confidence?: 'high' | 'medium' | 'low';
}

export interface InvalidCase {
  name?: string;
  code: string;
  findings: ExpectedFinding[];
  /** The whole file after applying the first finding's fix; `null` when no fix may be offered. */
  output?: string | null;
  /** A part of the reason given when no fix is offered. */
  noFixBecause?: string | RegExp;
  settings?: unknown;
}

export interface ValidCase {
  name?: string;
  code: string;
  settings?: unknown;
}

export interface RuleCases {
  ruleId: string;
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}
