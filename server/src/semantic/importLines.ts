/**
 * Import statements read from a file's text alone, without parsing it: for indexes over a whole workspace (which files
 * import which module, which names a file imports), where a superset is fine and every file cannot be parsed.
 */

/**
 * `import a.b`, `import a.b as c, d`, `from a.b import (x, y)`, `from . import x`, `from a import x, \` continued on
 * the next line: the modules and names an import line may name.
 */
const importLine =
  /^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import\b[ \t]*(\([^)]*\)|(?:[^\n#\\]|\\\r?\n)*)|import[ \t]+([^\n#]+))/gm;

/**
 * The names a `from` import lists, each with the name it is bound to (`y` of `x as y`, else `x`), the parentheses,
 * line breaks and continuations dropped.
 */
function listedNames(list: string): { name: string; bound: string }[] {
  return list
    .replace(/[()\\\n]/g, ' ')
    .split(',')
    .map((entry) => {
      const words = entry.trim().split(/\s+/);
      return { name: words[0], bound: words[1] === 'as' && words[2] ? words[2] : words[0] };
    });
}

/** What the import statements of a text name (see `importsOfText`). */
export interface ImportLines {
  /** The modules they may name (for `from a import b`, both `a` and `a.b`). */
  modules: string[];
  /** The names `from ... import` statements import (`x` of `x as y`), and whether one imports `*`. */
  names: Set<string>;
  all: boolean;
  /** The names they bind under another name: `[x, y]` for `x as y`. */
  aliases: [string, string][];
}

/** The modules and names the import statements of `text` may name, read in one pass over it. */
export function importsOfText(text: string): ImportLines {
  const modules: string[] = [];
  const names = new Set<string>();
  const aliases: [string, string][] = [];
  let all = false;
  for (const match of text.matchAll(importLine)) {
    if (match[1] !== undefined) {
      const module = match[1];
      modules.push(module);
      for (const { name: word, bound } of listedNames(match[2])) {
        if (word === '*') all = true;
        else if (word) names.add(word);
        if (/^\w+$/.test(word)) modules.push(module.endsWith('.') ? `${module}${word}` : `${module}.${word}`);
        if (bound !== word && /^\w+$/.test(word) && /^\w+$/.test(bound)) aliases.push([word, bound]);
      }
    } else {
      for (const name of match[3].split(',')) {
        const word = name.trim().split(/\s+/)[0];
        if (/^[\w.]+$/.test(word)) modules.push(word);
      }
    }
  }
  return { modules, names, all, aliases };
}

/** The test frameworks: a file that imports one (or a module inside one) is test code. */
export const TEST_FRAMEWORKS: readonly string[] = ['unittest', 'pytest', 'test.support', 'hypothesis', 'nose'];

/** Whether `name` is `module` or a module inside it (`unittest.mock` is in `unittest`). */
export function inModule(name: string, module: string): boolean {
  return name === module || name.startsWith(`${module}.`);
}

/** Whether `modules` (what a file imports) hold a test framework or a module inside one (`unittest.mock`). */
export function importsTestFramework(modules: Iterable<string>): boolean {
  for (const name of modules) if (TEST_FRAMEWORKS.some((test) => inModule(name, test))) return true;
  return false;
}
