import { partitionPoint } from '../../core/search';
import type { Node } from '../../parser/parser';

/** Where a target sits inside the value it unpacks: an element, or the `*rest` slice `[from:len+to]`. */
export type PathStep = { index: number } | { from: number; to: number };

export type DefinitionKind =
  'assign' | 'augmented' | 'with' | 'parameter' | 'mutate' | 'code' | 'delete' | 'except' | 'match';

/** A place where a name gets a (new) value. */
export interface Definition {
  id: number;
  name: string;
  kind: DefinitionKind;
  /** Offset from which it is in force inside its point (`x = f(x)` reads the old `x`). */
  at: number;
  /** The statement that makes it (for a mutation: the call or the assignment). */
  node: Node;
  /** The expression whose value it takes (for a mutation: the stored value). */
  value?: Node;
  /** Where the name is written (a flow step points there). */
  target?: Node;
  /** The target takes an element of `value` (a `for` target) before `path` applies. */
  iterate?: boolean;
  /** For a target inside an unpacking pattern: where in the value it sits. */
  path?: readonly PathStep[];
  /** For a mutation: the method (`append`), `[]=` (a subscript store) or `.` (an attribute store). */
  method?: string;
  /** For a store: the subscript or the attribute name. */
  key?: Node;
  point: number;
}

/** A way from one point to the next; a branch notes the condition and whether it held. */
export interface Edge {
  id: number;
  to: number;
  /** A condition, a `case` pattern, or a call made as a statement (`returned`). */
  condition?: Node;
  holds?: boolean;
  /** Taken when the call `condition` returned (it did not raise): what its function checks holds. */
  returned?: boolean;
  /** From a `for` loop's iterable into its first iteration (`runs`), or past the loop without one. */
  loop?: { iterable: Node; runs: boolean };
}

interface Point {
  defs: Definition[];
  edges: Edge[];
  /** Module level: the checks of these edges do not hold past this point (see FlowOptions.module). */
  clears?: ReadonlySet<number>;
}

/** A definition that may reach a use, with the checks that passed on every way from it. `def` -1: from outside. */
export interface Fact {
  def: number;
  guards: readonly Edge[];
}

export interface FlowOptions {
  /**
   * The module itself. An edit between two module-level statements re-checks only what reads a
   * name the edit binds, so there the analysis keeps to what such an edit changes: an exit or a
   * loop that never ends does not cut what follows, and a check holds only inside its statement.
   */
  module: boolean;
  /** False for a node inside a lambda or a function nested in the scope (it has its own names). */
  ownScope(node: Node): boolean;
  /** A call that never returns (`abort(404)`, `sys.exit()`). */
  isExit(call: Node): boolean;
  /** True or false when a condition is constant, else undefined (asked on every use: the caller caches). */
  conditionValue(condition: Node): boolean | undefined;
  /** Whether a `for` loop over `iterable` runs its body: never, at least once, or unknown. */
  iterations(iterable: Node): 'none' | 'some' | undefined;
  /** A method call on a name that assigns attributes of the object (`action.reset()` of a class of the file). */
  changesObject?(call: Node): boolean;
}

const mutatingMethods: ReadonlySet<string> = new Set([
  'append',
  'insert',
  'extend',
  'pop',
  'remove',
  'clear',
  'update',
  'setdefault',
  'add',
  'discard',
  'sort',
  'reverse',
  'popitem',
  'set',
  'appendleft',
  'extendleft',
  'read_dict',
  'read_string',
]);

const MAX_GUARDS = 8;

/**
 * The control-flow graph of one function body (or of the module) with reaching definitions on
 * it: which assignments of a name may reach a use along some path that can run, and the checks
 * (`if x not in ALLOWED: return`) that passed on every such path. Branches whose condition is
 * constant are not followed. Solved per name, on demand.
 */
