// eval / exec on values (PSG103).
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const codeProfile: KindProfile = {
  kind: 'code',
  handler: 'calculate',
  route: '/calc',
  param: 'formula',
  v: 'expr',
  constant: '"1 + 1"',
  alt: '"2 * 3"',
  allowed: 'PRESETS',
  allowedMembers: ['"1 + 1"', '"2 * 3"'],
  imports: [],
  module: ['PRESETS = {"1 + 1", "2 * 3"}'],
  sinks: () => [
    { imports: [], line: (v) => `result = eval(${v})` },
    { imports: [], line: (v) => `exec(f"result = {${v}}", {})` },
    { imports: [], line: (v) => `result = eval(${v}, {"__builtins__": {}})` },
    { imports: [], line: (v) => `result = eval(f"({${v}}) * 2")` },
  ],
  sanitizer: { call: (v) => `str(int(${v}))`, imports: [], label: 'int()' },
  // `open("/etc/passwd").read()` has no double underscore.
  lookalike: { call: (v) => `${v}.replace("__", "")`, imports: [], label: 'replace("__", "")' },
  pattern: '[0-9]+',
  digitsAreSafe: true,
};

const handwritten: Pair[] = [
  {
    name: 'code/sanitizer: eval / ast.literal_eval of the form value (Flask)',
    kind: 'code',
    trick: 'sanitizer',
    files: {
      'app.py': `import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/settings", methods=["POST"])
def save_settings():
    raw = request.form.get("limits", "{}")
    limits = <<<eval|||ast.literal_eval>>>(raw)  # SINK
    return {"keys": sorted(limits)}
`,
    },
  },
  {
    name: 'code/container: exec of the request value itself / of a dispatch-table entry chosen by it (Django)',
    kind: 'code',
    trick: 'container',
    files: {
      'views.py': `from django.http import HttpResponse

ACTIONS = {"reset": "counter = 0", "bump": "counter += 1"}


def run_action(request):
    name = request.GET.get("action", "reset")
    namespace = {"counter": 1}
    exec(<<<name|||ACTIONS.get(name, "pass")>>>, namespace)  # SINK
    return HttpResponse(str(namespace["counter"]))
`,
    },
  },
];

export const codePairs: Pair[] = [...pairsFor(codeProfile, templates, 2), ...handwritten];
