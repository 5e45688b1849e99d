import { isSpecifier } from './versions';

/** One PEP 508 requirement, as far as the dependency checks need it. */
export interface Requirement {
  name: string;
  /** The version specifier (`>=1.0,<2`), without extras, parentheses or environment marker; '' when none. */
  specifier: string;
  /** Offset of the specifier in the requirement string (meaningful when it is not empty). */
  specifierAt: number;
  /** Offset just after the name, extras and specifier: where the marker or the options begin. */
  end: number;
  /** A direct reference (`name @ https://...`) fixes what is installed by itself. */
  direct: boolean;
}

const namePattern = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;

/**
 * Parses one PEP 508 requirement string (`requests[socks]>=2.31,<3; python_version >= "3.8"`).
 * Undefined for text that is not one (the caller says which line could not be read).
 */
export function parseRequirement(text: string): Requirement | undefined {
  const match = namePattern.exec(text);
  if (!match) return undefined;
  const name = match[1];
  let rest = text.slice(match[0].length);
  let at = match[0].length;
  if (rest.startsWith('@')) {
    const marker = rest.search(/\s;/);
    return {
      name,
      specifier: '',
      specifierAt: at,
      end: marker < 0 ? text.trimEnd().length : at + marker,
      direct: true,
    };
  }
  const semicolon = rest.indexOf(';');
  if (semicolon >= 0) rest = rest.slice(0, semicolon);
  let specifier = rest.trimEnd();
  const end = at + specifier.length;
  if (specifier.startsWith('(') && specifier.endsWith(')')) {
    specifier = specifier.slice(1, -1);
    at += 1;
    const lead = specifier.length - specifier.trimStart().length;
    specifier = specifier.trim();
    at += lead;
  }
  if (specifier && (!/^(?:[<>=!~]=?|===)/.test(specifier) || !isSpecifier(specifier))) return undefined;
  return { name, specifier, specifierAt: at, end, direct: false };
}
