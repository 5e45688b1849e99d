import type { Node } from '../parser/parser';

/**
 * The two sides of an assignment, read from the tree once per assignment node. The engine hands the
 * same node object to the semantic model and to every rule that visits assignments (ten rules do),
 * and each of them starts with both sides: each read would otherwise be a crossing into WebAssembly
 * and a new node object.
 */
interface Sides {
  left: Node | undefined;
  right: Node | undefined;
}

const sidesOf = new WeakMap<Node, Sides>();

function sides(assignment: Node): Sides {
  let known = sidesOf.get(assignment);
  if (!known) {
    known = {
      left: assignment.childForFieldName('left') ?? undefined,
      right: assignment.childForFieldName('right') ?? undefined,
    };
    sidesOf.set(assignment, known);
  }
  return known;
}

/** What an assignment assigns to: `x` in `x = f()`, `a, b` in `a, b = pair`. */
export function assignedTarget(assignment: Node): Node | undefined {
  return sides(assignment).left;
}

/** The value an assignment assigns (undefined for an annotation without one: `x: int`). */
export function assignedValue(assignment: Node): Node | undefined {
  return sides(assignment).right;
}
