import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG321',
  valid: [
    { name: 'secrets', code: 'import secrets\ncode = secrets.randbelow(10**6)\n' },
    { name: 'SystemRandom is the OS generator', code: 'import random\nrng = random.SystemRandom()\nx = rng.random()\n' },
    { name: 'a token: PSG320 reports it', code: 'import random\nreset_token = random.getrandbits(128)\n' },
    { name: 'inside a password function: PSG320 reports it', code: 'import random\ndef make_password():\n    return random.choice(WORDS)\n' },
    { name: 'test code', code: 'import random\ndef test_shuffle():\n    random.shuffle(DECK)\n' },
    { name: 'seeding is not drawing', code: 'import random\nrandom.seed(42)\n' },
    { name: 'a local function named choice', code: 'def choice(x):\n    return x[0]\nchoice([1])\n' },
    { name: 'numpy is not the random module', code: 'import numpy as np\nx = np.random.normal(0, 1, 100)\n' },
    { name: 'nosec B311', code: 'import random\ndelay = random.uniform(0, 1)  # nosec B311\n' },
  ],
  invalid: [
    { code: 'import random\nx = random.random()\n', findings: [{ text: 'random.random()', confidence: 'low', message: 'predictable' }], output: null },
    { code: 'import random\ndef jitter(base):\n    return base * random.uniform(0.5, 1.5)\n', findings: [{ text: 'random.uniform(0.5, 1.5)', confidence: 'low' }] },
    { code: 'from random import choice\ncolor = choice(COLORS)\n', findings: [{ text: 'choice(COLORS)' }] },
    { code: 'import random\nrandom.shuffle(deck)\n', findings: [{ text: 'random.shuffle(deck)' }] },
    { code: 'import random\nrng = random.Random()\n', findings: [{ text: 'random.Random()' }] },
    { code: 'import random\nsample = random.sample(population, 10)\n', findings: [{ text: 'random.sample(population, 10)' }] },
    { code: 'import random as r\nn = r.randint(1, 6)\n', findings: [{ text: 'r.randint(1, 6)' }] },
    { name: 'a one-time code whose name does not say so', code: 'import random\ndef send(phone):\n    code = random.randint(0, 999999)\n    sms(phone, code)\n', findings: [{ text: 'random.randint(0, 999999)' }] },
    { code: 'import random\nb = random.randbytes(16)\n', findings: [{ text: 'random.randbytes(16)' }] },
  ],
};
