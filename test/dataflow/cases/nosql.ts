// MongoDB queries built from request data (the NoSQL-injection rule of the coverage work, PSG142).
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const nosqlProfile: KindProfile = {
  kind: 'nosql',
  handler: 'find_account',
  route: '/accounts',
  param: 'owner',
  v: 'owner_name',
  constant: '"guest"',
  alt: '"system"',
  allowed: 'KNOWN_OWNERS',
  allowedMembers: ['"guest"', '"system"'],
  imports: ['from pymongo import MongoClient'],
  module: ['KNOWN_OWNERS = {"guest", "system"}', 'db = MongoClient()["app"]'],
  sinks: () => [
    { imports: [], line: (v) => `account = db.accounts.find_one({"$where": f"this.owner == '{${v}}'"})` },
    { imports: [], line: (v) => `accounts = list(db.accounts.find({"$where": "this.owner == '" + ${v} + "'"}))` },
  ],
  pattern: '[A-Za-z0-9_]+',
  digitsAreSafe: true,
  only: [
    'if-constant',
    'reassigned',
    'list-insert',
    'dict-merge',
    'dict-pop',
    'allow-list-reject',
    'guard-and-or',
    'int-with-fallback',
    'user-allow-list',
    'module-allow-list',
    'pick-parameter',
    'module-reads-request',
    'instance-shadows-class',
    'global-dict',
    'split-join',
    'or-default',
    'assigned-after-raise',
    'loop-continue',
  ],
};

const handwritten: Pair[] = [
  {
    name: 'nosql/sanitizer: query document taken from the JSON body / built with str() of one field (Flask)',
    kind: 'nosql',
    trick: 'sanitizer',
    files: {
      'app.py': `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["app"]


@app.route("/login", methods=["POST"])
def login():
    body = request.get_json()
    user = db.users.find_one(<<<body|||{"name": str(body.get("name", "")), "active": True}>>>)  # SINK
    return {"found": user is not None}
`,
    },
    note: 'A body of {"name": {"$ne": ""}} matches any user; str() turns an operator dict into a plain string value.',
  },
];

export const nosqlPairs: Pair[] = [...pairsFor(nosqlProfile, templates, 2), ...handwritten];
