import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG146',
  valid: [
    { name: 'a constant statement', code: 'def q():\n    return "SELECT * FROM users WHERE id = ?"\n' },
    { name: 'run right here: PSG101 reports it', code: 'def q(cur, name):\n    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n' },
    { name: 'run through a name: PSG101 reports it', code: 'def q(cur, name):\n    sql = "SELECT * FROM users WHERE name = \'%s\'" % name\n    cur.execute(sql)\n' },
    { name: 'built from constants', code: 'TABLE = "users"\ndef q():\n    return f"SELECT * FROM {TABLE}"\n' },
    { name: 'English, not SQL', code: 'def msg(n):\n    return f"Please select an item from the list ({n} left)"\n' },
    { name: 'wrapped in sqlalchemy text()', code: 'from sqlalchemy import text\ndef q(col):\n    return text(f"SELECT {col} FROM t")\n' },
    { name: 'test code', code: 'def test_query(name):\n    assert build(f"SELECT * FROM t WHERE n = \'{name}\'")\n' },
    { name: 'a number', code: 'def q(n):\n    return f"SELECT * FROM t LIMIT {int(n)}"\n' },
    { name: 'a raw string that only looks like an f-string', code: 'def q():\n    return r"SELECT * FROM t WHERE n = \'{name}\'"\n' },
    { name: 'a log line about an update', code: 'def log(n):\n    print("update finished: set %d rows" % n)\n' },
  ],
  invalid: [
    {
      name: 'returned to the caller',
      code: 'def orders_query(customer):\n    return f"SELECT * FROM orders WHERE customer = \'{customer}\'"\n',
      findings: [{ text: `f"SELECT * FROM orders WHERE customer = '{customer}'"`, confidence: 'low', message: 'does not show where it is run' }],
      output: null,
      noFixBecause: 'not in this file',
    },
    {
      name: 'passed to a helper of another module',
      code: 'from app.db import run_query\ndef delete(uid):\n    run_query("DELETE FROM users WHERE id = " + uid)\n',
      findings: [{ text: '"DELETE FROM users WHERE id = " + uid', confidence: 'low' }],
    },
    {
      name: 'request data: still low, the sink is not seen',
      code: 'from flask import request\nfrom app.db import run\ndef view():\n    return run("SELECT * FROM t WHERE n = \'%s\'" % request.args["n"])\n',
      findings: [{ text: `"SELECT * FROM t WHERE n = '%s'" % request.args["n"]`, confidence: 'low', message: 'untrusted data' }],
    },
    {
      name: '.format() of an INSERT',
      code: 'def insert(table, value):\n    return "INSERT INTO {} (v) VALUES (\'{}\')".format(table, value)\n',
      findings: [{ text: `"INSERT INTO {} (v) VALUES ('{}')".format(table, value)` }],
    },
    {
      name: 'an UPDATE stored in an attribute',
      code: 'class Job:\n    def prepare(self, state):\n        self.sql = f"UPDATE jobs SET state = \'{state}\'"\n',
      findings: [{ text: `f"UPDATE jobs SET state = '{state}'"` }],
    },
    {
      name: 'assigned and never run here',
      code: 'def build(name):\n    q = "SELECT id FROM users WHERE name = \'" + name + "\'"\n    return q\n',
      findings: [{ text: `"SELECT id FROM users WHERE name = '" + name + "'"` }],
    },
    {
      name: 'pandas.read_sql is not a sink PSG101 follows',
      code: 'import pandas as pd\ndef load(con, day):\n    return pd.read_sql(f"SELECT * FROM sales WHERE day = \'{day}\'", con)\n',
      findings: [{ text: `f"SELECT * FROM sales WHERE day = '{day}'"` }],
    },
    {
      name: 'a raw f-string with its prefix in capitals',
      code: 'def q(name):\n    return RF"SELECT * FROM t WHERE n = \'{name}\'"\n',
      findings: [{ text: `RF"SELECT * FROM t WHERE n = '{name}'"` }],
    },
    {
      name: 'an f-string inside a concatenation of literals',
      code: 'def q(name):\n    return "SELECT * FROM t " f"WHERE n = \'{name}\'"\n',
      findings: [{ text: `"SELECT * FROM t " f"WHERE n = '{name}'"` }],
    },
    {
      name: 'lower-case SQL',
      code: 'def q(t):\n    return "select * from " + t\n',
      findings: [{ text: '"select * from " + t' }],
    },
  ],
};
