// LDAP filters built from request data (the LDAP-injection rule of the coverage work, PSG141).
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const ldapProfile: KindProfile = {
  kind: 'ldap',
  handler: 'lookup',
  route: '/directory',
  param: 'uid',
  v: 'user_id',
  constant: '"guest"',
  alt: '"service"',
  allowed: 'KNOWN_UIDS',
  allowedMembers: ['"guest"', '"service"'],
  imports: [],
  module: ['KNOWN_UIDS = {"guest", "service"}'],
  sinks: () => [
    {
      imports: ['import ldap3'],
      module: ['SERVER = ldap3.Server("ldap://ldap.example.com")'],
      before: ['conn = ldap3.Connection(SERVER, auto_bind=True)'],
      line: (v) => `conn.search("dc=example,dc=com", f"(uid={${v}})")`,
    },
    {
      imports: ['import ldap'],
      module: ['DIRECTORY = ldap.initialize("ldap://ldap.example.com")'],
      line: (v) => `entries = DIRECTORY.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + ${v} + ")")`,
    },
  ],
  sanitizer: {
    call: (v) => `escape_filter_chars(${v})`,
    imports: ['from ldap3.utils.conv import escape_filter_chars'],
    label: 'escape_filter_chars()',
  },
  // `admin)(|(uid=*` needs no asterisk to widen the filter: `x)(|(objectClass=person`.
  lookalike: { call: (v) => `${v}.replace("*", "")`, imports: [], label: 'replace("*", "")' },
  pattern: '[A-Za-z0-9_]+',
  digitsAreSafe: true,
  only: [
    'constant-flag',
    'elif-membership',
    'assignment-direction',
    'dict-update-get',
    'configparser',
    'guard-function-raises',
    'library-sanitizer',
    'sanitized-copy',
    'user-wraps-library',
    'package-wraps-library',
    'helper-chain',
    'module-class-method',
    'self-attribute-reset',
    'global-statement',
    'quote-unquote',
    'flag-comparison',
    'while-break',
  ],
};

const handwritten: Pair[] = [
  {
    name: 'ldap/user-sanitizer-module: filter escaping in another module that skips `*` / escapes every special character (Flask)',
    kind: 'ldap',
    trick: 'user-sanitizer-module',
    files: {
      'app.py': `import ldap3
from flask import Flask, request

from ldaputil import escape_value

app = Flask(__name__)
SERVER = ldap3.Server("ldap://ldap.example.com")


@app.route("/directory")
def lookup():
    uid = escape_value(request.args.get("uid", ""))
    conn = ldap3.Connection(SERVER, auto_bind=True)
    conn.search("dc=example,dc=com", f"(uid={uid})")  # SINK
    return {"found": len(conn.entries)}
`,
      'ldaputil.py': `def escape_value(value):
    value = value.replace("\\\\", "\\\\5c")<<<|||.replace("*", "\\\\2a")>>>
    return value.replace("(", "\\\\28").replace(")", "\\\\29").replace("\\x00", "\\\\00")
`,
    },
    note: 'RFC 4515 escaping; without "*", uid=* matches every entry (and a*b probes values).',
  },
];

export const ldapPairs: Pair[] = [...pairsFor(ldapProfile, templates, 1), ...handwritten];
