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
  { name: 'a host name pattern is no help against a request to another host', code: `import re\n${flask}def v():\n    x = request.args["u"]\n    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]*", x):\n        return None\n    sink("https://" + x)\n`, level: 'tainted', kind: 'url' },
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

/**
 * Values that come from elsewhere in the file: what the calls of a function pass, what functions assign to a global,
 * what the objects a method is called on hold.
 */
export const sameFileCases: TaintCase[] = [
  { name: 'a parameter takes what the calls in the file pass', code: `${flask}def v():\n    run(request.args["n"])\ndef run(value):\n    sink(value)\n`, level: 'tainted', steps: ['enters', '`run()` is called with `request.args["n"]`'] },
  { name: 'a parameter the file passes only constants stays of unknown origin', code: 'def v():\n    run("ls")\ndef run(value):\n    sink(value)\n', level: 'unknown' },
  { name: 'a parameter passed by keyword', code: `${flask}def v():\n    run(flag=True, value=request.args["n"])\ndef run(flag, value=None):\n    sink(value)\n`, level: 'tainted' },
  { name: 'a parameter left to its default', code: `${flask}def v():\n    run(request.args["n"])\ndef run(flag, value="x"):\n    sink(value)\n`, level: 'unknown' },
  { name: 'a static method takes what its calls on the class pass', code: `${flask}def v():\n    Runner.run(request.args["n"])\nclass Runner:\n    @staticmethod\n    def run(value):\n        sink(value)\n`, level: 'tainted', steps: ['enters', '`run()` is called with `request.args["n"]`'] },
  { name: 'a static method takes what its calls on an instance pass, with no instance first', code: `${flask}def v():\n    Runner().run(request.args["n"], "x")\nclass Runner:\n    @staticmethod\n    def run(value, other):\n        sink(value)\n`, level: 'tainted' },
  { name: 'a static method called with constants stays of unknown origin', code: `${flask}def v():\n    Runner.run("x", request.args["n"])\nclass Runner:\n    @staticmethod\n    def run(value, other):\n        sink(value)\n`, level: 'unknown' },
  { name: 'a class method is passed its class before the arguments', code: `${flask}def v():\n    Runner.run(request.args["n"])\nclass Runner:\n    @classmethod\n    def run(cls, value):\n        sink(value)\n`, level: 'tainted' },
  { name: 'a method called on its class is given the instance first', code: `${flask}def v():\n    runner = Runner()\n    Runner.run(runner, request.args["n"])\nclass Runner:\n    def run(self, value):\n        sink(value)\n`, level: 'tainted' },
  { name: 'a method called on its class with request data as the instance', code: `${flask}def v():\n    Runner.run(request.args["n"], "x")\nclass Runner:\n    def run(self, value):\n        sink(value)\n`, level: 'unknown' },
  { name: 'a parameter passed on by another function', code: `${flask}def v():\n    outer(request.args["n"])\ndef outer(x):\n    run(x.strip())\ndef run(value):\n    sink(value)\n`, level: 'tainted', steps: ['enters', '`outer()` is called with', '`run()` is called with'] },
  { name: 'a sanitizer inside the function still applies to what callers pass', code: `import shlex\n${flask}def v():\n    run(request.args["n"])\ndef run(value):\n    value = shlex.quote(value)\n    sink(value)\n`, level: 'constant', kind: 'shell' },
  // A call of the name in a function that binds the name itself (a parameter, an assignment, a nested `def`, a loop's
  // target, an import, a class) calls what the function binds, not the module's function.
  { name: 'a call of a parameter of the same name is not a call of the function', code: `${flask}def v(run):\n    run(request.args["n"])\ndef run(value):\n    sink(value)\n`, level: 'unknown' },
  { name: 'a call of a nested def of the same name is not a call of the function', code: `${flask}def v():\n    def run(x):\n        return x\n    run(request.args["n"])\ndef run(value):\n    sink(value)\n`, level: 'unknown' },
  { name: 'a call of a local assigned the same name is not a call of the function', code: `${flask}def v():\n    run = print\n    run(request.args["n"])\ndef run(value):\n    sink(value)\n`, level: 'unknown' },
  { name: 'a call of an import of the same name inside a function is not a call of the function', code: `${flask}def v():\n    from os import system as run\n    run(request.args["n"])\ndef run(value):\n    sink(value)\n`, level: 'unknown' },
  { name: 'a call of the function beside an attribute of the same name is one', code: `${flask}def v(obj):\n    obj.run = 1\n    run(request.args["n"])\ndef run(value):\n    sink(value)\n`, level: 'tainted' },
  { name: 'a constructor call in a function that binds the class name locally is not one', code: `${flask}def v():\n    Action = dict\n    Action(request.args["n"]).run()\nclass Action:\n    def __init__(self, value):\n        sink(value)\n`, level: 'unknown' },
  { name: 'a call at module level is not followed', code: `${flask}def run(value):\n    sink(value)\nrun(request.args["n"])\n`, level: 'unknown' },
  { name: 'a global one function assigns, read by another', code: `${flask}CURRENT = "x"\ndef remember(value):\n    global CURRENT\n    CURRENT = value\ndef v():\n    remember(request.args["n"])\ndef run():\n    sink(CURRENT)\n`, level: 'tainted', steps: ['enters', '`remember()` is called with', '`CURRENT` is assigned from `value`'] },
  { name: 'a local of the same name as a global does not change it', code: `${flask}VALUE = "x"\ndef v():\n    VALUE = request.args["n"]\n    return VALUE\ndef run():\n    sink(VALUE)\n`, level: 'constant' },
  { name: 'a global assigned only inside functions', code: 'def setup():\n    global MODE\n    MODE = input()\ndef run():\n    sink(MODE)\n', level: 'tainted', strength: 'weak' },
  { name: 'a module flag a function may change is not a constant condition', code: `${flask}DEBUG = False\ndef enable():\n    global DEBUG\n    DEBUG = True\ndef v():\n    x = "a"\n    if DEBUG:\n        x = request.args["n"]\n    sink(x)\n`, level: 'tainted' },
  { name: 'a lambda bound to a name returns its parameter', code: `${flask}def v():\n    tidy = lambda value: value.strip()\n    sink(tidy(request.args["n"]))\n`, level: 'tainted', steps: ['enters', '`tidy()` is called with'] },
  { name: 'a lambda bound to a name returns a constant', code: `${flask}def v():\n    tidy = lambda value: "x"\n    sink(tidy(request.args["n"]))\n`, level: 'constant' },
  { name: 'a closure stores what its caller passes and returns it later', code: `${flask}def make_store():\n    box = {"value": "x"}\n    def put(value):\n        box["value"] = value\n    def get():\n        return box["value"]\n    return put, get\ndef v():\n    put, get = make_store()\n    put(request.args["n"])\n    sink(get())\n`, level: 'tainted', steps: ['enters', '`put()` is called with', '`box["value"]` is assigned from `value`'] },
  { name: 'a closure stores a constant', code: `${flask}def make_store():\n    box = {"value": "x"}\n    def put(value):\n        box["value"] = value\n    def get():\n        return box["value"]\n    return put, get\ndef v():\n    put, get = make_store()\n    put("y")\n    sink(get())\n`, level: 'unknown' },
  { name: 'self attribute set by __init__ from the constructor call', code: `${flask}def v():\n    Action(request.args["n"]).run()\nclass Action:\n    def __init__(self, value):\n        self.value = value\n        self.fallback = "x"\n    def reset(self):\n        self.value = "x"\n    def touch(self):\n        self.count = 1\n    def run(self):\n        sink(self.value)\n`, level: 'tainted', steps: ['enters', '`Action()` is called with', '`run()` is called on'] },
  { name: 'self attribute __init__ sets to a constant', code: `${flask}def v():\n    Action(request.args["n"]).run()\nclass Action:\n    def __init__(self, value):\n        self.value = value\n        self.fallback = "x"\n    def reset(self):\n        self.value = "x"\n    def touch(self):\n        self.count = 1\n    def run(self):\n        sink(self.fallback)\n`, level: 'unknown' },
  { name: 'self attribute reset by another method before the call', code: `${flask}def v():\n    action = Action(request.args["n"])\n    action.reset()\n    action.run()\nclass Action:\n    def __init__(self, value):\n        self.value = value\n        self.fallback = "x"\n    def reset(self):\n        self.value = "x"\n    def touch(self):\n        self.count = 1\n    def run(self):\n        sink(self.value)\n`, level: 'unknown' },
  { name: 'self attribute kept by another method before the call', code: `${flask}def v():\n    action = Action(request.args["n"])\n    action.touch()\n    action.run()\nclass Action:\n    def __init__(self, value):\n        self.value = value\n        self.fallback = "x"\n    def reset(self):\n        self.value = "x"\n    def touch(self):\n        self.count = 1\n    def run(self):\n        sink(self.value)\n`, level: 'tainted', steps: ['enters', '`Action()` is called with', '`run()` is called on'] },
  { name: 'self attribute read by a method another method calls', code: `${flask}class Probe:\n    def __init__(self, host):\n        self.host = host\n    def command(self):\n        return "ping " + self.host\n    def run(self):\n        sink(self.command())\ndef v():\n    Probe(request.args["n"]).run()\n`, level: 'tainted' },
  { name: 'a class attribute read from an instance', code: 'class Settings:\n    value = "x"\ndef v():\n    settings = Settings()\n    sink(settings.value)\n', level: 'constant' },
  { name: 'an instance attribute that hides the class attribute', code: `${flask}class Settings:\n    value = "x"\ndef v():\n    settings = Settings()\n    settings.value = request.args["n"]\n    sink(settings.value)\n`, level: 'tainted' },
  { name: 'a class whose __init__ is not shown keeps its arguments', code: `from dataclasses import dataclass\n${flask}@dataclass\nclass Query:\n    text: str = ""\ndef v():\n    query = Query(text=request.args["n"])\n    sink(query.text)\n`, level: 'tainted' },
  { name: 'the value of an Enum member made from request data', code: `import enum\n${flask}class Column(str, enum.Enum):\n    NAME = "name"\n    DATE = "created_at"\ndef v():\n    sink(Column(request.args["n"]).value)\n`, level: 'constant' },
];

