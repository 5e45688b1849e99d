// Paths built from outside input (PSG401).
import type { Pair } from '../model';
import type { Framework, KindProfile, Sink } from './build';
import { pairsFor } from './build';
import { templates } from './templates';

function responseSink(fw: Framework): Sink {
  if (fw.name === 'Flask')
    return {
      imports: ['import os', 'from flask import send_file'],
      line: (v) => `return send_file(os.path.join(BASE_DIR, ${v}))`,
      returns: true,
    };
  if (fw.name === 'Django')
    return {
      imports: ['import os', 'from django.http import FileResponse'],
      line: (v) => `return FileResponse(open(os.path.join(BASE_DIR, ${v}), "rb"))`,
      returns: true,
    };
  return {
    imports: ['import os', 'from fastapi.responses import FileResponse'],
    line: (v) => `return FileResponse(os.path.join(BASE_DIR, ${v}))`,
    returns: true,
  };
}

export const pathProfile: KindProfile = {
  kind: 'path',
  handler: 'download',
  route: '/files',
  param: 'name',
  v: 'filename',
  constant: '"readme.txt"',
  alt: '"terms.txt"',
  allowed: 'PUBLIC_FILES',
  allowedMembers: ['"readme.txt"', '"terms.txt"'],
  imports: [],
  module: ['BASE_DIR = "/srv/app/files"', 'PUBLIC_FILES = {"readme.txt", "terms.txt"}'],
  sinks: (fw) => [
    { imports: ['import os'], line: (v) => `data = open(os.path.join(BASE_DIR, ${v}), "rb").read()` },
    responseSink(fw),
    { imports: ['from pathlib import Path'], line: (v) => `data = (Path(BASE_DIR) / ${v}).read_bytes()` },
  ],
  sanitizer: { call: (v) => `os.path.basename(${v})`, imports: ['import os'], label: 'os.path.basename()' },
  // `....//` becomes `../` after one pass, and an absolute path is left alone.
  lookalike: { call: (v) => `${v}.replace("../", "")`, imports: [], label: 'replace("../", "")' },
  pattern: '[A-Za-z0-9_-]+\\.txt',
  digitsAreSafe: true,
};

const handwritten: Pair[] = [
  {
    name: 'path/guard: str.startswith / Path.is_relative_to containment check before open (Flask)',
    kind: 'path',
    trick: 'guard',
    files: {
      'app.py': `import os
from pathlib import Path

from flask import Flask, abort, request

app = Flask(__name__)
BASE_DIR = "/srv/app/files"


@app.route("/read")
def read():
    candidate = os.path.realpath(os.path.join(BASE_DIR, request.args.get("name", "")))
    if not <<<candidate.startswith(BASE_DIR)|||Path(candidate).is_relative_to(BASE_DIR)>>>:
        abort(404)
    with open(candidate, "rb") as handle:  # SINK
        return handle.read()
`,
    },
    note: '/srv/app/files2/secret starts with /srv/app/files but is not inside it; realpath has resolved .. and symlinks.',
  },
  {
    name: 'path/sanitizer: send_from_directory with the request choosing the folder / the file (Flask)',
    kind: 'path',
    trick: 'sanitizer',
    files: {
      'app.py': `from flask import Flask, request, send_from_directory

app = Flask(__name__)


@app.route("/static-file")
def static_file():
    name = request.args.get("name", "")
    return send_from_directory(<<<name, "index.html"|||"/srv/app/public", name>>>)  # SINK
`,
    },
    note: 'send_from_directory joins its second argument safely (safe_join); the first is trusted as the folder.',
  },
  {
    name: 'path/sanitizer: secure_filename() on the folder only / on the folder and the file name (Flask)',
    kind: 'path',
    trick: 'sanitizer',
    files: {
      'app.py': `import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/app/uploads"


@app.route("/upload", methods=["POST"])
def upload():
    folder = secure_filename(request.form.get("folder", "misc"))
    name = request.form.get("name", "")
    target = os.path.join(UPLOADS, folder, <<<name|||secure_filename(name)>>>)
    with open(target, "wb") as handle:  # SINK
        handle.write(request.get_data())
    return "stored"
`,
    },
  },
  {
    name: 'path/sanitizer: report file named by the raw id / by uuid.UUID() of it (FastAPI)',
    kind: 'path',
    trick: 'sanitizer',
    files: {
      'main.py': `import os
import uuid

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
REPORTS = "/srv/app/reports"


@app.get("/reports")
def report(report_id: str = ""):
    name = <<<report_id|||str(uuid.UUID(report_id))>>>
    return FileResponse(os.path.join(REPORTS, name + ".pdf"))  # SINK
`,
    },
  },
  {
    name: 'path/helper-module: a class of another module opens what its constructor is given: the request value / a constant (Flask)',
    kind: 'path',
    trick: 'helper-module',
    files: {
      'app.py': `from flask import Flask, request

from storage import Document

app = Flask(__name__)


@app.route("/documents")
def show():
    document = Document(<<<request.args.get("name", "")|||"readme.txt">>>)
    return document.text
`,
      'storage.py': `class Document:
    def __init__(self, name):
        with open(name) as handle:  # SINK
            self.text = handle.read()
`,
    },
  },
];

export const pathPairs: Pair[] = [...pairsFor(pathProfile, templates, 0), ...handwritten];
