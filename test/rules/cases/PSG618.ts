import type { RuleCases } from '../types';

const settings = 'INSTALLED_APPS = ["django.contrib.admin"]\n';

export const cases: RuleCases = {
  ruleId: 'PSG618',
  valid: [
    { name: 'named hosts', code: `${settings}ALLOWED_HOSTS = ["www.example.com", "example.com"]\n` },
    { name: 'a domain and its subdomains', code: `${settings}ALLOWED_HOSTS = [".example.com"]\n` },
    { name: 'from the environment', code: `import os\n${settings}ALLOWED_HOSTS = os.environ["HOSTS"].split(",")\n` },
    { name: 'empty (DEBUG off refuses every host)', code: `${settings}ALLOWED_HOSTS = []\n` },
    { name: 'not a Django settings module', code: 'ALLOWED_HOSTS = ["*"]\n' },
    { name: 'local development settings', code: `import unittest\n${settings}ALLOWED_HOSTS = ["*"]\n` },
    { name: 'a local variable', code: `${settings}def hosts():\n    allowed = ["*"]\n    return allowed\n` },
    { name: 'localhost only', code: `${settings}ALLOWED_HOSTS = ("localhost", "127.0.0.1")\n` },
  ],
  invalid: [
    {
      name: 'the wildcard',
      code: `${settings}ALLOWED_HOSTS = ["*"]\n`,
      findings: [{ text: '"*"', confidence: 'high', message: 'accepts any `Host` header' }],
      output: null,
    },
    { name: 'among other names', code: `${settings}ALLOWED_HOSTS = ["example.com", "*"]\n`, findings: [{ text: '"*"' }] },
    { name: 'a tuple', code: `${settings}ALLOWED_HOSTS = ("*",)\n`, findings: [{ text: '"*"' }] },
    { name: 'single quotes', code: `${settings}ALLOWED_HOSTS = ['*']\n`, findings: [{ text: "'*'" }] },
    { name: 'ROOT_URLCONF marks settings', code: 'ROOT_URLCONF = "x.urls"\nALLOWED_HOSTS = ["*"]\n', findings: [{ text: '"*"' }] },
    { name: 'MIDDLEWARE marks settings', code: 'MIDDLEWARE = []\nALLOWED_HOSTS = ["*"]\n', findings: [{ text: '"*"' }] },
    { name: 'a set', code: `${settings}ALLOWED_HOSTS = {"*"}\n`, findings: [{ text: '"*"' }] },
    {
      name: 'next to DEBUG from the environment',
      code: `import os\n${settings}DEBUG = os.environ.get("DEBUG") == "1"\nALLOWED_HOSTS = ["*"]\n`,
      findings: [{ text: '"*"' }],
    },
  ],
};
