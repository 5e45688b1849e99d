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
 * - a comment (or anything) after a line-continuation backslash;
 * - a statement indented unlike the statements beside it in its block (`misindentedAt`).
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

/**
 * The first problem CPython would report among the nodes that intersect `ranges`, or undefined. With `text` (the
 * tree's), also a statement at the start or the end of a range indented unlike the statements beside it.
 */
export function strictSyntaxProblem(
  parser: PythonParser,
  root: Node,
  ranges: readonly Span[],
  text?: string,
): string | undefined {
  const query = parser.query(STRICT_QUERY);
  for (const range of ranges) {
    for (const node of capturesIn(query, root, range.start - 1, range.end + 1)) {
      const problem = problemOf(node);
      if (problem) return problem;
    }
    if (text !== undefined && misindentedAt(root, text, [range.start, range.end]))
      return 'a statement is indented unlike the statements beside it (IndentationError)';
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

/**
 * Whether the statement at one of `offsets` (or, when an offset is in white space, the next one) starts its line at
 * another indentation than the statements beside it in the same block, or than the left margin at module level.
 * CPython rejects such a text ("unexpected indent", "unindent does not match any outer indentation level"), which
 * tree-sitter may accept: a character typed at the start of an empty line inside a class ends the class for it, and
 * the methods after become functions of the module. In a tree with syntax errors the statements are those
 * tree-sitter's error recovery made, and the answer may be no where CPython's would be yes. Indentation is compared
 * as CPython compares it, with tabs to the next multiple of 8 and of 1; statements that do not start their line
 * (after `;`, after `if x:`) are left out.
 */
export function misindentedAt(root: Node, text: string, offsets: readonly number[]): boolean {
  for (const offset of offsets) {
    const statement = statementAt(root, text, offset);
    if (!statement) continue;
    const own = indentationOf(text, statement.startIndex);
    if (own === undefined) continue;
    if (statement.parent?.type === 'module' && !sameIndentation(own, '')) return true;
    for (const sibling of [siblingStatement(statement, -1), siblingStatement(statement, 1)]) {
      const other = sibling && indentationOf(text, sibling.startIndex);
      if (other !== undefined && !sameIndentation(own, other)) return true;
    }
  }
  return false;
}

/** How far past an offset in white space the next statement is looked for. */
const MAX_WHITESPACE_SKIPPED = 256;

/** The statement (a child of the module or of a block) holding `offset`, or the first one after white space there. */
function statementAt(root: Node, text: string, offset: number): Node | undefined {
  let at = Math.max(0, Math.min(offset, text.length - 1));
  const limit = Math.min(text.length, at + MAX_WHITESPACE_SKIPPED);
  while (at < limit && /\s/.test(text[at])) at++;
  if (at >= limit) return undefined;
  let node: Node | null = root.namedDescendantForIndex(at, at + 1);
  while (node?.parent && node.parent.type !== 'module' && node.parent.type !== 'block') node = node.parent;
  return node?.parent && node.type !== 'comment' ? node : undefined;
}

/** The statement before (`direction` -1) or after (1) `statement` in its block, comments skipped. */
function siblingStatement(statement: Node, direction: -1 | 1): Node | undefined {
  let sibling = direction < 0 ? statement.previousNamedSibling : statement.nextNamedSibling;
  while (sibling?.type === 'comment') sibling = direction < 0 ? sibling.previousNamedSibling : sibling.nextNamedSibling;
  return sibling ?? undefined;
}

/** The white space before `start` on its line, or undefined when something else is there. */
function indentationOf(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  return /^[ \t\f]*$/.test(before) ? before : undefined;
}

/** CPython's test of two indentations: the same column with tabs to multiples of 8, and of 1 (else it is an error). */
function sameIndentation(a: string, b: string): boolean {
  return columnOf(a, 8) === columnOf(b, 8) && columnOf(a, 1) === columnOf(b, 1);
}

function columnOf(indentation: string, tabSize: number): number {
  let column = 0;
  for (const character of indentation) {
    if (character === '\t') column = (Math.floor(column / tabSize) + 1) * tabSize;
    else if (character === '\f') column = 0;
    else column++;
  }
  return column;
}