/** `code` twice: once with `vulnerable` spliced in at `@`, once with `safe`; the first must be tainted, the second not. */
export interface TwinCase {
  name: string;
  code: string;
  vulnerable: string;
  safe: string;
  kind?: SinkKind;
}

const q = 'request.args["q"]';

export const controlFlowTwins: TwinCase[] = [
  { name: 'overwritten on every path of an if/else', code: `${flask}def v(flag):\n    x = ${q}\n    if flag:\n        x = "a"\n    @\n    sink(x)\n`, vulnerable: 'pass', safe: 'else:\n        x = "b"' },
  { name: 'an early return guards what follows', code: `${flask}ALLOWED = ("name", "date")\ndef v():\n    col = ${q}\n    if col not in ALLOWED:\n        @\n    sink(col)\n`, vulnerable: 'print("unknown column")', safe: 'return None' },
  { name: 'a raise guards what follows', code: `${flask}def v():\n    n = ${q}\n    if not n.isdigit():\n        @\n    sink(n)\n`, vulnerable: 'n = n.strip()', safe: 'raise ValueError(n)' },
  { name: 'abort() guards, logging does not', code: `${flask}from flask import abort\nimport logging\nALLOWED = {"a", "b"}\ndef v():\n    n = ${q}\n    if n not in ALLOWED:\n        @\n    sink(n)\n`, vulnerable: 'logging.error("bad %s", n)', safe: 'abort(400)' },
  { name: 'isinstance() of a number guards', code: `${flask}def v():\n    n = request.get_json()["n"]\n    if not isinstance(n, @):\n        return None\n    sink(n)\n`, vulnerable: 'str', safe: '(int, float)' },
  { name: 'try/except: every path converts', code: `${flask}def v():\n    raw = ${q}\n    try:\n        n = int(raw)\n    except ValueError:\n        n = @\n    sink(n)\n`, vulnerable: 'raw', safe: '0' },
  { name: 'a value set in try, replaced in finally', code: `${flask}def v():\n    x = ${q}\n    try:\n        x = x.strip()\n    finally:\n        @\n    sink(x)\n`, vulnerable: 'pass', safe: 'x = "done"' },
  { name: 'a loop that may not run does not overwrite', code: `${flask}def v():\n    x = ${q}\n    @\n        x = "a"\n        break\n    sink(x)\n`, vulnerable: 'for _ in range(0):', safe: 'while True:' },
  { name: 'values carried around a loop reach the use', code: `${flask}def v(n):\n    a = "x"\n    b = "y"\n    for _ in range(n):\n        a = b\n        b = @\n    sink(a)\n`, vulnerable: q, safe: '"z"' },
  { name: 'match: every case assigns a constant', code: `${flask}def v(mode):\n    q = ${q}\n    match mode:\n        case "a":\n            q = "x"\n        case _:\n            @\n    sink(q)\n`, vulnerable: 'pass', safe: 'q = "y"' },
  { name: 'code after return does not run', code: `${flask}def v():\n    x = ${q}\n    @\n    sink(x)\n`, vulnerable: 'x = x.strip()', safe: 'return x' },
  { name: 'a guard inside a conditional expression', code: `${flask}ALLOWED = ["a", "b"]\ndef v():\n    x = ${q}\n    sink(x if @ else "a")\n`, vulnerable: 'x', safe: 'x in ALLOWED' },
  { name: 'a validator written in the file', code: `${flask}ALLOWED = {"a", "b"}\ndef valid(value):\n    return @\ndef v():\n    x = ${q}\n    if not valid(x):\n        return None\n    sink(x)\n`, vulnerable: 'len(value) < 10', safe: 'value in ALLOWED' },
  { name: 'a regular expression that admits only word characters, matched whole', code: `import re\n${flask}def v():\n    x = ${q}\n    if not re.@(r"[A-Za-z0-9_-]+", x):\n        return None\n    sink(x)\n`, vulnerable: 'search', safe: 'fullmatch' },
  { name: 'a loop over a constant runs at least once (or never)', code: `${flask}def v():\n    x = ${q}\n    for _ in range(@):\n        x = "a"\n    sink(x)\n`, vulnerable: '0', safe: '3' },
  { name: 'for/else: the else runs when no break can', code: `${flask}def v():\n    x = ${q}\n    for c in ("a", "b"):\n        if c == "@":\n            break\n    else:\n        x = "fixed"\n    sink(x)\n`, vulnerable: 'b', safe: 'z' },
  { name: 'match on a module constant', code: `${flask}MODE = "@"\ndef v():\n    match MODE:\n        case "fixed":\n            sort = "name"\n        case _:\n            sort = ${q}\n    sink(sort)\n`, vulnerable: 'custom', safe: 'fixed' },
  { name: 'match with literal cases proves the value', code: `${flask}def v():\n    raw = ${q}\n    match raw:\n        case "name" | "date" as chosen:\n            sort = chosen\n        case _:\n            sort = @\n    sink(sort)\n`, vulnerable: 'raw', safe: '"name"' },
  { name: 'a check function that raises guards its caller', code: `${flask}ALLOWED = {"a", "b"}\ndef ensure_allowed(value):\n    if value not in ALLOWED:\n        @\ndef v():\n    x = ${q}\n    ensure_allowed(x)\n    sink(x)\n`, vulnerable: 'print("unlisted")', safe: 'raise ValueError(value)' },
  { name: 'a validator returning re.fullmatch(...) is not None', code: `import re\n${flask}def is_valid(value):\n    return re.@(r"[a-z_]+", value) is not None\ndef v():\n    x = ${q}\n    if not is_valid(x):\n        return None\n    sink(x)\n`, vulnerable: 'search', safe: 'fullmatch' },
  { name: 'contextlib.suppress may skip the rest of its body', code: `from contextlib import suppress\n${flask}def v():\n    n = @\n    with suppress(ValueError):\n        n = int(${q})\n    sink(n)\n`, vulnerable: q, safe: '0' },
  { name: 'a check kept in a name, then tested', code: `${flask}from django.utils.http import url_has_allowed_host_and_scheme\ndef v():\n    target = ${q}\n    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={"a.example"})\n    if not allowed:\n        @\n    sink(target)\n`, vulnerable: 'print("outside")', safe: 'target = "/"', kind: 'redirect' },
  { name: 'a relative path on the site', code: `import re\n${flask}def v():\n    target = ${q}\n    if not re.fullmatch(r"@[a-z]*", target):\n        target = "/"\n    sink(target)\n`, vulnerable: '[/a-z]', safe: '/', kind: 'redirect' },
  { name: 'module level: an enclosing allow-list check', code: 'import sys\nname = sys.argv[1]\nif name @ ("_md5", "_sha"):\n    sink("import " + name)\n', vulnerable: 'not in', safe: 'in' },
  { name: 'with: the body always runs', code: `${flask}def v():\n    x = ${q}\n    with open("log") as fh:\n        @\n    sink(x)\n`, vulnerable: 'fh.write(x)', safe: 'x = fh.name' },
];

