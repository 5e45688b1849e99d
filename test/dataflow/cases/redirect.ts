// Redirects to URLs chosen by the client (PSG131).
import type { Pair } from '../model';
import type { Framework, KindProfile, Sink } from './build';
import { pairsFor } from './build';
import { templates } from './templates';

function redirects(fw: Framework): Sink[] {
  if (fw.name === 'Flask')
    return [{ imports: ['from flask import redirect'], line: (v) => `return redirect(${v})`, returns: true }];
  if (fw.name === 'Django')
    return [
      {
        imports: ['from django.http import HttpResponseRedirect'],
        line: (v) => `return HttpResponseRedirect(${v})`,
        returns: true,
      },
      { imports: ['from django.shortcuts import redirect'], line: (v) => `return redirect(${v})`, returns: true },
    ];
  return [
    {
      imports: ['from fastapi.responses import RedirectResponse'],
      line: (v) => `return RedirectResponse(${v})`,
      returns: true,
    },
  ];
}

export const redirectProfile: KindProfile = {
  kind: 'redirect',
  handler: 'after_login',
  route: '/login/done',
  param: 'next_url',
  v: 'target',
  constant: '"/dashboard"',
  alt: '"/settings"',
  allowed: 'SAFE_TARGETS',
  allowedMembers: ['"/dashboard"', '"/settings"'],
  imports: [],
  module: ['SAFE_TARGETS = {"/dashboard", "/settings"}'],
  sinks: redirects,
};

const handwritten: Pair[] = [
  {
    name: 'redirect/sanitizer: url_has_allowed_host_and_scheme() failure printed / enforced (Django)',
    kind: 'redirect',
    trick: 'sanitizer',
    files: {
      'views.py': `from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def login_done(request):
    target = request.GET.get("next", "/")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if not allowed:
        <<<print("redirect to another host:", target)|||target = "/">>>
    return HttpResponseRedirect(target)  # SINK
`,
    },
  },
  {
    name: 'redirect/sanitizer: redirect to the raw endpoint name / to url_for() of it, checked against the routes (Flask)',
    kind: 'redirect',
    trick: 'sanitizer',
    files: {
      'app.py': `from flask import Flask, redirect, request, url_for

app = Flask(__name__)
ENDPOINTS = {"index", "profile"}


@app.route("/go")
def go():
    endpoint = request.args.get("to", "index")
    if endpoint not in ENDPOINTS:
        endpoint = "index"
    return redirect(<<<request.args.get("to", "index")|||url_for(endpoint)>>>)  # SINK
`,
    },
  },
  {
    name: 'redirect/guard: relative-path check `startswith("/")` / `re.fullmatch(r"/[a-z]*")` (FastAPI)',
    kind: 'redirect',
    trick: 'guard',
    files: {
      'main.py': `import re

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/continue")
def continue_to(next_url: str = "/"):
    if not <<<next_url.startswith("/")|||re.fullmatch(r"/[a-z]*", next_url)>>>:
        next_url = "/"
    return RedirectResponse(next_url)  # SINK
`,
    },
    note: '"//evil.example" starts with "/" and leaves the site; one segment of lowercase letters cannot.',
  },
];

export const redirectPairs: Pair[] = [...pairsFor(redirectProfile, templates, 2), ...handwritten];
