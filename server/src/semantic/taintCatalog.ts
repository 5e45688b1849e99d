/**
 * What the taint tracker knows about libraries: where untrusted data enters (sources), which calls
 * and checks make it safe for which kind of sink (sanitizers), and the families settings switch.
 */

/** The kinds of sink a sanitizer can make a value safe for. */
export type SinkKind =
  | 'sql'
  | 'shell'
  | 'code'
  | 'path'
  | 'url'
  | 'redirect'
  | 'html'
  | 'template'
  | 'log'
  | 'xml'
  | 'deserialization'
  | 'xpath'
  | 'ldap'
  | 'nosql'
  | 'header'
  | 'session';

/** Groups of sources that settings switch on and off. */
export type SourceFamily =
  'flask' | 'django' | 'fastapi' | 'aiohttp' | 'cli' | 'environment' | 'socket' | 'responses' | 'files' | 'custom';

export const sourceFamilies: readonly SourceFamily[] = [
  'flask',
  'django',
  'fastapi',
  'aiohttp',
  'cli',
  'environment',
  'socket',
  'responses',
  'files',
  'custom',
];

/**
 * Strong sources are controlled by whoever sends a request or connects; weak ones are data from
 * elsewhere (files, other services) or from the person running the program (the command line,
 * the environment), who already holds the process's rights unless it runs with other privileges.
 */
export type SourceStrength = 'strong' | 'weak';

/** Families whose data comes from whoever runs the program. */
export const operatorFamilies: ReadonlySet<SourceFamily> = new Set(['cli', 'environment']);

export const familyStrength: Record<SourceFamily, SourceStrength> = {
  flask: 'strong',
  django: 'strong',
  fastapi: 'strong',
  aiohttp: 'strong',
  socket: 'strong',
  custom: 'strong',
  cli: 'weak',
  environment: 'weak',
  responses: 'weak',
  files: 'weak',
};

/** Settings of the tracker (plain data: it crosses the LSP and CLI boundaries). */
export interface TaintOptions {
  /** Source families in use. */
  sources: Record<SourceFamily, boolean>;
  /** Extra qualified names whose value or call result is untrusted (`myapp.http.current_payload`). */
  extraSources: string[];
  /** Extra qualified names of calls whose result is safe for every sink (`myapp.validators.slug`). */
  extraSanitizers: string[];
}

export const defaultTaintOptions: TaintOptions = {
  sources: {
    flask: true,
    django: true,
    fastapi: true,
    aiohttp: true,
    cli: true,
    environment: true,
    socket: true,
    responses: true,
    files: true,
    custom: true,
  },
  extraSources: [],
  extraSanitizers: [],
};

/** Module-level request objects (`from flask import request`). */
export const requestObjects: ReadonlyMap<string, SourceFamily> = new Map([
  ['flask.request', 'flask'],
  ['quart.request', 'flask'],
  ['werkzeug.local.request', 'flask'],
  ['bottle.request', 'flask'],
]);

/** Attributes (and methods) of a request object that carry what the client sent. */
export const requestDataAttributes: ReadonlySet<string> = new Set([
  // Flask / Werkzeug
  'args',
  'form',
  'values',
  'json',
  'data',
  'cookies',
  'headers',
  'files',
  'view_args',
  'get_json',
  'get_data',
  'stream',
  'query_string',
  'full_path',
  'url',
  'path',
  'environ',
  'referrer',
  // Django
  'GET',
  'POST',
  'COOKIES',
  'META',
  'body',
  'FILES',
  'path_info',
  'get_full_path',
  'read',
  'readline',
  // Django REST framework, Starlette / FastAPI
  'query_params',
  'path_params',
  'form',
  'stream',
  // aiohttp
  'match_info',
  'query',
  'post',
  'text',
  'content',
  'rel_url',
  'raw_path',
]);

/** Calls whose result is untrusted, by qualified name. */
export const sourceCalls: ReadonlyMap<string, SourceFamily> = new Map([
  ['builtins.input', 'cli'],
  ['os.getenv', 'environment'],
  ['os.getenvb', 'environment'],
  ['os.environ.get', 'environment'],
]);

/** Values that are untrusted, by qualified name (and anything read from them). */
export const sourceValues: ReadonlyMap<string, SourceFamily> = new Map([
  ['sys.argv', 'cli'],
  ['sys.stdin', 'cli'],
  ['os.environ', 'environment'],
  ['os.environb', 'environment'],
]);

/** `argparse.ArgumentParser().parse_args()` and friends: command-line arguments. */
export const cliParsers =
  /^(?:argparse\.ArgumentParser\(\)\.parse_(?:known_)?args|optparse\.OptionParser\(\)\.parse_args)\(\)/;

/**
 * Words without which a module's text holds none of the sources above except file contents: request objects and route
 * handlers, the command line, the environment, sockets, HTTP clients. The callers of a function in other modules are
 * read only from modules that have one (parsing every importer of a widely used module costs more than it finds).
 */
