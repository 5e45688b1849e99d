/**
 * ## What it does
 * Flags `tempfile.mktemp()`, which returns a name for a temporary file without creating it.
 *
 * ## Why is this bad?
 * Between getting the name and opening the file, another process can create a file or a
 * symbolic link with that name, and your program writes where the attacker wants. The function
 * has been deprecated since Python 2.3 for this reason.
 *
 * ## Example
 * ```python
 * path = tempfile.mktemp(suffix=".txt")
 * ```
 *
 * ## Use instead
 * ```python
 * path = tempfile.NamedTemporaryFile(suffix=".txt", delete=False).name  # created atomically, only you can open it
 * ```
 * Or `fd, path = tempfile.mkstemp(suffix=".txt")`, and use `fd`.
 *
 * ## References
 * - CWE-377: Insecure Temporary File
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import { ensureImported } from '../../fixes/python';
import type { Fix, Rule, TextEdit } from '../types';
import { hasSplat } from '../../semantic/calls';
import { isTestCode, positionalArguments } from '../shared';
import { unsafeFix } from '../../fixes/fix';

const positionalNames = ['suffix', 'prefix', 'dir'];

export const insecureMktemp: Rule = {
  meta: {
    id: 'PSG411',
    name: 'insecure-mktemp',
    title: 'tempfile.mktemp creates a race',
    defaultSeverity: 'error',
    cwe: 377,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'code-review',
    bandit: ['B306'],
    ruff: ['S306'],
    fixable: true,
  },
  triggers: ['mktemp'],
  visitors: {
    call(call, context) {
      if (context.model.calleeName(call) !== 'tempfile.mktemp' || isTestCode(context.model, call)) return;
      let fix: Fix | undefined;
      let fixUnavailable: string | undefined;
      const fn = call.childForFieldName('function')!;
      const args = call.childForFieldName('arguments')!;
      const positional = positionalArguments(call);
      if (hasSplat(call)) fixUnavailable = 'the call passes `*args` or `**kwargs`';
      else if (positional.length > positionalNames.length) fixUnavailable = 'the call has too many arguments';
      else {
        const edits: TextEdit[] = [];
        if (fn.type === 'attribute') edits.push({ start: fn.childForFieldName('attribute')!.startIndex, end: fn.endIndex, newText: 'NamedTemporaryFile' });
        else {
          const imported = ensureImported(context.model, 'tempfile', 'NamedTemporaryFile', call);
          if (imported) edits.push(...imported.edits, { start: fn.startIndex, end: fn.endIndex, newText: 'NamedTemporaryFile' });
          else fixUnavailable = 'the name `NamedTemporaryFile` is already used for something else in this file';
        }
        // Positional arguments of mktemp are suffix, prefix, dir; NamedTemporaryFile takes them by keyword.
        positional.forEach((argument, i) => edits.push({ start: argument.startIndex, end: argument.startIndex, newText: `${positionalNames[i]}=` }));
        const close = args.lastChild!;
        const hasArguments = args.namedChildren.some((a) => a && a.type !== 'comment');
        edits.push({ start: close.startIndex, end: close.startIndex, newText: hasArguments ? (/,\s*$/.test(args.text.slice(0, -1)) ? ' delete=False' : ', delete=False') : 'delete=False' });
        edits.push({ start: call.endIndex, end: call.endIndex, newText: '.name' });
        if (!fixUnavailable) fix = unsafeFix('Create the file with NamedTemporaryFile(delete=False)', 'creates the file at once', edits);
      }
      context.report({
        node: call,
        message: '`tempfile.mktemp` returns a name without creating the file: another process can create it (or a symbolic link) first. Use `NamedTemporaryFile(delete=False)` or `mkstemp()`, which create the file atomically.',
        confidence: 'high',
        fix,
        fixUnavailable,
      });
    },
  },
};
