/**
 * ## What it does
 * Flags files opened, read, written or sent from a path that joins a base directory with a value
 * from a function parameter or request data (`os.path.join(BASE, name)`, `Path(base) / name`,
 * `f"{BASE}/{name}"`), or from request data alone, with no containment check before use.
 *
 * ## Why is this bad?
 * `name = "../../etc/passwd"` walks out of the base directory, and an absolute `name` replaces it
 * altogether: `os.path.join("/srv/files", "/etc/passwd")` is `/etc/passwd`. Comparing string
 * prefixes does not help either: `/var/app/files2` starts with `/var/app/files`.
 *
 * ## Example
 * ```python
 * def download(name):
 *     return open(os.path.join(UPLOAD_DIR, name), "rb").read()
 * ```
 *
 * ## Use instead
 * ```python
 * def download(name):
 *     candidate = os.path.join(UPLOAD_DIR, name)
 *     if not Path(candidate).resolve().is_relative_to(Path(UPLOAD_DIR).resolve()):
 *         raise ValueError("path escapes the base directory")
 *     return open(candidate, "rb").read()
 * ```
 * The check resolves the path (`..`, symlinks); the file opened is still the path as joined.
 *
 * ## References
 * - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Node } from '../../parser/parser';
import {
  ensureImported,
  freshName,
  importCycleBlocker,
  indentationAt,
  lineBreak,
  ownLineStatement,
  statementInsertionBlocker,
} from '../../fixes/python';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { describeFlow, flowSteps, isTestCode, judgeTaint } from '../shared';
import { operatorFamilies } from '../../semantic/taintCatalog';
import { argumentsOf, calledFunction, methodName, keywordValue } from '../../semantic/calls';
import { unsafeFix } from '../../fixes/fix';

const openers = new Set([
  'builtins.open',
  'io.open',
  'codecs.open',
  'flask.send_file',
  'starlette.responses.FileResponse',
  'fastapi.responses.FileResponse',
  'django.http.FileResponse',
  'os.remove',
  'os.unlink',
]);
const directorySenders = new Set(['flask.send_from_directory']);
const pathClasses = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.WindowsPath']);
const pathMethods = new Set([
  'read_text',
  'read_bytes',
  'write_text',
  'write_bytes',
  'open',
  'unlink',
  'rmdir',
  'iterdir',
  'touch',
  'rename',
  'replace',
  'symlink_to',
  'chmod',
]);

interface PathExpression {
  /** The base directory and the segments joined onto it, in order. */
  segments: Node[];
  /** True for `os.path.join`/`Path /` style joins (a base is known), false for a single path value. */
  joined: boolean;
}

/** Unwraps `.resolve()`, `str(...)`, `os.path.abspath(...)` and names assigned once to reach the join. */
function pathExpressionOf(node: Node, context: RuleContext, depth = 0): PathExpression | undefined {
  if (depth > 8) return undefined;
  const { model } = context;
  switch (node.type) {
    case 'parenthesized_expression':
      return node.namedChildren[0] ? pathExpressionOf(node.namedChildren[0], context, depth + 1) : undefined;
    case 'identifier': {
      const value = model.assignedValue(node);
      const resolved = value && pathExpressionOf(value, context, depth + 1);
      if (resolved?.joined) return resolved;
      return { segments: [node], joined: false };
    }
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left')!;
      const right = node.childForFieldName('right')!;
      if (operator === '/') {
        const base = pathExpressionOf(left, context, depth + 1);
        const leftSegments = base?.joined ? base.segments : [left];
        return { segments: [...leftSegments, right], joined: true };
      }
      break;
    }
    case 'call': {
      const callee = model.calleeName(node);
      const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter(
        (a): a is Node => !!a && a.type !== 'keyword_argument' && a.type !== 'comment',
      );
      if (
        callee === 'os.path.join' ||
        callee === 'posixpath.join' ||
        (callee && pathClasses.has(callee) && args.length > 1)
      ) {
        return args.length ? { segments: args, joined: args.length > 1 } : undefined;
      }
      if (callee && pathClasses.has(callee) && args.length === 1) return pathExpressionOf(args[0], context, depth + 1);
      if (
        callee === 'builtins.str' ||
        callee === 'os.path.abspath' ||
        callee === 'os.path.realpath' ||
        callee === 'os.path.normpath' ||
        callee === 'os.fspath'
      ) {
        return args[0] ? pathExpressionOf(args[0], context, depth + 1) : undefined;
      }
      const fn = node.childForFieldName('function');
      if (
        fn?.type === 'attribute' &&
        ['resolve', 'absolute', 'expanduser'].includes(fn.childForFieldName('attribute')?.text ?? '')
      ) {
        return pathExpressionOf(fn.childForFieldName('object')!, context, depth + 1);
      }
      break;
    }
  }
  const shape = model.stringShape(node);
  if (shape.isString && shape.holes.length > 0) {
    // f"{BASE}/{name}" or BASE + "/" + name: the holes are the segments.
    const segments = shape.holes.map((hole) => hole.expression);
    const onlySlashes = shape.parts.every((part) => part.kind === 'hole' || /^[/\\]*$/.test(part.text));
    if (onlySlashes && shape.parts[0]?.kind === 'hole') return { segments, joined: segments.length > 1 };
    return { segments: [node], joined: false };
  }
  return { segments: [node], joined: false };
}

