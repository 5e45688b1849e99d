/**
 * ## What it does
 * Flags SQL statements built from strings — f-strings, `%`, `+`, `.format()` or `.join()`, directly
 * or through a variable — and passed to `execute`/`executemany`/`executescript` of a DB-API cursor
 * or connection, SQLAlchemy's `text()` or `Session.execute`, or Django's `raw()`, `RawSQL()` and
 * `QuerySet.extra()`.
 *
 * ## Why is this bad?
 * A value spliced into SQL text becomes SQL. An attacker who controls it can close the string
 * literal and add their own clauses (`' OR '1'='1`), read other tables or drop them. Escaping by
 * hand is easy to get wrong; the database driver binds parameters correctly every time.
 *
 * ## Example
 * ```python
 * cursor.execute(f"SELECT * FROM users WHERE username = '{username}'")
 * ```
 *
 * ## Use instead
 * ```python
 * cursor.execute("SELECT * FROM users WHERE username = %s", (username,))
 * ```
 * Placeholders bind values only. Table and column names cannot be parameters: check them against
 * an allowlist of known names.
 *
 * ## References
 * - CWE-89: Improper Neutralization of Special Elements used in an SQL Command
 * - OWASP Top 10 2021 A03: Injection
 * - PEP 249 (DB-API 2.0), `paramstyle`
 */
import type { Node } from '../../parser/parser';
import type { Style } from '../../fixes/sqlParameters';
import { isRefusal, refuse, type FixRefusal } from '../../fixes/fix';
import { parameterizeQueryFix, type QuerySink } from '../../fixes/sqlQueryFix';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { describeFlow, describeHoles, describeVias, flowSteps, judgeTaint, sinkLabelOf } from '../shared';
import { argumentList, calledFunction, methodName } from '../../semantic/calls';

type Sink = QuerySink | 'extra';

