import type { RuleCases } from '../types';

const flask = 'from flask import request\n';

export const cases: RuleCases = {
  ruleId: 'PSG144',
  valid: [
    { name: 'user content in a data folder', code: `${flask}def view():\n    with open("data/notes.txt", "w") as f:\n        f.write(request.form["body"])\n` },
    { name: 'a constant written into a Python file', code: 'def scaffold():\n    with open("app/settings.py", "w") as f:\n        f.write("DEBUG = False\\n")\n' },
    { name: 'reading a template', code: `${flask}def view():\n    with open("templates/page.html") as f:\n        return f.read()\n` },
    { name: 'a number written into a Python file', code: `${flask}def view():\n    with open("app/version.py", "w") as f:\n        f.write(str(int(request.form["n"])))\n` },
    { name: 'a parameter written into a Python file is not shown to be untrusted', code: 'def generate(code):\n    with open("gen/module.py", "w") as f:\n        f.write(code)\n' },
    { name: 'an upload saved to an uploads folder', code: `${flask}def view():\n    request.files["f"].save("uploads/file.bin")\n` },
    { name: 'test code', code: `${flask}def test_write():\n    with open("templates/t.html", "w") as f:\n        f.write(request.form["b"])\n` },
    { name: 'Path.write_text into a text file', code: `${flask}from pathlib import Path\ndef view():\n    Path("notes/today.txt").write_text(request.form["b"])\n` },
  ],
  invalid: [
    {
      name: 'request data into a template folder',
      code: `${flask}def custom():\n    name = request.form["name"]\n    with open(f"templates/custom/{name}.html", "w") as f:\n        f.write(request.form["body"])\n`,
      findings: [{ text: 'f.write(request.form["body"])', confidence: 'high', message: 'a template folder' }],
      output: null,
      noFixBecause: 'user content',
    },
    {
      name: 'request data into a Python module',
      code: `${flask}def plugin():\n    with open("plugins/user_plugin.py", "w") as f:\n        f.write(request.data.decode())\n`,
      findings: [{ text: 'f.write(request.data.decode())', confidence: 'high', message: 'a Python source file' }],
    },
    {
      name: 'open(...).write(...) in one expression',
      code: `${flask}def plugin():\n    open("hooks/" + request.args["n"] + ".py", "a").write(request.form["src"])\n`,
      findings: [{ text: 'open("hooks/" + request.args["n"] + ".py", "a").write(request.form["src"])', confidence: 'high' }],
    },
    {
      name: 'Path.write_text into a .py file',
      code: `${flask}from pathlib import Path\ndef config():\n    Path("app/local_settings.py").write_text(request.form["settings"])\n`,
      findings: [{ text: 'Path("app/local_settings.py").write_text(request.form["settings"])', confidence: 'high' }],
    },
    {
      name: 'an upload saved into the template folder',
      code: `${flask}import os\nfrom flask import current_app\ndef upload():\n    f = request.files["theme"]\n    f.save(os.path.join(current_app.template_folder, "theme.html"))\n`,
      findings: [{ text: 'f.save(os.path.join(current_app.template_folder, "theme.html"))', confidence: 'high' }],
    },
    {
      name: 'a path held in a variable',
      code: `${flask}def save_macro():\n    target = "templates/macros.html"\n    with open(target, "w") as out:\n        out.write(request.form["macro"])\n`,
      findings: [{ text: 'out.write(request.form["macro"])' }],
    },
    {
      name: 'a file handle assigned, not with',
      code: `${flask}def view():\n    fh = open("templates/x.j2".replace("x", "y"), "w")\n    fh.write(request.form["t"])\n    fh.close()\n`,
      findings: [{ text: 'fh.write(request.form["t"])' }],
    },
    {
      name: 'input() into a module: medium',
      code: 'def main():\n    with open("generated.py", "w") as f:\n        f.write(input("code: "))\n',
      findings: [{ text: 'f.write(input("code: "))', confidence: 'medium' }],
    },
  ],
};