export class FlowGraph {
  private readonly points: Point[] = [];
  readonly definitions: Definition[] = [];
  readonly definitionsByName = new Map<string, Definition[]>();
  /** Names declared `global` or `nonlocal`: their assignments write outside the scope. */
  readonly declaredOuter = new Set<string>();
  private spans: { start: number; end: number; point: number }[] = [];
  private readonly solved = new Map<string, (Fact[] | undefined)[]>();
  private readonly mentioned = new Map<number, ReadonlySet<string>>();
  private current = 0;
  /** Where a `return` (or the end of the body) goes; an uncaught exception goes to `raisePoint`. */
  private exitPoint = 0;
  private raisePoint = 0;
  private edgeCount = 0;
  private readonly loops: { next: number; after: number }[] = [];
  private readonly handlers: number[] = [];

  constructor(
    readonly scope: Node,
    private readonly options: FlowOptions,
  ) {
    const entry = this.newPoint();
    this.exitPoint = this.newPoint();
    this.raisePoint = this.newPoint();
    this.current = entry;
    if (scope.type === 'function_definition') {
      for (const parameter of scope.childForFieldName('parameters')?.namedChildren ?? []) {
        const name = parameter && parameterIdentifier(parameter);
        if (name)
          this.define(entry, {
            name: name.text,
            kind: 'parameter',
            at: scope.startIndex,
            node: parameter,
            target: name,
          });
      }
      const body = scope.childForFieldName('body');
      if (body) this.block(body);
    } else this.block(scope);
    this.edge(this.current, this.exitPoint);
    this.spans.sort((a, b) => a.start - b.start || b.end - a.end);
    this.inline(scope.type === 'function_definition' ? scope.childForFieldName('body') : scope);
  }

  // ---- queries ----

  /**
   * The definitions of `name` that may reach `use`: undefined when the use is not in this graph,
   * `unreachable` when no path that can run gets there.
   */
  reaching(name: string, use: Node): Fact[] | 'unreachable' | undefined {
    const point = this.pointOf(use.startIndex, use.endIndex);
    if (point === undefined) return undefined;
    let local: Definition | undefined;
    for (const def of this.points[point].defs) if (def.name === name && def.at <= use.startIndex) local = def;
    const states = this.solve(name);
    const state = states[point];
    if (state === undefined) return 'unreachable';
    return local ? [{ def: local.id, guards: [] }] : state;
  }

  /** The definitions of `name` in force just before `offset` inside the point of `def` (what a mutation changes). */
  reachingBefore(def: Definition): Fact[] | 'unreachable' {
    let local: Definition | undefined;
    for (const other of this.points[def.point].defs)
      if (other !== def && other.name === def.name && other.at <= def.node.startIndex) local = other;
    if (local) return [{ def: local.id, guards: [] }];
    return this.solve(def.name)[def.point] ?? 'unreachable';
  }

  /** The definitions of `name` that may reach the end of the function when it returns (not when it raises). */
  atReturn(name: string): Fact[] | undefined {
    return this.solve(name)[this.exitPoint];
  }

  /** True when the point of `node` can run at all. */
  reachable(node: Node): boolean {
    const point = this.pointOf(node.startIndex, node.endIndex);
    return point === undefined || this.solve('\u0000')[point] !== undefined;
  }

  private pointOf(start: number, end: number): number | undefined {
    // The last span starting at or before the use.
    const high = partitionPoint(this.spans, (span) => span.start <= start) - 1;
    // Spans hardly nest (a class header inside a function, say): the innermost one holding the use.
    for (let i = high; i >= 0 && i > high - 8; i--) {
      const span = this.spans[i];
      if (span.start <= start && end <= span.end) return span.point;
    }
    return undefined;
  }

