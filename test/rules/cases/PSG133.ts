import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG133',
  valid: [
    {
      name: 'headers of a request class are what it sends, not a response',
      code: 'from flask import request\nclass Request:\n    def __init__(self):\n        self.headers = {}\n    def add_header(self, key, val):\n        self.headers[key.capitalize()] = val\ndef view():\n    r = Request()\n    r.add_header("X-Trace", request.headers["X-Trace"])\n',
    },
    {
      name: 'a constant header',
      code: 'from flask import Flask, make_response\napp = Flask(__name__)\n@app.route("/")\ndef i():\n    r = make_response("x")\n    r.headers["X-Frame-Options"] = "DENY"\n    return r\n',
    },
    {
      name: 'reading request headers is not writing response headers',
      code: 'from flask import request\ndef agent():\n    return request.headers["User-Agent"]\n',
    },
    {
      name: 'URL-quoted file name',
      code: 'from urllib.parse import quote\nfrom flask import Flask, make_response, request\napp = Flask(__name__)\n@app.route("/d")\ndef d():\n    r = make_response("x")\n    r.headers["Content-Disposition"] = "attachment; filename*=UTF-8\'\'" + quote(request.args["name"])\n    return r\n',
    },
    {
      name: 'a number from the request',
      code: 'from django.http import HttpResponse\ndef v(request):\n    r = HttpResponse("ok")\n    r["X-Page"] = int(request.GET["page"])\n    return r\n',
    },
    {
      name: 'headers of an outgoing request',
      code: 'import requests\nfrom flask import request\ndef proxy():\n    s = requests.Session()\n    s.headers["X-Forwarded-For"] = request.remote_addr\n',
    },
    {
      name: 'a value of unknown origin is not reported',
      code: 'from django.http import HttpResponse\ndef tagged(etag):\n    r = HttpResponse("ok")\n    r["ETag"] = etag\n    return r\n',
    },
    {
      name: 'an allowlisted value',
      code: 'from flask import Flask, make_response, request\napp = Flask(__name__)\nLANGS = {"en", "fr"}\n@app.route("/")\ndef i():\n    lang = request.args["lang"]\n    r = make_response("x")\n    if lang in LANGS:\n        r.headers["Content-Language"] = lang\n    return r\n',
    },
    {
      name: 'constant headers= dict',
      code: 'from fastapi import FastAPI, Response\napp = FastAPI()\n@app.get("/")\ndef home(q: str):\n    return Response(q, headers={"Cache-Control": "no-store"})\n',
    },
    {
      name: 'http.server: what a method computes from the path is not the path',
      code: 'import os\nfrom http.server import SimpleHTTPRequestHandler\nclass H(SimpleHTTPRequestHandler):\n    def do_GET(self):\n        path = self.translate_path(self.path)\n        f = open(path, "rb")\n        fs = os.fstat(f.fileno())\n        self.send_header("Content-type", self.guess_type(path))\n        self.send_header("Content-Length", str(fs[6]))\n',
    },
    {
      name: 'http.server handler with a constant header',
      code: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_header("Content-Type", "text/plain")\n',
    },
  ],
  invalid: [
    {
      name: 'a file name from the query in Content-Disposition',
      code: dedent(`
        from flask import Flask, make_response, request
        app = Flask(__name__)
        @app.route("/download")
        def download():
            response = make_response("data")
            response.headers["Content-Disposition"] = f"attachment; filename={request.args['name']}"
            return response
      `),
      findings: [{ text: 'f"attachment; filename={request.args[\'name\']}"', confidence: 'high', message: 'as a header value' }],
      output: null,
    },
    {
      name: 'headers.add with request data',
      code: 'from flask import Flask, make_response, request\napp = Flask(__name__)\n@app.route("/")\ndef i():\n    r = make_response("x")\n    r.headers.add("X-Lang", request.args.get("lang"))\n    return r\n',
      findings: [{ text: 'request.args.get("lang")', confidence: 'high', message: 'reaches `r.headers.add`' }],
    },
    {
      name: 'Django response item assignment',
      code: 'from django.http import HttpResponse\ndef v(request):\n    response = HttpResponse("ok")\n    response["X-Trace"] = request.GET["trace"]\n    return response\n',
      findings: [{ text: 'request.GET["trace"]', confidence: 'high' }],
    },
    {
      name: 'http.server writes the header as it is: response splitting',
      code: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(302)\n        self.send_header("Location", self.headers.get("Referer"))\n',
      findings: [{ text: 'self.headers.get("Referer")', confidence: 'high', message: /response splitting[\s\S]*redirect/ }],
    },
    {
      name: 'http.server: a query parameter through parse_qs',
      code: 'from urllib.parse import parse_qs, urlparse\nfrom http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        qs = parse_qs(urlparse(self.path).query)\n        lang = qs.get("lang", ["en"])[0]\n        self.send_header("Content-Language", lang)\n',
      findings: [{ text: 'lang', confidence: 'high', message: '`self.path` (what the client sent)' }],
    },
    {
      name: 'headers= dict of a FastAPI Response',
      code: 'from fastapi import FastAPI, Response\napp = FastAPI()\n@app.get("/")\ndef home(lang: str):\n    return Response("x", headers={"Content-Language": lang})\n',
      findings: [{ text: 'lang', confidence: 'high', message: 'route parameter `lang`' }],
    },
    {
      name: 'a header name chosen by the client',
      code: 'from flask import Flask, make_response, request\napp = Flask(__name__)\n@app.route("/")\ndef i():\n    r = make_response("x")\n    r.headers[request.args["h"]] = "1"\n    return r\n',
      findings: [{ text: 'request.args["h"]', confidence: 'high', message: 'as a header name' }],
    },
    {
      name: 'aiohttp response headers',
      code: 'from aiohttp import web\nasync def h(request):\n    resp = web.Response(text="ok")\n    resp.headers["X-User"] = request.match_info["user"]\n    return resp\n',
      findings: [{ text: 'request.match_info["user"]', confidence: 'high' }],
    },
    {
      name: 'make_response with a headers dict as third argument',
      code: 'from flask import Flask, make_response, request\napp = Flask(__name__)\n@app.route("/")\ndef i():\n    return make_response("x", 200, {"Link": request.args["next"]})\n',
      findings: [{ text: 'request.args["next"]', confidence: 'high' }],
    },
    {
      name: 'through a variable and a Location header',
      code: 'from django.http import HttpResponse\ndef v(request):\n    target = request.GET.get("to")\n    response = HttpResponse(status=302)\n    response["Location"] = target\n    return response\n',
      findings: [{ text: 'target', confidence: 'high', message: 'redirect' }],
    },
    {
      name: 'from the command line: medium confidence',
      code: 'import sys\nfrom starlette.responses import PlainTextResponse\ndef page():\n    return PlainTextResponse("x", headers={"X-Build": sys.argv[1]})\n',
      findings: [{ text: 'sys.argv[1]', confidence: 'medium' }],
    },
  ],
};