const sqlStatement =
  /^[\s(]*(?:select\b[\s\S]*\bfrom\b|insert\s+(?:or\s+\w+\s+)?into\b|update\b[\s\S]*\bset\b|delete\s+from\b|replace\s+into\b|create\s+(?:or\s+replace\s+)?(?:table|index|view|database|schema|temp|temporary|unique|trigger)\b|drop\s+(?:table|index|view|database|schema|trigger)\b|alter\s+table\b|with\s+\w+\b[\s\S]*\bas\s*\(|pragma\b|truncate\b|merge\s+into\b|grant\b|revoke\b|call\b|exec\b)/i;

const qmarkModules = ['sqlite3', 'aiosqlite', 'pysqlite2'];
const formatModules = [
  'psycopg',
  'psycopg2',
  'pymysql',
  'MySQLdb',
  'mysql.connector',
  'django.db',
  'aiomysql',
  'pg8000',
  'cx_Oracle',
  'oracledb',
];
const sqlalchemyTextNames = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text']);
const djangoRawSql = new Set(['django.db.models.RawSQL', 'django.db.models.expressions.RawSQL']);

const startsWithModule = (path: string | undefined, modules: string[]) =>
  !!path && modules.some((m) => path === m || path.startsWith(`${m}.`));

function sinkOf(
  call: Node,
  context: RuleContext,
): { sink: Sink; query: Node; receiver?: string; fragments?: Node[]; script?: boolean } | undefined {
  const fn = calledFunction(call);
  const method = methodName(call);
  if (method === 'extra') return extraSink(call);
  // Only these callees and methods are sinks: the arguments are not read for any other call.
  const callee = context.model.calleeName(call);
  const textSink = !!callee && (sqlalchemyTextNames.has(callee) || djangoRawSql.has(callee));
  if (!textSink && method !== 'execute' && method !== 'executemany' && method !== 'executescript' && method !== 'raw')
    return undefined;
  const args = argumentList(call);
  const first = args?.namedChildren[0];
  if (!fn || !args || !first || first.type === 'keyword_argument') return undefined;
  if (callee && sqlalchemyTextNames.has(callee)) return { sink: 'text', query: first };
  if (callee && djangoRawSql.has(callee)) return { sink: 'raw', query: first };
  if (fn.type !== 'attribute') return undefined;
  const object = fn.childForFieldName('object')!;
  if (method === 'execute' || method === 'executemany' || method === 'executescript') {
    const receiver = context.model.resolvedPath(object);
    if (first.type === 'call' && sqlalchemyTextNames.has(context.model.calleeName(first) ?? '')) return undefined;
    const sink: Sink =
      method === 'executemany' ? 'executemany' : receiver?.startsWith('sqlalchemy') ? 'session' : 'execute';
    return { sink, query: first, receiver, script: method === 'executescript' };
  }
  if (method === 'raw' && object.type === 'attribute' && object.childForFieldName('attribute')?.text === 'objects')
    return { sink: 'raw', query: first };
  return undefined;
}

/** Django's `QuerySet.extra(where=[...], select={...}, tables=[...])`: SQL fragments in lists and dicts. */
function extraSink(call: Node): { sink: Sink; query: Node; fragments: Node[] } | undefined {
  const fragments: Node[] = [];
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type !== 'keyword_argument') continue;
    const key = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    if (!value || !['where', 'select', 'tables', 'order_by'].includes(key ?? '')) continue;
    if (value.type === 'list' || value.type === 'tuple')
      fragments.push(...value.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment'));
    else if (value.type === 'dictionary')
      for (const pair of value.namedChildren)
        if (pair?.type === 'pair' && pair.childForFieldName('value')) fragments.push(pair.childForFieldName('value')!);
  }
  return fragments.length ? { sink: 'extra', query: fragments[0], fragments } : undefined;
}

function styleFor(sink: Sink, receiver: string | undefined, context: RuleContext): Style | undefined {
  if (sink === 'extra') return undefined;
  if (sink === 'text' || sink === 'session') return 'named';
  if (sink === 'raw') return 'format';
  if (startsWithModule(receiver, qmarkModules)) return 'qmark';
  if (startsWithModule(receiver, formatModules)) return 'format';
  if (context.settings.paramstyle !== 'auto') return context.settings.paramstyle;
  const imported = [...context.model.importedModules];
  const qmark = imported.some((m) => startsWithModule(m, qmarkModules));
  const format = imported.some((m) => startsWithModule(m, formatModules));
  if (qmark !== format) return qmark ? 'qmark' : 'format';
  return undefined;
}

function reportExtra(fragments: Node[], context: RuleContext): void {
  for (const fragment of fragments) {
    const shape = context.model.stringShape(fragment);
    if (!shape.isString || shape.holes.length === 0) continue;
    const verdict = judgeTaint(
      context,
      'sql',
      shape.holes.map((hole) => hole.expression),
    );
    if (!verdict) continue;
    const built =
      verdict.taint.level === 'tainted'
        ? `${describeFlow(verdict, 'extra()')} in an SQL fragment built ${describeVias(shape.holes)}`
        : `SQL fragment for Django's \`extra()\` built ${describeHoles(shape.holes)}`;
    context.report({
      node: fragment,
      message: `${built}. Put \`%s\` in the fragment and pass the values in \`params=\` (or \`select_params=\`), or use annotations and \`Q\` objects instead of \`extra()\`.`,
      confidence: verdict.confidence,
      severity: verdict.severity,
      fixUnavailable: '`extra()` fragments are rewritten by hand',
      flow: flowSteps(verdict, fragment, 'extra()'),
    });
  }
}

export const sqlBuiltFromStrings: Rule = {
  meta: {
    id: 'PSG101',
    name: 'sql-built-from-strings',
    title: 'SQL query built from strings',
    defaultSeverity: 'error',
    cwe: 89,
    owasp: 'A03:2021-Injection',
    checklistItem: 'sql-parameterized',
    bandit: ['B608', 'B610', 'B611'],
    ruff: ['S608', 'S610', 'S611'],
    fixable: true,
    fixes: [
      {
        title: 'Parameterize query',
        applicability: 'safe',
        why: 'The database receives the same values, bound instead of spliced: only where each value is a whole SQL value (not a name, a list, a comment or formatted text), so every query that worked returns the same rows.',
      },
    ],
  },
  triggers: ['execute', 'text', 'raw', 'RawSQL', 'extra'],
  visitors: {
    call(call, context) {
      const found = sinkOf(call, context);
      if (!found) return;
      if (found.sink === 'extra') {
        reportExtra(found.fragments ?? [], context);
        return;
      }
      const { sink, query, receiver } = found;
      const shape = context.model.stringShape(query);
      const sinkLabel = sinkLabelOf(call);
      if (!shape.isString) {
        // The whole statement is a value: only untrusted data is worth a finding (a query built elsewhere is the usual
        // case).
        const verdict = judgeTaint(context, 'sql', [query], { reportUnknown: false });
        const sqlContext =
          sink !== 'execute' && sink !== 'executemany'
            ? true
            : startsWithModule(receiver, [...qmarkModules, ...formatModules]) ||
              [...context.model.importedModules].some((m) =>
                startsWithModule(m, [...qmarkModules, ...formatModules, 'sqlalchemy']),
              );
        if (!verdict || !sqlContext) return;
        context.report({
          node: query,
          message: `${describeFlow(verdict, sinkLabel)} as the SQL statement itself. Keep the statement a constant and pass the values as query parameters.`,
          confidence: verdict.confidence,
          flow: flowSteps(verdict, call, sinkLabel),
        });
        return;
      }
      if (shape.holes.length === 0) return;
      const verdict = judgeTaint(
        context,
        'sql',
        shape.holes.map((hole) => hole.expression),
      );
      if (!verdict) return;
      const looksLikeSql = sqlStatement.test(shape.template(' x '));
      if (
        !looksLikeSql &&
        (sink === 'execute' || sink === 'executemany') &&
        !startsWithModule(receiver, [...qmarkModules, ...formatModules])
      )
        return;
      const how = describeHoles(shape.holes);
      const style = styleFor(sink, receiver, context);
      let fix: Fix | undefined;
      let refusal: FixRefusal | undefined;
      if (!style) {
        refusal = refuse(
          'not-here',
          'the database driver could not be determined from this file; set `pythonSecurityGuide.sql.paramstyle` (or `paramstyle` under `[tool.python-security-guide]`) to enable the rewrite',
        );
      } else {
        const built = found.script
          ? refuse(
              'not-here',
              '`executescript` takes no parameters: run each statement with `execute` and its parameters instead',
            )
          : parameterizeQueryFix(call, sink, query, shape, style, context);
        if (isRefusal(built)) refusal = built;
        else fix = built;
      }
      // A value that names a table or column needs an allowlist, not a parameter: the message says so.
      const advice =
        refusal?.code === 'identifier' ? ` ${refusal.message}.` : ' Pass the values as query parameters instead.';
      const message =
        verdict.taint.level === 'tainted'
          ? `${describeFlow(verdict, sinkLabel)} in an SQL query built ${describeVias(shape.holes)}.${advice}`
          : `SQL query built ${how}.${advice}`;
      context.report({
        node: query,
        message,
        confidence: verdict.confidence,
        severity: verdict.severity,
        fix,
        fixUnavailable: refusal,
        flow: flowSteps(verdict, call, sinkLabel),
      });
    },
  },
};