  private solve(name: string): (Fact[] | undefined)[] {
    const known = this.solved.get(name);
    if (known) return known;
    const states: (Fact[] | undefined)[] = new Array<Fact[] | undefined>(this.points.length);
    states[0] = [{ def: -1, guards: [] }];
    // A work list of points whose state changed (each queued at most once at a time).
    const queue = [0];
    const queued = new Uint8Array(this.points.length);
    queued[0] = 1;
    for (let head = 0; head < queue.length; head++) {
      const p = queue[head];
      queued[p] = 0;
      const point = this.points[p];
      let out = states[p]!;
      for (const def of point.defs) if (def.name === name) out = [{ def: def.id, guards: [] }];
      if (point.clears && out.some((fact) => fact.guards.length))
        out = out.map((fact) => ({ ...fact, guards: fact.guards.filter((edge) => !point.clears!.has(edge.id)) }));
      for (const edge of point.edges) {
        if ((edge.condition || edge.loop) && this.dead(edge)) continue;
        const passed =
          edge.condition && out.length && this.mentions(edge.condition).has(name)
            ? out.map((fact) => (fact.guards.length < MAX_GUARDS ? { ...fact, guards: [...fact.guards, edge] } : fact))
            : out;
        const merged = joinFacts(states[edge.to], passed);
        if (merged === states[edge.to]) continue;
        states[edge.to] = merged;
        if (!queued[edge.to]) {
          queued[edge.to] = 1;
          queue.push(edge.to);
        }
      }
    }
    this.solved.set(name, states);
    return states;
  }

  private dead(edge: Edge): boolean {
    if (edge.returned) return false;
    if (edge.loop) return this.options.iterations(edge.loop.iterable) === (edge.loop.runs ? 'none' : 'some');
    const value = this.options.conditionValue(edge.condition!);
    return value !== undefined && value !== edge.holds;
  }

  private mentions(condition: Node): ReadonlySet<string> {
    let names = this.mentioned.get(condition.id);
    if (!names) {
      const found = new Set<string>();
      const visit = (node: Node) => {
        if (node.type === 'identifier') found.add(node.text);
        else if (node.type !== 'lambda') for (const child of node.namedChildren) if (child) visit(child);
      };
      visit(condition);
      // `ok = check(x)` then `if ok:` checks `x`.
      for (const name of [...found]) {
        const defs = this.definitionsByName.get(name);
        if (defs?.length === 1 && defs[0].kind === 'assign' && defs[0].value?.type === 'call') visit(defs[0].value);
      }
      // A `case` pattern checks the subject of its `match`.
      if (condition.type === 'case_pattern') for (const subject of matchSubjects(condition)) visit(subject);
      names = found;
      this.mentioned.set(condition.id, names);
    }
    return names;
  }

  // ---- building ----

  private newPoint(): number {
    this.points.push({ defs: [], edges: [] });
    return this.points.length - 1;
  }

  private edge(from: number, to: number, condition?: Node, holds?: boolean): Edge {
    const edge: Edge = { id: this.edgeCount++, to, condition, holds };
    this.points[from].edges.push(edge);
    return edge;
  }

  /** A new point after the current one, holding the uses inside `spans`. */
  private step(...spans: (Node | { start: number; end: number } | null | undefined)[]): number {
    const point = this.newPoint();
    this.edge(this.current, point);
    this.current = point;
    for (const span of spans) {
      if (!span) continue;
      const [start, end] = 'startIndex' in span ? [span.startIndex, span.endIndex] : [span.start, span.end];
      this.spans.push({ start, end, point });
    }
    // An exception in a `try` body goes to its handlers from anywhere in it.
    const handler = this.handlers[this.handlers.length - 1];
    if (handler !== undefined) this.edge(point, handler);
    return point;
  }

  /** A new point reached from `from` when `condition` is `holds` (module level: without the check). */
  private branch(from: number, condition: Node | null | undefined, holds: boolean): number {
    const point = this.newPoint();
    if (condition) this.edge(from, point, condition, holds);
    else this.edge(from, point);
    return point;
  }

  private join(ends: number[], clears?: ReadonlySet<number>): number {
    const point = this.newPoint();
    for (const end of ends) this.edge(end, point);
    if (clears?.size && this.options.module) this.points[point].clears = clears;
    this.current = point;
    return point;
  }

  /** Control leaves: what follows is reached only through other edges (module level: falls through). */
  private leave(to?: number): void {
    if (to !== undefined) this.edge(this.current, to);
    if (!this.options.module) this.current = this.newPoint();
  }

  private define(point: number, def: Omit<Definition, 'id' | 'point'>): void {
    const full: Definition = { ...def, id: this.definitions.length, point };
    this.definitions.push(full);
    this.points[point].defs.push(full);
    const list = this.definitionsByName.get(full.name);
    if (list) list.push(full);
    else this.definitionsByName.set(full.name, [full]);
  }

