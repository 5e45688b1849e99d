/**
 * The fix of an SQL query built from strings: the call's query rewritten with placeholders (see
 * sqlParameters.ts) and its values passed as the driver's parameters.
 */
import type { Node } from '../parser/parser';
import type { StringShape } from '../semantic/strings';
import type { Fix, RuleContext, TextEdit } from '../ruleApi/types';
import { countName, ensureImported } from './python';
import { parameterize, type Rewrite, type Style } from './sqlParameters';
import { isRefusal, refuse, safeFix, type FixRefusal } from './fix';

/** The calls whose query the fix rewrites, by how they take parameters. */
export type QuerySink = 'execute' | 'executemany' | 'text' | 'raw' | 'session';

function paramsExpression(style: Style, sink: QuerySink, params: Rewrite['params']): string {
  if (style === 'named') return `{${params.map((p) => `"${p.name}": ${p.expression}`).join(', ')}}`;
  const items = params.map((p) => p.expression).join(', ');
  if (sink === 'raw') return `[${items}]`;
  return params.length === 1 ? `(${items},)` : `(${items})`;
}

/**
 * The safe fix that parameterizes the query of an SQL call (`execute`, SQLAlchemy's `text()` and
 * session calls, Django's `raw()`): the query as a constant with placeholders in the driver's
 * `style`, the values passed beside it. Or why not, coded.
 */
export function parameterizeQueryFix(
  call: Node,
  sink: QuerySink,
  query: Node,
  shape: StringShape,
  style: Style,
  context: RuleContext,
): Fix | FixRefusal {
  const args = call.childForFieldName('arguments')!;
  if (sink === 'executemany')
    return refuse(
      'not-here',
      '`executemany` already takes its values from a sequence; a value built into its SQL is the same for every row and must be bound by hand',
    );
  if (args.namedChildren.length !== 1) return refuse('not-here', 'the call already passes other arguments');
  // The query is either written in the call or held by a name assigned once and used only here.
  let target = query;
  if (query.type === 'identifier') {
    const value = context.model.assignedValue(query);
    if (!value) return refuse('not-here', 'the query is built across several statements');
    const scope = context.model.scopeOf(query);
    if (context.model.stringShape(value).spansStatements)
      return refuse('not-here', 'the query is built across several statements');
    if (
      countName(context.textOf(scope.startIndex, scope.endIndex), query.text, 0, scope.endIndex - scope.startIndex) !==
      2
    )
      return refuse('not-here', `\`${query.text}\` is used elsewhere too`);
    target = value;
  }
  const rewrite = parameterize(shape, style, {
    newlyWrappedInText: sink === 'session',
    shapeOf: (node) => context.model.stringShape(node),
  });
  if (isRefusal(rewrite)) return rewrite;
  const edits: TextEdit[] = [];
  if (sink === 'text') {
    edits.push({ start: target.startIndex, end: target.endIndex, newText: rewrite.literal });
    edits.push({
      start: call.endIndex,
      end: call.endIndex,
      newText: `.bindparams(${rewrite.params.map((p) => `${p.name}=${p.expression}`).join(', ')})`,
    });
  } else if (sink === 'session') {
    const imported = ensureImported(context, 'sqlalchemy', 'text', call);
    if (!imported) return refuse('not-here', 'the name `text` is already used for something else in this file');
    edits.push(...imported.edits);
    edits.push({
      start: target.startIndex,
      end: target.endIndex,
      newText: query === target ? `text(${rewrite.literal})` : rewrite.literal,
    });
    if (query !== target) edits.push({ start: query.startIndex, end: query.endIndex, newText: `text(${query.text})` });
    edits.push({
      start: query.endIndex,
      end: query.endIndex,
      newText: `, ${paramsExpression(style, sink, rewrite.params)}`,
    });
  } else {
    edits.push({ start: target.startIndex, end: target.endIndex, newText: rewrite.literal });
    edits.push({
      start: query.endIndex,
      end: query.endIndex,
      newText: `, ${paramsExpression(style, sink, rewrite.params)}`,
    });
  }
  return safeFix('Parameterize query', mergeAdjacent(edits));
}

/** Two insertions at the same offset would be ambiguous to apply; fold them into one edit. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && last.end === edit.start && edit.start === edit.end) last.newText += edit.newText;
    else out.push({ ...edit });
  }
  return out;
}
