// XPath expressions built from request data (the XPath-injection rule of the coverage work, PSG140).
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const xpathProfile: KindProfile = {
  kind: 'xpath',
  handler: 'find_user',
  route: '/users/find',
  param: 'username',
  v: 'name',
  constant: '"guest"',
  alt: '"admin"',
  allowed: 'KNOWN_USERS',
  allowedMembers: ['"guest"', '"admin"'],
  imports: ['from lxml import etree'],
  module: ['KNOWN_USERS = {"guest", "admin"}', 'TREE = etree.parse("users.xml")'],
  sinks: () => [
    { imports: [], line: (v) => `nodes = TREE.xpath(f"//user[@name='{${v}}']")` },
    { imports: [], line: (v) => `nodes = etree.XPath("//user[@name='" + ${v} + "']")(TREE)` },
  ],
  pattern: '[A-Za-z0-9_]+',
  digitsAreSafe: true,
  only: [
    'if-constant',
    'sink-in-dead-branch',
    'both-branches',
    'list-remove',
    'nested-dict',
    'allow-list-replace',
    'regex-guard',
    'user-regex-validator',
    'module-regex-validator',
    'helper-runs-sink',
    'module-runs-sink',
    'namespace-attribute',
    'global-written',
    'percent',
    'limit-arithmetic',
    'range-loop',
    'match-allow-list',
  ],
};

const handwritten: Pair[] = [
  {
    name: 'xpath/sanitizer: the name spliced into the expression / bound as an XPath variable (Flask)',
    kind: 'xpath',
    trick: 'sanitizer',
    files: {
      'app.py': `from flask import Flask, request
from lxml import etree

app = Flask(__name__)
TREE = etree.parse("users.xml")


@app.route("/login")
def login():
    name = request.args.get("name", "")
    found = TREE.xpath(<<<f"//user[@name='{name}']"|||"//user[@name=$name]", name=name>>>)  # SINK
    return {"found": bool(found)}
`,
    },
  },
];

export const xpathPairs: Pair[] = [...pairsFor(xpathProfile, templates, 0), ...handwritten];
