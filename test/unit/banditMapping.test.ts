import * as assert from 'assert';
import { catalog as allRules } from '../../server/src/rules';
import { banditChecks, banditMapping, leftOut } from '../../server/src/rules/bandit';
import { rulesOutsideBanditTests, rulesSkippedByBandit } from '../../server/src/config/settings';
import { splitRules } from '../../server/src/engine/suppressions';
import { analyze, settingsWith } from '../support/engine';

describe('Bandit mapping', () => {
  const known = new Set(banditChecks.map((check) => check.id));

  it('covers every Bandit check with a rule or a written reason', () => {
    const uncovered = banditMapping(allRules).filter((row) => row.rules.length === 0 && !row.reason);
    assert.deepStrictEqual(
      uncovered.map((row) => row.check.id),
      [],
    );
  });

  it('lists the full range of active checks (B101–B113, B201–B202, B301–B325, B401–B415, B501–B509, B601–B615, B701–B704)', () => {
    const ranges: [number, number][] = [
      [101, 113],
      [201, 202],
      [301, 325],
      [401, 415],
      [501, 509],
      [601, 615],
      [701, 704],
    ];
    for (const [from, to] of ranges)
      for (let n = from; n <= to; n++) assert.ok(known.has(`B${n}`), `B${n} is missing from banditChecks`);
  });

  it('has no reason for a check that a rule covers', () => {
    for (const row of banditMapping(allRules)) {
      if (row.rules.length) {
        assert.strictEqual(
          row.reason,
          undefined,
          `${row.check.id} is covered by ${row.rules.join(', ')} but also has a reason to be left out`,
        );
      }
    }
    for (const id of Object.keys(leftOut)) assert.ok(known.has(id), `${id} is not a Bandit check`);
  });

  it('uses only real Bandit ids in rule meta, with the matching Ruff codes', () => {
    const ruffOf = new Map(banditChecks.map((check) => [check.id, check.ruff]));
    for (const rule of allRules) {
      for (const id of rule.meta.bandit) {
        assert.ok(known.has(id), `${rule.meta.id} names unknown Bandit check ${id}`);
        const ruff = ruffOf.get(id);
        if (ruff)
          assert.ok(rule.meta.ruff.includes(ruff), `${rule.meta.id} covers ${id} but does not list Ruff ${ruff}`);
      }
    }
  });

  it('turns a rule off only when all of its Bandit checks are skipped', () => {
    assert.deepStrictEqual(rulesSkippedByBandit(allRules, ['B602']), []);
    assert.deepStrictEqual(rulesSkippedByBandit(allRules, ['B601', 'b602', 'B605', 'B609']), ['PSG102']);
    assert.ok(rulesOutsideBanditTests(allRules, ['B506']).includes('PSG102'));
    assert.ok(!rulesOutsideBanditTests(allRules, ['B506']).includes('PSG702'));
    assert.ok(
      !rulesOutsideBanditTests(allRules, ['B506']).includes('PSG201'),
      'rules without a Bandit equivalent are not affected',
    );
  });

  /** One finding each, of a rule covering several checks, and the checks the code shows it is. */
  const splitCases: { checks: string[]; code: string }[] = [
    { checks: ['B608'], code: 'def f(cur, t):\n    cur.execute(f"SELECT * FROM {t}")\n' },
    {
      checks: ['B610'],
      code: "def f(request, User):\n    User.objects.extra(where=[f\"name = '{request.GET['n']}'\"])\n",
    },
    {
      checks: ['B611'],
      code: 'from django.db.models.expressions import RawSQL\ndef f(request, qs):\n    qs.annotate(v=RawSQL(f"SELECT {request.GET[\'x\']}", ()))\n',
    },
    { checks: ['B102'], code: 'def f(code):\n    exec(code)\n' },
    { checks: ['B307'], code: 'def f(code):\n    eval(code)\n' },
    { checks: ['B105'], code: 'password = "hunter2hunter2"\n' },
    { checks: ['B106'], code: 'def f(connect):\n    connect(password="hunter2hunter2")\n' },
    { checks: ['B107'], code: 'def f(password="hunter2hunter2"):\n    pass\n' },
    { checks: ['B301'], code: 'import pickle\ndef f(data):\n    return pickle.loads(data)\n' },
    { checks: ['B302'], code: 'import marshal\ndef f(data):\n    return marshal.loads(data)\n' },
    { checks: ['B324'], code: 'import hashlib\ndef f(p):\n    return hashlib.md5(p).hexdigest()\n' },
    { checks: ['B303'], code: 'from Crypto.Hash import MD5\ndef f(p):\n    return MD5.new(p)\n' },
    { checks: ['B704'], code: 'from markupsafe import Markup\ndef f(name):\n    return Markup(f"<b>{name}</b>")\n' },
    {
      checks: ['B308', 'B703'],
      code: 'from django.utils.safestring import mark_safe\ndef f(name):\n    return mark_safe(f"<b>{name}</b>")\n',
    },
    { checks: ['B305'], code: 'from Crypto.Cipher import AES\ndef f(k):\n    return AES.new(k, AES.MODE_ECB)\n' },
    { checks: ['B304'], code: 'from Crypto.Cipher import DES\ndef f(k):\n    return DES.new(k)\n' },
    {
      checks: ['B314', 'B405'],
      code: 'import xml.etree.ElementTree as ET\ndef f(request):\n    return ET.fromstring(request.data)\n',
    },
    { checks: ['B411'], code: 'import xmlrpc.client\nproxy = xmlrpc.client.ServerProxy("http://example.com/")\n' },
    { checks: ['B312'], code: 'import telnetlib\ntelnetlib.Telnet("host")\n' },
    { checks: ['B321'], code: 'import ftplib\nftplib.FTP("host")\n' },
    {
      checks: ['B110'],
      code: 'import jwt\ndef f(token, key):\n    try:\n        jwt.decode(token, key, algorithms=["HS256"])\n    except Exception:\n        pass\n',
    },
    {
      checks: ['B112'],
      code: 'import jwt\ndef f(tokens, key):\n    for token in tokens:\n        try:\n            jwt.decode(token, key, algorithms=["HS256"])\n        except Exception:\n            continue\n',
    },
  ];

  it('every rule covering several Bandit checks tells its findings apart by check', () => {
    assert.deepStrictEqual(
      allRules
        .filter((rule) => rule.meta.bandit.length > 1 && !splitRules.includes(rule.meta.id))
        .map((r) => r.meta.id),
      [],
    );
  });

  it('skipping one check of a rule that covers several drops only the findings of that check', async () => {
    for (const { checks, code } of splitCases) {
      const { findings } = await analyze(code);
      assert.strictEqual(findings.length, 1, `one finding expected for ${checks.join('+')}:\n${code}`);
      const rule = allRules.find((r) => r.meta.id === findings[0].ruleId)!;
      assert.ok(splitRules.includes(rule.meta.id));
      const others = rule.meta.bandit.filter((id) => !checks.includes(id));
      const ids = async (raw: unknown) => (await analyze(code, settingsWith(raw))).findings.map((f) => f.ruleId);
      assert.deepStrictEqual(await ids({ skip: checks }), [], `skip ${checks.join(', ')} drops it`);
      assert.deepStrictEqual(
        await ids({ skip: checks.map((id) => id.replace('B', 'S')) }),
        [],
        `Ruff's ${checks.join(', ')} too`,
      );
      assert.deepStrictEqual(await ids({ skip: others }), [rule.meta.id], `skip ${others.join(', ')} keeps it`);
      assert.deepStrictEqual(await ids({ tests: checks }), [rule.meta.id], `tests ${checks.join(', ')} keeps it`);
      assert.deepStrictEqual(await ids({ tests: others }), [], `tests ${others.join(', ')} drops it`);
      if (checks.length === 1) {
        // The comment goes at the end of the finding's line.
        const lines = code.split('\n');
        const row = code.slice(0, findings[0].start).split('\n').length - 1;
        const withComment = (comment: string) =>
          lines.map((line, i) => (i === row ? `${line}  ${comment}` : line)).join('\n');
        assert.deepStrictEqual(
          (await analyze(withComment(`# nosec ${others.join(' ')}`))).findings.length,
          1,
          `# nosec ${others.join(' ')} does not silence ${checks[0]}`,
        );
        assert.deepStrictEqual((await analyze(withComment(`# nosec ${checks[0]}`))).findings.length, 0);
      }
    }
  });
});
