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

/**
 * A regular expression that admits only letters, digits, `_` and `-` (`[A-Za-z0-9_-]+`, `\w+`),
 * matched whole: a value that passes can hold no quote, space, slash, dot or operator.
 */
export function safeCharactersPattern(pattern: string): boolean {
  const body = pattern.replace(/^\^|\\A/, '').replace(/(?:\$|\\Z|\\z)$/, '');
  const unit = String.raw`(?:\\w|\\d|\[(?:[a-zA-Z0-9]-[a-zA-Z0-9]|[a-zA-Z0-9_]|\\w|\\d|\\-|-)+\])`;
  return new RegExp(`^(?:${unit}(?:[+*?]|\\{\\d+(?:,\\d*)?\\})?)+$`).test(body);
}

/** `re.sub(r"[^A-Za-z0-9_-]", "", x)`: the negated class of a substitution that keeps only such characters. */
export function keepsSafeCharacters(pattern: string, replacement: string): boolean {
  const match = /^\[\^((?:[a-zA-Z0-9]-[a-zA-Z0-9]|[a-zA-Z0-9_]|\\w|\\d|\\-|-)+)\][+*]?$/.exec(pattern);
  return !!match && /^[a-zA-Z0-9_-]*$/.test(replacement);
}
