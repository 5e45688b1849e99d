import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG320',
  valid: [
    'import random\nx = random.choice(colors)\n',
    'import random\nrandom.shuffle(deck)\n',
    'import secrets\ntoken = secrets.token_urlsafe(32)\n',
    'import random\ndef jitter():\n    return random.uniform(0, 1)\n',
    { name: 'SystemRandom is a CSPRNG', code: 'import random\ntoken = random.SystemRandom().choice(ALPHABET)\n' },
    { name: 'a monkey is not a key', code: 'import random\nmonkey = random.randint(1, 6)\n' },
    { name: 'dict keys are not keys', code: 'import random\nkeys = dict((e, random.randrange(50)) for e in data)\n' },
    { name: 'a sort key', code: 'import random\nitems.sort(key=lambda _: random.random())\n' },
    { name: 'a local random function', code: 'def choice(x):\n    return x[0]\ntoken = choice(["a"])\n' },
    { name: 'nosec', code: 'import random\nsalt = random.random()  # nosec B311\n' },
  ],
  invalid: [
    {
      name: 'token from random.choice',
      code: 'import random\nreset_token = "".join(random.choice(ALPHABET) for _ in range(32))\n',
      findings: [{ text: 'random.choice(ALPHABET)', message: 'security value' }],
      output: 'import random\nimport secrets\nreset_token = "".join(secrets.choice(ALPHABET) for _ in range(32))\n',
    },
    {
      name: 'one-time code from randint',
      code: 'import random\nimport secrets\notp = random.randint(100000, 999999)\n',
      findings: [{ text: 'random.randint(100000, 999999)' }],
      output: 'import random\nimport secrets\notp = secrets.randbelow(900000) + 100000\n',
    },
    {
      name: 'inside a function named for a password',
      code: 'import random\ndef generate_password():\n    return random.getrandbits(64)\n',
      findings: [{ text: 'random.getrandbits(64)' }],
      output: 'import random\nimport secrets\ndef generate_password():\n    return secrets.randbits(64)\n',
    },
    {
      name: 'from-import, passed as a keyword',
      code: 'from random import randrange\nsend(nonce=randrange(1000))\n',
      findings: [{ text: 'randrange(1000)' }],
      output: 'from random import randrange\nimport secrets\nsend(nonce=secrets.randbelow(1000))\n',
    },
    {
      name: 'random.random has no exact equivalent',
      code: 'import random\nsession_id = str(random.random())\n',
      findings: [{ text: 'random.random()' }],
      output: null,
      noFixBecause: 'no exact',
    },
    {
      name: 'secrets used for something else',
      code: 'import random\nsecrets = {}\napi_key = random.choice(ALPHABET)\n',
      findings: [{ text: 'random.choice(ALPHABET)' }],
      output: null,
      noFixBecause: '`secrets` is already used',
    },
    { name: 'dict key', code: 'import random\nd = {"salt": random.randbytes(16)}\n', findings: [{ text: 'random.randbytes(16)' }] },
    {
      name: 'randint inside an expression gets parentheses',
      code: 'import random\npin = "%d" % random.randint(1000, 9999)\n',
      findings: [{ text: 'random.randint(1000, 9999)' }],
      output: 'import random\nimport secrets\npin = "%d" % (secrets.randbelow(9000) + 1000)\n',
    },
  ],
};
