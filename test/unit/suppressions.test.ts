import * as assert from 'assert';
import { analyze, dedent } from '../support/engine';

/** The rule ids reported for `code`. */
async function reported(code: string): Promise<string[]> {
  return (await analyze(code)).findings.map((f) => f.ruleId);
}

const shellCall = 'subprocess.run("ls " + name, shell=True)';

describe('suppression comments', () => {
  it('reports the unsuppressed finding (the baseline the other cases change)', async () => {
    assert.deepStrictEqual(await reported(`import subprocess\ndef f(name):\n    ${shellCall}\n`), ['PSG102']);
  });

  it('a bare # nosec suppresses every rule on the line', async () => {
    assert.deepStrictEqual(await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # nosec\n`), []);
  });

  it('# nosec with a list of Bandit ids suppresses the rules that cover them, and only those', async () => {
    assert.deepStrictEqual(
      await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # nosec B608, B602\n`),
      [],
    );
    assert.deepStrictEqual(await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # nosec B608, B105\n`), [
      'PSG102',
    ]);
    assert.deepStrictEqual(
      await reported('def f(cur, t):\n    cur.execute(f"SELECT * FROM {t}")  # nosec B608, B105\n'),
      [],
    );
  });

  it("# noqa: with Ruff's S codes, and a bare # noqa", async () => {
    assert.deepStrictEqual(await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # noqa: S602\n`), []);
    assert.deepStrictEqual(await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # noqa: S608\n`), [
      'PSG102',
    ]);
    assert.deepStrictEqual(await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # noqa\n`), []);
  });

  it('# psg-ignore: names our rule id and takes a reason', async () => {
    assert.deepStrictEqual(
      await reported(
        `import subprocess\ndef f(name):\n    ${shellCall}  # psg-ignore: PSG102 -- name comes from a fixed list\n`,
      ),
      [],
    );
    assert.deepStrictEqual(
      await reported(`import subprocess\ndef f(name):\n    ${shellCall}  # psg-ignore: PSG101 -- another rule\n`),
      ['PSG102'],
    );
  });

  it('a multi-line statement is suppressed from its first line', async () => {
    const code = dedent(`
      import subprocess
      def f(name):
          subprocess.run(  # nosec B602
              "ls " + name,
              shell=True,
          )
    `);
    assert.deepStrictEqual(await reported(code), []);
  });

  it('a multi-line statement is suppressed from its last line', async () => {
    const code = dedent(`
      import subprocess
      def f(name):
          subprocess.run(
              "ls " + name,
              shell=True,
          )  # psg-ignore: PSG102 -- reviewed
    `);
    assert.deepStrictEqual(await reported(code), []);
  });

  it('# nosec counts on any line of the statement (as Bandit reads it); # psg-ignore and # noqa there do not', async () => {
    const middle = (comment: string) =>
      dedent(`
        import subprocess
        def f(name):
            subprocess.run(
                "ls " + name,
                shell=True,  ${comment}
                check=False,
            )
      `);
    // The finding is on the command (line 5); the comment is on neither its line nor the statement's first or last.
    assert.deepStrictEqual(await reported(middle('# nosec')), []);
    assert.deepStrictEqual(await reported(middle('# nosec B602')), []);
    assert.deepStrictEqual(await reported(middle('# nosec B608')), ['PSG102']);
    assert.deepStrictEqual(await reported(middle('# noqa: S602')), ['PSG102']);
    assert.deepStrictEqual(await reported(middle('# psg-ignore: PSG102')), ['PSG102']);
    const next = `import subprocess\ndef f(name):\n    ${shellCall}\n    x = 1  # nosec\n`;
    assert.deepStrictEqual(await reported(next), ['PSG102']);
  });

  it('# noqa counts where Ruff reads it: the last line of a string spanning lines, or of a \\ continuation', async () => {
    const multiLineString = (comment: string) =>
      dedent(`
        def f(cur, table):
            cur.execute(
                f"""SELECT *
                FROM {table}"""  ${comment}
                , ()
            )
      `);
    assert.deepStrictEqual(await reported(multiLineString('')), ['PSG101']);
    assert.deepStrictEqual(await reported(multiLineString('# noqa: S608')), []);
    assert.deepStrictEqual(await reported(multiLineString('# noqa: S602')), ['PSG101']);
    // The statement goes on past the continued lines: only the continuation's last line takes the comment.
    const continued = (comment: string) =>
      `import subprocess\ndef f(name):\n    x = [subprocess.run("ls " + \\\n        name, shell=True),  ${comment}\n        1,\n    ]\n`;
    assert.deepStrictEqual(await reported(continued('')), ['PSG102']);
    assert.deepStrictEqual(await reported(continued('# noqa: S602')), []);
  });

  it('a suppression on a compound statement header does not cover its body', async () => {
    const code = dedent(`
      import subprocess
      def f(name):  # nosec
          ${shellCall}
    `);
    assert.deepStrictEqual(await reported(code), ['PSG102']);
  });
});