  private block(block: Node): void {
    for (const statement of block.namedChildren)
      if (statement && statement.type !== 'comment') this.statement(statement);
  }

  private conditionEdges(from: number): ReadonlySet<number> {
    return new Set(this.points[from].edges.filter((e) => e.condition).map((e) => e.id));
  }

  private statement(s: Node): void {
    switch (s.type) {
      case 'expression_statement': {
        const point = this.step(s);
        for (const child of s.namedChildren) {
          if (!child) continue;
          if (child.type === 'assignment') this.assignment(child, s, point);
          else if (child.type === 'augmented_assignment') this.augmented(child, s, point);
        }
        const only = s.namedChildren.length === 1 ? s.namedChildren[0] : undefined;
        const call = only?.type === 'await' ? only.namedChildren[0] : only;
        if (call?.type === 'call' && this.options.isExit(call))
          this.leave(this.handlers[this.handlers.length - 1] ?? this.raisePoint);
        else if (
          call?.type === 'call' &&
          call.childForFieldName('function')?.type === 'identifier' &&
          !this.options.module
        ) {
          // `ensure_allowed(x)`: past it, the function returned, so what it checks before returning holds.
          const next = this.newPoint();
          this.points[point].edges.push({
            id: this.edgeCount++,
            to: next,
            condition: call,
            holds: true,
            returned: true,
          });
          this.current = next;
        }
        return;
      }
      case 'return_statement':
        this.step(s);
        this.leave(this.exitPoint);
        return;
      case 'raise_statement':
        this.step(s);
        this.leave(this.handlers[this.handlers.length - 1] ?? this.raisePoint);
        return;
      case 'break_statement':
      case 'continue_statement': {
        this.step(s);
        const loop = this.loops[this.loops.length - 1];
        this.leave(loop ? (s.type === 'break_statement' ? loop.after : loop.next) : undefined);
        return;
      }
      case 'assert_statement': {
        const point = this.step(s);
        const condition = s.namedChildren[0];
        this.current = this.branch(point, this.options.module ? undefined : condition, true);
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const name of s.namedChildren) if (name?.type === 'identifier') this.declaredOuter.add(name.text);
        this.step(s);
        return;
      case 'delete_statement': {
        const point = this.step(s);
        const targets =
          s.namedChildren[0]?.type === 'expression_list' ? s.namedChildren[0].namedChildren : s.namedChildren;
        for (const target of targets)
          if (target?.type === 'identifier')
            this.define(point, { name: target.text, kind: 'delete', at: s.endIndex, node: s, target });
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement': {
        const point = this.step(s);
        for (const name of importedNames(s)) this.define(point, { name, kind: 'code', at: s.endIndex, node: s });
        return;
      }
      case 'decorated_definition': {
        const definition = s.childForFieldName('definition');
        if (definition) this.definition(definition, s);
        return;
      }
      case 'function_definition':
      case 'class_definition':
        this.definition(s, s);
        return;
      case 'if_statement':
        this.ifStatement(s);
        return;
      case 'while_statement':
        this.whileStatement(s);
        return;
      case 'for_statement':
        this.forStatement(s);
        return;
      case 'try_statement':
        this.tryStatement(s);
        return;
      case 'with_statement': {
        const clause = s.namedChildren.find((c) => c?.type === 'with_clause');
        const point = this.step(clause);
        for (const item of clause?.namedChildren ?? []) {
          const value = item?.childForFieldName('value');
          if (!item || !value) continue;
          if (value.type === 'as_pattern') {
            const expression = value.namedChildren[0];
            const alias = value.childForFieldName('alias');
            const target = alias?.namedChildren[0] ?? alias;
            if (target && expression) this.bind(target, expression, s, point, [], 'with', clause!.endIndex);
          }
        }
        const body = s.childForFieldName('body');
        // `with suppress(ValueError):` may leave its body anywhere and go on after it.
        const suppresses = clause?.namedChildren.some((item) => {
          const value = item?.childForFieldName('value');
          const call = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
          return call?.type === 'call' && /(?:^|\.)suppress$/.test(call.childForFieldName('function')?.text ?? '');
        });
        if (!suppresses) {
          if (body) this.block(body);
          return;
        }
        const after = this.newPoint();
        this.edge(this.current, after);
        this.handlers.push(after);
        if (body) this.block(body);
        this.handlers.pop();
        this.edge(this.current, after);
        this.current = after;
        return;
      }
      case 'match_statement':
        this.matchStatement(s);
        return;
      case 'block':
        this.block(s);
        return;
      default:
        this.step(s);
    }
  }

