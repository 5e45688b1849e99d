/**
 * What the dataflow analysis knows about calls beyond sources and sanitizers: decoders that undo
 * an escaping, methods that answer a number or a boolean, calls that never return, checks that
 * admit only safe characters.
 */

/** Decoders: their result is the original again, so what an encoder escaped is no longer escaped. */
export const decoders: ReadonlySet<string> = new Set([
  'urllib.parse.unquote',
  'urllib.parse.unquote_plus',
  'urllib.parse.unquote_to_bytes',
  'html.unescape',
  'xml.sax.saxutils.unescape',
  'base64.b64decode',
  'base64.urlsafe_b64decode',
  'base64.standard_b64decode',
  'base64.b32decode',
  'base64.b16decode',
  'base64.a85decode',
  'base64.b85decode',
  'base64.decodebytes',
  'binascii.unhexlify',
  'binascii.a2b_hex',
  'binascii.a2b_base64',
  'codecs.decode',
  'bytes.fromhex',
  'json.loads',
  'quopri.decodestring',
]);

/** Methods whose result is a number or a boolean, whatever the receiver holds. */
export const scalarMethods: ReadonlySet<string> = new Set([
  'index',
  'count',
  'find',
  'rfind',
  'rindex',
  'startswith',
  'endswith',
  'isdigit',
  'isdecimal',
  'isnumeric',
  'isalpha',
  'isalnum',
  'isidentifier',
  'isspace',
  'islower',
  'isupper',
  'isascii',
  '__len__',
  'bit_length',
]);

/** Calls that never return, by qualified name. */
export const exitCalls: ReadonlySet<string> = new Set([
  'sys.exit',
  'os._exit',
  'os.abort',
  'flask.abort',
  'quart.abort',
  'werkzeug.exceptions.abort',
  'bottle.abort',
  'pytest.fail',
  'pytest.skip',
  'pytest.exit',
]);

/** Calls that never return when the name is not resolved (`abort(403)` imported from a framework, `exit()`). */
export const exitNames = /^(?:abort|exit|quit|_exit)$/;

/** `isinstance(x, T)`: types whose values carry no text of their own. */
export const scalarTypes =
  /^(?:int|float|bool|complex|uuid\.UUID|UUID|Decimal|decimal\.Decimal|datetime(?:\.\w+)?|date)$/;

const word = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'];
const digits = [...'0123456789'];

/**
 * The characters a value matched by `pattern` (anchors aside) can hold, when the pattern is a plain
 * sequence of literal characters and classes (`[A-Za-z0-9_-]+`, `\w+`, `/[a-z]*`); undefined for
 * anything else (`.`, groups, alternation, negated classes).
 */
export function allowedCharacters(pattern: string): Set<string> | undefined {
  const body = pattern.replace(/^(?:\^|\\A)/, '').replace(/(?:\$|\\Z)$/, '');
  const allowed = new Set<string>();
  const add = (chars: string[]) => chars.forEach((c) => allowed.add(c));
  let i = 0;
  const escaped = (c: string): string[] | undefined =>
    c === 'w' ? word : c === 'd' ? digits : /[-./_]/.test(c) ? [c] : undefined;
  while (i < body.length) {
    const c = body[i];
    if (c === '[') {
      if (body[i + 1] === '^') return undefined;
      const end = body.indexOf(']', i + 2);
      if (end < 0) return undefined;
      const inner = body.slice(i + 1, end);
      for (let k = 0; k < inner.length; k++) {
        if (inner[k] === '\\') {
          const chars = escaped(inner[k + 1] ?? '');
          if (!chars) return undefined;
          add(chars);
          k++;
        } else if (
          inner[k + 1] === '-' &&
          k + 2 < inner.length &&
          /[A-Za-z0-9]/.test(inner[k]) &&
          /[A-Za-z0-9]/.test(inner[k + 2])
        ) {
          for (let code = inner.charCodeAt(k); code <= inner.charCodeAt(k + 2); code++)
            allowed.add(String.fromCharCode(code));
          k += 2;
        } else if (/[A-Za-z0-9_./-]/.test(inner[k])) allowed.add(inner[k]);
        else return undefined;
      }
      i = end + 1;
    } else if (c === '\\') {
      const chars = escaped(body[i + 1] ?? '');
      if (!chars) return undefined;
      add(chars);
      i += 2;
    } else if (/[A-Za-z0-9_/-]/.test(c)) {
      allowed.add(c);
      i++;
    } else return undefined;
    // A quantifier after the unit.
    const quantifier = /^(?:[+*?]|\{\d+(?:,\d*)?\})/.exec(body.slice(i));
    if (quantifier) i += quantifier[0].length;
  }
  return allowed.size ? allowed : undefined;
}

/** `re.sub(r"[^A-Za-z0-9_-]", "", x)`: the negated class of a substitution that keeps only such characters. */
export function keepsSafeCharacters(pattern: string, replacement: string): boolean {
  const match = /^\[\^((?:[a-zA-Z0-9]-[a-zA-Z0-9]|[a-zA-Z0-9_]|\\w|\\d|\\-|-)+)\][+*]?$/.exec(pattern);
  return !!match && /^[a-zA-Z0-9_-]*$/.test(replacement);
}
