/**
 * ## What it does
 * Flags `TarFile.extractall()` and `TarFile.extract()` on archives opened with `tarfile` when no
 * extraction `filter` (and no explicit `members` list) is given.
 *
 * ## Why is this bad?
 * Member names in a tar archive are chosen by whoever made it: `../../home/user/.bashrc` or an
 * absolute path writes outside the target folder, and links and device files come along too
 * (CVE-2007-4559). Python 3.12 added extraction filters, and `filter="data"` refuses all of this.
 *
 * ## Example
 * ```python
 * with tarfile.open(upload) as archive:
 *     archive.extractall(target)
 * ```
 *
 * ## Use instead
 * ```python
 * with tarfile.open(upload) as archive:
 *     archive.extractall(target, filter="data")
 * ```
 * `filter` exists in Python 3.12+ and in security releases of 3.8–3.11.
 *
 * ## References
 * - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
 * - OWASP Top 10 2021 A01: Broken Access Control
 * - PEP 706: Filter for tarfile.extractall
 */
import type { Rule } from '../../ruleApi/types';
import { hasSplat, keywordValue, methodName } from '../../semantic/calls';
import { appendArgument } from '../../fixes/callEdits';
import { unsafeFix } from '../../fixes/fix';

export const tarExtraction: Rule = {
  meta: {
    id: 'PSG413',
    name: 'tar-extraction-without-filter',
    title: 'Tar archive extracted without a filter',
    defaultSeverity: 'warning',
    cwe: 22,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'input-validated',
    bandit: ['B202'],
    ruff: ['S202'],
    fixable: true,
    fixes: [
      {
        title: 'Extract with filter="data"',
        applicability: 'unsafe',
        why: 'Members that are links outside the folder, devices or absolute paths are refused instead of extracted.',
      },
    ],
  },
  triggers: ['extract'],
  visitors: {
    call(call, context) {
      const method = methodName(call);
      if (method !== 'extractall' && method !== 'extract') return;
      const receiver = context.model.resolvedPath(call.childForFieldName('function')!.childForFieldName('object'));
      if (!receiver || !/^tarfile\.(?:open|TarFile(?:\.open)?)\(\)$/.test(receiver)) return;
      if (keywordValue(call, 'filter') || hasSplat(call)) return;
      if (method === 'extractall' && keywordValue(call, 'members')) return;
      const edit = appendArgument(call, 'filter="data"');
      context.report({
        node: call,
        message: `\`${method}\` without a filter writes wherever member names point: \`../\` and absolute paths escape the target folder, and links come along. Pass \`filter="data"\` (Python 3.12+, and security releases of 3.8–3.11).`,
        confidence: 'medium',
        fix: edit
          ? unsafeFix('Extract with filter="data"', 'refuses links, devices and paths outside the folder', [edit])
          : undefined,
        fixUnavailable: edit ? undefined : 'the argument list could not be extended',
      });
    },
  },
};
