import { Node, PythonParser, Span, capturesIn } from './parser';
import type { TextEdit } from '../core/types';

/**
 * What tree-sitter's Python grammar accepts and CPython rejects, among the shapes a fix can
 * produce: tree-sitter parses without an error node, so a fix checked only by re-parsing could
 * still write a program that does not compile. Each check names the CPython error it stands for.
 *
 * - a starred expression where CPython allows none: an operand (`Path(a) / *parts`), the whole
 *   right-hand side (`x = *a`), a parenthesized `(*a)`, a keyword's value;
 * - `**mapping` outside a call's arguments or a dict display;
 * - in a call's arguments: a positional argument after a keyword argument or after `**`, `*a`
 *   after `**b`, and the same keyword twice;
 * - a comment (or anything) after a line-continuation backslash.
 */
const STRICT_QUERY = '[(list_splat) (dictionary_splat) (argument_list) (line_continuation)] @node';

/** Parents where a starred expression `*x` may stand (3.11: a subscript too). */
const starredParents = new Set([
  'argument_list',
  'list',
  'tuple',
  'set',
  'expression_list',
  'subscript',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
]);

/** The first problem CPython would report among the nodes that intersect `ranges`, or undefined. */
export function strictSyntaxProblem(parser: PythonParser, root: Node, ranges: readonly Span[]): string | undefined {
  const query = parser.query(STRICT_QUERY);
  for (const range of ranges) {
    for (const node of capturesIn(query, root, range.start - 1, range.end + 1)) {
      const problem = problemOf(node);
      if (problem) return problem;
    }
  }
  return undefined;
}

function problemOf(node: Node): string | undefined {
  switch (node.type) {
    case 'list_splat': {
      const parent = node.parent;
      if (!parent || !starredParents.has(parent.type))
        return `can't use starred expression here (\`${clip(node.text)}\`)`;
      // `x = *a` is an expression list of one starred item without a trailing comma: tree-sitter gives the splat alone.
      return undefined;
    }
    case 'dictionary_splat': {
      const parent = node.parent;
      if (!parent || (parent.type !== 'argument_list' && parent.type !== 'dictionary'))
        return `invalid use of \`**\` (\`${clip(node.text)}\`)`;
      return undefined;
    }
    case 'argument_list':
      return argumentOrderProblem(node);
    case 'line_continuation':
      return /^\\\r?\n$|^\\\r$/.test(node.text) ? undefined : 'unexpected character after line continuation character';
    default:
      return undefined;
  }
}

function argumentOrderProblem(list: Node): string | undefined {
  let keyword = false;
  let mappingSplat = false;
  const names = new Set<string>();
  for (const argument of list.namedChildren) {
    if (!argument || argument.type === 'comment') continue;
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text ?? '';
      if (names.has(name)) return `keyword argument repeated: ${name}`;
      names.add(name);
      keyword = true;
    } else if (argument.type === 'dictionary_splat') mappingSplat = true;
    else if (argument.type === 'list_splat') {
      if (mappingSplat) return 'iterable argument unpacking follows keyword argument unpacking';
    } else if (mappingSplat) return 'positional argument follows keyword argument unpacking';
    else if (keyword) return 'positional argument follows keyword argument';
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Where `edits` (offsets into the text before them) land in the text after them. */
export function editedRanges(edits: readonly TextEdit[]): Span[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const ranges: Span[] = [];
  let shift = 0;
  for (const edit of sorted) {
    const start = edit.start + shift;
    ranges.push({ start, end: start + edit.newText.length });
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return ranges;
}
