/**
 * ## What it does
 * Flags XPath expressions built from values that are not constants: lxml's `xpath()`, `XPath()`,
 * `ETXPath()` and `XPathEvaluator`, ElementTree's `find`/`findall`/`iterfind`/`findtext`, and
 * `elementpath`'s `select`, `iter_select`, `Selector` and parsers. Values bound as XPath variables
 * (`$name`) are not part of the expression and are not reported.
 *
 * ## Why is this bad?
 * A value spliced into an XPath expression becomes XPath. A user name such as `' or '1'='1`
 * turns `//user[@name='...']` into a test that every node passes, and a login that looks users up
 * this way lets anyone in; other values read parts of the document they should not see.
 *
 * ## Example
 * ```python
 * user = root.xpath(f"//user[@name='{name}']")
 * ```
 *
 * ## Use instead
 * ```python
 * user = root.xpath("//user[@name=$name]", name=name)
 * ```
 * lxml binds `name` as an XPath string: quotes in it are data. ElementTree's `find` has no
 * variables: check the value against an allowlist, or use lxml.
 *
 * ## References
 * - CWE-643: Improper Neutralization of Data within XPath Expressions ('XPath Injection')
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Hole, StringShape, TextPart } from '../../semantic/strings';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { renderStringLiteral } from '../../fixes/python';
import { safeFix } from '../../fixes/fix';
import { appendArgument } from '../../fixes/callEdits';
import { callArguments, calledFunction, hasSplat, keywordArgument, methodName } from '../../semantic/calls';
import { describeFlow, isTestCode, reportTaintedSink } from '../shared';

/** Modules whose trees have ElementTree's `find` family. */
const treeModules = /^(?:xml\.etree\.(?:c?ElementTree|ElementPath)|lxml\.etree|defusedxml\.(?:c?ElementTree|lxml))\b/;
const findMethods = new Set(['find', 'findall', 'iterfind', 'findtext']);
const evaluators = /^lxml\.etree\.(?:XPathEvaluator|XPathElementEvaluator|XPathDocumentEvaluator)\(\)$/;
const elementpathParsers = /^elementpath\.(?:XPath[123]\dParser|XPath[123]Parser)\(\)$/;
/** Keywords of `xpath()` and evaluators that are not XPath variables. */
const reservedKeywords = new Set(['_path', 'namespaces', 'extensions', 'smart_strings', 'regexp']);

interface XPathSink {
  expression: Node;
  /** Takes `name=value` keywords as XPath variables (lxml's `xpath()` and evaluators). */
  variables: boolean;
  /** Why no fix is offered when the sink takes no variables. */
  noVariables?: string;
}

