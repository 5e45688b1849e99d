import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const sqlite = 'import sqlite3\ncon = sqlite3.connect("x")\n';

export const cases: RuleCases = {
  ruleId: 'PSG101',
  valid: [
    { name: "the 2026 guide's good example", code: 'cursor.execute(\n    "SELECT * FROM users WHERE username = %s",\n    (username,)\n)\n' },
    { name: "the 2026 guide's bad example as printed is a constant string, never executed", code: 'query = f"SELECT * FROM users WHERE username =  + username + "\n' },
    { name: 'SQLAlchemy ORM from the guide', code: 'user = session.query(User).filter(User.username == username).first()\n' },
    { name: 'prose that mentions select and from', code: 'executor.execute(f"Please select an item from the list, {name}")\n' },
    { name: 'query built only from constants', code: 'TABLE = "users"\ncur.execute("SELECT * FROM " + TABLE + " WHERE id = 1")\n' },
    { name: 'constant through str()', code: 'cur.execute("SELECT * FROM t LIMIT " + str(10))\n' },
    { name: 'named parameters with sqlite3', code: 'import sqlite3\nconn = sqlite3.connect("db")\nconn.execute("SELECT * FROM t WHERE a = :a", {"a": a})\n' },
    { name: 'SQLAlchemy text() with bound parameters', code: 'from sqlalchemy import text\nstmt = text("SELECT * FROM users WHERE id = :id").bindparams(id=user_id)\n' },
    { name: 'Django raw() with params', code: 'people = Person.objects.raw("SELECT * FROM myapp_person WHERE last_name = %s", [lname])\n' },
    { name: 'an f-string without interpolation', code: 'cur.execute(f"SELECT * FROM users")\n' },
    { name: 'a suppressed line', code: 'cur.execute(f"SELECT * FROM {table}")  # nosec B608 -- table comes from an allowlist\n' },
    { name: "Ruff's noqa", code: 'cur.execute("SELECT * FROM t WHERE id = %s" % ident)  # noqa: S608\n' },
    { name: 'Django extra() with params', code: 'qs = Entry.objects.extra(where=["headline = %s"], params=[headline])\n' },
    { name: 'Django extra() with constant fragments', code: 'qs = Entry.objects.extra(select={"is_recent": "pub_date > \'2006-01-01\'"})\n' },
    { name: 'RawSQL with params', code: 'from django.db.models.expressions import RawSQL\nqs = Item.objects.annotate(v=RawSQL("SELECT col FROM t WHERE id = %s", (ident,)))\n' },
    { name: 'a number from the request is safe', code: 'import sqlite3\nfrom flask import request\ndef page():\n    n = int(request.args["n"])\n    sqlite3.connect("x").execute(f"SELECT * FROM t LIMIT {n}")\n' },
    { name: 'a column name checked against a constant allowlist', code: 'import sqlite3\nfrom flask import request\nCOLUMNS = {"name", "created"}\ndef listing():\n    col = request.args["sort"]\n    if col not in COLUMNS:\n        return None\n    sqlite3.connect("x").execute(f"SELECT * FROM t ORDER BY {col}")\n' },
    { name: 'unknown origin switched off', code: 'def run(cur, x):\n    cur.execute(f"SELECT * FROM t WHERE a = {x}")\n', settings: { taint: { unknownOrigin: 'off' } } },
    { name: 'a whole statement of unknown origin is the caller\'s business', code: 'import sqlite3\ndef run(conn, statement):\n    conn.execute(statement)\n' },
  ],
  invalid: [
    {
      name: 'f-string with a quoted value (sqlite3 → ?)',
      code: dedent(`
        import sqlite3
        conn = sqlite3.connect("app.db")
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM users WHERE username = '{username}'")
      `),
      findings: [{ text: `f"SELECT * FROM users WHERE username = '{username}'"`, message: 'f-string' }],
      output: dedent(`
        import sqlite3
        conn = sqlite3.connect("app.db")
        cur = conn.cursor()
        cur.execute("SELECT * FROM users WHERE username = ?", (username,))
      `),
    },
    {
      name: '% formatting with psycopg2 (→ %s), literal % escaped',
      code: dedent(`
        import psycopg2
        def find(conn, name, limit):
            with conn.cursor() as cur:
                cur.execute("SELECT * FROM users WHERE name LIKE 'a%%' AND name = '%s' LIMIT %d" % (name, limit))
      `),
      findings: [{ text: `"SELECT * FROM users WHERE name LIKE 'a%%' AND name = '%s' LIMIT %d" % (name, limit)`, confidence: 'low' }],
      output: dedent(`
        import psycopg2
        def find(conn, name, limit):
            with conn.cursor() as cur:
                cur.execute("SELECT * FROM users WHERE name LIKE 'a%%' AND name = %s LIMIT %s", (name, int(limit)))
      `),
    },
    {
      name: '+ concatenation through a variable',
      code: dedent(`
        import sqlite3
        def delete(conn, user_id):
            query = "DELETE FROM users WHERE id = " + user_id
            conn.execute(query)
      `),
      findings: [{ text: 'query', message: '`+` concatenation' }],
      output: dedent(`
        import sqlite3
        def delete(conn, user_id):
            query = "DELETE FROM users WHERE id = ?"
            conn.execute(query, (user_id,))
      `),
    },
    {
      name: '.format with keyword fields (pymysql)',
      code: dedent(`
        import pymysql
        cursor.execute("UPDATE accounts SET email = '{email}' WHERE id = {id}".format(email=email, id=account.id))
      `),
      findings: [{ text: `"UPDATE accounts SET email = '{email}' WHERE id = {id}".format(email=email, id=account.id)`, message: '.format()' }],
      output: dedent(`
        import pymysql
        cursor.execute("UPDATE accounts SET email = %s WHERE id = %s", (email, account.id))
      `),
    },
    {
      name: 'SQLAlchemy text() with an f-string → :name + bindparams',
      code: dedent(`
        from sqlalchemy import text
        stmt = text(f"SELECT * FROM orders WHERE customer = '{customer}' AND total > {minimum}")
      `),
      findings: [{ text: `f"SELECT * FROM orders WHERE customer = '{customer}' AND total > {minimum}"` }],
      output: dedent(`
        from sqlalchemy import text
        stmt = text("SELECT * FROM orders WHERE customer = :customer AND total > :minimum").bindparams(customer=customer, minimum=minimum)
      `),
    },
    {
      name: 'LIKE pattern around the value becomes the parameter',
      code: dedent(`
        import sqlite3
        db = sqlite3.connect(":memory:")
        db.execute(f"SELECT * FROM items WHERE title LIKE '%{term}%'")
      `),
      findings: [{ text: `f"SELECT * FROM items WHERE title LIKE '%{term}%'"` }],
      output: dedent(`
        import sqlite3
        db = sqlite3.connect(":memory:")
        db.execute("SELECT * FROM items WHERE title LIKE ?", (f"%{term}%",))
      `),
    },
    {
      name: 'request data: high confidence',
      code: dedent(`
        import sqlite3
        from flask import request
        def search():
            name = request.args.get("name")
            sqlite3.connect("db").execute(f"SELECT * FROM users WHERE name = '{name}'")
      `),
      findings: [{ text: `f"SELECT * FROM users WHERE name = '{name}'"`, confidence: 'high' }],
      output: dedent(`
        import sqlite3
        from flask import request
        def search():
            name = request.args.get("name")
            sqlite3.connect("db").execute("SELECT * FROM users WHERE name = ?", (name,))
      `),
    },
    {
      name: 'a table name cannot be a parameter: no fix, the message says why',
      code: 'import sqlite3\ncur.execute(f"SELECT * FROM {table} WHERE id = ?", )\n',
      findings: [{ text: 'f"SELECT * FROM {table} WHERE id = ?"', message: 'allowlist' }],
      output: null,
      noFixBecause: 'placeholders cannot bind identifiers',
    },
    {
      name: 'unknown driver: no fix, and the message names the setting',
      code: 'def run(cur, x):\n    cur.execute(f"SELECT * FROM t WHERE a = {x}")\n',
      findings: [{ text: 'f"SELECT * FROM t WHERE a = {x}"' }],
      output: null,
      noFixBecause: 'pythonSecurityGuide.sql.paramstyle',
    },
    {
      name: 'unknown driver with paramstyle configured',
      code: 'def run(cur, x):\n    cur.execute(f"SELECT * FROM t WHERE a = {x}")\n',
      settings: { paramstyle: 'format' },
      findings: [{ text: 'f"SELECT * FROM t WHERE a = {x}"' }],
      output: 'def run(cur, x):\n    cur.execute("SELECT * FROM t WHERE a = %s", (x,))\n',
    },
    {
      name: 'Django raw() with .format',
      code: 'def people(last):\n    return Person.objects.raw("SELECT * FROM person WHERE last_name = \'{}\'".format(last))\n',
      findings: [{ text: `"SELECT * FROM person WHERE last_name = '{}'".format(last)` }],
      output: 'def people(last):\n    return Person.objects.raw("SELECT * FROM person WHERE last_name = %s", [last])\n',
    },
    {
      name: 'Django connection cursor, IN list',
      code: dedent(`
        from django.db import connection
        def by_ids(a, b):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM t WHERE id IN ({a}, {b})")
      `),
      findings: [{ text: 'f"SELECT * FROM t WHERE id IN ({a}, {b})"' }],
      output: dedent(`
        from django.db import connection
        def by_ids(a, b):
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM t WHERE id IN (%s, %s)", (a, b))
      `),
    },
    {
      name: 'INSERT ... VALUES with quoted and bare values',
      code: `import sqlite3\ncon = sqlite3.connect("x")\ncon.execute(f"INSERT INTO users (name, age) VALUES ('{name}', {age})")\n`,
      findings: [{ text: `f"INSERT INTO users (name, age) VALUES ('{name}', {age})"` }],
      output: `import sqlite3\ncon = sqlite3.connect("x")\ncon.execute("INSERT INTO users (name, age) VALUES (?, ?)", (name, age))\n`,
    },
    {
      name: 'executescript with a built string (no params possible)',
      code: 'import sqlite3\nconn = sqlite3.connect("x")\nconn.executescript("DROP TABLE " + name + ";")\n',
      findings: [{ text: '"DROP TABLE " + name + ";"' }],
      output: null,
    },
    {
      name: 'SQLAlchemy session.execute with a plain f-string gets text() and its import',
      code: dedent(`
        from sqlalchemy.orm import Session
        session = Session(engine)
        session.execute(f"SELECT * FROM users WHERE id = {user_id}")
      `),
      findings: [{ text: 'f"SELECT * FROM users WHERE id = {user_id}"' }],
      output: dedent(`
        from sqlalchemy.orm import Session
        from sqlalchemy import text
        session = Session(engine)
        session.execute(text("SELECT * FROM users WHERE id = :user_id"), {"user_id": user_id})
      `),
    },
    {
      name: 'Django extra() where fragment built with an f-string',
      code: 'def recent(day):\n    return Entry.objects.extra(where=[f"pub_date > \'{day}\'"])\n',
      findings: [{ text: 'f"pub_date > \'{day}\'"', message: 'extra()' }],
      output: null,
      noFixBecause: 'by hand',
    },
    {
      name: 'Django extra() select fragment with %',
      code: 'def f(col):\n    return Entry.objects.extra(select={"x": "SELECT %s FROM t" % col})\n',
      findings: [{ text: '"SELECT %s FROM t" % col' }],
    },
    {
      name: 'Django RawSQL built with +',
      code: 'from django.db.models.expressions import RawSQL\ndef f(ident):\n    return RawSQL("SELECT col FROM t WHERE id = " + ident)\n',
      findings: [{ text: '"SELECT col FROM t WHERE id = " + ident' }],
      output: 'from django.db.models.expressions import RawSQL\ndef f(ident):\n    return RawSQL("SELECT col FROM t WHERE id = %s", [ident])\n',
    },
    {
      name: 'a multi-step flow through a helper: high confidence, the source named',
      code: dedent(`
        import sqlite3
        from flask import request
        def like(term):
            return "%" + term + "%"
        def search():
            pattern = like(request.args["q"])
            sqlite3.connect("x").execute(f"SELECT * FROM items WHERE title LIKE '{pattern}'")
      `),
      findings: [{ text: `f"SELECT * FROM items WHERE title LIKE '{pattern}'"`, confidence: 'high', message: '`pattern` from `request.args` reaches' }],
    },
    {
      name: 'the whole statement comes from the request',
      code: 'import sqlite3\nfrom flask import request\ndef run():\n    sqlite3.connect("x").execute(request.form["sql"])\n',
      findings: [{ text: 'request.form["sql"]', confidence: 'high', message: 'as the SQL statement itself' }],
    },
    {
      name: 'an environment variable: medium confidence',
      code: 'import os, sqlite3\nsqlite3.connect("x").execute("SELECT * FROM t WHERE owner = \'%s\'" % os.environ["USER"])\n',
      findings: [{ text: '"SELECT * FROM t WHERE owner = \'%s\'" % os.environ["USER"]', confidence: 'medium' }],
    },
    {
      name: 'unknown origin as a hint',
      code: 'def run(cur, x):\n    cur.execute(f"SELECT * FROM t WHERE a = {x}")\n',
      settings: { taint: { unknownOrigin: 'hint' } },
      findings: [{ text: 'f"SELECT * FROM t WHERE a = {x}"', confidence: 'low' }],
      output: null,
    },
    // Where binding would change what the query does, no fix is offered.
    {
      name: 'executescript takes no parameters: no fix',
      code: `${sqlite}con.executescript(f"INSERT INTO users (name) VALUES ('{name}');")\n`,
      findings: [{ text: `f"INSERT INTO users (name) VALUES ('{name}');"` }],
      output: null,
      noFixBecause: /executescript.*takes no parameters/,
    },
    {
      name: 'a joined list in IN (...) through a variable: no fix',
      code: `${sqlite}ids = ",".join(str(i) for i in wanted)\ncon.execute(f"SELECT * FROM users WHERE id IN ({ids})")\n`,
      findings: [{ text: `f"SELECT * FROM users WHERE id IN ({ids})"` }],
      output: null,
      noFixBecause: /alone in `IN \(\.\.\.\)`.*one placeholder per value/,
    },
    {
      name: 'IN (%s) with a joined list: no fix',
      code: `import psycopg2\ndef f(cur, dirs):\n    cur.execute("SELECT * FROM t WHERE name IN (%s)" % ", ".join(dirs))\n`,
      findings: [{ text: `"SELECT * FROM t WHERE name IN (%s)" % ", ".join(dirs)` }],
      output: null,
      noFixBecause: /IN \(\.\.\.\)/,
    },
    {
      name: 'a comma-separated list built as text in VALUES: no fix',
      code: `${sqlite}row = ", ".join([a, b])\ncon.execute(f"INSERT INTO t (a, b) VALUES ({row})")\n`,
      findings: [{ text: `f"INSERT INTO t (a, b) VALUES ({row})"` }],
      output: null,
      noFixBecause: /comma-separated list/,
    },
    {
      name: 'LIKE with % around the value: the percent signs move into the parameter',
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE title LIKE '%{term}%'")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE title LIKE '%{term}%'"` }],
      output: `${sqlite}con.execute("SELECT * FROM items WHERE title LIKE ?", (f"%{term}%",))\n`,
      applicability: 'safe',
    },
    {
      name: 'LIKE with %% in %-formatting for psycopg2',
      code: `import psycopg2\ndef f(cur, term):\n    cur.execute("SELECT * FROM items WHERE title LIKE '%%%s%%' AND kind = 'a%%'" % term)\n`,
      findings: [{ text: `"SELECT * FROM items WHERE title LIKE '%%%s%%' AND kind = 'a%%'" % term` }],
      output: `import psycopg2\ndef f(cur, term):\n    cur.execute("SELECT * FROM items WHERE title LIKE %s AND kind = 'a%%'", (f"%{term}%",))\n`,
    },
    {
      name: 'two values in one quoted literal become one parameter',
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE code = '{a}-{b}'")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE code = '{a}-{b}'"` }],
      output: `${sqlite}con.execute("SELECT * FROM items WHERE code = ?", (f"{a}-{b}",))\n`,
    },
    {
      name: "a doubled quote in the literal becomes one quote in the parameter",
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE note = 'it''s {x}'")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE note = 'it''s {x}'"` }],
      output: `${sqlite}con.execute("SELECT * FROM items WHERE note = ?", (f"it's {x}",))\n`,
    },
    {
      name: 'a number with a format spec: no fix',
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE price = {price:.2f}")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE price = {price:.2f}"` }],
      output: null,
      noFixBecause: /formatted/,
    },
    {
      name: 'a width in %-formatting: no fix',
      code: `${sqlite}con.execute("SELECT * FROM items WHERE code = '%5s'" % code)\n`,
      findings: [{ text: `"SELECT * FROM items WHERE code = '%5s'" % code` }],
      output: null,
      noFixBecause: /formatted/,
    },
    {
      name: '%d binds int(value), what %d spliced in',
      code: `${sqlite}con.execute("SELECT * FROM items WHERE id = %d" % ident)\n`,
      findings: [{ text: `"SELECT * FROM items WHERE id = %d" % ident` }],
      output: `${sqlite}con.execute("SELECT * FROM items WHERE id = ?", (int(ident),))\n`,
    },
    {
      name: 'an unquoted !r value: its repr was the SQL literal, the value binds the same',
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE name = {name!r}")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE name = {name!r}"` }],
      output: `${sqlite}con.execute("SELECT * FROM items WHERE name = ?", (name,))\n`,
    },
    {
      name: 'a quoted !r value: no fix',
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE name = '{name!r}'")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE name = '{name!r}'"` }],
      output: null,
      noFixBecause: /formatted/,
    },
    {
      name: 'a value in a comment: no fix',
      code: `${sqlite}con.execute(f"SELECT * FROM items /* id = {x} */ WHERE id = 1")\n`,
      findings: [{ text: `f"SELECT * FROM items /* id = {x} */ WHERE id = 1"` }],
      output: null,
      noFixBecause: /comment/,
    },
    {
      name: 'a value glued to a token: no fix',
      code: `${sqlite}con.execute(f"SELECT * FROM items WHERE id = {x}1")\n`,
      findings: [{ text: `f"SELECT * FROM items WHERE id = {x}1"` }],
      output: null,
      noFixBecause: /glued/,
    },
    {
      name: 'a value as a keyword: no fix',
      code: `${sqlite}con.execute(f"SELECT * FROM items ORDER BY id {direction}")\n`,
      findings: [{ text: `f"SELECT * FROM items ORDER BY id {direction}"` }],
      output: null,
      noFixBecause: /identifiers/,
    },
    {
      name: 'a value in a quoted identifier: no fix',
      code: `${sqlite}con.execute(f'SELECT "{col}" FROM items WHERE id = 1')\n`,
      findings: [{ text: `f'SELECT "{col}" FROM items WHERE id = 1'` }],
      output: null,
      noFixBecause: /quoted name/,
    },
    {
      name: 'a prefixed literal: no fix',
      code: `import psycopg2\ndef f(cur, x):\n    cur.execute(f"SELECT * FROM t WHERE a = E'{x}'")\n`,
      findings: [{ text: `f"SELECT * FROM t WHERE a = E'{x}'"` }],
      output: null,
      noFixBecause: /prefixed literal/,
    },
    {
      name: 'session.execute whose text has a colon word: no fix (text() would bind it)',
      code: `from sqlalchemy.orm import Session\nsession = Session(engine)\nsession.execute(f"SELECT * FROM t WHERE a = {x} AND b = 'x :y'")\n`,
      findings: [{ text: `f"SELECT * FROM t WHERE a = {x} AND b = 'x :y'"` }],
      output: null,
      noFixBecause: /bind parameter/,
    },
  ],
};
