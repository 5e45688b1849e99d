import * as assert from 'assert';
import { analyze, applyEdits, dedent } from '../support/engine';

/** The environment variable each PSG202 fix of a file reads, in the order of the findings. */
async function variables(code: string): Promise<string[]> {
  const { findings } = await analyze(code);
  return findings
    .filter((finding) => finding.ruleId === 'PSG202')
    .map((finding) => {
      assert.ok(finding.fix, `a fix for ${code.slice(finding.start, finding.end)}`);
      assert.strictEqual(finding.fix.applicability, 'unsafe');
      const fixed = applyEdits(code, finding.fix.edits);
      return /os\.environ\["(\w+)"\]/.exec(fixed.slice(finding.start))![1];
    });
}

describe('PSG202 environment variable names', () => {
  it('come from the assignment target, the key and the keyword', async () => {
    assert.deepStrictEqual(
      await variables('DB_PASSWORD = "db-Pa55-2024"\napp.config["smtp_password"] = "mail-Pa55-2024"\n'),
      ['DB_PASSWORD', 'SMTP_PASSWORD'],
    );
    assert.deepStrictEqual(
      await variables('import psycopg\nconn = psycopg.connect(host="db", password="pg-Secret-123")\n'),
      ['PASSWORD'],
    );
  });

  it('are never shared by two different secrets of one file', async () => {
    const code = dedent(`
      import psycopg
      import redis
      import smtplib
      import pymysql
      psycopg.connect(host="db", password="pg-Secret-123")
      redis.Redis(host="cache", password="redis-Secret-456")
      smtp = smtplib.SMTP("mail")
      smtp.login("app", password="smtp-Secret-789")
      pymysql.connect(host="legacy", password="my-Secret-000")
    `);
    const names = await variables(code);
    assert.deepStrictEqual(names, ['PSYCOPG_PASSWORD', 'REDIS_PASSWORD', 'SMTP_PASSWORD', 'PYMYSQL_PASSWORD']);
  });

  it('take a number when nothing more specific tells them apart', async () => {
    const code = dedent(`
      def first():
          password = "first-Pa55-1"
          return password

      def second():
          password = "second-Pa55-2"
          return password

      def third():
          password = "first-Pa55-1"
          return password
    `);
    // The same literal under the same name is one secret: it keeps its variable.
    assert.deepStrictEqual(await variables(code), ['PASSWORD', 'PASSWORD_2', 'PASSWORD']);
  });

  it('of self attributes take the class name when they collide', async () => {
    const code = dedent(`
      class Mailer:
          def __init__(self):
              self.password = "mail-Pa55-2024"

      class Database:
          def __init__(self):
              self.password = "db-Pa55-2024"
    `);
    assert.deepStrictEqual(await variables(code), ['MAILER_PASSWORD', 'DATABASE_PASSWORD']);
  });
});