  private definition(definition: Node, statement: Node): void {
    const body = definition.childForFieldName('body');
    const point = this.step({ start: statement.startIndex, end: body?.startIndex ?? statement.endIndex });
    const name = definition.childForFieldName('name');
    if (name)
      this.define(point, { name: name.text, kind: 'code', at: statement.startIndex, node: definition, target: name });
    // A class body runs where it stands, in this scope; a function body is a scope of its own.
    if (definition.type === 'class_definition' && body) this.block(body);
  }

  private ifStatement(s: Node): void {
    const condition = s.childForFieldName('condition');
    let test = this.step(condition);
    let testCondition = condition;
    const checks = new Set<number>();
    const ends: number[] = [];
    this.current = this.branch(test, testCondition, true);
    const consequence = s.childForFieldName('consequence');
    if (consequence) this.block(consequence);
    ends.push(this.current);
    let open = true;
    for (const clause of s.childrenForFieldName('alternative')) {
      if (!clause) continue;
      for (const id of this.conditionEdges(test)) checks.add(id);
      this.current = this.branch(test, testCondition, false);
      if (clause.type === 'elif_clause') {
        const elifCondition = clause.childForFieldName('condition');
        test = this.step(elifCondition);
        testCondition = elifCondition;
        this.current = this.branch(test, testCondition, true);
        const body = clause.childForFieldName('consequence');
        if (body) this.block(body);
        ends.push(this.current);
      } else {
        const body = clause.childForFieldName('body');
        if (body) this.block(body);
        ends.push(this.current);
        open = false;
      }
    }
    if (open) ends.push(this.branch(test, testCondition, false));
    for (const id of this.conditionEdges(test)) checks.add(id);
    this.join(ends, checks);
  }

  private whileStatement(s: Node): void {
    const condition = s.childForFieldName('condition');
    // Module level: a loop whose condition is constant still may end (see FlowOptions.module).
    const kept = this.options.module ? undefined : condition;
    const head = this.step(condition);
    const after = this.newPoint();
    this.loops.push({ next: head, after });
    this.current = this.branch(head, kept, true);
    const body = s.childForFieldName('body');
    if (body) this.block(body);
    this.edge(this.current, head);
    this.loops.pop();
    this.current = this.branch(head, kept, false);
    const alternative = s.childForFieldName('alternative');
    const elseBody = alternative?.childForFieldName('body');
    if (elseBody) this.block(elseBody);
    this.edge(this.current, after);
    this.join([after], this.conditionEdges(head));
  }

  private forStatement(s: Node): void {
    const left = s.childForFieldName('left');
    const right = s.childForFieldName('right');
    const iterable = this.step(right);
    // `head`: after an iteration, when the loop goes on or ends; the first iteration starts from `iterable`.
    const head = this.newPoint();
    const after = this.newPoint();
    const bind = this.newPoint();
    this.edge(head, bind);
    this.points[iterable].edges.push({
      id: this.edgeCount++,
      to: bind,
      loop: right ? { iterable: right, runs: true } : undefined,
    });
    if (left && right) this.bind(left, right, s, bind, [], 'assign', s.startIndex, true);
    this.loops.push({ next: head, after });
    this.current = bind;
    const body = s.childForFieldName('body');
    if (body) this.block(body);
    this.edge(this.current, head);
    this.loops.pop();
    this.current = this.newPoint();
    this.edge(head, this.current);
    this.points[iterable].edges.push({
      id: this.edgeCount++,
      to: this.current,
      loop: right ? { iterable: right, runs: false } : undefined,
    });
    const elseBody = s.childForFieldName('alternative')?.childForFieldName('body');
    if (elseBody) this.block(elseBody);
    this.edge(this.current, after);
    this.current = after;
  }

