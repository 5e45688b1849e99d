/**
 * ## What it does
 * Flags untrusted data written into a Python source file (`*.py`) or into a template folder:
 * `open(path, "w").write(data)` (also through `with ... as f`), `Path(path).write_text(data)` and
 * an upload's `save(path)`, where the path names a `.py` file or a `templates` folder (or the
 * app's `template_folder`) and the data comes from a request or another untrusted source.
 *
 * ## Why is this bad?
 * The application imports its `.py` files and renders its templates: a file written there with
 * the sender's content runs the sender's code the next time it is imported, or at the next
 * render (`{{ cycler.__init__.__globals__.os.popen("id").read() }}` in Jinja). Plugin uploads,
 * "custom template" features and config editors are the usual way in.
 *
 * ## Example
 * ```python
 * with open(f"templates/custom/{name}.html", "w") as f:
 *     f.write(request.form["body"])
 * ```
 *
 * ## Use instead
 * ```python
 * with open(os.path.join(USER_CONTENT_DIR, secure_filename(name)), "w") as f:
 *     f.write(request.form["body"])
 * ```
 * Keep user content out of code and template folders, and render it as data (a template
 * variable), never as a template.
 *
 * ## References
 * - CWE-94: Improper Control of Generation of Code ('Code Injection')
 * - CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { callArguments, calledFunction, methodName } from '../../semantic/calls';
import { describeFlow, isTestCode, reportTaintedSink } from '../shared';

const pathConstructors = /^(?:pathlib\.(?:Pure)?(?:Posix|Windows)?Path)$/;

/** What the path names when it is code or templates: "a Python file", "a template folder". */
function codeLocation(path: Node, context: RuleContext): string | undefined {
  let node = path;
  if (node.type === 'identifier') node = context.model.assignedValue(node) ?? node;
  const shape = context.model.stringShape(node);
  const text = shape.isString ? shape.template('{}') : '';
  const written = context.textOf(node.startIndex, node.endIndex);
  if (/\.pyw?(?:\{\}|$)/.test(text) || /\.py["']\s*\)?$/.test(written)) return 'a Python source file';
  if (
    /(?:^|[/\\])templates?[/\\]/i.test(text) ||
    /["'](?:[^"'\n]*[/\\])?templates?[/\\]|template_folder|template_dir|TEMPLATES?_(?:DIR|PATH|FOLDER)/i.test(written)
  )
    return 'a template folder';
  return undefined;
}

/** The path a file handle was opened on for writing, or undefined. */
function openedForWriting(handle: Node | null | undefined, context: RuleContext): Node | undefined {
  if (!handle) return undefined;
  let opener: Node | undefined = handle;
  if (handle.type === 'identifier') {
    const binding = context.model.bindingAt(handle.text, handle);
    opener = binding && (binding.kind === 'with' || binding.kind === 'assignment') ? binding.value : undefined;
  }
  if (opener?.type !== 'call') return undefined;
  const callee = context.model.calleeName(opener);
  if (callee !== 'builtins.open' && callee !== 'io.open' && callee !== 'codecs.open') return undefined;
  const mode = callArguments(opener).find(1, 'mode');
  if (!mode || !/["'][^"']*[wax+]/.test(mode.text)) return undefined;
  return callArguments(opener).find(0, 'file') ?? callArguments(opener).find(0, 'filename');
}

export const codeWrittenToFile: Rule = {
  meta: {
    id: 'PSG144',
    name: 'code-written-to-file',
    title: 'Untrusted data written into code or templates',
    defaultSeverity: 'error',
    cwe: 94,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['write', 'save'],
  visitors: {
    call(call, context) {
      const method = methodName(call);
      if (method !== 'write' && method !== 'write_text' && method !== 'write_bytes' && method !== 'save') return;
      const receiver = calledFunction(call)?.childForFieldName('object');
      let path: Node | undefined;
      let content: Node | undefined;
      if (method === 'write') {
        path = openedForWriting(receiver, context);
        content = callArguments(call).find(0);
      } else if (method === 'save') {
        // An upload saved under a path: the upload is the content.
        path = callArguments(call).find(0, 'dst');
        content = receiver ?? undefined;
      } else if (receiver?.type === 'call' && pathConstructors.test(context.model.calleeName(receiver) ?? '')) {
        path = callArguments(receiver).find(0);
        content = callArguments(call).find(0, 'data');
      }
      if (!path || !content || isTestCode(context.model, call)) return;
      const where = codeLocation(path, context);
      if (!where) return;
      reportTaintedSink(context, {
        kind: 'code',
        values: [content],
        sink: call,
        node: call,
        reportUnknown: false,
        message: (verdict, label) =>
          `${describeFlow(verdict, label)} and is written into ${where}: the application runs it the next time it imports or renders that file. Keep user content out of code and template folders and treat it as data.`,
        fixUnavailable: 'where user content should live depends on the application',
      });
    },
  },
};
