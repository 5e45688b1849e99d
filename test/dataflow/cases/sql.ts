// SQL built from strings (PSG101).
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const sqlProfile: KindProfile = {
  kind: 'sql',
  handler: 'list_users',
  route: '/users',
  param: 'order',
  v: 'sort',
  constant: '"name"',
  alt: '"created_at"',
  allowed: 'SORT_COLUMNS',
  allowedMembers: ['"name"', '"created_at"'],
  imports: [],
  module: ['SORT_COLUMNS = {"name", "created_at"}'],
  sinks: () => [
    {
      imports: ['import sqlite3'],
      module: ['db = sqlite3.connect("app.db")'],
      line: (v) => `rows = db.execute(f"SELECT id, name FROM users ORDER BY {${v}}").fetchall()`,
    },
    {
      imports: ['import psycopg2'],
      module: ['conn = psycopg2.connect("dbname=app")'],
      before: ['cur = conn.cursor()'],
      line: (v) => `cur.execute("SELECT id, name FROM users ORDER BY %s" % ${v})`,
    },
    {
      imports: ['from sqlalchemy import create_engine, text'],
      module: ['engine = create_engine("sqlite:///app.db")'],
      before: ['connection = engine.connect()'],
      line: (v) => `rows = connection.execute(text("SELECT id, name FROM users ORDER BY " + ${v})).fetchall()`,
    },
    {
      imports: ['from django.contrib.auth.models import User'],
      line: (v) => `users = list(User.objects.raw(f"SELECT * FROM auth_user ORDER BY {${v}}"))`,
    },
  ],
  sanitizer: { call: (v) => `str(int(${v}))`, imports: [], label: 'int()' },
  // `(CASE/**/WHEN/**/1=1/**/THEN/**/name/**/ELSE/**/id/**/END)` needs no space.
  lookalike: { call: (v) => `${v}.replace(" ", "")`, imports: [], label: 'replace(" ", "")' },
  pattern: '[a-z_]+',
  digitsAreSafe: true,
};

const handwritten: Pair[] = [
  {
    name: 'sql/sanitizer: value spliced into the SQL text / bound as a query parameter (Flask)',
    kind: 'sql',
    trick: 'sanitizer',
    files: {
      'app.py': `import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/login")
def login():
    username = request.args.get("user", "")
    db = sqlite3.connect("app.db")
    row = db.execute(<<<f"SELECT id FROM users WHERE name = '{username}'"|||"SELECT id FROM users WHERE name = ?", (username,)>>>).fetchone()  # SINK
    return {"found": row is not None}
`,
    },
  },
  {
    name: 'sql/guard: unknown kind logged only / rejected before TABLES.get(kind, kind) picks the table',
    kind: 'sql',
    trick: 'guard',
    files: {
      'views.py': `from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest

TABLES = {"books": "catalog_books", "films": "catalog_films"}


def export(request):
    kind = request.GET.get("kind", "books")
    if kind not in TABLES:
        <<<print("unknown kind", kind)|||return HttpResponseBadRequest("unknown kind")>>>
    table = TABLES.get(kind, kind)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # SINK
        (count,) = cursor.fetchone()
    return HttpResponse(str(count))
`,
    },
    note: 'TABLES.get(kind, kind) returns the request value itself when the key is missing: only the early return keeps it out.',
  },
  {
    name: 'sql/container: script from a list, index of the tag / of a constant (FastAPI)',
    kind: 'sql',
    trick: 'container',
    files: {
      'main.py': `import sqlite3

from fastapi import FastAPI

app = FastAPI()
QUERIES = ["DELETE FROM tags WHERE name = 'old'", "VACUUM"]


@app.post("/tags")
def add_tag(tag: str = ""):
    statements = [tag, *QUERIES]
    db = sqlite3.connect("app.db")
    db.executescript(statements[<<<0|||1>>>])  # SINK
    return {"ok": True}
`,
    },
  },
  {
    name: 'sql/helper: SQLAlchemy text() built by a same-file helper from the filter / a constant (Flask)',
    kind: 'sql',
    trick: 'helper',
    files: {
      'app.py': `from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("sqlite:///app.db")


def where_clause(column, value):
    return f"{column} = '{value}'"


@app.route("/search")
def search():
    term = request.args.get("q", "")
    clause = where_clause("title", <<<term|||"draft">>>)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id FROM posts WHERE " + clause)).fetchall()  # SINK
    return {"count": len(rows)}
`,
    },
  },
  {
    name: 'sql/sanitizer: the raw sort value / its Enum member value (Flask)',
    kind: 'sql',
    trick: 'sanitizer',
    files: {
      'app.py': `import enum
import sqlite3

from flask import Flask, request

app = Flask(__name__)


class SortColumn(str, enum.Enum):
    NAME = "name"
    CREATED = "created_at"


@app.route("/users")
def list_users():
    sort = request.args.get("order", "name")
    column = <<<sort|||SortColumn(sort).value>>>
    db = sqlite3.connect("app.db")
    rows = db.execute(f"SELECT id, name FROM users ORDER BY {column}").fetchall()  # SINK
    return {"count": len(rows)}
`,
    },
    note: 'SortColumn(sort) raises ValueError for anything but "name" or "created_at".',
  },
  {
    name: 'sql/helper-module: `import services.lookup as lookup` returns the parameter / a constant (Django)',
    kind: 'sql',
    trick: 'helper-module',
    files: {
      'views.py': `from django.db import connection
from django.http import HttpResponse

import services.lookup as lookup


def report(request):
    table = lookup.table_for(request.GET.get("kind", "books"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # SINK
        (count,) = cursor.fetchone()
    return HttpResponse(str(count))
`,
      'services/__init__.py': '',
      'services/lookup.py': `def table_for(kind):
    return <<<f"catalog_{kind}"|||"catalog_books">>>
`,
    },
  },
  {
    name: 'sql/helper-module: a helper imported under another name runs the query it is given: the request value / a constant (Flask)',
    kind: 'sql',
    trick: 'helper-module',
    files: {
      'app.py': `from flask import Flask, request

from db import run_query as query

app = Flask(__name__)


@app.route("/books")
def books():
    return {"rows": query(<<<request.args.get("author", "")|||"Austen">>>)}
`,
      'db.py': `import sqlite3


def run_query(author):
    connection = sqlite3.connect("books.db")
    return connection.execute("SELECT title FROM books WHERE author = '" + author + "'").fetchall()  # SINK
`,
    },
  },
];

export const sqlPairs: Pair[] = [...pairsFor(sqlProfile, templates, 0), ...handwritten];
