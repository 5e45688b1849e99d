// Deserializers that can run code (PSG701). The rule reports every such load; its confidence says
// where the bytes come from, so a load of request data counts (high) and a load of constants must
// stay low.
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const deserializationProfile: KindProfile = {
  kind: 'deserialization',
  handler: 'load_state',
  route: '/state',
  param: 'state',
  v: 'payload',
  // pickle.dumps({}, protocol=4) and pickle.dumps(None, protocol=4)
  constant: 'b"\\x80\\x04}\\x94."',
  alt: 'b"\\x80\\x04N."',
  allowed: 'KNOWN_STATES',
  allowedMembers: ['b"\\x80\\x04}\\x94."', 'b"\\x80\\x04N."'],
  imports: [],
  module: ['KNOWN_STATES = {b"\\x80\\x04}\\x94.", b"\\x80\\x04N."}'],
  bytes: true,
  source: (fw) =>
    fw.name === 'Flask'
      ? { expression: 'request.get_data()' }
      : fw.name === 'Django'
        ? { expression: 'request.body' }
        : { expression: 'base64.b64decode(state)', imports: ['import base64'] },
  sinks: () => [
    { imports: ['import pickle'], line: (v) => `restored = pickle.loads(${v})` },
    { imports: ['import dill'], line: (v) => `restored = dill.loads(${v})` },
    { imports: ['import io', 'import pickle'], line: (v) => `restored = pickle.Unpickler(io.BytesIO(${v})).load()` },
  ],
};

const handwritten: Pair[] = [
  {
    name: 'deserialization/sanitizer: cookie loaded with pickle / with json (Flask)',
    kind: 'deserialization',
    trick: 'sanitizer',
    files: {
      'app.py': `import base64
import json
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    raw = base64.b64decode(request.cookies.get("prefs", ""))
    prefs = <<<pickle|||json>>>.loads(raw)  # SINK
    return {"theme": prefs.get("theme", "light")}
`,
    },
  },
  {
    name: 'deserialization/helper-module: jsonpickle.decode in another module of the body / of a constant (Django)',
    kind: 'deserialization',
    trick: 'helper-module',
    files: {
      'views.py': `from django.http import HttpResponse

from codec import decode_job


def enqueue(request):
    job = decode_job(<<<request.body.decode()|||'{"py/object": "builtins.dict"}'>>>)
    return HttpResponse(type(job).__name__)
`,
      'codec.py': `import jsonpickle


def decode_job(text):
    return jsonpickle.decode(text)  # SINK
`,
    },
  },
];

export const deserializationPairs: Pair[] = [...pairsFor(deserializationProfile, templates, 0), ...handwritten];
