/**
 * ## What it does
 * Flags Unicode bidirectional control characters (U+202A–U+202E, U+2066–U+2069) in comments and
 * string literals.
 *
 * ## Why is this bad?
 * These characters reorder how text is displayed without changing what the interpreter reads
 * ("Trojan Source", CVE-2021-42574). A reviewer sees a comment or a harmless string while the
 * code does something else, for example an early `return` hidden inside what looks like a comment.
 *
 * ## Example
 * ```python
 * access_level = "user\u202e \u2066# Check if admin\u2069 \u2066"
 * ```
 *
 * ## Use instead
 * ```python
 * access_level = "user"
 * ```
 * If right-to-left text is really needed in a string, write the control characters as escapes
 * (`"\u202e"`), so they are visible.
 *
 * ## References
 * - CWE-451: User Interface (UI) Misrepresentation of Critical Information
 * - OWASP Top 10 2021 A08: Software and Data Integrity Failures
 */
import type { Rule } from '../../ruleApi/types';

const controls = /[\u202A-\u202E\u2066-\u2069]/;

export const bidirectionalText: Rule = {
  meta: {
    id: 'PSG104',
    name: 'bidirectional-control-characters',
    title: 'Bidirectional control characters that can hide code',
    defaultSeverity: 'error',
    cwe: 451,
    owasp: 'A08:2021-Software and Data Integrity Failures',
    checklistItem: 'no-hidden-characters',
    bandit: ['B613'],
    ruff: [],
    fixable: false,
  },
  triggers: ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'],
  visitors: {
    comment(node, context) {
      if (controls.test(node.text))
        context.report({
          node,
          message:
            'This comment holds invisible characters that reorder how the code around it is displayed (Trojan Source): what you read is not what runs. Remove them.',
          confidence: 'high',
        });
    },
    string(node, context) {
      if (controls.test(node.text))
        context.report({
          node,
          message:
            'This string holds invisible characters that reorder how code is displayed (Trojan Source). Write them as `\\u` escapes if they are really needed.',
          confidence: 'high',
        });
    },
  },
};
