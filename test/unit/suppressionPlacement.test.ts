import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { suppressionEditAt } from '../../server/src/engine/suppressions';
import { LineIndex } from '../../server/src/core/text';
import { codeActionsFor, toDiagnostic } from '../../server/src/lsp/diagnostics';
import { analyze, dedent } from '../support/engine';
import { applyLspEdits } from '../support/lspClient';

/** python3 as the oracle: does CPython compile the text? */
function compiles(code: string): string | undefined {
  const result = spawnSync('python3', ['-c', 'import sys\ncompile(sys.stdin.buffer.read(), "<fixed>", "exec")'], {
    input: code,
    encoding: 'utf8',
  });
  return result.status === 0 ? undefined : result.stderr;
}

/** Applies "Suppress <rule> on this line" to the first finding of `ruleId` and returns the new text. */
async function suppressFirst(code: string, ruleId: string): Promise<string> {
  const { findings } = await analyze(code);
  const finding = findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `a ${ruleId} finding in:\n${code}`);
  const lines = new LineIndex(code);
  const actions = codeActionsFor('file:///x.py', [toDiagnostic(finding, lines, 1)], lines);
  const suppress = actions.find((action) => action.title === `Suppress ${ruleId} on this line`);
  assert.ok(suppress, 'the suppress action is offered');
  return applyLspEdits(code, suppress.edit!.changes!['file:///x.py']);
}

const shapes: { name: string; ruleId: string; code: string; expected?: string }[] = [
  {
    name: 'the finding is on a line ending with a \\ continuation',
    ruleId: 'PSG101',
    code: dedent(`
      import sqlite3
      def find(uid):
          cur = sqlite3.connect("app.db").cursor()
          query = "SELECT * FROM users WHERE id = " + \\
              uid
          cur.execute(query)
    `),
  },
  {
    name: 'a \\ continuation inside brackets',
    ruleId: 'PSG201',
    code: 'import logging\nlogging.info("%s %s", user, password, \\\n             extra=None)\n',
    expected:
      'import logging\nlogging.info("%s %s", user, password, \\\n             extra=None)  # psg-ignore: PSG201 -- reason: explain why this is safe\n',
  },
  {
    name: 'the line opens a triple-quoted f-string',
    ruleId: 'PSG101',
    code: dedent(`
      import sqlite3
      def find(uid):
          cur = sqlite3.connect("app.db").cursor()
          cur.execute(f"""SELECT * FROM users
              WHERE id = {uid}
          """)
    `),
  },
  {
    name: 'the finding is inside a triple-quoted f-string, on one of its middle lines',
    ruleId: 'PSG201',
    code: 'import logging\nlogging.info(f"""user {user}\npassword {password} # not a comment\n""")\n',
    expected:
      'import logging\nlogging.info(f"""user {user}\npassword {password} # not a comment\n""")  # psg-ignore: PSG201 -- reason: explain why this is safe\n',
  },
  {
    name: 'a string continued with a \\ at the end of the line',
    ruleId: 'PSG201',
    code: 'import logging\nlogging.info("pw %s \\\n", password); logging.info(f"{password}\\\n")\n',
  },
  {
    name: "a format spec holding '#', then a continuation",
    ruleId: 'PSG201',
    code: 'print(f"{password:#>20} {{#}}", \\\n      "x")\n',
    expected:
      'print(f"{password:#>20} {{#}}", \\\n      "x")  # psg-ignore: PSG201 -- reason: explain why this is safe\n',
  },
  {
    name: "the header of a compound statement continued with '\\'",
    ruleId: 'PSG202',
    code: 'def check(password, ok):\n    if password == "letmein-2024" and \\\n            ok:\n        return True\n',
    expected:
      'def check(password, ok):\n    if password == "letmein-2024" and \\\n            ok:  # psg-ignore: PSG202 -- reason: explain why this is safe\n        return True\n',
  },
  {
    name: 'a raw string with an escaped quote and a # in it',
    ruleId: 'PSG201',
    code: 'import logging\nlogging.info(r"# \\" %s" + r\'\\\' \', password, \\\n             stack_info=False)\n',
  },
  {
    name: "an existing psg-ignore comment on the statement's last line takes the id",
    ruleId: 'PSG201',
    code: 'import logging\nlogging.info(f"""{password}\n{token}""")  # psg-ignore: PSG101 -- reason: legacy\n',
    expected:
      'import logging\nlogging.info(f"""{password}\n{token}""")  # psg-ignore: PSG101, PSG201 -- reason: legacy\n',
  },
  {
    name: 'CRLF line breaks',
    ruleId: 'PSG201',
    code: 'import logging\r\nlogging.info(f"""pw\r\n{password}""" \\\r\n    )\r\nx = 1\r\n',
    expected:
      'import logging\r\nlogging.info(f"""pw\r\n{password}""" \\\r\n    )  # psg-ignore: PSG201 -- reason: explain why this is safe\r\nx = 1\r\n',
  },
  {
    name: 'a plain line still takes the comment at its end',
    ruleId: 'PSG201',
    code: 'import logging\nlogging.info("#%s", password)\n',
    expected:
      'import logging\nlogging.info("#%s", password)  # psg-ignore: PSG201 -- reason: explain why this is safe\n',
  },
];

describe('"Suppress on this line" puts the comment where CPython and the engine accept it', () => {
  for (const shape of shapes) {
    it(shape.name, async () => {
      assert.strictEqual(compiles(shape.code), undefined, 'the original compiles');
      const before = (await analyze(shape.code)).findings.filter((f) => f.ruleId === shape.ruleId).length;
      const suppressed = await suppressFirst(shape.code, shape.ruleId);
      if (shape.expected) assert.strictEqual(suppressed, shape.expected);
      const error = compiles(suppressed);
      assert.strictEqual(error, undefined, `CPython rejects:\n${suppressed}\n${error}`);
      const after = (await analyze(suppressed)).findings.filter((f) => f.ruleId === shape.ruleId).length;
      assert.strictEqual(after, before - 1, `the finding is not suppressed in:\n${suppressed}`);
    });
  }

  it('is a pure function of the text and the finding', () => {
    const text = 'x = a + \\\n    b\n';
    assert.deepStrictEqual(suppressionEditAt(text, 4, 'PSG101'), {
      start: text.indexOf('b') + 1,
      end: text.indexOf('b') + 1,
      newText: '  # psg-ignore: PSG101 -- reason: explain why this is safe',
    });
    assert.deepStrictEqual(suppressionEditAt('y = 1\n', 0, 'PSG101'), {
      start: 5,
      end: 5,
      newText: '  # psg-ignore: PSG101 -- reason: explain why this is safe',
    });
  });
});
