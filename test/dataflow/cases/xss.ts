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
];

export const xssPairs: Pair[] = [...pairsFor(xssProfile, templates, 1), ...handwritten];