  private tryStatement(s: Node): void {
    const dispatch = this.newPoint();
    this.edge(this.current, dispatch);
    this.handlers.push(dispatch);
    const body = s.childForFieldName('body');
    if (body) this.block(body);
    this.handlers.pop();
    const outer = this.handlers[this.handlers.length - 1];
    const ends: number[] = [];
    let finallyClause: Node | undefined;
    let caughtAll = false;
    const normal = this.current;
    const elseClause = s.namedChildren.find((c) => c?.type === 'else_clause');
    if (elseClause) {
      const elseBody = elseClause.childForFieldName('body');
      if (elseBody) this.block(elseBody);
    }
    ends.push(this.current);
    void normal;
    for (const clause of s.namedChildren) {
      if (!clause) continue;
      if (clause.type === 'finally_clause') finallyClause = clause;
      if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
      const block = clause.namedChildren.find((c) => c?.type === 'block');
      const header = clause.namedChildren.filter((c): c is Node => !!c && c.type !== 'block' && c.type !== 'comment');
      if (header.length === 0) caughtAll = true;
      this.current = this.newPoint();
      this.edge(dispatch, this.current);
      const point = this.step(
        header.length ? { start: header[0].startIndex, end: header[header.length - 1].endIndex } : undefined,
      );
      for (const part of header) {
        const alias = part.type === 'as_pattern' ? part.childForFieldName('alias') : undefined;
        const target = alias?.namedChildren[0] ?? alias;
        if (target?.type === 'identifier')
          this.define(point, { name: target.text, kind: 'except', at: part.endIndex, node: clause, target });
      }
      if (block) this.block(block);
      ends.push(this.current);
    }
    const uncaught = caughtAll ? undefined : dispatch;
    if (finallyClause) {
      this.join(uncaught === undefined ? ends : [...ends, uncaught]);
      const finallyBody = finallyClause.namedChildren.find((c) => c?.type === 'block');
      if (finallyBody) this.block(finallyBody);
      this.edge(this.current, outer ?? this.raisePoint);
      return;
    }
    if (uncaught !== undefined) this.edge(uncaught, outer ?? this.raisePoint);
    this.join(ends);
  }

  private matchStatement(s: Node): void {
    const subjects = s.childrenForFieldName('subject').filter((c): c is Node => !!c);
    const subject = subjects[0];
    let test = this.step(...subjects);
    const ends: number[] = [];
    const body = s.childForFieldName('body');
    let open = true;
    for (const clause of body?.namedChildren ?? []) {
      if (clause?.type !== 'case_clause') continue;
      const consequence = clause.childForFieldName('consequence');
      const guard = clause.childForFieldName('guard');
      const patterns = clause.namedChildren.filter((c): c is Node => !!c && c.type === 'case_pattern');
      const pattern = patterns.length === 1 ? patterns[0] : undefined;
      // Each case is tried in turn: it runs when its pattern matches, the next is tried when it does not.
      this.current = this.branch(test, pattern, true);
      const point = this.step(
        patterns.length
          ? { start: patterns[0].startIndex, end: (guard ?? patterns[patterns.length - 1]).endIndex }
          : guard,
      );
      for (const each of patterns)
        for (const capture of captures(each))
          if (subject)
            this.define(point, {
              name: capture.text,
              kind: 'match',
              at: each.endIndex,
              node: clause,
              value: subject,
              target: capture,
            });
      const next = this.newPoint();
      const irrefutable = !guard && !!pattern && isIrrefutable(pattern);
      if (!irrefutable) {
        if (pattern) this.edge(test, next, pattern, false);
        else this.edge(test, next);
      }
      const guardCondition = guard?.namedChildren[0];
      if (guardCondition) {
        this.current = this.branch(point, guardCondition, true);
        this.edge(point, next, guardCondition, false);
      }
      if (consequence) this.block(consequence);
      ends.push(this.current);
      test = next;
      if (irrefutable) open = false;
    }
    if (open) ends.push(test);
    this.join(ends);
  }

