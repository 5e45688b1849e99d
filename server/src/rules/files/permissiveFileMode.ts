/**
 * ## What it does
 * Flags `os.chmod`, `os.fchmod`, `os.lchmod` and `Path.chmod` given a mode that lets every user
 * write (`0o777`, `0o666`, `stat.S_IWOTH`). Modes given when creating a file or folder
 * (`os.open`, `os.mkdir`) are not flagged: the process umask still applies to them.
 *
 * ## Why is this bad?
 * A world-writable file can be changed by any local user or compromised service: a script gets
 * their commands, a config file their settings. A world-writable folder lets them replace files
 * inside it.
 *
 * ## Example
 * ```python
 * os.chmod(script_path, 0o777)
 * ```
 *
 * ## Use instead
 * ```python
 * os.chmod(script_path, 0o755)  # owner writes, others read and execute
 * ```
 *
 * ## References
 * - CWE-732: Incorrect Permission Assignment for Critical Resource
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import type { Rule } from '../../ruleApi/types';
import { isTestCode } from '../shared';
import { argumentValue, methodName } from '../../semantic/calls';
import { unsafeFix } from '../../fixes/fix';

const WORLD_WRITE = 0o002;
const statFlags: Record<string, number> = {
  S_IRWXU: 0o700,
  S_IRUSR: 0o400,
  S_IWUSR: 0o200,
  S_IXUSR: 0o100,
  S_IRWXG: 0o070,
  S_IRGRP: 0o040,
  S_IWGRP: 0o020,
  S_IXGRP: 0o010,
  S_IRWXO: 0o007,
  S_IROTH: 0o004,
  S_IWOTH: 0o002,
  S_IXOTH: 0o001,
  S_ISUID: 0o4000,
  S_ISGID: 0o2000,
  S_ISVTX: 0o1000,
};
/**
 * Mode argument position and keyword per call. Creation modes (`os.open`, `os.mkdir`) are masked by the umask, chmod's
 * are not.
 */
const modeCalls: Record<string, [number, string]> = {
  'os.chmod': [1, 'mode'],
  'os.fchmod': [1, 'mode'],
  'os.lchmod': [1, 'mode'],
};

/** The numeric value of a mode written as a literal or `stat` flags joined with `|`. */
function modeValue(node: Node, model: ModelView): number | undefined {
  if (node.type === 'integer') {
    const text = node.text.replace(/_/g, '').toLowerCase();
    const value = text.startsWith('0o')
      ? parseInt(text.slice(2), 8)
      : text.startsWith('0x')
        ? parseInt(text.slice(2), 16)
        : /^\d+$/.test(text)
          ? Number(text)
          : NaN;
    return Number.isNaN(value) ? undefined : value;
  }
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
    const left = modeValue(node.childForFieldName('left')!, model);
    const right = modeValue(node.childForFieldName('right')!, model);
    return left === undefined || right === undefined ? undefined : left | right;
  }
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return modeValue(node.namedChildren[0], model);
  const name = model.qualifiedName(node);
  if (name?.startsWith('stat.')) return statFlags[name.slice(5)];
  return undefined;
}

export const permissiveFileMode: Rule = {
  meta: {
    id: 'PSG412',
    name: 'permissive-file-mode',
    title: 'File or folder made writable by every user',
    defaultSeverity: 'warning',
    cwe: 732,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'files-created-safely',
    bandit: ['B103'],
    ruff: ['S103'],
    fixable: true,
    fixes: [
      {
        title: 'Remove write permission for others (<mode>)',
        applicability: 'unsafe',
        why: 'Other users can no longer write the file or folder.',
      },
    ],
  },
  triggers: ['chmod'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      const spec = callee
        ? modeCalls[callee]
        : methodName(call) === 'chmod'
          ? ([0, 'mode'] as [number, string])
          : undefined;
      if (!spec) return;
      const mode = argumentValue(call, spec[0], spec[1]);
      if (!mode) return;
      const value = modeValue(mode, context.model);
      if (value === undefined || (value & WORLD_WRITE) === 0 || isTestCode(context.model, call)) return;
      const safer = value & ~WORLD_WRITE;
      const fixable = mode.type === 'integer' && /^0o/i.test(mode.text);
      context.report({
        node: mode,
        message: `Mode \`${mode.text}\` (0o${value.toString(8)}) lets every user on the machine write to it. Drop the write bit for others (0o${safer.toString(8)}), or narrower still.`,
        confidence: 'high',
        fix: fixable
          ? unsafeFix(`Remove write permission for others (0o${safer.toString(8)})`, 'others can no longer write', [
              { start: mode.startIndex, end: mode.endIndex, newText: `0o${safer.toString(8)}` },
            ])
          : undefined,
        fixUnavailable: fixable ? undefined : 'the mode is not written as an octal literal',
      });
    },
  },
};
