import type { SinkKind } from '../../server/src/semantic/taintCatalog';

/**
 * Taint cases as data. Each snippet ends in a call `sink(value)`; the tracker is asked about
 * `value` (for a sink of `kind`, when given) and must answer `level`, naming `source` when tainted.
 */
export interface TaintCase {
  name: string;
  code: string;
  level: 'tainted' | 'unknown' | 'constant';
  /** The source label, or a part of it. */
  source?: string;
  strength?: 'strong' | 'weak';
  kind?: SinkKind;
  /** Parts of the flow-step messages, in order. */
  steps?: string[];
  settings?: unknown;
}

const flask = 'from flask import request\n';
const django = 'from django.http import HttpResponse\n';
const fastapi = 'from fastapi import FastAPI, Request, Depends\napp = FastAPI()\n';

export const sourceCases: TaintCase[] = [
  ...['args', 'form', 'values', 'json', 'data', 'cookies', 'headers', 'files', 'view_args'].map((attribute): TaintCase => ({
    name: `Flask request.${attribute}`,
    code: `${flask}def view():\n    sink(request.${attribute}["k"])\n`,
    level: 'tainted',
    source: `request.${attribute}`,
    strength: 'strong',
  })),
  { name: 'Flask request.get_json()', code: `${flask}def view():\n    body = request.get_json()\n    sink(body["k"])\n`, level: 'tainted', source: 'request.get_json()' },
  { name: 'Flask route parameter', code: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/u/<name>")\ndef user(name):\n    sink(name)\n', level: 'tainted', source: 'route parameter `name`' },
  { name: 'Flask blueprint route parameter with a path converter', code: 'from flask import Blueprint\nbp = Blueprint("b", __name__)\n@bp.get("/f/<path:rest>")\ndef f(rest):\n    sink(rest)\n', level: 'tainted', source: 'route parameter `rest`' },
  { name: 'Flask int converter is not a source', code: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/u/<int:uid>")\ndef user(uid):\n    sink(uid)\n', level: 'constant' },
  { name: 'a parameter missing from the route is not a source', code: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/u")\ndef user(page=1):\n    sink(page)\n', level: 'unknown' },
  ...['GET', 'POST', 'COOKIES', 'META', 'body', 'FILES'].map((attribute): TaintCase => ({
    name: `Django request.${attribute}`,
    code: `${django}def view(request):\n    sink(request.${attribute})\n`,
    level: 'tainted',
    source: `request.${attribute}`,
  })),
  { name: 'Django URL-captured view argument', code: `${django}def article(request, slug):\n    sink(slug)\n`, level: 'tainted', source: 'route parameter `slug`' },
  { name: 'Django class-based view: self.request.GET', code: `${django}from django.views import View\nclass V(View):\n    def get(self, *args):\n        sink(self.request.GET.get("q"))\n`, level: 'tainted', source: 'request.GET' },
  { name: 'Django request.user is not client data', code: `${django}def view(request):\n    sink(request.user)\n`, level: 'unknown' },
  { name: 'FastAPI query parameter', code: `${fastapi}@app.get("/items")\ndef items(q: str):\n    sink(q)\n`, level: 'tainted', source: 'route parameter `q`' },
  { name: 'FastAPI int parameter is not a source', code: `${fastapi}@app.get("/items/{item_id}")\ndef item(item_id: int):\n    sink(item_id)\n`, level: 'constant' },
  { name: 'FastAPI dependency is not a source', code: `${fastapi}@app.get("/items")\ndef items(db=Depends(get_db)):\n    sink(db)\n`, level: 'unknown' },
  { name: 'Starlette Request.query_params', code: `${fastapi}@app.get("/items")\nasync def items(req: Request):\n    sink(req.query_params["q"])\n`, level: 'tainted', source: 'request.query_params' },
  { name: 'aiohttp match_info', code: 'from aiohttp import web\nasync def handler(request):\n    sink(request.match_info["name"])\n', level: 'tainted', source: 'request.match_info' },
  { name: 'aiohttp query', code: 'from aiohttp import web\nasync def handler(request: web.Request):\n    sink(request.query.get("q"))\n', level: 'tainted', source: 'request.query' },
  { name: 'aiohttp await request.post()', code: 'from aiohttp import web\nasync def handler(request):\n    form = await request.post()\n    sink(form["f"])\n', level: 'tainted', source: 'request.post()' },
  { name: 'input() is a weak source', code: 'answer = input("? ")\nsink(answer)\n', level: 'tainted', source: 'input()', strength: 'weak' },
  { name: 'sys.argv', code: 'import sys\nsink(sys.argv[1])\n', level: 'tainted', source: 'sys.argv' },
  { name: 'from sys import argv', code: 'from sys import argv\nname = argv[1]\nsink(name)\n', level: 'tainted', source: 'sys.argv' },
  { name: 'argparse arguments', code: 'import argparse\nparser = argparse.ArgumentParser()\nargs = parser.parse_args()\nsink(args.target)\n', level: 'tainted', source: 'command-line arguments' },
  { name: 'os.environ is a weak source', code: 'import os\nsink(os.environ["HOME"])\n', level: 'tainted', source: 'os.environ', strength: 'weak' },
  { name: 'os.getenv is a weak source', code: 'import os\nsink(os.getenv("HOME"))\n', level: 'tainted', source: 'os.getenv()', strength: 'weak' },
  { name: 'socket recv', code: 'import socket\ndef serve(conn):\n    data = conn.recv(1024)\n    sink(data)\n', level: 'tainted', source: 'recv()', strength: 'strong' },
  { name: 'an HTTP response body is a weak source', code: 'import requests\nr = requests.get("https://api.example.com", timeout=5)\nsink(r.json()["next"])\n', level: 'tainted', source: 'HTTP response body', strength: 'weak' },
  { name: 'file contents are a weak source', code: 'with open("list.txt") as fh:\n    for line in fh.read().splitlines():\n        sink(line)\n', level: 'tainted', source: 'file contents', strength: 'weak' },
  { name: 'Path.read_text()', code: 'from pathlib import Path\nsink(Path("x").read_text())\n', level: 'tainted', source: 'file contents' },
  { name: 'a source family switched off', code: `${flask}def view():\n    sink(request.args["k"])\n`, level: 'unknown', settings: { taint: { sources: { flask: false } } } },
  { name: 'an extra source from the settings', code: 'from myapp.http import payload\nsink(payload()["x"])\n', level: 'tainted', source: 'myapp.http.payload()', settings: { taint: { extraSources: ['myapp.http.payload'] } } },
];

export const propagationCases: TaintCase[] = [
  { name: 'several assignments, steps in order', code: `${flask}def v():\n    a = request.args["q"]\n    b = a.strip()\n    c = "x" + b\n    sink(c)\n`, level: 'tainted', steps: ['enters from `request.args`', '`a` is assigned', '`b` is assigned', '`c` is assigned'] },
  { name: 'augmented assignment', code: `${flask}def v():\n    q = "SELECT "\n    q += request.args["c"]\n    sink(q)\n`, level: 'tainted', steps: ['enters', 'is extended with'] },
  { name: 'tuple unpacking from a tuple', code: `${flask}def v():\n    a, b = "x", request.args["q"]\n    sink(b)\n`, level: 'tainted' },
  { name: 'tuple unpacking keeps the constant part quiet', code: `${flask}def v():\n    a, b = "x", request.args["q"]\n    sink(a)\n`, level: 'constant' },
  { name: 'unpacking from a call', code: `${flask}def v():\n    name, ext = request.args["f"].rsplit(".", 1)\n    sink(ext)\n`, level: 'tainted' },
  { name: 'f-string', code: `${flask}def v():\n    sink(f"hello {request.args['n']}")\n`, level: 'tainted' },
  { name: '% formatting', code: `${flask}def v():\n    sink("hello %s" % request.args["n"])\n`, level: 'tainted' },
  { name: '.format()', code: `${flask}def v():\n    sink("hello {}".format(request.form["n"]))\n`, level: 'tainted' },
  { name: '.join()', code: `${flask}def v():\n    sink(",".join(request.args.getlist("ids")))\n`, level: 'tainted' },
  { name: 'slicing', code: `${flask}def v():\n    sink(request.args["n"][:10])\n`, level: 'tainted' },
  { name: 'attribute read', code: 'import argparse\nopts = argparse.ArgumentParser().parse_args()\nsink(opts.path)\n', level: 'tainted' },
  { name: 'list literal', code: `${flask}def v():\n    parts = ["ls", request.args["d"]]\n    sink(parts)\n`, level: 'tainted' },
  { name: 'dict literal read back', code: `${flask}def v():\n    d = {"k": request.args["d"]}\n    sink(d["k"])\n`, level: 'tainted' },
  { name: 'list comprehension', code: `${flask}def v():\n    sink([x.strip() for x in request.args.getlist("x")])\n`, level: 'tainted' },
  { name: 'comprehension with a sanitizer on the element', code: `${flask}def v():\n    sink([int(x) for x in request.args.getlist("x")])\n`, level: 'constant' },
  { name: 'with ... as', code: 'import urllib.request\nwith urllib.request.urlopen("https://x.example") as r:\n    sink(r.read())\n', level: 'tainted', source: 'HTTP response body' },
  { name: 'for target', code: `${flask}def v():\n    for k in request.args:\n        sink(k)\n`, level: 'tainted' },
  { name: 'walrus', code: `${flask}def v():\n    if (n := request.args.get("n")):\n        sink(n)\n`, level: 'tainted' },
  { name: 'conditional expression', code: `${flask}def v():\n    n = request.args["n"] if request.args else "x"\n    sink(n)\n`, level: 'tainted' },
  { name: 'both arms of an if reach the use', code: `${flask}def v(flag):\n    if flag:\n        n = request.args["n"]\n    else:\n        n = "x"\n    sink(n)\n`, level: 'tainted' },
  { name: 'reassigned to a constant before the use', code: `${flask}def v():\n    n = request.args["n"]\n    n = "fixed"\n    sink(n)\n`, level: 'constant' },
  { name: 'through a helper that returns its argument', code: `${flask}def clean(value):\n    return value.strip().lower()\ndef v():\n    sink(clean(request.args["n"]))\n`, level: 'tainted', steps: ['enters', 'passes through `clean()`'] },
  { name: 'a helper that returns a constant', code: `${flask}def label(value):\n    return "fixed"\ndef v():\n    sink(label(request.args["n"]))\n`, level: 'constant' },
  { name: 'a helper that returns the other parameter', code: `${flask}def pick(a, b):\n    return b\ndef v():\n    sink(pick(request.args["n"], "x"))\n`, level: 'constant' },
  { name: 'a keyword argument into a helper', code: `${flask}def pick(a, b):\n    return b\ndef v():\n    sink(pick("x", b=request.args["n"]))\n`, level: 'tainted' },
  { name: 'a helper that reads the request itself', code: `${flask}def current():\n    return request.args["n"]\ndef v():\n    sink(current())\n`, level: 'tainted', steps: ['enters', 'returned by `current()`'] },
  { name: 'helpers calling helpers', code: `${flask}def a(x):\n    return b(x)\ndef b(y):\n    return "<" + y + ">"\ndef v():\n    sink(a(request.args["n"]))\n`, level: 'tainted' },
  { name: 'recursion ends', code: `${flask}def r(x):\n    return r(x) if x else x\ndef v():\n    sink(r(request.args["n"]))\n`, level: 'tainted' },
  { name: 'a method call on tainted data', code: `${flask}def v():\n    sink(request.headers.get("X").encode())\n`, level: 'tainted' },
];

export const sanitizerCases: TaintCase[] = [
  ...['int', 'float', 'bool'].map((fn): TaintCase => ({ name: `${fn}()`, code: `${flask}def v():\n    sink(${fn}(request.args["n"]))\n`, level: 'constant' })),
  { name: 'uuid.UUID()', code: `import uuid\n${flask}def v():\n    sink(str(uuid.UUID(request.args["id"])))\n`, level: 'constant' },
  { name: 'shlex.quote() is safe for a shell', code: `import shlex\n${flask}def v():\n    sink("ls " + shlex.quote(request.args["d"]))\n`, level: 'constant', kind: 'shell' },
  { name: 'shlex.quote() is not safe for SQL', code: `import shlex\n${flask}def v():\n    sink(shlex.quote(request.args["d"]))\n`, level: 'tainted', kind: 'sql' },
  { name: 'os.path.basename() is safe for a path', code: `import os\n${flask}def v():\n    sink(os.path.basename(request.args["f"]))\n`, level: 'constant', kind: 'path' },
  { name: 'secure_filename()', code: `from werkzeug.utils import secure_filename\n${flask}def v():\n    sink(secure_filename(request.files["f"].filename))\n`, level: 'constant', kind: 'path' },
  { name: 'html.escape() is safe for HTML', code: `import html\n${flask}def v():\n    sink("<p>" + html.escape(request.args["m"]) + "</p>")\n`, level: 'constant', kind: 'html' },
  { name: 'HTML escaping is no help against template syntax', code: `from markupsafe import escape\n${flask}def v():\n    sink(escape(request.args["m"]))\n`, level: 'tainted', kind: 'template' },
  { name: 'markupsafe.escape() is not safe for a shell', code: `from markupsafe import escape\n${flask}def v():\n    sink(escape(request.args["m"]))\n`, level: 'tainted', kind: 'shell' },
  { name: 'is_relative_to containment guarding the use', code: `from pathlib import Path\n${flask}def v():\n    p = (Path("/srv") / request.args["f"]).resolve()\n    if not p.is_relative_to("/srv"):\n        raise ValueError()\n    sink(p)\n`, level: 'constant', kind: 'path' },
  { name: 'commonpath containment guarding the use', code: `import os\n${flask}def v():\n    p = os.path.realpath(os.path.join("/srv", request.args["f"]))\n    if os.path.commonpath(["/srv", p]) == "/srv":\n        sink(p)\n`, level: 'constant', kind: 'path' },
  { name: 'a constant allowlist', code: `${flask}ALLOWED = {"name", "date"}\ndef v():\n    col = request.args["sort"]\n    if col not in ALLOWED:\n        return None\n    sink(col)\n`, level: 'constant', kind: 'sql' },
  { name: 'an allowlist that is not constant does not count', code: `${flask}def v():\n    col = request.args["sort"]\n    if col in request.args:\n        sink(col)\n`, level: 'tainted' },
  { name: 'urlparse(url).hostname in ALLOWED', code: `from urllib.parse import urlparse\n${flask}HOSTS = ["a.example"]\ndef v():\n    url = request.args["u"]\n    if urlparse(url).hostname in HOSTS:\n        sink(url)\n`, level: 'constant', kind: 'url' },
  { name: 'isdigit() guard', code: `${flask}def v():\n    n = request.args["n"]\n    assert n.isdigit()\n    sink(n)\n`, level: 'constant' },
  { name: '%d formatting admits numbers only', code: `${flask}def v():\n    sink("LIMIT %d OFFSET %s" % (request.args["n"], 10))\n`, level: 'constant' },
  { name: '%s beside %d still carries the string', code: `${flask}def v():\n    sink("%d %s" % (1, request.args["n"]))\n`, level: 'tainted' },
  { name: 'a numeric format spec in an f-string', code: `${flask}def v():\n    sink(f"LIMIT {request.args['n']:d}")\n`, level: 'constant' },
  { name: '%r is safe for a log line only', code: `${flask}def v():\n    sink("got %r" % request.args["n"])\n`, level: 'tainted', kind: 'sql' },
  { name: 'a check before a new assignment does not guard the new value', code: `${flask}def v():\n    line = "x"\n    assert line == "x"\n    line = request.args["l"]\n    sink(line)\n`, level: 'tainted' },
  { name: 'an allowlist check before the value changes does not count', code: `${flask}ALLOWED = {"a"}\ndef v():\n    n = request.args["n"]\n    if n not in ALLOWED:\n        return None\n    n = request.args["m"]\n    sink(n)\n`, level: 'tainted' },
  { name: 'the value being replaced is read before the assignment: x = f(x)', code: `${flask}def v(value):\n    value = request.args["v"]\n    if value in ["True", "False"]:\n        value = sink(value)\n`, level: 'constant' },
  { name: 'an extra sanitizer from the settings', code: `from myapp.validators import slug\n${flask}def v():\n    sink(slug(request.args["s"]))\n`, level: 'constant', settings: { taint: { extraSanitizers: ['myapp.validators.slug'] } } },
];

export const constantCases: TaintCase[] = [
  { name: 'a literal', code: 'sink("ls -al")\n', level: 'constant' },
  { name: 'a module constant', code: 'TABLE = "users"\ndef f():\n    sink("SELECT * FROM " + TABLE)\n', level: 'constant' },
  { name: 'an imported name', code: 'from .settings import TABLE\nsink(f"SELECT * FROM {TABLE}")\n', level: 'constant' },
  { name: 'str() of a number', code: 'sink("LIMIT " + str(10))\n', level: 'constant' },
  { name: 'a parameter is of unknown origin', code: 'def f(x):\n    sink(x)\n', level: 'unknown' },
  { name: 'a class attribute is state, of unknown origin', code: 'class Registry:\n    entries = []\ndef f():\n    for e in Registry.entries:\n        sink(e)\n', level: 'unknown' },
  { name: 'an undefined global is of unknown origin', code: 'def f():\n    sink(CONFIG_VALUE)\n', level: 'unknown' },
  { name: 'a call into another module with no arguments is of unknown origin', code: 'from lib import load\nsink(load())\n', level: 'unknown' },
];