  private assignment(node: Node, statement: Node, point: number): void {
    const targets: Node[] = [];
    let current: Node | null = node;
    let value: Node | null = null;
    while (current?.type === 'assignment') {
      const left = current.childForFieldName('left');
      if (left) targets.push(left);
      value = current.childForFieldName('right');
      current = value;
    }
    if (!value) return;
    for (const target of targets) this.bind(target, value, statement, point, [], 'assign', statement.endIndex);
  }

  private augmented(node: Node, statement: Node, point: number): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    if (left.type === 'identifier')
      this.define(point, {
        name: left.text,
        kind: 'augmented',
        at: statement.endIndex,
        node,
        value: right,
        target: left,
      });
    else this.store(left, right, node, point, [], statement.endIndex);
  }

  /** Definitions for every name `target` writes when it is given (the part `path` of) `value`. */
  private bind(
    target: Node,
    value: Node,
    statement: Node,
    point: number,
    path: readonly PathStep[],
    kind: 'assign' | 'with',
    at: number,
    iterate = false,
  ): void {
    switch (target.type) {
      case 'identifier':
        this.define(point, { name: target.text, kind, at, node: statement, value, target, path, iterate });
        return;
      case 'parenthesized_expression':
        if (target.namedChildren[0])
          this.bind(target.namedChildren[0], value, statement, point, path, kind, at, iterate);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const parts = target.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        const values = value.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        // `a, b = x, y`: each target from its own expression.
        if (
          !iterate &&
          path.length === 0 &&
          ['expression_list', 'tuple', 'list'].includes(value.type) &&
          values.length === parts.length &&
          !values.some((v) => v.type === 'list_splat') &&
          !parts.some((p) => p.type === 'list_splat_pattern')
        ) {
          parts.forEach((part, i) => this.bind(part, values[i], statement, point, [], kind, at));
          return;
        }
        const star = parts.findIndex((p) => p.type === 'list_splat_pattern' || p.type === 'list_splat');
        parts.forEach((part, i) => {
          if (i === star) {
            const inner = part.namedChildren[0];
            if (inner)
              this.bind(
                inner,
                value,
                statement,
                point,
                [...path, { from: i, to: -(parts.length - i - 1) }],
                kind,
                at,
                iterate,
              );
            return;
          }
          const index = star >= 0 && i > star ? i - parts.length : i;
          this.bind(part, value, statement, point, [...path, { index }], kind, at, iterate);
        });
        return;
      }
      case 'subscript':
      case 'attribute':
        this.store(target, value, statement, point, path, at, iterate);
        return;
      default:
        return;
    }
  }

  /** `d["k"] = v`, `obj.attr = v`: the container named changes. */
  private store(
    target: Node,
    value: Node,
    statement: Node,
    point: number,
    path: readonly PathStep[],
    at: number,
    iterate = false,
  ): void {
    const base = target.childForFieldName(target.type === 'subscript' ? 'value' : 'object');
    if (base?.type !== 'identifier') return;
    const key =
      target.type === 'subscript' ? target.childForFieldName('subscript') : target.childForFieldName('attribute');
    const augmented = statement.type === 'augmented_assignment';
    this.define(point, {
      name: base.text,
      kind: 'mutate',
      at,
      node: statement,
      value,
      target,
      path,
      iterate,
      method: augmented ? (target.type === 'subscript' ? '[]+=' : '.+=') : target.type === 'subscript' ? '[]=' : '.',
      key: key ?? undefined,
    });
  }

  /**
   * Walrus targets and container mutations (`parts.append(x)`) anywhere in the body, each a
   * definition at the point holding it: one search inside the parser for both node types.
   */
  private inline(body: Node | null): void {
    if (!body) return;
    const touched = new Set<number>();
    for (const found of body.descendantsOfType(['named_expression', 'call'])) {
      const point = this.pointOf(found.startIndex, found.endIndex);
      if (point === undefined || !this.options.ownScope(found)) continue;
      if (found.type === 'named_expression') {
        const name = found.childForFieldName('name');
        const value = found.childForFieldName('value');
        if (name && value)
          this.define(point, { name: name.text, kind: 'assign', at: found.endIndex, node: found, value, target: name });
      } else {
        const fn = found.childForFieldName('function');
        if (fn?.type !== 'attribute') continue;
        const method = fn.childForFieldName('attribute')?.text;
        const receiver = fn.childForFieldName('object');
        if (receiver?.type !== 'identifier') continue;
        if (!method || !(mutatingMethods.has(method) || this.options.changesObject?.(found))) continue;
        this.define(point, {
          name: receiver.text,
          kind: 'mutate',
          at: found.endIndex,
          node: found,
          method,
          target: receiver,
        });
      }
      touched.add(point);
    }
    // Within a point, definitions take effect in the order of their offsets.
    for (const point of touched) this.points[point].defs.sort((a, b) => a.at - b.at);
  }
}

