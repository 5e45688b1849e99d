import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG503',
  valid: [
    { name: "the 2026 guide's https URL", code: 'import requests\nresponse = requests.get("https://api.example.com/data", verify=True)\n' },
    { name: 'localhost', code: 'import requests\nrequests.get("http://localhost:8000/health")\n' },
    { name: 'loopback address', code: 'import requests\nrequests.get("http://127.0.0.1:5000/")\n' },
    { name: 'IPv6 loopback', code: 'import httpx\nhttpx.get("http://[::1]:8080/")\n' },
    { name: 'host not known', code: 'import requests\nrequests.get(f"http://{host}/status")\n' },
    { name: 'not an HTTP client', code: 'print("http://example.org.evil/")\n' },
    { name: 'a .local name', code: 'import requests\nrequests.get("http://printer.local/status")\n' },
    { name: 'url from a parameter', code: 'import requests\ndef f(url):\n    return requests.get(url)\n' },
    { name: 'example.com docs', code: 'import requests\nrequests.get("http://example.com/")\n' },
    { name: 'a test module', code: 'import unittest\nimport urllib.request\nreq = urllib.request.Request("http://www.acme.com/")\n' },
  ],
  invalid: [
    { name: 'requests.post', code: 'import requests\nrequests.post("http://api.partner.io/login", data=creds)\n', findings: [{ text: '"http://api.partner.io/login"', confidence: 'high' }], output: 'import requests\nrequests.post("https://api.partner.io/login", data=creds)\n' },
    { name: 'f-string with a known host', code: 'import requests\nrequests.get(f"http://api.partner.io/users/{uid}")\n', findings: [{ text: 'f"http://api.partner.io/users/{uid}"' }], output: 'import requests\nrequests.get(f"https://api.partner.io/users/{uid}")\n' },
    { name: 'through a constant: no fix', code: 'import requests\nAPI = "http://api.partner.io"\nrequests.get(API)\n', findings: [{ text: 'API' }], output: null, noFixBecause: 'not written in the call' },
    { name: 'concatenation', code: 'import requests\nrequests.get("http://internal-api.corp/users/" + user)\n', findings: [{ text: '"http://internal-api.corp/users/" + user' }], output: 'import requests\nrequests.get("https://internal-api.corp/users/" + user)\n' },
    { name: 'httpx client', code: 'import httpx\nwith httpx.Client() as c:\n    pass\nhttpx.get("http://files.partner.io/a.zip")\n', findings: [{ text: '"http://files.partner.io/a.zip"' }] },
    { name: 'urlopen', code: 'from urllib.request import urlopen\nurlopen("http://updates.vendor.net/latest.json")\n', findings: [{ text: '"http://updates.vendor.net/latest.json"' }] },
    { name: 'url keyword', code: 'import requests\nrequests.request("GET", url="http://10.1.2.3/api")\n', findings: [{ text: '"http://10.1.2.3/api"' }] },
    { name: 'request(method, url)', code: 'import requests\nrequests.request("GET", "http://data.gov.example.net/x")\n', findings: [{ text: '"http://data.gov.example.net/x"' }] },
    { name: 'session', code: 'import requests\ns = requests.Session()\ns.get("http://internal.corp/api")\n', findings: [{ text: '"http://internal.corp/api"' }] },
    { name: 'host with port', code: "import requests\nrequests.get('http://build.corp:8080/artifact')\n", findings: [{ text: "'http://build.corp:8080/artifact'" }], output: "import requests\nrequests.get('https://build.corp:8080/artifact')\n" },
  ],
};
