import type { Node } from '../../parser/parser';
import type { RuleContext } from '../../ruleApi/types';
import { argumentsOf, calledFunction, methodName } from '../../semantic/calls';

/** Calls that write an upload to disk, and which of their arguments is the destination. */
export function uploadDestination(call: Node, context: RuleContext): { destination: Node; saved?: Node } | undefined {
  const saves = methodName(call) === 'save';
  // `x.save(...)` never resolves to `open`: the arguments are read only for the two kinds of call.
  if (!saves) {
    const callee = context.model.calleeName(call);
    if (callee !== 'builtins.open' && callee !== 'io.open') return undefined;
  }
  const args = argumentsOf(call);
  const first =
    args.find((a) => a.type !== 'keyword_argument') ??
    args.find((a) => a.childForFieldName('name')?.text === 'dst')?.childForFieldName('value') ??
    undefined;
  if (!first) return undefined;
  if (saves) return { destination: first, saved: calledFunction(call)?.childForFieldName('object') ?? undefined };
  const mode =
    args.filter((a) => a.type !== 'keyword_argument')[1] ??
    args.find((a) => a.childForFieldName('name')?.text === 'mode')?.childForFieldName('value');
  if (mode && /[wax]/.test(mode.text)) return { destination: first };
  return undefined;
}

/** The node a name was last given: an assignment's value or a `for` loop's iterable. */
function valueOf(identifier: Node, context: RuleContext): Node | undefined {
  const binding = context.model.bindingAt(identifier.text, identifier);
  if (binding && (binding.kind === 'assignment' || binding.kind === 'loop' || binding.kind === 'with'))
    return binding.value;
  return undefined;
}

/** True when `node` holds a file from `request.files` (Flask, Quart) as far as the file shows. */
export function isRequestFile(node: Node, context: RuleContext, depth = 0): boolean {
  if (depth > 6) return false;
  if (node.type === 'identifier') {
    const value = valueOf(node, context);
    if (value) return isRequestFile(value, context, depth + 1);
    return false;
  }
  return /\brequest\.files\b/.test(node.text) && context.model.origins(node).has('request');
}

const safeNamers = new Set([
  'werkzeug.utils.secure_filename',
  'werkzeug.secure_filename',
  'uuid.uuid4',
  'uuid.uuid1',
  'secrets.token_hex',
  'secrets.token_urlsafe',
  'tempfile.mkstemp',
]);

const uploadNames =
  /(?:^|_)(?:f|fs|file|files|upload|uploaded|attachment|document|doc|image|img|photo|avatar|picture|storage)(?:_|$)|(?:file|upload|attachment)$/i;

/** An object whose `.filename` is a client's: request data, or a name that says it is an uploaded file. */
function looksLikeUpload(object: Node, context: RuleContext): boolean {
  if (context.model.origins(object).has('request')) return true;
  const name =
    object.type === 'attribute'
      ? object.childForFieldName('attribute')?.text
      : object.type === 'identifier'
        ? object.text
        : undefined;
  return !!name && !/^(?:self|cls)$/.test(name) && uploadNames.test(name);
}

/** The first `x.filename` (the name the client sent) that reaches `node` unsanitized. */
export function clientFilenameIn(node: Node, context: RuleContext, depth = 0): Node | undefined {
  if (depth > 8) return undefined;
  switch (node.type) {
    case 'attribute': {
      const object = node.childForFieldName('object');
      if (node.childForFieldName('attribute')?.text === 'filename' && object && looksLikeUpload(object, context))
        return node;
      return undefined;
    }
    case 'identifier': {
      const value = context.model.assignedValue(node);
      return value ? clientFilenameIn(value, context, depth + 1) : undefined;
    }
    case 'call': {
      const callee = context.model.calleeName(node);
      if (callee && safeNamers.has(callee)) return undefined;
      const fn = node.childForFieldName('function');
      if (fn && /(?:^|\.)secure_filename$/.test(fn.text)) return undefined;
      break;
    }
  }
  for (const child of node.namedChildren) {
    if (!child) continue;
    const found = clientFilenameIn(child, context, depth + 1);
    if (found) return found;
  }
  return undefined;
}
