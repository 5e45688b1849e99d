// Shell commands built from values (PSG102).
import type { Pair } from '../model';
import { type KindProfile, pairsFor } from './build';
import { templates } from './templates';

export const shellProfile: KindProfile = {
  kind: 'shell',
  handler: 'ping_host',
  route: '/ping',
  param: 'target',
  v: 'host',
  constant: '"localhost"',
  alt: '"db.internal"',
  allowed: 'KNOWN_HOSTS',
  allowedMembers: ['"localhost"', '"db.internal"'],
  imports: [],
  module: ['KNOWN_HOSTS = {"localhost", "db.internal"}'],
  sinks: () => [
    { imports: ['import os'], line: (v) => `os.system(f"ping -c 1 {${v}}")` },
    { imports: ['import subprocess'], line: (v) => `subprocess.run(f"nslookup {${v}}", shell=True, check=False)` },
    {
      imports: ['import subprocess'],
      line: (v) => `output = subprocess.check_output("dig +short " + ${v}, shell=True)`,
    },
    { imports: ['import os'], line: (v) => `output = os.popen(f"host {${v}}").read()` },
  ],
  sanitizer: { call: (v) => `shlex.quote(${v})`, imports: ['import shlex'], label: 'shlex.quote()' },
  // `;`, `|`, `$(...)` and backticks pass through HTML escaping unchanged.
  lookalike: { call: (v) => `html.escape(${v})`, imports: ['import html'], label: 'html.escape()' },
  pattern: '[A-Za-z0-9][A-Za-z0-9.-]*',
  digitsAreSafe: true,
};

const handwritten: Pair[] = [
  {
    name: 'shell/sanitizer: shell=True with a string / an argument list without a shell (Flask)',
    kind: 'shell',
    trick: 'sanitizer',
    files: {
      'app.py': `import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/convert")
def convert():
    upload = request.args.get("file", "")
    subprocess.run(<<<f"convert {upload} out.png", shell=True|||["convert", upload, "out.png"], shell=False>>>, check=True)  # SINK
    return "ok"
`,
    },
    note: 'Without a shell the value is one argument to convert, not a script (option injection is another weakness).',
  },
  {
    name: 'shell/user-sanitizer: own quoting only drops semicolons / wraps in single quotes and escapes them (Django)',
    kind: 'shell',
    trick: 'user-sanitizer',
    files: {
      'views.py': `import os

from django.http import HttpResponse


def quote_arg(value):
    <<<return value.replace(";", "")|||return "'" + value.replace("'", "'\\\\''") + "'">>>


def archive(request):
    folder = request.GET.get("folder", "")
    os.system("tar czf /tmp/out.tgz " + quote_arg(folder))  # SINK
    return HttpResponse("ok")
`,
    },
    note: "Single quotes stop every expansion; a quote inside becomes '\\'' (close, escaped quote, reopen). Dropping ';' leaves |, && and $(...).",
  },
  {
    name: 'shell/helper-module: paramiko exec_command in another module with the value / a constant (FastAPI)',
    kind: 'shell',
    trick: 'helper-module',
    files: {
      'main.py': `from fastapi import FastAPI

from remote import run_remote

app = FastAPI()


@app.post("/restart")
def restart(service: str = ""):
    run_remote(<<<f"systemctl restart {service}"|||"systemctl restart web">>>)
    return {"ok": True}
`,
      'remote.py': `import paramiko


def run_remote(command):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect("app.internal")
    client.exec_command(command)  # SINK
`,
    },
  },
  {
    name: 'shell/helper-module: a static method of a class in another module runs what it is given: the request value / a constant (Flask)',
    kind: 'shell',
    trick: 'helper-module',
    files: {
      'app.py': `from flask import Flask, request

from tools import Archiver

app = Flask(__name__)


@app.route("/archive")
def archive():
    Archiver.pack(<<<request.args.get("folder", "")|||"reports">>>)
    return "ok"
`,
      'tools.py': `import subprocess


class Archiver:
    @staticmethod
    def pack(folder):
        subprocess.run("tar czf /tmp/out.tgz " + folder, shell=True)  # SINK
`,
    },
  },
  {
    name: 'shell/self-attribute: command built in one method from self.host set by the request / by a constant (Flask)',
    kind: 'shell',
    trick: 'self-attribute',
    files: {
      'app.py': `import os

from flask import Flask, request

app = Flask(__name__)


class Probe:
    def __init__(self, host):
        self.host = host

    def command(self):
        return f"ping -c 1 {self.host}"

    def run(self):
        os.system(self.command())  # SINK


@app.route("/probe")
def probe():
    Probe(<<<request.args.get("host", "localhost")|||"localhost">>>).run()
    return "ok"
`,
    },
  },
];

export const shellPairs: Pair[] = [...pairsFor(shellProfile, templates, 1), ...handwritten];
