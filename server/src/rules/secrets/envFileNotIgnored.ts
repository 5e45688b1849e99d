/**
 * ## What it does
 * Flags a `.env` file (or `.env.local`, `.env.production`, ...) with values in it that the
 * repository's `.gitignore` files do not ignore. Templates meant to be committed
 * (`.env.example`, `.env.sample`, `.env.template`) are not flagged.
 *
 * ## Why is this bad?
 * `.env` files hold the real passwords and keys that the code reads from the environment. One
 * `git add .` commits them, and from then on they are in every clone and in the history even after
 * the file is deleted.
 *
 * ## Example
 * ```text
 * # .env (not in .gitignore)
 * DATABASE_PASSWORD=secret123
 * ```
 *
 * ## Use instead
 * ```text
 * # .gitignore
 * .env
 * .env.*
 * !.env.example
 * ```
 * Commit a `.env.example` with empty values instead. If the file was ever committed, rotate
 * the secrets in it.
 *
 * ## References
 * - CWE-540: Inclusion of Sensitive Information in Source Code
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import { baseName } from '../../core/paths';
import { envName } from '../../shared/filePatterns';
import type { FileRule } from '../../ruleApi/types';
import { isSecretName } from './secretInLog';

export const envFileNotIgnored: FileRule = {
  meta: {
    id: 'PSG802',
    name: 'env-file-not-ignored',
    title: '.env file not ignored by git',
    defaultSeverity: 'warning',
    cwe: 540,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'secrets-from-environment',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  files: envName,
  check(context) {
    const assignments = [
      ...context.text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(\S.*)$/gm),
    ].filter((match) => !/^["']{2}\s*(?:#.*)?$/.test(match[2]) && !match[2].startsWith('#'));
    if (assignments.length === 0) return;
    if (context.isGitIgnored() !== false) return;
    const first = assignments[0];
    const start = first.index + first[0].indexOf(first[1]);
    const secret = assignments.some((match) => isSecretName(match[1]));
    context.report({
      start,
      end: start + first[1].length,
      message: `This ${baseName(context.path)} file is not ignored by .gitignore, so \`git add\` commits its ${secret ? 'secrets' : 'values'}. Add it to .gitignore and commit a .env.example without values instead.`,
      confidence: secret ? 'high' : 'medium',
    });
  },
};
