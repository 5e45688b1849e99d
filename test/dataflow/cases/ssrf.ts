// Requests to URLs chosen by the client (PSG130): the value decides the host.
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const ssrfProfile: KindProfile = {
  kind: 'ssrf',
  handler: 'check_status',
  route: '/status',
  param: 'service',
  v: 'host',
  constant: '"status.example.com"',
  alt: '"api.example.com"',
  allowed: 'ALLOWED_HOSTS',
  allowedMembers: ['"api.example.com"', '"status.example.com"'],
  imports: [],
  module: ['ALLOWED_HOSTS = {"api.example.com", "status.example.com"}'],
  sinks: () => [
    { imports: ['import requests'], line: (v) => `resp = requests.get(f"https://{${v}}/status", timeout=5)` },
    { imports: ['import httpx'], line: (v) => `resp = httpx.get(f"https://{${v}}/health", timeout=5)` },
    {
      imports: ['import urllib.request'],
      line: (v) => `resp = urllib.request.urlopen(f"https://{${v}}/ping", timeout=5)`,
    },
    {
      imports: ['import requests'],
      line: (v) => `resp = requests.post("https://" + ${v} + "/hooks", json={}, timeout=5)`,
    },
  ],
};

const handwritten: Pair[] = [
  {
    name: 'ssrf/guard: the URL is fetched after a hostname allow-list check that only logs / rejects, host rebuilt from the check (Flask)',
    kind: 'ssrf',
    trick: 'guard',
    files: {
      'app.py': `from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@app.route("/preview")
def preview():
    parsed = urlparse(request.args.get("url", ""))
    if parsed.hostname not in ALLOWED_HOSTS:
        <<<app.logger.warning("unexpected host %s", parsed.hostname)|||abort(400)>>>
    resp = requests.get(f"https://{parsed.hostname}{parsed.path}", timeout=5)  # SINK
    return resp.text
`,
    },
  },
  {
    name: 'ssrf/sanitizer: the whole URL from the form / only the path after a constant host (Django)',
    kind: 'ssrf',
    trick: 'sanitizer',
    files: {
      'views.py': `from urllib.parse import quote

import requests
from django.http import HttpResponse


def fetch_avatar(request):
    user = request.POST.get("user", "")
    url = <<<user|||"https://avatars.example.com/" + quote(user, safe="")>>>
    resp = requests.get(url, timeout=5)  # SINK
    return HttpResponse(resp.content, content_type="image/png")
`,
    },
    note: 'quote(..., safe="") escapes "/", "@", "?" and "#": the value stays in the path of the constant host.',
  },
  {
    name: 'ssrf/container: aiohttp fetches a dict lookup that falls back to the request value / to a constant (FastAPI)',
    kind: 'ssrf',
    trick: 'container',
    files: {
      'main.py': `import aiohttp
from fastapi import FastAPI

app = FastAPI()
FEEDS = {"news": "https://news.example.com/rss", "blog": "https://blog.example.com/rss"}


@app.get("/feed")
async def feed(source: str = "news"):
    url = <<<FEEDS.get(source, source)|||FEEDS.get(source, FEEDS["news"])>>>
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:  # SINK
            return {"length": len(await resp.text())}
`,
    },
    note: 'FEEDS.get(source, source) returns the request value itself for an unknown key.',
  },
];

export const ssrfPairs: Pair[] = [...pairsFor(ssrfProfile, templates, 1), ...handwritten];