function joinFacts(into: Fact[] | undefined, facts: Fact[]): Fact[] {
  if (!into) return facts;
  let changed = false;
  const result = into.map((fact) => {
    const other = facts.find((f) => f.def === fact.def);
    if (!other) return fact;
    const guards = fact.guards.filter((g) => other.guards.includes(g));
    if (guards.length === fact.guards.length) return fact;
    changed = true;
    return { def: fact.def, guards };
  });
  for (const fact of facts) {
    if (into.some((f) => f.def === fact.def)) continue;
    result.push(fact);
    changed = true;
  }
  return changed ? result : into;
}

function parameterIdentifier(parameter: Node): Node | undefined {
  switch (parameter.type) {
    case 'identifier':
      return parameter;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return parameter.namedChildren.find((child) => child?.type === 'identifier') ?? undefined;
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = parameter.childForFieldName('name');
      return name?.type === 'identifier' ? name : undefined;
    }
    default:
      return undefined;
  }
}

function importedNames(statement: Node): string[] {
  const names: string[] = [];
  if (statement.type === 'import_statement') {
    for (const child of statement.namedChildren) {
      if (child?.type === 'dotted_name') names.push(child.text.split('.')[0]);
      else if (child?.type === 'aliased_import') names.push(child.childForFieldName('alias')?.text ?? '');
    }
  } else if (statement.type === 'import_from_statement') {
    for (const child of statement.childrenForFieldName('name')) {
      if (child?.type === 'dotted_name') names.push(child.text);
      else if (child?.type === 'aliased_import') names.push(child.childForFieldName('alias')?.text ?? '');
    }
  }
  return names.filter(Boolean);
}

/** The subject expressions of the `match` a `case` pattern belongs to. */
export function matchSubjects(pattern: Node): Node[] {
  const statement = pattern.parent?.parent?.parent;
  if (statement?.type !== 'match_statement') return [];
  return statement.childrenForFieldName('subject').filter((c): c is Node => !!c);
}

/** The names a `case` pattern binds: capture patterns and `as` aliases. */
function captures(pattern: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node, classHead: boolean) => {
    if (node.type === 'dotted_name') {
      const parts = node.namedChildren.filter((c): c is Node => !!c);
      if (!classHead && parts.length === 1 && parts[0].text !== '_') found.push(parts[0]);
      return;
    }
    if (node.type === 'identifier') {
      if (
        node.parent?.type === 'as_pattern' ||
        node.parent?.type === 'splat_pattern' ||
        node.parent?.type === 'keyword_pattern'
      ) {
        if (node.text !== '_' && !(node.parent.type === 'keyword_pattern' && node === node.parent.namedChildren[0]))
          found.push(node);
      }
      return;
    }
    node.namedChildren.forEach((child, i) => {
      if (child) visit(child, node.type === 'class_pattern' && i === 0);
    });
  };
  visit(pattern, false);
  return found;
}

function isIrrefutable(pattern: Node): boolean {
  const inner = pattern.namedChildren.filter((c): c is Node => !!c);
  if (inner.length === 0) return pattern.text.trim() === '_';
  if (inner.length !== 1) return false;
  const only = inner[0];
  return only.type === 'dotted_name' && only.namedChildren.length === 1;
}
