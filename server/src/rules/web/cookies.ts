import type { RuleMeta } from '../../ruleApi/types';

/**
 * What the cookie rules (PSG615 on each cookie set, PSG616 on the session and CSRF cookies'
 * settings) share: the weakness, its category and the checklist item their findings count against.
 */
export const cookieProtection = {
  defaultSeverity: 'warning',
  cwe: 614,
  owasp: 'A05:2021-Security Misconfiguration',
  checklistItem: 'cookies-protected',
} as const satisfies Partial<RuleMeta>;