export const constantTwins: TwinCase[] = [
  { name: 'a constant condition picks one arm of a conditional expression', code: `${flask}LIMIT = @\ndef v():\n    target = "index" if LIMIT * 3 - 5 > 40 else ${q}\n    sink(target)\n`, vulnerable: '10', safe: '20' },
  { name: 'a dead if branch carries nothing', code: `${flask}DEBUG = @\ndef v():\n    if DEBUG:\n        q = ${q}\n    else:\n        q = "x"\n    sink(q)\n`, vulnerable: 'True', safe: 'False' },
  { name: 'string methods and comparisons on constants', code: `${flask}MODE = "@"\ndef v():\n    q = "x"\n    if MODE.upper() == "DEV":\n        q = ${q}\n    sink(q)\n`, vulnerable: 'dev', safe: 'prod' },
  { name: 'in, slicing and f-strings of constants', code: `${flask}ENV = "@"\nNAME = f"{ENV}-server"\ndef v():\n    q = "x"\n    if NAME[:4] in ("test", "stag"):\n        q = ${q}\n    sink(q)\n`, vulnerable: 'test', safe: 'prod' },
  { name: 'a constant left side of and', code: `${flask}FLAG = @\ndef v():\n    sink(FLAG and ${q})\n`, vulnerable: '1', safe: '0' },
  { name: 'a name bound twice is not a constant', code: `${flask}LIMIT = 20\n@\ndef v():\n    target = "index" if LIMIT > 15 else ${q}\n    sink(target)\n`, vulnerable: 'LIMIT = 10', safe: 'OTHER = 10' },
  { name: 'a loop whose condition is false never runs', code: `${flask}def v():\n    x = "a"\n    while @:\n        x = ${q}\n    sink(x)\n`, vulnerable: 'len(x) < 3', safe: '2 * 2 == 5' },
  { name: 'a sink in a dead branch is not reached', code: `${flask}CHECK = @\ndef v():\n    if CHECK > 3:\n        sink(${q})\n`, vulnerable: '4', safe: '3' },
];

