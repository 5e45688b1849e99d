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
  /** The applicability the first finding's fix must declare at this site. */
  applicability?: 'safe' | 'unsafe';
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

/** Cases for rules about non-Python files: a file name and its text instead of a snippet of code. */
export interface FileCase {
  name?: string;
  /** The file's name (or path); the rule sees it as given. */
  path: string;
  text: string;
  /** What the repository's .gitignore says about the file; undefined: no repository. */
  gitIgnored?: boolean;
}

export interface InvalidFileCase extends FileCase {
  findings: ExpectedFinding[];
}

export interface FileRuleCases {
  ruleId: string;
  valid: FileCase[];
  invalid: InvalidFileCase[];
}