/** The expression a sink call opens, and the node to replace with the contained path. */
function sinkPath(call: Node, context: RuleContext): { path: Node; directoryOnly: boolean; sink: string } | undefined {
  const callee = context.model.calleeName(call);
  // The first argument that is not `name=value` (a splat included).
  const positional = () => argumentsOf(call).find((a) => a.type !== 'keyword_argument');
  const keyword = (name: string) => keywordValue(call, name);
  if (callee && openers.has(callee)) {
    const path = positional() ?? keyword('file') ?? keyword('path') ?? keyword('path_or_file');
    // `FileResponse(open(p))` passes a file object: the `open` is the sink.
    if (path?.type === 'call' && openers.has(context.model.calleeName(path) ?? '')) return undefined;
    return path ? { path, directoryOnly: false, sink: callee.split('.').pop()! } : undefined;
  }
  if (callee && directorySenders.has(callee)) {
    const path = positional() ?? keyword('directory');
    return path ? { path, directoryOnly: true, sink: callee } : undefined;
  }
  const fn = calledFunction(call);
  if (fn && pathMethods.has(methodName(call) ?? '')) {
    const object = fn.childForFieldName('object')!;
    const expression = pathExpressionOf(object, context);
    // Only Path objects: `Path(...)`, `base / name`, or names assigned from them.
    const isPathValue = (node: Node): boolean => {
      const target = node.type === 'identifier' ? context.model.assignedValue(node) : node;
      if (!target) return false;
      if (target.type === 'binary_operator' && target.childForFieldName('operator')?.text === '/') return true;
      if (target.type === 'call') {
        const name = context.model.calleeName(target);
        if (name && pathClasses.has(name)) return true;
        const inner = target.childForFieldName('function');
        if (inner?.type === 'attribute' && inner.childForFieldName('attribute')?.text === 'resolve')
          return isPathValue(inner.childForFieldName('object')!);
      }
      if (target.type === 'parenthesized_expression' && target.namedChildren[0])
        return isPathValue(target.namedChildren[0]);
      return false;
    };
    if (expression && isPathValue(object))
      return { path: object, directoryOnly: false, sink: `Path.${fn.childForFieldName('attribute')!.text}` };
  }
  return undefined;
}

/**
 * Checks the path before the statement that opens it: the opened value stays exactly what it was
 * (the same `str` or `Path`, unresolved, so a symlink inside the folder opens the same file), and
 * only the check resolves it.
 */