export const containerTwins: TwinCase[] = [
  { name: 'list.remove() shifts the elements', code: `${flask}def v():\n    name = ${q}\n    parts = [name, "a", "b"]\n    parts.remove("a")\n    sink(parts[@])\n`, vulnerable: '0', safe: '1' },
  { name: 'list.append() then pop()', code: `${flask}def v():\n    items = ["ls"]\n    items.append(${q})\n    items.pop(@)\n    sink(items)\n`, vulnerable: '0', safe: '' },
  { name: 'list.insert()', code: `${flask}def v():\n    cmd = ["ls", "-l"]\n    cmd.insert(0, ${q})\n    sink(cmd[@])\n`, vulnerable: '0', safe: '1' },
  { name: 'list.extend() and a slice', code: `${flask}def v():\n    a = ["x"]\n    a.extend([${q}, "y"])\n    sink(a[@:])\n`, vulnerable: '1', safe: '2' },
  { name: 'unpacking a list', code: `${flask}def v():\n    parts = [${q}, "a"]\n    first, second = parts\n    sink(@)\n`, vulnerable: 'first', safe: 'second' },
  { name: 'starred unpacking', code: `${flask}def v():\n    head, *rest = [${q}, "a", "b"]\n    sink(@)\n`, vulnerable: 'head', safe: 'rest' },
  { name: 'a tuple element', code: `${flask}def v():\n    pair = (${q}, "x")\n    sink(pair[@])\n`, vulnerable: '0', safe: '-1' },
  { name: 'list concatenation', code: `${flask}def v():\n    cmd = ["ls"] + [${q}]\n    sink(cmd[@])\n`, vulnerable: '1', safe: '0' },
  { name: 'dict literal with constant keys', code: `${flask}def v():\n    d = {"q": ${q}, "t": "users"}\n    sink(d["@"])\n`, vulnerable: 'q', safe: 't' },
  { name: 'dict.get() with a default', code: `${flask}def v():\n    d = {"q": ${q}}\n    sink(d.get("@", "users"))\n`, vulnerable: 'q', safe: 't' },
  { name: 'dict.get() with a key from the request falls back to its default', code: `${flask}TABLES = {"a": "users", "b": "groups"}\ndef v():\n    kind = ${q}\n    sink(TABLES.get(kind, @))\n`, vulnerable: 'kind', safe: '"users"' },
  { name: 'dict.setdefault()', code: `${flask}def v():\n    d = {}\n    d.setdefault("t", @)\n    sink(d["t"])\n`, vulnerable: q, safe: '"users"' },
  { name: 'dict.update() with keywords', code: `${flask}def v():\n    d = {"t": "users"}\n    d.update(q=${q})\n    sink(d["@"])\n`, vulnerable: 'q', safe: 't' },
  { name: 'dict.pop() removes the entry', code: `${flask}def v():\n    d = {"a": ${q}, "b": "x"}\n    d.pop("@")\n    sink(d)\n`, vulnerable: 'b', safe: 'a' },
  { name: '** in a dict literal', code: `${flask}def v():\n    base = {"t": "users"}\n    d = {**base, "q": ${q}}\n    sink(d["@"])\n`, vulnerable: 'q', safe: 't' },
  { name: 'subscript stores', code: `${flask}def v():\n    d = {}\n    d["t"] = "users"\n    d["q"] = ${q}\n    sink(d["@"])\n`, vulnerable: 'q', safe: 't' },
  { name: 'configparser set/get', code: `import configparser\n${flask}def v():\n    cfg = configparser.ConfigParser()\n    cfg.set("db", "table", "users")\n    cfg.set("db", "q", ${q})\n    sink(cfg.get("db", "@"))\n`, vulnerable: 'q', safe: 'table' },
  { name: 'attributes stored on a local object', code: `${flask}class Options:\n    pass\ndef v():\n    opts = Options()\n    opts.table = "users"\n    opts.q = ${q}\n    sink(opts.@)\n`, vulnerable: 'q', safe: 'table' },
  { name: 'appending in a loop', code: `${flask}def v():\n    out = []\n    for value in request.args.getlist("v"):\n        out.append(@)\n    sink(" ".join(out))\n`, vulnerable: 'value', safe: 'int(value)' },
  { name: 'index() answers a number', code: `${flask}def v():\n    parts = ["a", ${q}]\n    sink(@)\n`, vulnerable: 'parts[1]', safe: 'parts.index("a")' },
  { name: 'a ChainMap key only the defaults have', code: `from collections import ChainMap\n${flask}def v():\n    settings = ChainMap({"value": ${q}}, {"value": "a", "other": "b"})\n    sink(settings[@])\n`, vulnerable: '"value"', safe: '"other"' },
];

