// HTML built from request data in a response (the XSS rule of the coverage work, PSG614).
import type { Pair } from '../model';
import type { Framework, KindProfile, Sink } from './build';
import { pairsFor } from './build';
import { templates } from './templates';

function pages(fw: Framework): Sink[] {
  if (fw.name === 'Flask')
    return [
      { imports: [], line: (v) => `return f"<p>Hello {${v}}</p>"`, returns: true },
      {
        imports: ['from flask import make_response'],
        line: (v) => `return make_response("<p>Hello " + ${v} + "</p>")`,
        returns: true,
      },
    ];
  if (fw.name === 'Django')
    return [{ imports: [], line: (v) => `return HttpResponse(f"<p>Hello {${v}}</p>")`, returns: true }];
  return [
    {
      imports: ['from fastapi.responses import HTMLResponse'],
      line: (v) => `return HTMLResponse(f"<p>Hello {${v}}</p>")`,
      returns: true,
    },
  ];
}

export const xssProfile: KindProfile = {
  kind: 'xss',
  handler: 'greet',
  route: '/hello',
  param: 'who',
  v: 'name',
  constant: '"guest"',
  alt: '"friend"',
  allowed: 'KNOWN_NAMES',
  allowedMembers: ['"guest"', '"friend"'],
  imports: [],
  module: ['KNOWN_NAMES = {"guest", "friend"}'],
  sinks: pages,
  sanitizer: { call: (v) => `html.escape(${v})`, imports: ['import html'], label: 'html.escape()' },
  // `<img src=x onerror=alert(1)>` has no <script>.
  lookalike: { call: (v) => `${v}.replace("<script>", "")`, imports: [], label: 'replace("<script>", "")' },
  pattern: '[A-Za-z0-9_]+',
  digitsAreSafe: true,
  only: [
    'if-constant',
    'constant-flag',
    'reassigned',
    'dict-key',
    'list-append',
    'allow-list-reject',
    'library-sanitizer',
    'sanitized-copy',
    'user-wraps-library',
    'package-wraps-library',
    'module-pick',
    'self-attribute',
    'global-statement',
    'base64-round-trip',
    'ternary-constant',
    'except-or-finally',
    'for-else',
  ],
};

const handwritten: Pair[] = [
  {
    name: 'xss/sanitizer: Markup() around the value / markupsafe.escape() of it (Flask)',
    kind: 'xss',
    trick: 'sanitizer',
    files: {
      'app.py': `from flask import Flask, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/comment")
def comment():
    body = request.args.get("body", "")
    return Markup("<div class='comment'>") + <<<Markup(body)|||escape(body)>>> + Markup("</div>")  # SINK
`,
    },
  },
  {
    name: 'xss/transformation: HTML response / JSON response of the same value (FastAPI)',
    kind: 'xss',
    trick: 'transformation',
    files: {
      'main.py': `from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

app = FastAPI()


@app.get("/echo")
def echo(text: str = ""):
    return <<<HTMLResponse(f"<pre>{text}</pre>")|||JSONResponse({"text": text})>>>  # SINK
`,
    },
    note: 'A JSON response is served as application/json: the browser does not render it as HTML.',
  },
  {
    name: 'xss/user-sanitizer-module: escaping helper in another module that forgets `<` / escapes &, <, > and quotes (Flask)',
    kind: 'xss',
    trick: 'user-sanitizer-module',
    files: {
      'app.py': `from flask import Flask, request

from textutil import escape_html

app = Flask(__name__)


@app.route("/search")
def search():
    term = escape_html(request.args.get("q", ""))
    return f"<h1>Results for {term}</h1>"  # SINK
`,
      'textutil.py': `def escape_html(value):
    value = value.replace("&", "&amp;")<<<|||.replace("<", "&lt;")>>>.replace(">", "&gt;")
    return value.replace('"', "&quot;").replace("'", "&#x27;")
`,
    },
    note: 'Without the "<" replacement, <img src=x onerror=alert(1)// opens a tag (the ">" is not needed).',
  },
  {
    name: 'xss/user-sanitizer: same-file escaping function that forgets `<` / escapes &, <, > and quotes (Django)',
    kind: 'xss',
    trick: 'user-sanitizer',
    files: {
      'views.py': `from django.http import HttpResponse


def escape_html(value):
    value = value.replace("&", "&amp;")<<<|||.replace("<", "&lt;")>>>.replace(">", "&gt;")
    return value.replace('"', "&quot;").replace("'", "&#x27;")


def search(request):
    term = escape_html(request.GET.get("q", ""))
    return HttpResponse(f"<h1>Results for {term}</h1>")  # SINK
`,
    },
  },
];

export const xssPairs: Pair[] = [...pairsFor(xssProfile, templates, 1), ...handwritten];
