/**
 * ## What it does
 * Flags shell commands built from values that are not constants: `subprocess` calls with
 * `shell=True`, `os.system`, `os.popen`, `subprocess.getoutput`, `asyncio.create_subprocess_shell`
 * and Paramiko's `exec_command`. Also flags constant commands that pass a `*` wildcard to `chown`,
 * `chmod`, `tar` or `rsync` through a shell.
 *
 * ## Why is this bad?
 * The shell reads the whole string as a script. A value such as `x; rm -rf ~` or `$(curl evil)`
 * runs commands of the attacker's choosing. A wildcard expands to file names, and a file named
 * `--checkpoint-action=exec=sh x.sh` becomes an option of `tar`.
 *
 * ## Example
 * ```python
 * subprocess.run(f"convert {upload} out.png", shell=True)
 * os.system("ping -c 1 " + host)
 * ```
 *
 * ## Use instead
 * ```python
 * subprocess.run(["convert", upload, "out.png"], shell=False)
 * subprocess.run(["ping", "-c", "1", host])
 * ```
 * With a list of arguments no shell is involved, and each value stays one argument.
 *
 * ## References
 * - CWE-78: Improper Neutralization of Special Elements used in an OS Command
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import {
  argumentValue,
  calledFunction,
  keywordArgument,
  keywordValue,
  literalString,
  methodName,
} from '../../semantic/calls';
import { isTestCode, describeFlow, flowSteps, judgeTaint } from '../shared';
import { unsafeFix } from '../../fixes/fix';

/** Run their argument through a shell whatever the keywords say. */
const alwaysShell = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
]);
/** Run through a shell only with `shell=True`. */
const shellWhenAsked = new Set([
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.run',
]);
const wildcardCommands = /(?:^|[;&|]\s*|\s)(?:sudo\s+)?(?:chown|chmod|tar|rsync)\b[^;&|]*\*/;
/** Characters that mean something to the shell; a command containing none of them can be split on spaces. */
const plainWord = /^[A-Za-z0-9_\-./=:,@%+]+$/;

function isTrue(node: Node | undefined): boolean {
  return node?.type === 'true' || (node?.type === 'integer' && node.text !== '0');
}

/** The command a call runs through a shell, and how it is run, or undefined when no shell is involved. */
function shellCommand(call: Node, model: ModelView): { command: Node; sink: string; shellKeyword?: Node } | undefined {
  const callee = model.calleeName(call);
  if (callee && alwaysShell.has(callee)) {
    const command = argumentValue(call, 0, 'cmd') ?? argumentValue(call, 0, 'command');
    return command ? { command, sink: callee } : undefined;
  }
  if (callee && shellWhenAsked.has(callee)) {
    if (!isTrue(keywordValue(call, 'shell'))) return undefined;
    const command = argumentValue(call, 0, 'args');
    return command
      ? { command, sink: `${callee}(shell=True)`, shellKeyword: keywordArgument(call, 'shell') }
      : undefined;
  }
  if (methodName(call) === 'exec_command') {
    const receiver = model.resolvedPath(calledFunction(call)!.childForFieldName('object'));
    if (receiver?.startsWith('paramiko')) {
      const command = argumentValue(call, 0, 'command');
      return command ? { command, sink: 'paramiko exec_command' } : undefined;
    }
  }
  return undefined;
}

/**
 * The command as an argument list, when every piece is a plain word or a value that is one whole
 * word (bare, or alone in single quotes): then the shell would have split the string into exactly
 * these words. A value that holds several words (a joined list, text with spaces), a value glued to
 * other text, and constant text with anything the shell interprets (pipes, redirections, globs, `$`,
 * backticks, `;`, `&&`, quotes, `~`, an environment assignment) give no list.
 */
function argumentList(command: Node, context: RuleContext): string | string[] {
  if (command.type === 'identifier') return 'the command is built in another statement';
  const shape = context.model.stringShape(command);
  if (!shape.isString || !shape.exact) return 'the command could not be followed';
  if (shape.parts.some((part) => part.kind === 'text' && part.raw)) return 'the command uses a raw string';
  const words: string[] = [];
  let current: string[] = [];
  /** The word being built opened with a single quote that holds one value: `'` + value + `'`. */
  let quoted: 'open' | 'value' | undefined;
  const flush = () => {
    if (current.length) words.push(current.length === 1 ? current[0] : '');
    current = [];
  };
  for (const part of shape.parts) {
    if (part.kind === 'hole') {
      if (part.formatted || /[\r\n]/.test(part.expression.text))
        return 'a value is formatted on its way into the command';
      const several = severalWords(part.expression, context);
      if (several) return several;
      if (quoted === 'open') quoted = 'value';
      else if (quoted) return 'a quoted word holds more than one value';
      const text = part.expression.text;
      const integer = part.via === 'percent' && (part.conversion === 'd' || part.conversion === 'i');
      current.push(integer ? `str(int(${text}))` : part.via === 'concat' ? text : `str(${text})`);
      continue;
    }
    const pieces = part.text.split(/([ \t]+)/);
    for (let piece of pieces) {
      if (piece === '') continue;
      if (/^[ \t]+$/.test(piece)) {
        if (quoted) return 'a quoted word in the command mixes a value with other text';
        flush();
        continue;
      }
      // A value alone in single quotes is one word: '{path}'.
      if (quoted === 'value' && piece.startsWith("'")) {
        quoted = undefined;
        piece = piece.slice(1);
        if (piece === '') continue;
      }
      if (!quoted && piece.endsWith("'") && piece.indexOf("'") === piece.length - 1) {
        const head = piece.slice(0, -1);
        if (head !== '') {
          if (!plainWord.test(head)) return `\`${head}\` means something to the shell`;
          current.push(JSON.stringify(head));
        }
        quoted = 'open';
        continue;
      }
      if (quoted) return 'a quoted word in the command mixes a value with other text';
      if (!plainWord.test(piece)) return `\`${piece}\` means something to the shell`;
      current.push(JSON.stringify(piece));
    }
  }
  if (quoted) return 'a quoted word in the command mixes a value with other text';
  flush();
  if (words.some((word) => word === '')) return 'a value is glued to other text in one word';
  if (words.length === 0 || words[0].startsWith('str(') || !words[0].startsWith('"'))
    return 'the program itself is not a constant';
  if (words[0].includes('=')) return 'the command starts with an environment assignment';
  return words;
}