/** The expression a call evaluates as XPath, or undefined when the call is not an XPath API. */
function xpathSink(call: Node, context: RuleContext): XPathSink | undefined {
  const { model } = context;
  const callee = model.calleeName(call);
  if (callee === 'lxml.etree.XPath' || callee === 'lxml.etree.ETXPath') {
    const expression = callArguments(call).find(0, 'path');
    return expression
      ? {
          expression,
          variables: false,
          noVariables: `\`${callee.slice(11)}\` compiles the expression once: bind variables when it is called`,
        }
      : undefined;
  }
  if (callee === 'elementpath.select' || callee === 'elementpath.iter_select') {
    const expression = callArguments(call).find(1, 'path');
    return expression
      ? { expression, variables: false, noVariables: 'pass the value in `variables={...}` and use `$name`' }
      : undefined;
  }
  if (callee === 'elementpath.Selector') {
    const expression = callArguments(call).find(0, 'path');
    return expression
      ? { expression, variables: false, noVariables: 'pass the value in `variables={...}` and use `$name`' }
      : undefined;
  }
  const fn = calledFunction(call);
  const method = methodName(call);
  if (method === 'xpath') {
    const expression = callArguments(call).find(0, '_path');
    return expression ? { expression, variables: true } : undefined;
  }
  const path = model.resolvedPath(fn);
  if (path && evaluators.test(path)) {
    const expression = callArguments(call).find(0, '_path');
    return expression ? { expression, variables: true } : undefined;
  }
  if (method === 'evaluate' || method === 'parse') {
    const receiver = model.resolvedPath(fn?.childForFieldName('object'));
    if (receiver && (evaluators.test(receiver) || (method === 'parse' && elementpathParsers.test(receiver)))) {
      const expression = callArguments(call).find(0, '_path') ?? callArguments(call).find(0, 'source');
      return expression ? { expression, variables: method === 'evaluate' } : undefined;
    }
    return undefined;
  }
  if (method && findMethods.has(method)) {
    const expression = callArguments(call).find(0, 'path');
    if (!expression) return undefined;
    const noVariables =
      "ElementTree's path language has no variables: check the value against an allowlist, or use lxml's `xpath()` with a bound variable";
    const receiver = model.resolvedPath(fn?.childForFieldName('object'));
    if (receiver) return treeModules.test(receiver) ? { expression, variables: false, noVariables } : undefined;
    // A receiver the file does not show (a loop variable, a parameter): an XML tree only when the file works with
    // one and the argument reads like a path (`str.find` and regular expressions take other text).
    if (![...model.importedModules].some((module) => treeModules.test(module) || module === 'lxml')) return undefined;
    const shape = model.stringShape(expression);
    if (!shape.isString || !/[/[@]/.test(shape.template(''))) return undefined;
    return { expression, variables: false, noVariables };
  }
  return undefined;
}

/** Where each hole sits in the XPath text: alone inside a quoted literal (`'{x}'`), or elsewhere. */
function quotedHoles(shape: StringShape): Map<Hole, { quote: string }> | string {
  const found = new Map<Hole, { quote: string }>();
  let open: string | undefined;
  /** The literal opened right before the hole and holds nothing else yet. */
  let fresh = false;
  let pending: Hole | undefined;
  for (const part of shape.parts) {
    if (part.kind === 'hole') {
      if (!open) return `\`${part.expression.text}\` is not inside a quoted string of the expression`;
      if (!fresh || pending) return 'a quoted string of the expression mixes a value with other text';
      pending = part;
      continue;
    }
    for (const ch of part.text) {
      if (open) {
        if (ch === open) {
          if (pending) found.set(pending, { quote: open });
          open = undefined;
          pending = undefined;
          fresh = false;
        } else {
          if (pending) return 'a quoted string of the expression mixes a value with other text';
          fresh = false;
        }
      } else if (ch === "'" || ch === '"') {
        open = ch;
        fresh = true;
      }
    }
  }
  if (open || pending) return 'the expression has an unclosed quote';
  return found;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Rewrites `"...[@n='{x}']"` to `"...[@n=$x]"` with `x=str(x)` passed to `xpath()`. */
function bindVariables(call: Node, expression: Node, context: RuleContext): Fix | string {
  const shape = context.model.stringShape(expression);
  if (!shape.isString || !shape.exact) return 'the expression could not be followed';
  if (shape.spansStatements || expression.type === 'identifier') return 'the expression is built in another statement';
  if (hasSplat(call)) return 'the call passes `**kwargs`, which may already name the variables';
  if (shape.holes.some((hole) => hole.formatted || hole.via === 'join'))
    return 'a value is formatted on its way into the expression';
  const quoted = quotedHoles(shape);
  if (typeof quoted === 'string') return quoted;
  const template = shape.template('');
  const names = new Map<string, string>();
  const taken = (name: string) =>
    reservedKeywords.has(name) ||
    !!keywordArgument(call, name) ||
    new RegExp(`\\$${name}\\b`).test(template) ||
    [...names.values()].includes(name);
  const texts: string[] = [];
  const textParts: TextPart[] = [];
  const bound: string[] = [];
  /** The closing quote of a bound value's string, to drop from the next text. */
  let dropNext = false;
  for (const part of shape.parts) {
    if (part.kind === 'text') {
      const text = dropNext ? part.text.slice(1) : part.text;
      dropNext = false;
      const last = textParts[textParts.length - 1];
      if (last && last.quote === part.quote && last.raw === part.raw) texts[texts.length - 1] += text;
      else {
        textParts.push(part);
        texts.push(text);
      }
      continue;
    }
    if (!quoted.has(part) || !texts.length) return `\`${part.expression.text}\` is not a whole quoted string`;
    const source = part.expression.text;
    let name = names.get(source);
    if (!name) {
      const base = part.expression.type === 'identifier' && identifier.test(source) ? source : 'value';
      name = base;
      for (let i = 2; taken(name); i++) name = `${base}_${i}`;
      names.set(source, name);
      bound.push(`${name}=${part.via === 'concat' ? source : `str(${source})`}`);
    }
    // The opening quote goes; `$name` takes the string's place.
    texts[texts.length - 1] = `${texts[texts.length - 1].slice(0, -1)}$${name}`;
    dropNext = true;
  }
  const literal = renderStringLiteral(textParts, texts);
  if (!literal) return 'the expression mixes raw and escaped string literals';
  const append = appendArgument(call, bound.join(', '));
  if (!append) return 'the arguments of the call could not be extended';
  return safeFix('Bind the values as XPath variables', [
    { start: expression.startIndex, end: expression.endIndex, newText: literal },
    append,
  ]);
}

export const xpathInjection: Rule = {
  meta: {
    id: 'PSG140',
    name: 'xpath-injection',
    title: 'XPath expression built from values',
    defaultSeverity: 'error',
    cwe: 643,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Bind the values as XPath variables',
        applicability: 'safe',
        why: "Each value that filled a whole quoted string (`'{name}'`) is passed to `xpath()` as a variable (`$name`) holding the same text (`str(value)`): the same nodes match, and quotes in the value can no longer end the string.",
      },
    ],
  },
  triggers: ['xpath', 'XPath', 'find', 'elementpath'],
  visitors: {
    call(call, context) {
      const sink = xpathSink(call, context);
      if (!sink || isTestCode(context.model, call)) return;
      reportTaintedSink(context, {
        kind: 'xpath',
        values: [sink.expression],
        sink: call,
        message: (verdict, label) => {
          const what =
            verdict.taint.level === 'tainted'
              ? `${describeFlow(verdict, label)}, which evaluates it as XPath`
              : `\`${label}\` evaluates an XPath expression built from a value that is not a constant`;
          return `${what}: a quote in the value ends the string and adds XPath of its own (\`' or '1'='1\`). Bind the value as an XPath variable (\`$name\`).`;
        },
        fix: () =>
          sink.variables
            ? bindVariables(call, sink.expression, context)
            : (sink.noVariables ?? 'this API takes no XPath variables'),
      });
    },
  },
};