export const transformTwins: TwinCase[] = [
  { name: 'a base64 round trip keeps the data', code: `import base64\n${flask}def v():\n    sink(base64.b64decode(base64.b64encode(@)))\n`, vulnerable: `${q}.encode()`, safe: 'b"fixed"' },
  { name: 'url-unquoting undoes quote()', code: `from urllib.parse import quote, unquote\n${flask}def v():\n    sink(@)\n`, vulnerable: `unquote(quote(${q}))`, safe: `quote(${q})`, kind: 'path' },
  { name: 'html.unescape undoes html.escape', code: `import html\n${flask}def v():\n    sink(@(html.escape(${q})))\n`, vulnerable: 'html.unescape', safe: 'str', kind: 'html' },
  { name: 'a JSON round trip keeps the data', code: `import json\n${flask}def v():\n    sink(json.loads(json.dumps(@)))\n`, vulnerable: q, safe: '{"a": 1}' },
  { name: 'split and join keep the data', code: `${flask}def v():\n    sink("-".join(@.split(",")))\n`, vulnerable: q, safe: '"a,b"' },
  { name: 'an HTML escaper written in the file', code: `${flask}def esc(s):\n    return s.replace("&", "&amp;")@\ndef v():\n    sink("<p>" + esc(${q}) + "</p>")\n`, vulnerable: '', safe: '.replace("<", "&lt;").replace(">", "&gt;")', kind: 'html' },
  { name: 'a host name pattern is safe for a shell', code: `import re\n${flask}def v():\n    x = ${q}\n    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.@-]*", x):\n        return None\n    sink(x)\n`, vulnerable: ' ', safe: '', kind: 'shell' },
  { name: 'a file name pattern that cannot be `..` is safe for a path', code: `import re\n${flask}def v():\n    x = ${q}\n    if not re.fullmatch(r"[A-Za-z0-9_.-]+@", x):\n        return None\n    sink(x)\n`, vulnerable: '', safe: '\\.txt', kind: 'path' },
  { name: 'the host of a parsed URL checked against an allow-list', code: `from urllib.parse import urlparse\n${flask}ALLOWED = {"a.example"}\ndef v():\n    parsed = urlparse(${q})\n    if parsed.hostname not in ALLOWED:\n        @\n    sink(f"https://{parsed.hostname}/x")\n`, vulnerable: 'print(parsed.hostname)', safe: 'return None', kind: 'url' },
  { name: 'line breaks removed for a header', code: `${flask}def single_line(value):\n    return value.replace("\\r", "")@\ndef v():\n    sink(single_line(${q}))\n`, vulnerable: '.strip()', safe: '.replace("\\n", "")', kind: 'header' },
  { name: 'a shell word quoted by hand', code: `${flask}def quote_arg(value):\n    return "'" + value.replace("'", @) + "'"\ndef v():\n    sink("ls " + quote_arg(${q}))\n`, vulnerable: '""', safe: `"'\\\\''"`, kind: 'shell' },
  { name: 'a module-level list spliced into a local one', code: `${flask}QUERIES = ["VACUUM", "ANALYZE"]\ndef v():\n    statements = [${q}, *QUERIES]\n    sink(statements[@])\n`, vulnerable: '0', safe: '1' },
  { name: 're.sub() keeping only safe characters', code: `import re\n${flask}def v():\n    sink(re.sub(r"[^@]", "", ${q}))\n`, vulnerable: 'a-z./', safe: 'A-Za-z0-9_-' },
];