export const sourceHint =
  /\b(?:request|req|argv|stdin|environb?|getenvb?|urlopen|requests|httpx|urllib3|aiohttp|argparse|optparse|fastapi|starlette|django|flask|quart|bottle)\b|\b(?:input|recv\w*)\s*\(|@[\w.]+\.(?:route|get|post|put|patch|delete|websocket)\s*\(/;

/** Method names that read from a socket. */
export const socketReads: ReadonlySet<string> = new Set(['recv', 'recvfrom', 'recv_into', 'recvmsg']);

/** HTTP clients whose responses carry another service's data. */
export const httpClientPrefixes = [
  'requests.',
  'httpx.',
  'urllib.request.urlopen',
  'urllib3.',
  'aiohttp.ClientSession',
];
/** What of a response is its body. */
export const responseBodyMembers: ReadonlySet<string> = new Set([
  'text',
  'content',
  'json',
  'read',
  'iter_lines',
  'iter_content',
  'readlines',
  'readline',
  'data',
  'aread',
  'body',
]);

/** File reads: `open(p).read()`, `Path(p).read_text()`. */
export const fileReadMethods: ReadonlySet<string> = new Set([
  'read',
  'readline',
  'readlines',
  'read_text',
  'read_bytes',
]);
export const fileOpeners = /^(?:builtins\.open|io\.open|codecs\.open|pathlib\.(?:Pure)?(?:Posix|Windows)?Path)\(\)/;

/** Calls whose result is safe for every sink: numbers, booleans, identifiers the library generates. */
export const sanitizeAll: ReadonlySet<string> = new Set([
  'builtins.int',
  'builtins.float',
  'builtins.bool',
  'builtins.len',
  'builtins.abs',
  'builtins.round',
  'builtins.ord',
  'builtins.hash',
  'builtins.id',
  'builtins.isinstance',
  'builtins.hasattr',
  'builtins.callable',
  'builtins.complex',
  'uuid.UUID',
  'uuid.uuid1',
  'uuid.uuid4',
  'decimal.Decimal',
  'datetime.date.fromisoformat',
  'datetime.datetime.fromisoformat',
  'ipaddress.ip_address',
  'secrets.token_hex',
  'secrets.token_urlsafe',
]);

/**
 * Calls whose result is safe for some sinks only. HTML escaping leaves `{{ }}` alone, so it is no help against template
 * injection.
 */
export const sanitizeFor: ReadonlyMap<string, readonly SinkKind[]> = new Map<string, readonly SinkKind[]>([
  ['shlex.quote', ['shell']],
  ['pipes.quote', ['shell']],
  ['os.path.basename', ['path']],
  ['posixpath.basename', ['path']],
  ['werkzeug.utils.secure_filename', ['path']],
  ['werkzeug.secure_filename', ['path']],
  ['django.utils.text.get_valid_filename', ['path']],
  ['werkzeug.utils.safe_join', ['path']],
  ['werkzeug.security.safe_join', ['path']],
  ['flask.safe_join', ['path']],
  ['html.escape', ['html']],
  ['markupsafe.escape', ['html']],
  ['flask.escape', ['html']],
  ['django.utils.html.escape', ['html']],
  ['django.utils.html.conditional_escape', ['html']],
  ['bleach.clean', ['html']],
  ['nh3.clean', ['html']],
  ['django.utils.html.format_html', ['html']],
  ['django.utils.html.strip_tags', ['html']],
  ['flask.url_for', ['redirect', 'url']],
  ['django.urls.reverse', ['redirect', 'url']],
  ['django.shortcuts.resolve_url', ['redirect']],
  ['urllib.parse.quote', ['url', 'redirect', 'path', 'shell', 'log', 'header']],
  ['urllib.parse.quote_plus', ['url', 'redirect', 'path', 'shell', 'log', 'header']],
  ['json.dumps', ['log']],
  ['builtins.repr', ['log']],
  ['builtins.ascii', ['log']],
  // LDAP filter escaping (RFC 4515): `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, ...
  ['ldap3.utils.conv.escape_filter_chars', ['ldap']],
  ['ldap.filter.escape_filter_chars', ['ldap']],
  ['ldap.filter.filter_format', ['ldap']],
  // A string or an ObjectId cannot carry a query operator (`{"$ne": null}`) into a MongoDB filter.
  ['builtins.str', ['nosql']],
  ['bson.ObjectId', ['nosql']],
  ['bson.objectid.ObjectId', ['nosql']],
]);

/**
 * Attributes whose value is safe for some sinks, by resolved path (`Path(name).name` is `pathlib.Path().name`): the
 * last segment of a path, as `os.path.basename` gives it. Read by attribute reads, not calls.
 */
export const sanitizingAttributes: ReadonlyArray<{ path: RegExp; kinds: readonly SinkKind[] }> = [
  { path: /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path\(\)\.(?:name|stem)$/, kinds: ['path'] },
];

/** Guard calls that vouch for a redirect or fetch target (`url_has_allowed_host_and_scheme(url, ...)`). */
export const safeUrlChecks: ReadonlySet<string> = new Set([
  'url_has_allowed_host_and_scheme',
  'is_safe_url',
  'is_safe_redirect_url',
  'is_allowed_url',
]);

/** String methods whose result carries its receiver's and arguments' data. */
export const transparentMethods: ReadonlySet<string> = new Set([
  'format',
  'join',
  'strip',
  'lstrip',
  'rstrip',
  'lower',
  'upper',
  'casefold',
  'title',
  'capitalize',
  'replace',
  'split',
  'rsplit',
  'splitlines',
  'partition',
  'rpartition',
  'encode',
  'decode',
  'get',
  'pop',
  'getlist',
  'setdefault',
  'values',
  'items',
  'keys',
  'copy',
  'format_map',
  'removeprefix',
  'removesuffix',
  'zfill',
  'center',
  'ljust',
  'rjust',
  'expandtabs',
  'translate',
  'to_dict',
  'dict',
  'getone',
  'getall',
  'first',
]);

/** Decorator methods that register a web handler (`@app.route`, `@router.get`, `@bp.post`). */
export const routeDecorators: ReadonlySet<string> = new Set([
  'route',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'api_route',
  'websocket',
  'view',
]);

/** Flask converters and FastAPI annotations that only admit numbers or identifiers. */
export const safeConverters: ReadonlySet<string> = new Set([
  'int',
  'float',
  'uuid',
  'bool',
  'UUID',
  'date',
  'datetime',
  'Decimal',
  'conint',
  'PositiveInt',
]);
