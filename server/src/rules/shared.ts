import type { Node } from '../engine/parser';
import type { SemanticModel } from '../semantic/model';
import type { Hole, HoleVia } from '../semantic/strings';
import type { Confidence, TextEdit } from './types';

const viaWords: Record<HoleVia, string> = {
  fstring: 'an f-string',
  percent: '`%` formatting',
  format: '`.format()`',
  concat: '`+` concatenation',
  join: '`.join()`',
};

/** "with an f-string from `name` and `user.id`": how values went in, and which. */
export function describeHoles(holes: readonly Hole[]): string {
  const vias = [...new Set(holes.map((hole) => viaWords[hole.via]))];
  const names = [...new Set(holes.map((hole) => hole.expression.text.replace(/\s+/g, ' ')))].map((text) => (text.length > 40 ? `${text.slice(0, 37)}...` : text));
  const shown = names.slice(0, 3).map((name) => `\`${name}\``).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return `with ${vias.join(' and ')} from ${shown}`;
}

/** High when a value demonstrably comes from outside (request data, `input()`), medium from a parameter, low otherwise. */
export function originConfidence(model: SemanticModel, holes: readonly Hole[]): Confidence {
  let confidence: Confidence = 'low';
  for (const hole of holes) {
    const origins = model.origins(hole.expression);
    if (origins.has('request') || origins.has('input')) return 'high';
    if (origins.has('parameter')) confidence = 'medium';
  }
  return confidence;
}

/** True when every hole's value is built only from constants (`"a" + str(10)`). */
export function onlyConstants(model: SemanticModel, holes: readonly Hole[]): boolean {
  return holes.every((hole) => {
    const origins = model.origins(hole.expression);
    return origins.size === 1 && origins.has('constant');
  });
}

/** Keyword argument `name=` of a call, as its value node. */
export function keywordArgument(call: Node, name: string): Node | undefined {
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type === 'keyword_argument' && argument.childForFieldName('name')?.text === name) return argument.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** The keyword_argument node `name=...` itself. */
export function keywordArgumentNode(call: Node, name: string): Node | undefined {
  return keywordArgument(call, name)?.parent ?? undefined;
}

/** Positional arguments of a call (no keywords, splats or comments). */
export function positionalArguments(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
    (a): a is Node => !!a && a.type !== 'keyword_argument' && a.type !== 'comment' && a.type !== 'list_splat' && a.type !== 'dictionary_splat',
  );
}

/** The `index`-th positional argument, or the keyword `name`. */
export function argumentAt(call: Node, index: number, name?: string): Node | undefined {
  return positionalArguments(call)[index] ?? (name ? keywordArgument(call, name) : undefined);
}

/** True when the call passes `*args` or `**kwargs`, which may carry any keyword. */
export function hasSplat(call: Node): boolean {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a?.type === 'list_splat' || a?.type === 'dictionary_splat');
}

/** True when every value that may reach `node` is a constant as far as the file shows. */
export function isConstantValue(model: SemanticModel, node: Node): boolean {
  const origins = model.origins(node);
  return origins.size === 1 && origins.has('constant');
}

/** Confidence from where a value comes from: high from outside, medium from a parameter, low when merely not constant. */
export function valueConfidence(model: SemanticModel, node: Node): Confidence {
  const origins = model.origins(node);
  if (origins.has('request') || origins.has('input')) return 'high';
  if (origins.has('parameter')) return 'medium';
  return 'low';
}

/** The literal text of a plain string (no interpolation), or undefined. */
export function constantString(model: SemanticModel, node: Node | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return undefined;
  const shape = model.stringShape(node);
  if (!shape.isString || shape.holes.length > 0 || !shape.exact) return undefined;
  return shape.template();
}

/** The method name when `call` is `something.method(...)`. */
export function methodName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

/** The name a value is given (assignment target, keyword) or the enclosing function's name: the words that say what it is for. */
export function purposeWords(node: Node, model: SemanticModel): string {
  const words: string[] = [];
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'assignment' || current.type === 'augmented_assignment') words.push(current.childForFieldName('left')?.text ?? '');
    else if (current.type === 'keyword_argument') words.push(current.childForFieldName('name')?.text ?? '');
    else if (current.type === 'pair') words.push(current.childForFieldName('key')?.text ?? '');
    else if (current.type === 'return_statement' || /_statement$/.test(current.type)) break;
  }
  const fn = model.enclosingFunction(node);
  if (fn) words.push(fn.childForFieldName('name')?.text ?? '');
  return words.join(' ');
}

/** Inserts ` text` as the last argument of a call, handling a trailing comma and an empty list. */
export function appendArgument(call: Node, text: string): TextEdit | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const close = args.lastChild;
  if (!close || close.text !== ')') return undefined;
  const items = args.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment');
  if (items.length === 0) return { start: close.startIndex, end: close.startIndex, newText: text };
  const last = items[items.length - 1];
  const between = args.text.slice(last.endIndex - args.startIndex, close.startIndex - args.startIndex);
  if (between.includes('#')) return undefined;
  const comma = between.indexOf(',');
  if (comma >= 0) return { start: last.endIndex + comma + 1, end: last.endIndex + comma + 1, newText: ` ${text},` };
  return { start: last.endIndex, end: last.endIndex, newText: `, ${text}` };
}

const testModules = ['unittest', 'pytest', 'test.support', 'hypothesis', 'nose'];

/**
 * True for test code: a file that imports a test framework, or code inside a `test_*` function,
 * a `Test*` class or a `setUp` method. Tests disable TLS checks and use fake passwords on purpose.
 */
export function isTestCode(model: SemanticModel, node: Node): boolean {
  if ([...model.importedModules].some((module) => testModules.some((test) => module === test || module.startsWith(`${test}.`)))) return true;
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'class_definition') {
      const name = current.childForFieldName('name')?.text ?? '';
      if (/^test|^Test|_test$|Tests?$|^setUp/.test(name)) return true;
    }
  }
  return false;
}
