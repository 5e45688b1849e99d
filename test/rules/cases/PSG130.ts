import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const flask = 'import requests\nfrom flask import request\n';

export const cases: RuleCases = {
  ruleId: 'PSG130',
  valid: [
    { name: 'a constant URL', code: 'import requests\nrequests.get("https://api.example.com/status", timeout=5)\n' },
    { name: 'request data only in the path of a fixed host', code: `${flask}def user():\n    return requests.get(f"https://api.example.com/users/{request.args['id']}", timeout=5)\n` },
    { name: 'a host checked against an allowlist first', code: `${flask}from urllib.parse import urlparse\nHOSTS = {"cdn.example.com"}\ndef fetch():\n    url = request.args["url"]\n    if urlparse(url).hostname not in HOSTS:\n        return "no"\n    return requests.get(url, timeout=5).text\n` },
    { name: 'inside an allowlist branch', code: `${flask}ALLOWED = ("https://a.example", "https://b.example")\ndef fetch():\n    url = request.args["url"]\n    if url in ALLOWED:\n        return requests.get(url).text\n` },
    { name: 'a constant built from parts', code: 'import httpx\nBASE = "https://api.example.com"\nhttpx.get(BASE + "/health")\n' },
    { name: 'a URL from a constant table chosen by a key', code: `${flask}URLS = {"a": "https://a.example", "b": "https://b.example"}\ndef fetch():\n    return requests.get(URLS.get("a")).text\n` },
    { name: 'not an HTTP client', code: 'from flask import request\ncache.get(request.args["key"])\n' },
    { name: 'unknown origin switched off', code: 'import requests\ndef fetch(url):\n    return requests.get(url, timeout=5)\n', settings: { taint: { unknownOrigin: 'off' } } },
    { name: 'url_for builds a URL of this site', code: `${flask}from flask import url_for\ndef ping():\n    return requests.get(url_for("health", _external=True, v=request.args["v"]))\n` },
    { name: 'a URL from the environment is configuration', code: 'import os, requests\nrequests.get(os.environ["WEBHOOK_URL"], timeout=5)\n' },
  ],
  invalid: [
    {
      name: 'request argument straight into requests.get',
      code: `${flask}def preview():\n    url = request.args["url"]\n    return requests.get(url, timeout=5).text\n`,
      findings: [{ text: 'url', confidence: 'high', message: '`url` from `request.args` reaches `requests.get`' }],
    },
    {
      name: 'a route parameter as the host of an f-string',
      code: 'import requests\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/proxy/<host>")\ndef proxy(host):\n    return requests.get(f"http://{host}/status").text\n',
      findings: [{ text: 'f"http://{host}/status"', confidence: 'high', message: 'route parameter `host`' }],
    },
    {
      name: 'httpx client method, JSON body, through a helper',
      code: dedent(`
        import httpx
        from flask import request
        def target(payload):
            return payload["callback"]
        def notify():
            client = httpx.Client()
            client.post(target(request.get_json()), json={})
      `),
      findings: [{ text: 'target(request.get_json())', confidence: 'high', message: 'from `request.get_json()`' }],
    },
    {
      name: 'urllib urlopen with a Django query parameter',
      code: 'import urllib.request\nfrom django.http import HttpResponse\ndef fetch(request):\n    with urllib.request.urlopen(request.GET["u"]) as r:\n        return HttpResponse(r.read())\n',
      findings: [{ text: 'request.GET["u"]', confidence: 'high' }],
    },
    {
      name: 'requests.request(method, url=...) with FastAPI query parameter',
      code: 'import requests\nfrom fastapi import FastAPI\napp = FastAPI()\n@app.get("/fetch")\ndef fetch(url: str):\n    return requests.request("GET", url=url).text\n',
      findings: [{ text: 'url', confidence: 'high' }],
    },
    {
      name: 'aiohttp match_info into a ClientSession',
      code: dedent(`
        import aiohttp
        async def handler(request):
            async with aiohttp.ClientSession() as session:
                async with session.get("http://" + request.match_info["host"]) as resp:
                    return await resp.text()
      `),
      findings: [{ text: '"http://" + request.match_info["host"]', confidence: 'high', message: '`request.match_info`' }],
    },
    {
      name: 'a link from another service\'s response: medium confidence',
      code: 'import requests\nAPI = "https://api.example.com/items"\npage = requests.get(API, timeout=5).json()\nrequests.get(page["next"], timeout=5)\n',
      findings: [{ text: 'page["next"]', confidence: 'medium', message: 'HTTP response body' }],
    },
    {
      name: 'a parameter of unknown origin: low confidence',
      code: 'import requests\ndef fetch(url):\n    return requests.get(url, timeout=5)\n',
      findings: [{ text: 'url', confidence: 'low', message: 'parameter `url`' }],
    },
    {
      name: 'the allowlist check does not cover another branch',
      code: `${flask}HOSTS = {"a.example"}\ndef fetch():\n    url = request.args["url"]\n    if url in HOSTS:\n        pass\n    return requests.get(url).text\n`,
      findings: [{ text: 'url', confidence: 'high' }],
    },
  ],
};
