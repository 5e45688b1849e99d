import { isAsciiWordCharacter } from '../../core/text';
import type { Node } from '../../parser/parser';

const MAX_MATCHES = 200;

/**
 * The calls in the file whose callee is written `name(...)` or `<receiver>.name(...)`, found from the
 * text (a name followed by `(`) and kept only where the tree says so: words in strings and comments
 * are not calls. Which function each call reaches is for the caller to decide. `capped`: the search
 * stopped at MAX_MATCHES places written like a call, anywhere in the text.
 */
export function callsNamed(
  root: Node,
  text: string,
  name: string,
  /** Where a call may be (by the name's offsets): a name elsewhere is not looked up in the tree. */
  mayHold: (start: number, end: number) => boolean = () => true,
): Node[] & { capped?: boolean } {
  const calls: Node[] & { capped?: boolean } = [];
  if (!name) return calls;
  // A plain search for the name, then a look around it: a pattern starting with a look-behind would try every offset.
  const followedByCall = /\s*\(/y;
  let matches = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at > 0 && isAsciiWordCharacter(text.charCodeAt(at - 1))) continue;
    followedByCall.lastIndex = at + name.length;
    if (!followedByCall.test(text)) continue;
    if (++matches > MAX_MATCHES) {
      calls.capped = true;
      break;
    }
    if (!mayHold(at, at + name.length)) continue;
    const identifier = root.descendantForIndex(at, at + name.length);
    if (identifier?.type !== 'identifier' || identifier.text !== name) continue;
    const parent = identifier.parent;
    if (parent?.type === 'call' && parent.childForFieldName('function')?.id === identifier.id) calls.push(parent);
    else if (
      parent?.type === 'attribute' &&
      parent.childForFieldName('attribute')?.id === identifier.id &&
      parent.parent?.type === 'call' &&
      parent.parent.childForFieldName('function')?.id === parent.id
    )
      calls.push(parent.parent);
  }
  return calls;
}

/**
 * Whether every occurrence of the word `name` in `text` (the text of a function's definition) is written like a call
 * (`name(`) or after a dot (`obj.name`), and none is a `def`'s or a `class`'s name: then no scope inside the function
 * binds the name (a parameter, an assignment, an import, `for`, `with`, `as`, `global`, a nested definition all write
 * it otherwise). False when a character next to an occurrence is not ASCII (the word's bounds are not known).
 */
export function onlyCalled(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = text.charCodeAt(at + name.length);
    if (before > 0x7f || after > 0x7f) return false;
    if (isAsciiWordCharacter(before) || isAsciiWordCharacter(after)) continue;
    let previous = at - 1;
    while (previous >= 0 && (text.charCodeAt(previous) === 32 || text.charCodeAt(previous) === 9)) previous--;
    if (previous >= 0 && text.charCodeAt(previous) === 46) continue;
    if (!/^[ \t]*\(/.test(text.slice(at + name.length, at + name.length + 40))) return false;
    if (/(?:^|[^\w])(?:def|class)[ \t]+$/.test(text.slice(Math.max(0, at - 20), at))) return false;
  }
  return true;
}

/** The function inside no other function whose body holds `node` (undefined at module level or in a class body). */
export function outermostFunction(node: Node): Node | undefined {
  let found: Node | undefined;
  for (let current = node.parent; current; current = current.parent) {
    const body = current.type === 'function_definition' ? current.childForFieldName('body') : undefined;
    if (body && node.startIndex >= body.startIndex && node.endIndex <= body.endIndex) found = current;
  }
  return found;
}

/** The statement that defines `fn`: its decorated definition when it has decorators, else `fn` itself. */
export function definitionStatement(fn: Node): Node {
  return fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
}

/** The class whose body defines `fn` directly (a method), else undefined. */
export function classOfMethod(fn: Node): Node | undefined {
  const block = definitionStatement(fn).parent;
  return block?.type === 'block' && block.parent?.type === 'class_definition' ? block.parent : undefined;
}

function decoratorNames(fn: Node): string[] {
  return fn.parent?.type === 'decorated_definition'
    ? fn.parent.namedChildren.filter((c): c is Node => c?.type === 'decorator').map((d) => d.text.replace(/^@\s*/, ''))
    : [];
}

/** Whether `fn` is decorated `@staticmethod`: its calls pass no instance or class before their arguments. */
export function staticMethod(fn: Node): boolean {
  return decoratorNames(fn).includes('staticmethod');
}

/** Whether `fn` is decorated `@classmethod`: its calls pass its class before their arguments. */
export function classMethod(fn: Node): boolean {
  return decoratorNames(fn).includes('classmethod');
}

/** The parameters of a function or lambda, in order, as written (identifiers, defaults, splats, separators). */
export function parameterNodes(fn: Node): Node[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? []).filter(
    (p): p is Node => !!p && p.type !== 'comment',
  );
}
