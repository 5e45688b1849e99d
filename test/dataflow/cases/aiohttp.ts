// aiohttp handlers (`request.query`, `request.match_info`, `await request.post()`), one pair per
// sink kind: the framework the generated pairs do not rotate through.
import type { Pair } from '../model';

const header = `from aiohttp import web

routes = web.RouteTableDef()`;

export const aiohttpPairs: Pair[] = [
  {
    name: 'sql/guard: unlisted sort column logged / replaced by the default (aiohttp)',
    kind: 'sql',
    trick: 'guard',
    files: {
      'server.py': `import sqlite3

${header}
SORT_COLUMNS = {"name", "created_at"}


@routes.get("/users")
async def list_users(request):
    sort = request.query.get("order", "name")
    if sort not in SORT_COLUMNS:
        <<<print("unexpected sort column", sort)|||sort = "name">>>
    db = sqlite3.connect("app.db")
    rows = db.execute(f"SELECT id, name FROM users ORDER BY {sort}").fetchall()  # SINK
    return web.json_response({"count": len(rows)})
`,
    },
  },
  {
    name: 'shell/dead-branch: path segment assigned under `if True` / `if False` (aiohttp)',
    kind: 'shell',
    trick: 'dead-branch',
    files: {
      'server.py': `import subprocess

${header}


@routes.get("/ping/{host}")
async def ping(request):
    host = "localhost"
    if <<<True|||False>>>:
        host = request.match_info["host"]
    subprocess.run(f"ping -c 1 {host}", shell=True, check=False)  # SINK
    return web.Response(text="ok")
`,
    },
  },
  {
    name: 'path/sanitizer: form file name strip()ped / os.path.basename()d (aiohttp)',
    kind: 'path',
    trick: 'sanitizer',
    files: {
      'server.py': `import os

${header}
BASE_DIR = "/srv/app/files"


@routes.post("/files")
async def read_file(request):
    form = await request.post()
    name = <<<str(form.get("name", "")).strip()|||os.path.basename(str(form.get("name", "")))>>>
    with open(os.path.join(BASE_DIR, name), "rb") as handle:  # SINK
        return web.Response(body=handle.read())
`,
    },
  },
  {
    name: 'ssrf/container: host from a tuple of the query value and a constant, first / second (aiohttp)',
    kind: 'ssrf',
    trick: 'container',
    files: {
      'server.py': `import requests

${header}


@routes.get("/status")
async def status(request):
    hosts = (request.query.get("service", ""), "status.example.com")
    host = hosts[<<<0|||1>>>]
    resp = requests.get(f"https://{host}/status", timeout=5)  # SINK
    return web.Response(text=str(resp.status_code))
`,
    },
  },
  {
    name: 'code/try-except: literal parsed with int(), the fallback evaluates the raw value / a constant (aiohttp)',
    kind: 'code',
    trick: 'try-except',
    files: {
      'server.py': `${header}


@routes.get("/calc")
async def calc(request):
    raw = request.query.get("formula", "0")
    try:
        expr = str(int(raw))
    except ValueError:
        expr = <<<raw|||"0">>>
    result = eval(expr)  # SINK
    return web.json_response({"result": result})
`,
    },
  },
  {
    name: 'xss/sanitizer: text/html response of the raw query value / of its html.escape() (aiohttp)',
    kind: 'xss',
    trick: 'sanitizer',
    files: {
      'server.py': `import html

${header}


@routes.get("/hello")
async def hello(request):
    name = request.query.get("who", "guest")
    return web.Response(text=f"<p>Hello {<<<name|||html.escape(name)>>>}</p>", content_type="text/html")  # SINK
`,
    },
  },
  {
    name: 'redirect/conditional-expression: HTTPFound to the query value `if True` / `if False` (aiohttp)',
    kind: 'redirect',
    trick: 'conditional-expression',
    files: {
      'server.py': `${header}


@routes.get("/login/done")
async def login_done(request):
    target = request.query.get("next", "/") if <<<True|||False>>> else "/"
    raise web.HTTPFound(target)  # SINK
`,
    },
  },
  {
    name: 'deserialization/overwritten: pickle of the body / of a value overwritten with a constant (aiohttp)',
    kind: 'deserialization',
    trick: 'overwritten',
    files: {
      'server.py': `import pickle

${header}


@routes.post("/state")
async def load_state(request):
    payload = await request.read()
    payload = <<<payload.strip()|||b"\\x80\\x04}\\x94.">>>
    state = pickle.loads(payload)  # SINK
    return web.json_response({"keys": len(state)})
`,
    },
  },
];
