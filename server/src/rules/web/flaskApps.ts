import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import type { RuleContext } from '../../ruleApi/types';
import { argumentValue, decoratorExpression, keywordValue } from '../../semantic/calls';

const appClasses = new Set(['flask.Flask', 'quart.Quart']);
const verbDecorators = new Set(['get', 'post', 'put', 'patch', 'delete']);

export interface FlaskApp {
  /** The name the application is bound to at module level. */
  name: string;
  /** The `Flask(__name__)` call. */
  call: Node;
}

export interface Route {
  function: Node;
  /** The decorator that registers the route. */
  decorator: Node;
  /** The object the route is registered on (`app`, `bp`). */
  owner: string;
  path?: string;
  methods: string[];
}

/**
 * False when the file cannot create a Flask or Quart app: its text never names the class (an app needs it, at least
 * in an import). Two plain-word tests of the text, where walking a long module's statements for apps would cost
 * more on every keystroke.
 */
export function mayCreateApp(context: RuleContext): boolean {
  return context.textMatches(/Flask/) || context.textMatches(/Quart/);
}

/** Module-level `app = Flask(__name__)` assignments. */
export function flaskApps(model: ModelView): FlaskApp[] {
  return model.moduleCallAssignments().filter(({ call }) => appClasses.has(model.calleeName(call) ?? ''));
}

/** True when `node` is (a name bound to) a Flask or Quart application object. */
export function isFlaskApp(model: ModelView, node: Node | null | undefined): boolean {
  const path = model.resolvedPath(node);
  return path === 'flask.Flask()' || path === 'quart.Quart()';
}

function literalList(model: ModelView, node: Node | undefined): string[] | undefined {
  if (!node || (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set')) return undefined;
  const values: string[] = [];
  for (const item of node.namedChildren) {
    if (!item) continue;
    const shape = model.stringShape(item);
    if (!shape.isString || shape.holes.length) return undefined;
    values.push(shape.template().toUpperCase());
  }
  return values;
}

/** Every function registered as a route with `@x.route(...)` or `@x.get/post/...(...)`. */
export function routes(model: ModelView): Route[] {
  const found: Route[] = [];
  for (const definition of model.root.descendantsOfType('decorated_definition')) {
    const fn = definition?.childForFieldName('definition');
    if (!definition || fn?.type !== 'function_definition') continue;
    for (const decorator of definition.namedChildren) {
      if (decorator?.type !== 'decorator') continue;
      const expression = decoratorExpression(decorator);
      if (expression?.type !== 'call') continue;
      const callee = expression.childForFieldName('function');
      if (callee?.type !== 'attribute') continue;
      const verb = callee.childForFieldName('attribute')?.text ?? '';
      const owner = callee.childForFieldName('object')?.text ?? '';
      const pathNode = argumentValue(expression, 0, 'rule');
      const pathShape = pathNode ? model.stringShape(pathNode) : undefined;
      const path = pathShape?.isString ? pathShape.template('*') : undefined;
      if (verb === 'route') {
        const methods =
          literalList(model, keywordValue(expression, 'methods')) ??
          (keywordValue(expression, 'methods') ? ['*'] : ['GET']);
        found.push({ function: fn, decorator, owner, path, methods });
      } else if (verbDecorators.has(verb) && pathNode) {
        found.push({ function: fn, decorator, owner, path, methods: [verb.toUpperCase()] });
      }
    }
  }
  return found;
}

/** The modules the file imports, as a quick "does it use X" test. */
export function importsAny(model: ModelView, prefixes: readonly string[]): boolean {
  return [...model.importedModules].some((module) =>
    prefixes.some((prefix) => module === prefix || module.startsWith(`${prefix}.`)),
  );
}

/** The applications of `apps` that routes are registered on (an app only configured here serves nothing). */
export function servingApps(model: ModelView, apps: readonly FlaskApp[]): FlaskApp[] {
  const routed = new Set(routes(model).map((route) => route.owner));
  return apps.filter((app) => routed.has(app.name));
}
