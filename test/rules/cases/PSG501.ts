import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG501',
  valid: [
    { name: "the 2026 guide's verify=True", code: 'import requests\nresponse = requests.get(\n    "https://api.example.com/data",\n    verify=True  # Or path to CA bundle\n)\n' },
    { name: "the 2026 guide's CA bundle", code: 'import requests\nresponse = requests.get(\n    "https://internal-api/",\n    verify="/path/to/ca-bundle.crt"\n)\n' },
    { name: 'default context', code: 'import ssl\nctx = ssl.create_default_context()\n' },
    { name: 'CERT_REQUIRED', code: 'import ssl\nctx.verify_mode = ssl.CERT_REQUIRED\n' },
    { name: 'check_hostname True', code: 'ctx.check_hostname = True\n' },
    { name: 'verify=False on something that is not an HTTP client', code: 'form.validate(verify=False)\n' },
    { name: 'verify from a variable', code: 'import requests\nrequests.get(url, verify=ca_path)\n' },
    { name: 'an unrelated verify attribute', code: 'job.verify = False\n' },
    { name: 'suppressed', code: 'import requests\nrequests.get(url, verify=False)  # nosec B501\n' },
    { name: 'reading the mode, not setting it', code: 'import ssl\nwill_verify = context.verify_mode != ssl.CERT_NONE\n' },
    { name: 'a test module', code: 'import pytest\nimport ssl\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n' },
    { name: 'a test function', code: 'import requests\ndef test_self_signed(server):\n    requests.get(server.url, verify=False)\n' },
  ],
  invalid: [
    { name: 'requests.get verify=False', code: 'import requests\nr = requests.get("https://api.example.com", verify=False)\n', findings: [{ text: 'verify=False', confidence: 'high' }], output: 'import requests\nr = requests.get("https://api.example.com")\n' },
    { name: 'first argument', code: 'import httpx\nclient = httpx.Client(verify=False, timeout=5)\n', findings: [{ text: 'verify=False' }], output: 'import httpx\nclient = httpx.Client(timeout=5)\n' },
    { name: 'session method', code: 'import requests\ns = requests.Session()\ns.post(url, json=body, verify=False)\n', findings: [{ text: 'verify=False', message: 'requests.Session().post' }], output: 'import requests\ns = requests.Session()\ns.post(url, json=body)\n' },
    { name: 'session.verify = False', code: 'import requests\ns = requests.Session()\ns.verify = False\n', findings: [{ text: 's.verify = False' }], output: 'import requests\ns = requests.Session()\ns.verify = True\n' },
    { name: 'unverified context', code: 'import ssl\nctx = ssl._create_unverified_context()\n', findings: [{ text: 'ssl._create_unverified_context()' }], output: 'import ssl\nctx = ssl.create_default_context()\n' },
    { name: 'CERT_NONE: no fix', code: 'import ssl\nctx.verify_mode = ssl.CERT_NONE\n', findings: [{ text: 'ssl.CERT_NONE' }], output: null },
    { name: 'check_hostname = False', code: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\n', findings: [{ text: 'ctx.check_hostname = False' }], output: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = True\n' },
    { name: 'from-import alias', code: 'from requests import get as fetch\nfetch(url, verify=False)\n', findings: [{ text: 'verify=False' }], output: 'from requests import get as fetch\nfetch(url)\n' },
    { name: 'CERT_NONE from-import as keyword', code: 'from ssl import CERT_NONE\nsock = wrap(s, cert_reqs=CERT_NONE)\n', findings: [{ text: 'CERT_NONE' }] },
  ],
};