/** Why a value may be several words to the shell (which splits it), or undefined. */
function severalWords(expression: Node, context: RuleContext): string | undefined {
  const several = `\`${expression.text}\` may hold several words, which the shell splits into several arguments but a list would pass as one; build the list with the items themselves`;
  if (expression.type === 'call' && methodName(expression) === 'join') return several;
  const shape = context.model.stringShape(expression);
  if (shape.isString && (shape.holes.some((hole) => hole.via === 'join') || /\s/.test(shape.template('x'))))
    return several;
  return undefined;
}

function buildFix(command: Node, shellKeyword: Node | undefined, context: RuleContext): Fix | string {
  if (!shellKeyword) return 'this call always runs a shell; call `subprocess.run` with a list of arguments instead';
  const words = argumentList(command, context);
  if (typeof words === 'string') return words;
  return unsafeFix(
    'Pass an argument list without a shell',
    'no shell: pipes, globs and variables are no longer expanded',
    [
      { start: command.startIndex, end: command.endIndex, newText: `[${words.join(', ')}]` },
      { start: shellKeyword.startIndex, end: shellKeyword.endIndex, newText: 'shell=False' },
    ],
  );
}

export const shellCommandInjection: Rule = {
  meta: {
    id: 'PSG102',
    name: 'shell-command-injection',
    title: 'Shell command built from values',
    defaultSeverity: 'error',
    cwe: 78,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: ['B601', 'B602', 'B605', 'B609'],
    ruff: ['S601', 'S602', 'S605', 'S609'],
    fixable: true,
    fixes: [
      {
        title: 'Pass an argument list without a shell',
        applicability: 'unsafe',
        why: 'No shell runs: pipes, globs, variables and quoting in the command are no longer interpreted.',
      },
    ],
  },
  triggers: ['shell', 'system', 'popen', 'getoutput', 'exec_command', 'getstatusoutput'],
  visitors: {
    call(call, context) {
      const found = shellCommand(call, context.model);
      if (!found) return;
      const { command, sink } = found;
      if (isTestCode(context.model, call)) return;
      const literal = literalString(context.model, command);
      if (literal !== undefined || command.type === 'list' || command.type === 'tuple') {
        const text =
          literal ??
          (command.type === 'list' || command.type === 'tuple'
            ? literalString(context.model, command.namedChildren[0] ?? undefined)
            : undefined);
        if (text !== undefined && wildcardCommands.test(text)) {
          context.report({
            node: command,
            message: `The shell expands \`*\` in this \`${sink}\` command to file names, and a file named like an option (\`--checkpoint-action=...\`, \`--reference=...\`) becomes one. Pass \`--\` before the file names, or list the files in Python.`,
            confidence: 'low',
          });
        }
        if (command.type !== 'list' && command.type !== 'tuple') return;
      }
      // A list under shell=True runs its first element as the script.
      const script = command.type === 'list' || command.type === 'tuple' ? command.namedChildren[0] : command;
      if (!script) return;
      const verdict = judgeTaint(context, 'shell', [script]);
      if (!verdict) return;
      const built =
        command === script
          ? buildFix(command, found.shellKeyword, context)
          : 'the command is a list whose first item is the shell script';
      const what =
        verdict.taint.level === 'tainted'
          ? `${describeFlow(verdict, sink)}, which runs it as a command through a shell`
          : `\`${sink}\` runs a command built from a value that is not a constant through a shell`;
      context.report({
        node: command,
        message: `${what}: a value with \`;\`, \`|\` or \`$(...)\` runs other commands. Pass a list of arguments without a shell.`,
        confidence: verdict.confidence,
        severity: verdict.severity,
        flow: flowSteps(verdict, call, sink),
        fix: typeof built === 'string' ? undefined : built,
        fixUnavailable: typeof built === 'string' ? built : undefined,
      });
    },
  },
};
