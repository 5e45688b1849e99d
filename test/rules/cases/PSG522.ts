import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG522',
  valid: [
    'import urllib.request\nurllib.request.urlopen("https://example.com/api")\n',
    'import urllib.request\ndef f(path):\n    return urllib.request.urlopen(f"https://api.example.com/{path}")\n',
    'import urllib.request\nURL = "https://example.com"\nurllib.request.urlopen(URL)\n',
    {
      name: 'scheme checked first',
      code: 'import urllib.request, urllib.parse\ndef f(url):\n    if urllib.parse.urlparse(url).scheme not in ("http", "https"):\n        raise ValueError()\n    return urllib.request.urlopen(url)\n',
    },
    { name: 'requests is not urllib', code: 'import requests\ndef f(u):\n    requests.get(u, timeout=5)\n' },
    'from urllib.request import Request\nreq = Request("http://localhost:8000")\n',
    { name: 'startswith check', code: 'from urllib.request import urlopen\ndef f(u):\n    if not u.startswith(("http://", "https://")):\n        return\n    urlopen(u)\n' },
    { name: 'nosec', code: 'from urllib.request import urlopen\ndef f(u):\n    urlopen(u)  # nosec B310\n' },
  ],
  invalid: [
    { code: 'import urllib.request\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n', findings: [{ text: 'url', message: 'file:', confidence: 'medium' }] },
    { code: 'from urllib.request import urlopen\nfrom flask import request\ndef view():\n    return urlopen(request.args["u"]).read()\n', findings: [{ text: 'request.args["u"]', confidence: 'high' }] },
    { code: 'from urllib.request import urlretrieve\ndef f(u, d):\n    urlretrieve(u, d)\n', findings: [{ text: 'u' }] },
    { code: 'import urllib.request\nurllib.request.urlopen("file:///etc/passwd")\n', findings: [{ text: '"file:///etc/passwd"', message: 'local file' }] },
    { code: 'import urllib.request\ndef f(host):\n    urllib.request.urlopen(host + "/status")\n', findings: [{ text: 'host + "/status"' }] },
    { code: 'from urllib.request import Request\ndef f(u):\n    return Request(url=u)\n', findings: [{ text: 'u' }] },
    { code: 'import urllib.request as ur\ndef f(u):\n    ur.urlopen(f"{u}")\n', findings: [{ text: 'f"{u}"' }] },
    { code: 'import urllib2\ndef f(u):\n    urllib2.urlopen(u)\n', findings: [{ text: 'u' }] },
  ],
};
