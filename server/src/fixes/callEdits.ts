/**
 * Edits to the arguments of a call, built from the tree so that a fix never splices text by hand
 * (like ESLint's `fixer`): append an argument, remove one.
 */
import type { Node } from '../parser/parser';
import type { TextEdit } from '../core/types';
import { argumentList, argumentsOf } from '../semantic/calls';

/**
 * The edit that appends `text` (such as `timeout=10`) as the call's last argument: after the last
 * argument, or after its trailing comma (`f(a, text,)`), or inside empty parentheses. Undefined
 * when the call's arguments are not a parenthesised list (`f(x for x in y)`), the list is not
 * closed (a file being typed), or a comment stands between the last argument and the `)`.
 */
export function appendArgument(call: Node, text: string): TextEdit | undefined {
  const list = argumentList(call);
  if (!list || list.type !== 'argument_list') return undefined;
  const close = list.lastChild;
  if (!close || close.text !== ')') return undefined;
  const args = argumentsOf(call);
  if (args.length === 0) return { start: close.startIndex, end: close.startIndex, newText: text };
  const last = args[args.length - 1];
  const between = list.text.slice(last.endIndex - list.startIndex, close.startIndex - list.startIndex);
  if (between.includes('#')) return undefined;
  const comma = between.indexOf(',');
  if (comma >= 0) return { start: last.endIndex + comma + 1, end: last.endIndex + comma + 1, newText: ` ${text},` };
  return { start: last.endIndex, end: last.endIndex, newText: `, ${text}` };
}

/** The edit that deletes one argument of a call together with the comma that separates it. */
export function removeArgument(argument: Node): TextEdit {
  const list = argument.parent!;
  const siblings = list.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  const index = siblings.findIndex((n) => n.id === argument.id);
  if (index > 0) return { start: siblings[index - 1].endIndex, end: argument.endIndex, newText: '' };
  const next = siblings[index + 1];
  if (next) return { start: argument.startIndex, end: next.startIndex, newText: '' };
  return { start: argument.startIndex, end: argument.endIndex, newText: '' };
}
