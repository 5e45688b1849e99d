import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { analyze, applyEdits } from '../support/engine';

/**
 * PSG201's fix keeps what the program prints except the secret: each program is run with python3
 * before and after the fix, and the fixed output must be the original with every secret replaced
 * by `***` (python3 is only the test's oracle).
 */
const prelude = [
  'import logging, sys',
  'logging.basicConfig(level=logging.DEBUG, format="%(message)s", stream=sys.stdout)',
  'logger = logging.getLogger("app")',
  'user = "alice"',
  'password = "hunter2-secret"',
  'api_key = "key-XYZ-secret"',
  '',
].join('\n');
const secrets = ['hunter2-secret', 'key-XYZ-secret'];

const programs: { name: string; code: string; fixed?: string }[] = [
  {
    name: 'doubled braces in an f-string that becomes a plain string',
    code: 'logger.info(f"{{user}} pw={password}")\n',
    fixed: 'logger.info("{user} pw=***")\n',
  },
  {
    name: 'doubled braces in an f-string that stays one',
    code: 'logger.info(f"{{user}} {user} pw={password} }}")\n',
    fixed: 'logger.info(f"{{user}} {user} pw=*** }}")\n',
  },
  { name: 'tripled braces around a value', code: 'print(f"{{{user}}} {password}")\n' },
  {
    name: 'implicit concatenation of f-strings',
    code: 'print(f"{{" f"{password}}}" "{{plain}}")\n',
    fixed: 'print(f"{{" "***}" "{{plain}}")\n',
  },
  { name: 'a self-documenting expression', code: 'print(f"{password=}")\n', fixed: 'print("password=***")\n' },
  {
    name: 'self-documenting expressions with spaces, beside another value',
    code: 'print(f"{password = } and {user=}")\n',
    fixed: 'print(f"password = *** and {user=}")\n',
  },
  { name: 'a raw f-string', code: 'logger.info(rf"{{\\d}} {password}")\n', fixed: 'logger.info(r"{\\d} ***")\n' },
  {
    name: 'a triple-quoted f-string over two lines',
    code: 'logger.warning(f"""{{\nmulti}} {api_key}""")\n',
    fixed: 'logger.warning("""{\nmulti} ***""")\n',
  },
  {
    name: 'braces that print a dict-like text',
    code: 'print(f\'{{"k": {password!r}}}\')\n',
    fixed: 'print(\'{"k": ***}\')\n',
  },
  {
    name: 'lazy %-arguments after the f-string',
    code: 'logger.info(f"{{%s}} {password}", user)\n',
    fixed: 'logger.info("{%s} ***", user)\n',
  },
  {
    name: '.format() on an f-string',
    code: 'print(f"{{u}} {api_key}".format(u=user))\n',
    fixed: 'print("{u} ***".format(u=user))\n',
  },
];

function run(code: string): string {
  const result = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  assert.strictEqual(result.status, 0, `python3 failed on:\n${code}\n${result.stderr}`);
  return result.stdout;
}

function masked(output: string): string {
  let result = output;
  for (const secret of secrets) result = result.split(`'${secret}'`).join('***').split(secret).join('***');
  return result;
}

describe('PSG201 fix keeps the printed text except the secret (python3 as oracle)', () => {
  for (const program of programs) {
    it(program.name, async () => {
      const code = prelude + program.code;
      const { findings } = await analyze(code);
      const own = findings.filter((finding) => finding.ruleId === 'PSG201');
      assert.strictEqual(own.length, 1, `one PSG201 finding in:\n${code}`);
      assert.ok(own[0].fix, 'a fix is offered');
      const fixed = applyEdits(code, own[0].fix.edits);
      if (program.fixed) assert.strictEqual(fixed.slice(prelude.length), program.fixed);
      const before = run(code);
      assert.ok(
        secrets.some((secret) => before.includes(secret)),
        'the original prints a secret',
      );
      assert.strictEqual(run(fixed), masked(before));
    });
  }
});
