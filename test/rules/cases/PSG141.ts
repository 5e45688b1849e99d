import type { RuleCases } from '../types';

const ldap3 = 'from flask import request\nfrom ldap3 import Server, Connection\n';
const pyldap = 'from flask import request\nimport ldap\n';

export const cases: RuleCases = {
  ruleId: 'PSG141',
  valid: [
    { name: 'escaped with ldap3', code: `${ldap3}from ldap3.utils.conv import escape_filter_chars\ndef view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", f"(uid={escape_filter_chars(request.args['u'])})")\n` },
    { name: 'escaped with python-ldap', code: `${pyldap}import ldap.filter\ndef view():\n    l = ldap.initialize("ldap://h")\n    return l.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % ldap.filter.escape_filter_chars(request.args["u"]))\n` },
    { name: 'filter_format escapes its values', code: `${pyldap}from ldap.filter import filter_format\ndef view():\n    l = ldap.initialize("ldap://h")\n    return l.search_s("dc=x", ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [request.args["u"]]))\n` },
    { name: 'a constant filter', code: `${ldap3}def view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", "(objectClass=person)")\n` },
    { name: 're.search is not LDAP', code: 'from flask import request\nimport re\nimport ldap3\ndef view():\n    return str(re.search(request.args["p"], "text"))\n' },
    { name: 'a search method of something else in a file without LDAP', code: 'from flask import request\ndef view(index):\n    return index.search("docs", f"(uid={request.args[\'u\']})")\n' },
    { name: 'a number in the filter', code: `${ldap3}def view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", f"(uidNumber={int(request.args['n'])})")\n` },
    { name: 'test code', code: 'from ldap3 import Connection\ndef test_search(conn, user):\n    conn.search("dc=x", f"(uid={user})")\n' },
    { name: 'a value only in the search base', code: `${ldap3}def view():\n    conn = Connection(Server("ldap://h"))\n    conn.search(f"ou={request.args['ou']},dc=x", "(objectClass=person)")\n` },
  ],
  invalid: [
    {
      name: 'ldap3 with an f-string: unsafe fix (a typed * no longer matches everything)',
      code: `${ldap3}def view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", f"(uid={request.args['u']})")\n`,
      findings: [{ text: `f"(uid={request.args['u']})"`, confidence: 'high', message: 'as an LDAP filter' }],
      output: `${ldap3}from ldap3.utils.conv import escape_filter_chars\ndef view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", f"(uid={escape_filter_chars(str(request.args['u']))})")\n`,
      applicability: 'unsafe',
    },
    {
      name: 'python-ldap search_s with concatenation: safe fix',
      code: `${pyldap}def view():\n    l = ldap.initialize("ldap://h")\n    return l.search_s("dc=x", ldap.SCOPE_SUBTREE, "(&(uid=" + request.form["u"] + ")(objectClass=person))")\n`,
      findings: [{ text: '"(&(uid=" + request.form["u"] + ")(objectClass=person))"', confidence: 'high' }],
      output: `${pyldap}from ldap.filter import escape_filter_chars\ndef view():\n    l = ldap.initialize("ldap://h")\n    return l.search_s("dc=x", ldap.SCOPE_SUBTREE, "(&(uid=" + escape_filter_chars(request.form["u"]) + ")(objectClass=person))")\n`,
      applicability: 'safe',
    },
    {
      name: 'search_filter keyword and a with-statement connection',
      code: `${ldap3}def login():\n    user = request.form["user"]\n    with Connection(Server("ldap://h")) as conn:\n        conn.search(search_base="dc=x", search_filter="(cn=*%s*)" % user)\n`,
      findings: [{ text: '"(cn=*%s*)" % user', confidence: 'high' }],
      output: `${ldap3}from ldap3.utils.conv import escape_filter_chars\ndef login():\n    user = request.form["user"]\n    with Connection(Server("ldap://h")) as conn:\n        conn.search(search_base="dc=x", search_filter="(cn=*%s*)" % escape_filter_chars(str(user)))\n`,
    },
    {
      name: 'two values in one filter',
      code: `${ldap3}def login():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", "(&(uid={})(mail={}))".format(request.form["u"], request.form["m"]))\n`,
      findings: [{ text: '"(&(uid={})(mail={}))".format(request.form["u"], request.form["m"])', confidence: 'high' }],
      output: `${ldap3}from ldap3.utils.conv import escape_filter_chars\ndef login():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", "(&(uid={})(mail={}))".format(escape_filter_chars(str(request.form["u"])), escape_filter_chars(str(request.form["m"]))))\n`,
    },
    {
      name: 'a whole filter from the request: no fix',
      code: `${ldap3}def view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", request.args["filter"])\n`,
      findings: [{ text: 'request.args["filter"]', confidence: 'high' }],
      output: null,
      noFixBecause: 'could not be followed',
    },
    {
      name: 'an attribute name from the request: no fix',
      code: `${ldap3}def view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", f"({request.args['attr']}=admin)")\n`,
      findings: [{ text: `f"({request.args['attr']}=admin)"` }],
      output: null,
      noFixBecause: 'not an attribute value',
    },
    {
      name: 'the connection is a parameter (receiver not visible) in an ldap3 file',
      code: `${ldap3}def find_user(conn):\n    conn.search("dc=x", f"(uid={request.args['u']})", attributes=["cn"])\n`,
      findings: [{ text: `f"(uid={request.args['u']})"`, confidence: 'high' }],
    },
    {
      name: 'python-ldap search_ext_s with filterstr, value from a parameter: low confidence',
      code: 'import ldap\ndef lookup(l, name):\n    return l.search_ext_s("dc=x", ldap.SCOPE_SUBTREE, filterstr="(uid=%s)" % name)\n',
      findings: [{ text: '"(uid=%s)" % name', confidence: 'low' }],
    },
    {
      name: 'a filter built in another statement: no fix',
      code: `${ldap3}def view():\n    flt = "(uid=" + request.args["u"] + ")"\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", flt)\n`,
      findings: [{ text: 'flt', confidence: 'high' }],
      output: null,
      noFixBecause: 'another statement',
    },
    {
      name: 'the escape function name is taken',
      code: `${ldap3}escape_filter_chars = None\ndef view():\n    conn = Connection(Server("ldap://h"))\n    conn.search("dc=x", "(uid=" + request.args["u"] + ")")\n`,
      findings: [{ text: '"(uid=" + request.args["u"] + ")"' }],
      output: null,
      noFixBecause: 'already used',
    },
  ],
};
