import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG520',
  valid: [
    'import requests\nr = requests.get(url, timeout=10)\n',
    'import requests\nr = requests.post(url, json=data, timeout=(3, 30))\n',
    'import httpx\nr = httpx.get(url)\n',
    { name: "the 2026 guide's good TLS example: a fixed URL", code: 'import requests\nresponse = requests.get(\n    "https://api.example.com/data",\n    verify=True  # Or path to CA bundle\n)\n' },
    'import requests\nr = requests.get(url, **kwargs)\n',
    { name: 'a dict get', code: 'v = settings.get("x")\n' },
    { name: 'a computed timeout', code: 'import requests\nr = requests.get(url, timeout=cfg.timeout)\n' },
    'import requests\ns = requests.Session()\nr = s.get(url, timeout=5)\n',
    { name: 'nosec', code: 'import requests\nrequests.get(url)  # nosec B113\n' },
  ],
  invalid: [
    {
      code: 'import requests\nresponse = requests.get(url)\n',
      findings: [{ text: 'requests.get(url)', message: 'timeout' }],
      output: 'import requests\nresponse = requests.get(url, timeout=10)\n',
    },
    { code: 'import requests\nrequests.post(url, data=payload)\n', findings: [{ text: 'requests.post(url, data=payload)' }], output: 'import requests\nrequests.post(url, data=payload, timeout=10)\n' },
    { code: 'import requests\nrequests.get(url, timeout=None)\n', findings: [{ text: 'requests.get(url, timeout=None)', message: 'timeout=None' }], output: 'import requests\nrequests.get(url, timeout=10)\n' },
    { code: 'import httpx\nhttpx.get(url, timeout=None)\n', findings: [{ text: 'httpx.get(url, timeout=None)' }], output: 'import httpx\nhttpx.get(url, timeout=10)\n' },
    { code: 'from requests import get as fetch\nfetch(url)\n', findings: [{ text: 'fetch(url)' }], output: 'from requests import get as fetch\nfetch(url, timeout=10)\n' },
    { code: 'import requests\ns = requests.Session()\ns.put(url, json=x)\n', findings: [{ text: 's.put(url, json=x)' }], output: 'import requests\ns = requests.Session()\ns.put(url, json=x, timeout=10)\n' },
    {
      name: 'multi-line call with a trailing comma',
      code: 'import requests\nrequests.request(\n    "GET",\n    url,\n)\n',
      findings: [{ text: 'requests.request(\n    "GET",\n    url,\n)' }],
      output: 'import requests\nrequests.request(\n    "GET",\n    url, timeout=10,\n)\n',
    },
    { code: 'import requests\nwith requests.Session() as s:\n    s.delete(url)\n', findings: [{ text: 's.delete(url)' }] },
    { name: 'a URL built from a parameter', code: 'import requests\ndef fetch(host):\n    return requests.get(f"https://{host}/status")\n', findings: [{ text: 'requests.get(f"https://{host}/status")' }] },
  ],
};
