import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG401',
  valid: [
    { name: 'a test helper opening the files its test created', code: 'import os, unittest\nclass T(unittest.TestCase):\n    def write(self, name):\n        with open(os.path.join(self.dir, name), "w") as f:\n            f.write("x")\n' },
    { name: 'containment with is_relative_to (the correct version of the guide)', code: dedent(`
        from pathlib import Path
        def safe_read_file(filename: str, base_dir: Path):
            full_path = (base_dir / filename).resolve()
            if not full_path.is_relative_to(base_dir.resolve()):
                raise ValueError("Invalid file path")
            return full_path.read_text()
      `) },
    { name: 'a constant path', code: 'with open("/etc/app/config.toml") as f:\n    data = f.read()\n' },
    { name: 'secure_filename sanitises the segment', code: dedent(`
        import os
        from werkzeug.utils import secure_filename
        def save(name):
            return open(os.path.join("/srv/uploads", secure_filename(name)), "wb")
      `) },
    { name: 'basename sanitises the segment', code: 'import os\ndef read(name):\n    return open(os.path.join("/srv", os.path.basename(name))).read()\n' },
    { name: 'Path(x).name keeps the last part only (request data)', code: 'import os\nfrom pathlib import Path\nfrom flask import request\ndef read():\n    return open(os.path.join("/srv", Path(request.args["f"]).name)).read()\n' },
    { name: 'a whole path parameter is the caller\'s business', code: 'def load(path):\n    with open(path) as f:\n        return f.read()\n' },
    { name: 'send_from_directory is already safe for the file name', code: 'from flask import send_from_directory, request\ndef dl():\n    return send_from_directory("/srv/files", request.args["name"])\n' },
    { name: 'commonpath containment', code: dedent(`
        import os
        BASE = "/srv/files"
        def read(name):
            path = os.path.realpath(os.path.join(BASE, name))
            if os.path.commonpath([path, BASE]) != BASE:
                raise ValueError("outside")
            return open(path).read()
      `) },
    { name: 'an integer id in a path', code: 'import os\ndef avatar(user_id):\n    return open(os.path.join("/srv/avatars", str(int(user_id)) + ".png"), "rb")\n' },
    { name: 'a module-level join of constants', code: 'import os\nHERE = os.path.dirname(__file__)\nopen(os.path.join(HERE, "data.json"))\n' },
    {
      name: 'is_relative_to containment guarding the use',
      code: dedent(`
        from pathlib import Path
        from flask import request
        BASE = Path("/srv/files")
        def get():
            resolved = (BASE / request.args["f"]).resolve()
            if not resolved.is_relative_to(BASE.resolve()):
                raise ValueError("escapes")
            return resolved.read_text()
      `),
    },
    { name: 'membership in a constant allowlist', code: 'import os\nfrom flask import request\nALLOWED = {"a.txt", "b.txt"}\ndef get():\n    name = request.args["f"]\n    if name in ALLOWED:\n        return open(os.path.join("/srv", name))\n' },
    { name: 'an int route converter admits numbers only', code: 'import os\nfrom flask import Flask, send_file\napp = Flask(__name__)\n@app.route("/doc/<int:doc_id>")\ndef doc(doc_id):\n    return send_file(os.path.join("/srv", f"{doc_id}.pdf"))\n' },
    { name: 'unknown origin switched off', code: 'import os\ndef load(name):\n    return open(os.path.join("/srv", name))\n', settings: { taint: { unknownOrigin: 'off' } } },
    { name: 'a source family switched off', code: 'import os\nfrom flask import request\ndef get():\n    return open(os.path.join("/srv", request.args["f"]))\n', settings: { taint: { sources: { flask: false }, unknownOrigin: 'off' } } },
    { name: 'a file named on the command line', code: 'import sys\nwith open(sys.argv[1]) as fh:\n    print(fh.read())\n' },
  ],
  invalid: [
    {
      name: "the 2026 guide's startswith check does not contain the path",
      code: dedent(`
        from pathlib import Path
        def safe_read_file(filename: str, base_dir: Path):
            full_path = (base_dir / filename).resolve()
            if not str(full_path).startswith(str(base_dir)):
                raise ValueError("Invalid file path")
            return full_path.read_text()
      `),
      findings: [{ text: 'full_path', message: 'startswith' }],
      output: dedent(`
        from pathlib import Path
        def safe_read_file(filename: str, base_dir: Path):
            full_path = (base_dir / filename).resolve()
            if not str(full_path).startswith(str(base_dir)):
                raise ValueError("Invalid file path")
            if not Path(full_path).resolve().is_relative_to(Path(base_dir).resolve()):
                raise ValueError("path escapes the base directory")
            return full_path.read_text()
      `),
    },
    {
      name: 'os.path.join with a parameter, Path import added',
      code: 'import os\nUPLOAD_DIR = "/srv/files"\n\ndef download(name):\n    return open(os.path.join(UPLOAD_DIR, name), "rb").read()\n',
      findings: [{ text: 'os.path.join(UPLOAD_DIR, name)', confidence: 'low', message: 'parameter `name`' }],
      output: 'import os\nfrom pathlib import Path\nUPLOAD_DIR = "/srv/files"\n\ndef download(name):\n    candidate = os.path.join(UPLOAD_DIR, name)\n    if not Path(candidate).resolve().is_relative_to(Path(UPLOAD_DIR).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate, "rb").read()\n',
    },
    {
      name: 'Flask send_file with request data: high confidence',
      code: dedent(`
        import os
        from pathlib import Path
        from flask import request, send_file
        def report():
            name = request.args.get("name")
            return send_file(os.path.join("/srv/reports", name))
      `),
      findings: [{ text: 'os.path.join("/srv/reports", name)', confidence: 'high', message: '`name` from `request.args` reaches `send_file`' }],
      output: dedent(`
        import os
        from pathlib import Path
        from flask import request, send_file
        def report():
            name = request.args.get("name")
            candidate = os.path.join("/srv/reports", name)
            if not Path(candidate).resolve().is_relative_to(Path("/srv/reports").resolve()):
                raise ValueError("path escapes the base directory")
            return send_file(candidate)
      `),
    },
    {
      name: 'an f-string path, tab indentation kept',
      code: 'BASE = "/data"\ndef read(user, name):\n\twith open(f"{BASE}/{user}/{name}") as f:\n\t\treturn f.read()\n',
      findings: [{ text: 'f"{BASE}/{user}/{name}"' }],
      output: 'from pathlib import Path\nBASE = "/data"\ndef read(user, name):\n\tcandidate = f"{BASE}/{user}/{name}"\n\tif not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n\t\traise ValueError("path escapes the base directory")\n\twith open(candidate) as f:\n\t\treturn f.read()\n',
    },
    {
      name: 'Path / join then write_text',
      code: 'from pathlib import Path\nROOT = Path("/srv/notes")\ndef save(title, body):\n    (ROOT / title).write_text(body)\n',
      findings: [{ text: '(ROOT / title)' }],
      output: 'from pathlib import Path\nROOT = Path("/srv/notes")\ndef save(title, body):\n    candidate = ROOT / title\n    if not Path(candidate).resolve().is_relative_to(Path(ROOT).resolve()):\n        raise ValueError("path escapes the base directory")\n    candidate.write_text(body)\n',
    },
    {
      name: 'Starlette FileResponse',
      code: 'import os\nfrom starlette.responses import FileResponse\nasync def get(filename):\n    return FileResponse(os.path.join("static", filename))\n',
      findings: [{ text: 'os.path.join("static", filename)' }],
      output: 'import os\nfrom starlette.responses import FileResponse\nfrom pathlib import Path\nasync def get(filename):\n    candidate = os.path.join("static", filename)\n    if not Path(candidate).resolve().is_relative_to(Path("static").resolve()):\n        raise ValueError("path escapes the base directory")\n    return FileResponse(candidate)\n',
    },
    {
      name: 'request data used as the whole path: no base to contain it in',
      code: 'from flask import request\ndef view():\n    with open(request.args["file"]) as fh:\n        return fh.read()\n',
      findings: [{ text: 'request.args["file"]', confidence: 'high' }],
      output: null,
      noFixBecause: 'no base directory',
    },
    {
      name: 'a directory chosen by the client in send_from_directory',
      code: 'from flask import request, send_from_directory\ndef dl():\n    return send_from_directory(request.args["dir"], "index.html")\n',
      findings: [{ text: 'request.args["dir"]' }],
      output: null,
    },
    {
      name: 'a one-line if cannot take inserted statements',
      code: 'import os\ndef rm(name):\n    if name: os.remove(os.path.join("/tmp/x", name))\n',
      findings: [{ text: 'os.path.join("/tmp/x", name)' }],
      output: null,
      noFixBecause: 'shares its line',
    },
    {
      name: 'a join through a variable: the variable is checked and opened as it is',
      code: 'import os\nresolved = None\ndef read(base, name):\n    p = os.path.join(base, name)\n    return open(p).read()\n',
      findings: [{ text: 'p' }],
      output: 'import os\nfrom pathlib import Path\nresolved = None\ndef read(base, name):\n    p = os.path.join(base, name)\n    if not Path(p).resolve().is_relative_to(Path(base).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(p).read()\n',
    },
    {
      name: 'request data joined onto a base directory: high confidence, containment fix',
      code: dedent(`
        import os
        from flask import request

        UPLOAD_DIR = "/srv/uploads"

        def download():
            name = request.args["name"]
            return open(os.path.join(UPLOAD_DIR, name), "rb").read()
      `),
      findings: [{ text: 'os.path.join(UPLOAD_DIR, name)', confidence: 'high', message: '`name` from `request.args` reaches `open`' }],
      output: dedent(`
        import os
        from flask import request
        from pathlib import Path

        UPLOAD_DIR = "/srv/uploads"

        def download():
            name = request.args["name"]
            candidate = os.path.join(UPLOAD_DIR, name)
            if not Path(candidate).resolve().is_relative_to(Path(UPLOAD_DIR).resolve()):
                raise ValueError("path escapes the base directory")
            return open(candidate, "rb").read()
      `),
    },
    {
      name: 'a Flask route parameter sent as a file',
      code: 'import os\nfrom flask import Flask, send_file\napp = Flask(__name__)\n@app.route("/files/<name>")\ndef files(name):\n    return send_file(os.path.join("/srv", name))\n',
      findings: [{ text: 'os.path.join("/srv", name)', confidence: 'high', message: 'route parameter `name`' }],
    },
    {
      name: 'a Django URL argument',
      code: 'import os\nfrom django.http import FileResponse\ndef report(request, slug):\n    return FileResponse(open(os.path.join("/srv/reports", slug), "rb"))\n',
      findings: [{ text: 'os.path.join("/srv/reports", slug)', confidence: 'high' }],
    },
    {
      name: 'input() through a helper function: medium confidence',
      code: dedent(`
        import os
        def clean(value):
            return value.strip()
        def main():
            answer = clean(input("file? "))
            print(open(os.path.join("/srv", answer)).read())
      `),
      findings: [{ text: 'os.path.join("/srv", answer)', confidence: 'medium', message: 'from `input()`' }],
    },
    {
      name: 'pathlib: base / name read back',
      code: 'from pathlib import Path\nfrom flask import request\ndef get():\n    target = Path("/srv") / request.form["f"]\n    return target.read_text()\n',
      findings: [{ text: 'target', confidence: 'high', message: '`request.form`' }],
    },
    {
      name: 'FastAPI handler parameter into FileResponse',
      code: 'import os\nfrom fastapi import FastAPI\nfrom fastapi.responses import FileResponse\napp = FastAPI()\n@app.get("/dl/{name}")\ndef dl(name: str):\n    return FileResponse(os.path.join("/srv", name))\n',
      findings: [{ text: 'os.path.join("/srv", name)', confidence: 'high' }],
    },
    {
      name: 'an environment variable is a weaker source: medium confidence',
      code: 'import os\ndef cache_file():\n    return open(os.path.join("/var/cache", os.environ["CACHE_NAME"]))\n',
      findings: [{ text: 'os.path.join("/var/cache", os.environ["CACHE_NAME"])', confidence: 'medium', message: '`os.environ`' }],
    },
    {
      name: 'unknown origin shown as a hint when configured',
      code: 'import os\ndef load(name):\n    return open(os.path.join("/srv", name))\n',
      settings: { taint: { unknownOrigin: 'hint' } },
      findings: [{ text: 'os.path.join("/srv", name)', confidence: 'low' }],
    },
    // Starred arguments: the path is checked as it is joined, so `*parts` stays where it was.
    {
      name: 'starred parts joined onto the base directory are checked as joined',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    parts = request.args.getlist("p")\n    return open(os.path.join(BASE, *parts)).read()\n',
      findings: [{ text: 'os.path.join(BASE, *parts)', confidence: 'high' }],
      output: 'import os\nfrom flask import request\nfrom pathlib import Path\nBASE = "/srv/files"\ndef get():\n    parts = request.args.getlist("p")\n    candidate = os.path.join(BASE, *parts)\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
    {
      name: 'a name split into starred segments',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    return open(os.path.join(BASE, *name.split("/"))).read()\n',
      findings: [{ text: 'os.path.join(BASE, *name.split("/"))' }],
      output: 'import os\nfrom flask import request\nfrom pathlib import Path\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    candidate = os.path.join(BASE, *name.split("/"))\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
    {
      name: 'Path() with starred parts',
      code: 'from pathlib import Path\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    parts = request.args.getlist("p")\n    return Path(BASE, *parts).read_text()\n',
      findings: [{ text: 'Path(BASE, *parts)' }],
      output: 'from pathlib import Path\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    parts = request.args.getlist("p")\n    candidate = Path(BASE, *parts)\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return candidate.read_text()\n',
    },
    {
      name: 'a base directory unpacked from a starred argument: no folder to check against',
      code: 'import os\nfrom flask import request\ndef get(parts):\n    return open(os.path.join(*parts, request.args["f"])).read()\n',
      findings: [{ text: 'os.path.join(*parts, request.args["f"])' }],
      output: null,
      noFixBecause: 'starred argument',
    },
    // A statement before the sink's statement would not run where the path is built.
    {
      name: 'a path built inside a list comprehension',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    names = request.args.getlist("n")\n    return [open(os.path.join(BASE, n)).read() for n in names]\n',
      findings: [{ text: 'os.path.join(BASE, n)' }],
      output: null,
      noFixBecause: /inside a comprehension: a statement before it cannot see its variables/,
    },
    {
      name: 'a path built inside a generator expression',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    names = request.args.getlist("n")\n    return list(open(os.path.join(BASE, n)).read() for n in names)\n',
      findings: [{ text: 'os.path.join(BASE, n)' }],
      output: null,
      noFixBecause: 'generator expression',
    },
    {
      name: 'the first iterable of a comprehension runs once, before it: fixed',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    return [line for line in open(os.path.join(BASE, name))]\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: 'import os\nfrom flask import request\nfrom pathlib import Path\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    candidate = os.path.join(BASE, name)\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return [line for line in open(candidate)]\n',
    },
    {
      name: 'a path built inside a lambda',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    reader = lambda: open(os.path.join(BASE, name)).read()\n    return reader()\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'inside a lambda',
    },
    {
      name: 'a path built in one branch of a conditional expression',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args.get("f")\n    return open(os.path.join(BASE, name)).read() if name else None\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'conditional expression',
    },
    {
      name: 'a path built on the right of `and`',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args.get("f")\n    return name and open(os.path.join(BASE, name)).read()\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'right of `and`',
    },
    {
      name: 'a path built in the second item of a `with`, after the first is bound',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    with open("/srv/index") as index, open(os.path.join(BASE, request.args["f"])) as f:\n        return index.read() + f.read()\n',
      findings: [{ text: 'os.path.join(BASE, request.args["f"])' }],
      output: null,
      noFixBecause: '`with` item after the first',
    },
    {
      name: 'a path built in an `elif` condition',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args.get("f")\n    if not name:\n        return None\n    elif open(os.path.join(BASE, name)).read():\n        return 1\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: '`elif` condition',
    },
    {
      name: 'a path built in a `while` condition',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args.get("f")\n    while open(os.path.join(BASE, name)).read():\n        name = name + "x"\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: '`while` condition',
    },
    {
      name: 'a path built in a default argument',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    def inner(data=open(os.path.join(BASE, name)).read()):\n        return data\n    return inner()\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'function or class header',
    },
    {
      name: 'a path built in a decorator',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get(register):\n    name = request.args["f"]\n    @register(open(os.path.join(BASE, name)))\n    def inner():\n        return 1\n    return inner()\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'decorator',
    },
    {
      name: 'a path built in a `case` guard',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    match name:\n        case str() if open(os.path.join(BASE, name)).read():\n            return 1\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: '`case` guard',
    },
    {
      name: 'a path built inside an f-string',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    return f"{open(os.path.join(BASE, name)).read()}"\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'f-string',
    },
    {
      name: 'a path built in an `assert` message',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args["f"]\n    assert name, open(os.path.join(BASE, name)).read()\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: '`assert` message',
    },
    {
      name: 'a name bound by `:=` earlier in the same statement',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    print((name := request.args["f"]), open(os.path.join(BASE, name)).read())\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: null,
      noFixBecause: 'assignment expression',
    },
    {
      name: 'a path in an `if` condition is fixed before the `if`',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ndef get():\n    name = request.args.get("f")\n    if open(os.path.join(BASE, name)).read():\n        return 1\n',
      findings: [{ text: 'os.path.join(BASE, name)' }],
      output: 'import os\nfrom flask import request\nfrom pathlib import Path\nBASE = "/srv/files"\ndef get():\n    name = request.args.get("f")\n    candidate = os.path.join(BASE, name)\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    if open(candidate).read():\n        return 1\n',
    },
    {
      name: 'a join over several lines is moved in parentheses, `candidate` already taken',
      code: 'import os\nfrom flask import request\nBASE = "/srv/files"\ncandidate = None\ndef get():\n    name = request.args["f"]\n    return open(os.path.join(BASE,\n                             name)).read()\n',
      findings: [{ text: 'os.path.join(BASE,\n                             name)' }],
      output: 'import os\nfrom flask import request\nfrom pathlib import Path\nBASE = "/srv/files"\ncandidate = None\ndef get():\n    name = request.args["f"]\n    candidate_2 = (os.path.join(BASE,\n                             name))\n    if not Path(candidate_2).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate_2).read()\n',
    },
    // Where the import goes.
    {
      name: 'no import yet: the import goes below the shebang and the license header',
      code: '#!/usr/bin/env python3\n# Copyright 2026 Example\n# SPDX-License-Identifier: MIT\n\nBASE = "/srv"\ndef get(name):\n    return open(f"{BASE}/{name}").read()\n',
      findings: [{ text: 'f"{BASE}/{name}"', confidence: 'low' }],
      output: '#!/usr/bin/env python3\n# Copyright 2026 Example\n# SPDX-License-Identifier: MIT\n\nfrom pathlib import Path\nBASE = "/srv"\ndef get(name):\n    candidate = f"{BASE}/{name}"\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
    {
      name: 'no import yet: the encoding declaration stays on line 2',
      code: '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nBASE = "/srv"\ndef get(name):\n    return open(f"{BASE}/{name}").read()\n',
      findings: [{ text: 'f"{BASE}/{name}"' }],
      output: '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nfrom pathlib import Path\nBASE = "/srv"\ndef get(name):\n    candidate = f"{BASE}/{name}"\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
    {
      name: 'no import yet: a comment about the first statement stays with it',
      code: '# Copyright 2026 Example\n\n# the folder we serve\nBASE = "/srv"\ndef get(name):\n    return open(f"{BASE}/{name}").read()\n',
      findings: [{ text: 'f"{BASE}/{name}"' }],
      output: '# Copyright 2026 Example\n\nfrom pathlib import Path\n# the folder we serve\nBASE = "/srv"\ndef get(name):\n    candidate = f"{BASE}/{name}"\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
    {
      name: 'the import goes after the docstring, the `__future__` import and the imports, keeping a trailing comment on its line',
      code: '"""Serve files."""\nfrom __future__ import annotations\n\nimport os  # noqa: F401\ndef get(name):\n    return open(os.path.join("/srv", name)).read()\n',
      findings: [{ text: 'os.path.join("/srv", name)' }],
      output: '"""Serve files."""\nfrom __future__ import annotations\n\nimport os  # noqa: F401\nfrom pathlib import Path\ndef get(name):\n    candidate = os.path.join("/srv", name)\n    if not Path(candidate).resolve().is_relative_to(Path("/srv").resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
    {
      name: 'a docstring and no import: the import goes after the docstring',
      code: '#!/usr/bin/env python3\n"""Serve files."""\n\nBASE = "/srv"\ndef get(name):\n    return open(f"{BASE}/{name}").read()\n',
      findings: [{ text: 'f"{BASE}/{name}"' }],
      output: '#!/usr/bin/env python3\n"""Serve files."""\nfrom pathlib import Path\n\nBASE = "/srv"\ndef get(name):\n    candidate = f"{BASE}/{name}"\n    if not Path(candidate).resolve().is_relative_to(Path(BASE).resolve()):\n        raise ValueError("path escapes the base directory")\n    return open(candidate).read()\n',
    },
  ],
};
