import type { Node } from '../engine/parser';
import type { SemanticModel } from '../semantic/model';
import type { Hole, HoleVia } from '../semantic/strings';
import type { Confidence } from './types';

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