function buildFix(call: Node, path: Node, segments: Node[], context: RuleContext): Fix | string {
  const blocker = statementInsertionBlocker(path);
  if (blocker) return blocker;
  const read = (start: number, end: number) => context.textOf(start, end);
  const statement = ownLineStatement(call, read);
  if (!statement) return 'the statement shares its line with other code';
  const base = segments[0];
  if (base.type === 'list_splat' || base.type === 'dictionary_splat')
    return 'the base directory is unpacked from a starred argument: there is no single folder to check against';
  if (base.type === 'call' && !pathClasses.has(context.model.calleeName(base) ?? ''))
    return 'the base directory is computed by a call that would run twice';
  if (base.type === 'string' && /^[rR]?[bB]/.test(base.text)) return 'the path is bytes, which `Path` does not accept';
  const pathName = ensureImported(context, 'pathlib', 'Path', call);
  if (!pathName) return 'the name `Path` is already used for something else in this file';
  const cycle = pathName.edits.length > 0 ? importCycleBlocker('pathlib', context.path) : undefined;
  if (cycle) return cycle;
  const eol = lineBreak(read);
  const indent = indentationAt(read, statement.startIndex);
  const step = indent.includes('\t') ? '\t' : '    ';
  // A name assigned before is checked as it is; anything else is computed once, into `candidate`.
  const named = path.type === 'identifier';
  const variable = named ? path.text : freshName((pattern) => context.textMatches(pattern), 'candidate');
  const inner =
    path.type === 'parenthesized_expression' && path.namedChildren.length === 1 ? path.namedChildren[0] : path;
  const value = /[\r\n]/.test(inner.text) ? `(${inner.text})` : inner.text;
  const baseText = base.type === 'call' ? base.text : `Path(${base.text})`;
  const lines = [
    ...(named ? [] : [`${variable} = ${value}`]),
    `if not Path(${variable}).resolve().is_relative_to(${baseText}.resolve()):`,
    `${step}raise ValueError("path escapes the base directory")`,
  ];
  const inserted = `${lines.join(`${eol}${indent}`)}${eol}${indent}`;
  const edits = [...pathName.edits, { start: statement.startIndex, end: statement.startIndex, newText: inserted }];
  if (!named) edits.push({ start: path.startIndex, end: path.endIndex, newText: variable });
  return unsafeFix('Add path containment', 'raises ValueError for a path outside the folder', edits);
}

export const pathTraversal: Rule = {
  meta: {
    id: 'PSG401',
    name: 'path-traversal',
    title: 'Path built from outside input without containment',
    defaultSeverity: 'error',
    cwe: 22,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Add path containment',
        applicability: 'unsafe',
        why: 'A path that resolves outside the folder now raises ValueError instead of being opened.',
      },
    ],
  },
  triggers: ['open', 'Path', 'send_', 'FileResponse', 'remove', 'unlink', 'read_', 'write_'],
  visitors: {
    call(call, context) {
      const sink = sinkPath(call, context);
      if (!sink) return;
      const expression = pathExpressionOf(sink.path, context);
      if (!expression) return;
      // A containment check, `basename()` or `secure_filename()` on the way makes the opened path itself safe.
      if (context.model.taintOf(sink.path, 'path').level === 'constant') return;
      const candidates = sink.directoryOnly
        ? expression.segments
        : expression.joined
          ? expression.segments.slice(1)
          : expression.segments;
      const verdict = judgeTaint(context, 'path', candidates, {
        reportUnknown: expression.joined && !sink.directoryOnly,
      });
      if (!verdict) return;
      // Opening the file named on the command line or in the environment is what such programs are for.
      if (!expression.joined && verdict.taint.source && operatorFamilies.has(verdict.taint.source.family)) return;
      // Test helpers open the files their own tests create; request data still counts there.
      if (verdict.confidence !== 'high' && isTestCode(context.model, call)) return;
      const scope = context.model.enclosingFunction(call) ?? context.model.root;
      const before = context.textOf(scope.startIndex, call.startIndex);
      const prefixCheck = /\.startswith\s*\(/.test(before)
        ? ' The `str.startswith` check before it does not contain a path: `/var/app/files2` starts with `/var/app/files`.'
        : '';
      let fix: Fix | undefined;
      let fixUnavailable: string | undefined;
      if (sink.directoryOnly)
        fixUnavailable = 'the directory itself comes from outside; choose it from a fixed set instead';
      else if (!expression.joined) fixUnavailable = 'there is no base directory to contain the path in';
      else {
        const built = buildFix(call, sink.path, expression.segments, context);
        if (typeof built === 'string') fixUnavailable = built;
        else fix = built;
      }
      context.report({
        node: sink.path,
        message: `${describeFlow(verdict, sink.sink)} without a containment check: \`../\` can escape the base directory.${prefixCheck}`,
        confidence: verdict.confidence,
        severity: verdict.severity,
        flow: flowSteps(verdict, call, sink.sink),
        fix,
        fixUnavailable,
      });
    },
  },
};
