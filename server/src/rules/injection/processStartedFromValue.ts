/**
 * ## What it does
 * Flags programs started without a shell whose program is not a constant: `os.exec*`,
 * `os.spawn*`, `os.posix_spawn*`, `pty.spawn`, `asyncio.create_subprocess_exec` and `subprocess`
 * calls without `shell=True` (those are PSG102's). A program of unknown origin is a
 * low-confidence finding (what Bandit's B606 reports); one that comes from the request, and an
 * argument that comes from the request while the program is fixed (option injection), are
 * reported at the confidence of that flow. `sys.executable` is not reported.
 *
 * ## Why is this bad?
 * Without a shell, values cannot add commands, but whoever chooses the program runs any binary,
 * and an argument starting with `-` becomes an option of the program (`--upload-pack=...` for
 * `git`, `-o ProxyCommand=...` for `ssh`, `--checkpoint-action=exec=...` for `tar`).
 *
 * ## Example
 * ```python
 * subprocess.run([request.args["tool"], path])
 * subprocess.run(["git", "clone", request.form["url"]])
 * ```
 *
 * ## Use instead
 * ```python
 * tools = {"lint": "/usr/bin/ruff", "format": "/usr/bin/black"}
 * subprocess.run([tools[request.args["tool"]], path])
 * subprocess.run(["git", "clone", "--", request.form["url"]])
 * ```
 * Choose the program from a fixed mapping, and end the options with `--` before values.
 *
 * ## References
 * - CWE-78: Improper Neutralization of Special Elements used in an OS Command
 * - CWE-88: Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { callArguments, keywordValue } from '../../semantic/calls';
import { describeFlow, flowSteps, isTestCode, judgeTaint, positionalArguments } from '../shared';

const subprocessCalls = new Set([
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.run',
]);
const execFunctions = /^os\.(?:exec(?:l|le|lp|lpe|v|ve|vp|vpe)|posix_spawnp?)$/;
const spawnFunctions = /^os\.spawn(?:l|le|lp|lpe|v|ve|vp|vpe)$/;

/** The program a call starts and the arguments after it, as nodes; undefined when the call starts no program. */
function started(call: Node, context: RuleContext): { program: Node; args: Node[]; sink: string } | undefined {
  const callee = context.model.calleeName(call);
  if (!callee) return undefined;
  const positional = positionalArguments(call);
  if (execFunctions.test(callee)) {
    if (!positional[0]) return undefined;
    const rest = positional.slice(1);
    const list = rest[0]?.type === 'list' || rest[0]?.type === 'tuple' ? rest[0].namedChildren : rest;
    return { program: positional[0], args: list.filter((n): n is Node => !!n).slice(1), sink: callee };
  }
  if (spawnFunctions.test(callee)) {
    if (!positional[1]) return undefined;
    const rest = positional.slice(2);
    const list = rest[0]?.type === 'list' || rest[0]?.type === 'tuple' ? rest[0].namedChildren : rest;
    return { program: positional[1], args: list.filter((n): n is Node => !!n).slice(1), sink: callee };
  }
  if (callee === 'asyncio.create_subprocess_exec') {
    if (!positional[0]) return undefined;
    return { program: positional[0], args: positional.slice(1), sink: callee };
  }
  if (callee === 'pty.spawn' || subprocessCalls.has(callee)) {
    const shell = keywordValue(call, 'shell');
    if (shell && shell.type !== 'false' && !(shell.type === 'integer' && shell.text === '0')) return undefined;
    const executable = keywordValue(call, 'executable');
    let args = callArguments(call).find(0, callee === 'pty.spawn' ? 'argv' : 'args');
    if (!args) return undefined;
    if (args.type === 'identifier') {
      const value = context.model.assignedValue(args);
      if (value?.type === 'list' || value?.type === 'tuple') args = value;
    }
    if (args.type === 'list' || args.type === 'tuple') {
      const items = args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      if (!items[0] || items[0].type === 'list_splat') return undefined;
      return { program: executable ?? items[0], args: items.slice(1), sink: callee };
    }
    return { program: executable ?? args, args: [], sink: callee };
  }
  return undefined;
}

export const processStartedFromValue: Rule = {
  meta: {
    id: 'PSG145',
    name: 'process-started-from-value',
    title: 'Program started without a shell from a value that is not a constant',
    defaultSeverity: 'warning',
    cwe: 78,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: ['B606'],
    ruff: ['S606'],
    fixable: false,
  },
  triggers: ['exec', 'spawn', 'subprocess', 'Popen', 'run', 'call', 'check_output'],
  visitors: {
    call(call, context) {
      const found = started(call, context);
      if (!found || isTestCode(context.model, call)) return;
      const { program, args, sink } = found;
      if (context.model.qualifiedName(program) === 'sys.executable') return;
      const verdict = judgeTaint(context, 'shell', [program]);
      if (verdict) {
        const what =
          verdict.taint.level === 'tainted'
            ? `${describeFlow(verdict, sink)} as the program to run`
            : `\`${sink}\` starts a program named by a value that is not a constant`;
        context.report({
          node: program,
          message: `${what}: whoever chooses it runs any binary with this process's rights. Pick the program from a fixed mapping of allowed tools.`,
          confidence: verdict.confidence,
          severity: verdict.severity,
          flow: flowSteps(verdict, call, sink),
          fixUnavailable: 'the allowed programs depend on the application',
        });
        return;
      }
      // A fixed program: only arguments that come from outside are worth a word (option injection).
      const argument = judgeTaint(context, 'shell', args, { reportUnknown: false });
      if (!argument) return;
      context.report({
        node: argument.culprit,
        message: `${describeFlow(argument, sink)} as an argument: a value starting with \`-\` becomes an option of the program (\`--upload-pack=...\`, \`-o ProxyCommand=...\`). Put \`--\` before values, or check that they do not start with \`-\`.`,
        confidence: argument.confidence === 'high' ? 'medium' : argument.confidence,
        flow: flowSteps(argument, call, sink),
        fixUnavailable: 'whether the program accepts `--` depends on the program',
      });
    },
  },
};
