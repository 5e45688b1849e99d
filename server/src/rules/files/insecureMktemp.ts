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
import type { Node } from '../../parser/parser';
import { ensureImported } from '../../fixes/python';
import type { Fix, Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { argumentValue, hasSplat, literalString, methodName } from '../../semantic/calls';
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
    checklistItem: 'files-created-safely',
    bandit: ['B306'],
    ruff: ['S306'],
    fixable: true,
    fixes: [
      {
        title: 'Create the file with NamedTemporaryFile(delete=False)',
        applicability: 'unsafe',
        why: 'The file is created at once (empty) instead of only named; offered only where the name is then opened as a file.',
      },
    ],
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
      const use = nameUse(call, context);
      if (use) fixUnavailable = use;
      else if (hasSplat(call)) fixUnavailable = 'the call passes `*args` or `**kwargs`';
      else if (positional.length > positionalNames.length) fixUnavailable = 'the call has too many arguments';
      else {
        const edits: TextEdit[] = [];
        if (fn.type === 'attribute')
          edits.push({
            start: fn.childForFieldName('attribute')!.startIndex,
            end: fn.endIndex,
            newText: 'NamedTemporaryFile',
          });
        else {
          const imported = ensureImported(context, 'tempfile', 'NamedTemporaryFile', call);
          if (imported)
            edits.push(...imported.edits, { start: fn.startIndex, end: fn.endIndex, newText: 'NamedTemporaryFile' });
          else fixUnavailable = 'the name `NamedTemporaryFile` is already used for something else in this file';
        }
        // Positional arguments of mktemp are suffix, prefix, dir; NamedTemporaryFile takes them by keyword.
        positional.forEach((argument, i) =>
          edits.push({ start: argument.startIndex, end: argument.startIndex, newText: `${positionalNames[i]}=` }),
        );
        const close = args.lastChild!;
        const hasArguments = args.namedChildren.some((a) => a && a.type !== 'comment');
        edits.push({
          start: close.startIndex,
          end: close.startIndex,
          newText: hasArguments
            ? /,\s*$/.test(args.text.slice(0, -1))
              ? ' delete=False'
              : ', delete=False'
            : 'delete=False',
        });
        edits.push({ start: call.endIndex, end: call.endIndex, newText: '.name' });
        if (!fixUnavailable)
          fix = unsafeFix('Create the file with NamedTemporaryFile(delete=False)', 'creates the file at once', edits);
      }
      context.report({
        node: call,
        message:
          '`tempfile.mktemp` returns a name without creating the file: another process can create it (or a symbolic link) first. Use `NamedTemporaryFile(delete=False)` or `mkstemp()`, which create the file atomically.',
        confidence: 'high',
        fix,
        fixUnavailable,
      });
    },
  },
};

/** Calls that open the name as a file to write it, which an existing empty file does not change. */
const openers = new Set(['open', 'builtins.open', 'io.open', 'codecs.open']);
/** Calls that remove the file again. */
const removers = new Set(['os.remove', 'os.unlink']);

/**
 * Why the name must stay a name that does not exist yet, or undefined when it is only opened to be
 * written (or removed), or not used at all: a socket's `bind`, `os.mkfifo`, `os.mkdir`, a copy that
 * expects a new destination, and code this file cannot follow all fail or change once
 * NamedTemporaryFile has created the file.
 */
function nameUse(call: Node, context: RuleContext): string | undefined {
  const parent = call.parent;
  if (parent?.type === 'expression_statement') return undefined;
  if (parent?.type === 'argument_list') return fileUse(call, context);
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id) {
    const target = parent.childForFieldName('left');
    if (target?.type !== 'identifier') return 'the name is stored where this file cannot follow its uses';
    const scope = context.model.scopeOf(call);
    context.textOf(scope.startIndex, scope.endIndex);
    for (const use of identifiers(scope, target.text)) {
      if (use.id === target.id) continue;
      const problem = fileUse(use, context);
      if (problem) return problem;
    }
    return undefined;
  }
  return 'the name goes on to code this file cannot follow, which may expect it not to exist yet';
}

function* identifiers(node: Node, name: string): Generator<Node> {
  if (node.type === 'identifier' && node.text === name) yield node;
  for (const child of node.namedChildren) if (child) yield* identifiers(child, name);
}

/** Why this use of the name needs it not to exist, or undefined when it opens it for writing or removes it. */
function fileUse(use: Node, context: RuleContext): string | undefined {
  const args = use.parent;
  const call = args?.type === 'argument_list' ? args.parent : undefined;
  if (call?.type !== 'call')
    return `\`${(use.parent ?? use).text.slice(0, 60)}\` uses the name in a way that may need it not to exist yet; create the file with \`mkstemp()\` or a directory with \`mkdtemp()\` by hand`;
  const callee = context.model.calleeName(call) ?? call.childForFieldName('function')?.text ?? '';
  const first = args!.namedChildren.find((n) => n && n.type !== 'comment');
  const shown = call.text.length > 60 ? `${call.text.slice(0, 57)}...` : call.text;
  if (first?.id === use.id && openers.has(callee)) {
    const mode = argumentValue(call, 1, 'mode');
    const text = mode ? literalString(context.model, mode) : 'r';
    if (text !== undefined && /[wa]/.test(text) && !text.includes('x')) return undefined;
    return `\`${shown}\` does not open the name to write it: NamedTemporaryFile would hand it an existing empty file`;
  }
  if (first?.id === use.id && removers.has(callee)) return undefined;
  const socket =
    ['bind', 'connect', 'connect_ex'].includes(methodName(call) ?? '') ||
    /\bAF_UNIX\b/.test(context.textOf(call.startIndex, call.endIndex));
  if (socket)
    return `\`${shown}\` uses the name as a socket address, which must not exist yet: NamedTemporaryFile creates the file first ("Address already in use"); create a directory with \`tempfile.mkdtemp()\` and put the socket in it`;
  return `\`${shown}\` may expect the name not to exist yet (\`os.mkfifo\`, \`os.mkdir\`, a copy, a name passed on): NamedTemporaryFile creates the file first (FileExistsError); create a directory with \`tempfile.mkdtemp()\` and use a name inside it`;
}
