// Untrusted data in response headers (the header-injection rule of the coverage work, PSG133).
// The label follows CWE-113: the request value becomes a header value. Current Werkzeug, Django and
// Starlette refuse CR/LF in header values at run time; the rule reports the flow regardless.
import type { Pair } from '../model';
import type { Framework, KindProfile, Sink } from './build';
import { pairsFor } from './build';
import { templates } from './templates';

function headers(fw: Framework): Sink[] {
  if (fw.name === 'Flask')
    return [
      {
        imports: ['from flask import make_response'],
        before: ['resp = make_response("ok")'],
        line: (v) => `resp.headers["Content-Language"] = ${v}`,
        after: ['return resp'],
        returns: true,
      },
    ];
  if (fw.name === 'Django')
    return [
      {
        imports: [],
        before: ['response = HttpResponse("ok")'],
        line: (v) => `response["Content-Language"] = ${v}`,
        after: ['return response'],
        returns: true,
      },
    ];
  return [
    {
      imports: ['from fastapi import Response'],
      line: (v) => `return Response("ok", headers={"Content-Language": ${v}})`,
      returns: true,
    },
  ];
}

export const headerProfile: KindProfile = {
  kind: 'header',
  handler: 'set_language',
  route: '/language',
  param: 'lang',
  v: 'language',
  constant: '"en"',
  alt: '"fr"',
  allowed: 'LANGUAGES',
  allowedMembers: ['"en"', '"fr"'],
  imports: [],
  module: ['LANGUAGES = {"en", "fr"}'],
  sinks: headers,
  pattern: '[a-z]{2}',
  digitsAreSafe: true,
  only: [
    'if-constant',
    'constant-flag',
    'arithmetic-condition',
    'reassigned',
    'dict-key',
    'tuple-unpack',
    'allow-list-reject',
    'regex-guard',
    'isdigit-guard',
    'user-allow-list',
    'module-allow-list',
    'pick-parameter',
    'module-pick',
    'self-attribute',
    'global-dict',
    'json-round-trip',
    'or-default',
  ],
};

const handwritten: Pair[] = [
  {
    name: 'header/user-sanitizer: own cleaner strip()s the ends / removes every CR and LF before a Location header (Django)',
    kind: 'header',
    trick: 'user-sanitizer',
    files: {
      'views.py': `from django.http import HttpResponse


def single_line(value):
    return <<<value.strip()|||value.replace("\\r", "").replace("\\n", "")>>>


def moved(request):
    response = HttpResponse(status=302)
    response["Location"] = "/docs/" + single_line(request.GET.get("page", ""))  # SINK
    return response
`,
    },
    note: 'strip() removes CR and LF only at the ends: "a\\r\\nSet-Cookie: x" keeps its line break.',
  },
];

export const headerPairs: Pair[] = [...pairsFor(headerProfile, templates, 2), ...handwritten];
