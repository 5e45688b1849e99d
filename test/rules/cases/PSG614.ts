import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG614',
  valid: [
    {
      name: 'jsonify is JSON, not HTML',
      code: 'from flask import Flask, jsonify, request\napp = Flask(__name__)\n@app.route("/s")\ndef s():\n    return jsonify(q=request.args["q"])\n',
    },
    {
      name: 'render_template escapes the values',
      code: 'from flask import Flask, render_template, request\napp = Flask(__name__)\n@app.route("/s")\ndef s():\n    return render_template("s.html", q=request.args["q"])\n',
    },
    {
      name: 'markupsafe.escape on the value',
      code: 'from flask import Flask, request\nfrom markupsafe import escape\napp = Flask(__name__)\n@app.route("/s")\ndef s():\n    return f"<h1>{escape(request.args[\'q\'])}</h1>"\n',
    },
    {
      name: 'Django escape() in HttpResponse',
      code: 'from django.http import HttpResponse\nfrom django.utils.html import escape\ndef v(request):\n    return HttpResponse("<p>%s</p>" % escape(request.GET["q"]))\n',
    },
    {
      name: 'a plain-text Django response',
      code: 'from django.http import HttpResponse\ndef v(request):\n    return HttpResponse(request.GET["q"], content_type="text/plain")\n',
    },
    {
      name: 'JsonResponse / JSONResponse',
      code: 'from django.http import JsonResponse\ndef v(request):\n    return JsonResponse({"q": request.GET["q"]})\n',
    },
    {
      name: 'a FastAPI view returning a string sends JSON',
      code: 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/")\ndef home(name: str):\n    return f"<b>{name}</b>"\n',
    },
    {
      name: 'aiohttp text responses are text/plain by default',
      code: 'from aiohttp import web\nasync def h(request):\n    return web.Response(text=f"<b>{request.query[\'q\']}</b>")\n',
    },
    {
      name: 'a number from the request',
      code: 'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/n")\ndef n():\n    return f"<b>{int(request.args[\'n\'])}</b>"\n',
    },
    {
      name: 'html.escape in an http.server handler',
      code: 'import html\nfrom http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.wfile.write(f"<p>{html.escape(self.path)}</p>".encode())\n',
    },
    {
      name: 'a value of unknown origin that is not HTML built in Python',
      code: 'from django.http import HttpResponse\ndef export(rows):\n    return HttpResponse(rows)\n',
    },
    {
      name: 'headers= give another content type',
      code: 'from flask import Flask, Response, request\napp = Flask(__name__)\n@app.route("/x")\ndef x():\n    return Response(f"<r>{request.args[\'q\']}</r>", headers={"Content-Type": "application/xml"})\n',
    },
    {
      name: 'headers= from elsewhere may set any type',
      code: 'from flask import Response\ndef wrap(request, content, headers):\n    return Response(response=content, status=200, headers=headers)\n',
    },
    {
      name: 'bytes relayed by a proxy handler are not HTML built here',
      code: 'import socket\nfrom http.server import BaseHTTPRequestHandler\nclass P(BaseHTTPRequestHandler):\n    def relay(self, s):\n        data = s.recv(1024)\n        self.wfile.write(data)\n',
    },
    {
      name: 'mark_safe in HttpResponse is PSG606\'s finding',
      code: 'from django.http import HttpResponse\nfrom django.utils.safestring import mark_safe\ndef v(request):\n    return HttpResponse(mark_safe(f"<h1>{request.GET[\'t\']}</h1>"))\n',
    },
    {
      name: 'make_response(jsonify(...)) is JSON',
      code: 'from flask import Flask, jsonify, make_response, request\napp = Flask(__name__)\n@app.route("/p")\ndef p():\n    return make_response(jsonify({"u": request.cookies.get("u")}))\n',
    },
    {
      name: 'a WSGI app escapes the query string',
      code: 'import html\ndef app(environ, start_response):\n    q = environ.get("QUERY_STRING", "")\n    start_response("200 OK", [("Content-Type", "text/html")])\n    return [f"<p>{html.escape(q)}</p>".encode()]\n',
    },
    {
      name: 'a WSGI app serving text/plain',
      code: 'def app(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [f"<p>{environ[\'PATH_INFO\']}</p>".encode()]\n',
    },
    {
      name: 'a two-parameter function that is not a WSGI app',
      code: 'def render(rows, emit):\n    emit("start", [])\n    return [f"<td>{rows[0]}</td>"]\n',
    },
    {
      name: 'a JSONP callback checked against an identifier pattern',
      code: 'import json, re\nfrom flask import Flask, Response, abort, request\napp = Flask(__name__)\n@app.route("/api")\ndef api():\n    cb = request.args.get("callback", "cb")\n    if not re.fullmatch(r"[A-Za-z_][\\w.]*", cb):\n        abort(400)\n    return Response(f"{cb}({json.dumps({\'ok\': True})})", mimetype="application/javascript")\n',
    },
    {
      name: 'a fixed JSONP callback around request data served as JavaScript',
      code: 'import json\nfrom django.http import HttpResponse\ndef v(request):\n    return HttpResponse("cb({})".format(json.dumps(request.GET["a"])), content_type="text/javascript")\n',
    },
    {
      name: 'a constant page',
      code: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef home():\n    return "<h1>Welcome</h1>"\n',
    },
  ],
  invalid: [
    {
      name: 'a Flask view returns an f-string with request data',
      code: dedent(`
        from flask import Flask, request
        app = Flask(__name__)
        @app.route("/search")
        def search():
            q = request.args.get("q", "")
            return f"<h1>Results for {q}</h1>"
      `),
      findings: [{ text: 'f"<h1>Results for {q}</h1>"', confidence: 'high', message: 'from `request.args` reaches `return`' }],
      applicability: 'unsafe',
      output: dedent(`
        from flask import Flask, request
        from markupsafe import escape
        app = Flask(__name__)
        @app.route("/search")
        def search():
            q = request.args.get("q", "")
            return f"<h1>Results for {escape(q)}</h1>"
      `),
    },
    {
      name: 'make_response with concatenation',
      code: 'from flask import Flask, request, make_response\napp = Flask(__name__)\n@app.route("/s")\ndef s():\n    return make_response("<p>" + request.args["q"] + "</p>", 200)\n',
      findings: [{ text: '"<p>" + request.args["q"] + "</p>"', confidence: 'high', message: 'reaches `make_response`' }],
      output: 'from flask import Flask, request, make_response\nfrom markupsafe import escape\napp = Flask(__name__)\n@app.route("/s")\ndef s():\n    return make_response("<p>" + escape(request.args["q"]) + "</p>", 200)\n',
    },
    {
      name: 'a view returns request data as is, with a status',
      code: 'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/echo")\ndef echo():\n    return request.args["msg"], 200\n',
      findings: [{ text: 'request.args["msg"]', confidence: 'high' }],
      output: 'from flask import Flask, request\nfrom markupsafe import escape\napp = Flask(__name__)\n@app.route("/echo")\ndef echo():\n    return escape(request.args["msg"]), 200\n',
    },
    {
      name: 'Django HttpResponse with % formatting',
      code: 'from django.http import HttpResponse\ndef hello(request):\n    name = request.GET["name"]\n    return HttpResponse("Hello %s" % name)\n',
      findings: [{ text: '"Hello %s" % name', confidence: 'high', message: 'reaches `HttpResponse`' }],
      output: 'from django.http import HttpResponse\nfrom django.utils.html import escape\ndef hello(request):\n    name = request.GET["name"]\n    return HttpResponse("Hello %s" % escape(name))\n',
    },
    {
      name: 'FastAPI HTMLResponse with a query parameter',
      code: 'from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\napp = FastAPI()\n@app.get("/")\ndef home(name: str):\n    return HTMLResponse(f"<b>{name}</b>")\n',
      findings: [{ text: 'f"<b>{name}</b>"', confidence: 'high', message: 'route parameter `name`' }],
      output: 'from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\nimport html\napp = FastAPI()\n@app.get("/")\ndef home(name: str):\n    return HTMLResponse(f"<b>{html.escape(str(name))}</b>")\n',
    },
    {
      name: 'aiohttp web.Response served as text/html',
      code: 'from aiohttp import web\nasync def h(request):\n    name = request.query.get("name")\n    return web.Response(text=f"<b>{name}</b>", content_type="text/html")\n',
      findings: [{ text: 'f"<b>{name}</b>"', confidence: 'high', message: 'from `request.query`' }],
      output: 'from aiohttp import web\nimport html\nasync def h(request):\n    name = request.query.get("name")\n    return web.Response(text=f"<b>{html.escape(str(name))}</b>", content_type="text/html")\n',
    },
    {
      name: 'http.server handler writes the request path into the page',
      code: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.wfile.write(f"<p>Not found: {self.path}</p>".encode())\n',
      findings: [{ text: 'f"<p>Not found: {self.path}</p>"', confidence: 'high', message: '`self.path` (what the client sent)' }],
      output: 'from http.server import BaseHTTPRequestHandler\nimport html\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.wfile.write(f"<p>Not found: {html.escape(str(self.path))}</p>".encode())\n',
    },
    {
      name: 'http.server handler: a query parameter through parse_qs',
      code: 'import urllib.parse\nfrom http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        params = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)\n        msg = params.get("error", [""])[0]\n        self.wfile.write(f"<h2>Failed: {msg}</h2>".encode())\n',
      findings: [{ text: 'f"<h2>Failed: {msg}</h2>"', confidence: 'high', message: '`self.path` (what the client sent)' }],
      output: 'import urllib.parse\nfrom http.server import BaseHTTPRequestHandler\nimport html\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        params = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)\n        msg = params.get("error", [""])[0]\n        self.wfile.write(f"<h2>Failed: {html.escape(str(msg))}</h2>".encode())\n',
    },
    {
      name: 'HTML built from a value of unknown origin: low confidence',
      code: 'from django.http import HttpResponse\ndef row(title):\n    return HttpResponse(f"<td>{title}</td>")\n',
      findings: [{ text: 'f"<td>{title}</td>"', confidence: 'low', message: 'HTML built from a value that is not escaped' }],
      output: 'from django.http import HttpResponse\nfrom django.utils.html import escape\ndef row(title):\n    return HttpResponse(f"<td>{escape(title)}</td>")\n',
    },
    {
      name: 'flask.Response defaults to text/html',
      code: 'from flask import Flask, Response, request\napp = Flask(__name__)\n@app.route("/r")\ndef r():\n    return Response("<div>{}</div>".format(request.form["bio"]))\n',
      findings: [{ text: '"<div>{}</div>".format(request.form["bio"])', confidence: 'high' }],
      output: 'from flask import Flask, Response, request\nfrom markupsafe import escape\napp = Flask(__name__)\n@app.route("/r")\ndef r():\n    return Response("<div>{}</div>".format(escape(request.form["bio"])))\n',
    },
    {
      name: 'a format spec would break after escaping: no fix',
      code: 'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/p")\ndef p():\n    return f"<pre>{request.args[\'t\']!r}</pre>"\n',
      findings: [{ text: 'f"<pre>{request.args[\'t\']!r}</pre>"', confidence: 'high' }],
      output: null,
      noFixBecause: 'conversion or format spec',
    },
    {
      name: 'escape is another name here: no fix',
      code: 'from flask import Flask, request\napp = Flask(__name__)\ndef escape(s):\n    return s\n@app.route("/p")\ndef p():\n    return "<i>" + request.args["t"] + "</i>"\n',
      findings: [{ text: '"<i>" + request.args["t"] + "</i>"', confidence: 'high' }],
      output: null,
      noFixBecause: 'already used',
    },
    {
      name: 'headers= that say text/html',
      code: 'from flask import Response, request\ndef page():\n    return Response("<p>" + request.args["m"] + "</p>", headers={"Content-Type": "text/html; charset=utf-8"})\n',
      findings: [{ text: '"<p>" + request.args["m"] + "</p>"', confidence: 'high' }],
      output: 'from flask import Response, request\nfrom markupsafe import escape\ndef page():\n    return Response("<p>" + escape(request.args["m"]) + "</p>", headers={"Content-Type": "text/html; charset=utf-8"})\n',
    },
    {
      name: 'a blueprint imported from another module',
      code: 'from flask import request\nfrom .blueprints import bp\n@bp.route("/hi")\ndef hi():\n    return "Hi " + request.args["who"]\n',
      findings: [{ text: '"Hi " + request.args["who"]', confidence: 'high' }],
      output: 'from flask import request\nfrom .blueprints import bp\nfrom markupsafe import escape\n@bp.route("/hi")\ndef hi():\n    return "Hi " + escape(request.args["who"])\n',
    },
    {
      name: 'a WSGI app returns bytes built from environ',
      code: 'def app(environ, start_response):\n    qs = environ.get("QUERY_STRING", "")\n    start_response("200 OK", [("Content-Type", "text/html")])\n    return [f"<p>{qs}</p>".encode()]\n',
      findings: [{ text: 'f"<p>{qs}</p>"', confidence: 'high', message: 'from `environ` (what the client sent)' }],
      output: 'import html\ndef app(environ, start_response):\n    qs = environ.get("QUERY_STRING", "")\n    start_response("200 OK", [("Content-Type", "text/html")])\n    return [f"<p>{html.escape(str(qs))}</p>".encode()]\n',
    },
    {
      name: 'a WSGI generator without a content type yields HTML built from parse_qs',
      code: 'from urllib.parse import parse_qs\ndef application(environ, start_response):\n    name = parse_qs(environ["QUERY_STRING"]).get("name", [""])[0]\n    body = "<h1>Hello " + name + "</h1>"\n    start_response("200 OK", [])\n    yield body.encode("utf-8")\n',
      findings: [{ text: 'body', confidence: 'high', message: 'reaches `yield`' }],
    },
    {
      name: 'a JSONP callback from the query string (Flask, served as JavaScript)',
      code: 'import json\nfrom flask import Flask, Response, request\napp = Flask(__name__)\n@app.route("/api")\ndef api():\n    cb = request.args.get("callback", "cb")\n    return Response(f"{cb}({json.dumps({\'ok\': True})})", mimetype="application/javascript")\n',
      findings: [{ text: 'f"{cb}({json.dumps({\'ok\': True})})"', confidence: 'high', message: 'JSONP callback' }],
      output: null,
      noFixBecause: 'callback name',
    },
    {
      name: 'a JSONP callback built with % in a Flask view',
      code: 'import json\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.route("/api")\ndef api():\n    return "%s(%s);" % (request.args["callback"], json.dumps({"n": 1}))\n',
      findings: [{ text: '"%s(%s);" % (request.args["callback"], json.dumps({"n": 1}))', confidence: 'high', message: 'JSONP callback' }],
    },
    {
      name: 'a JSONP callback in a WSGI app',
      code: 'import json\nfrom urllib.parse import parse_qs\ndef jsonp(environ, start_response):\n    cb = parse_qs(environ["QUERY_STRING"])["callback"][0]\n    start_response("200 OK", [("Content-Type", "application/javascript")])\n    return [f"{cb}({json.dumps([1, 2])})".encode()]\n',
      findings: [{ text: 'f"{cb}({json.dumps([1, 2])})"', confidence: 'high', message: 'JSONP callback' }],
    },
    {
      name: 'a JSONP callback with str.format in a Django view',
      code: 'import json\nfrom django.http import HttpResponse\ndef v(request):\n    callback = request.GET["callback"]\n    return HttpResponse("{}({})".format(callback, json.dumps({"a": 1})), content_type="text/javascript")\n',
      findings: [{ text: '"{}({})".format(callback, json.dumps({"a": 1}))', confidence: 'high', message: 'JSONP callback' }],
    },
  ],
};
