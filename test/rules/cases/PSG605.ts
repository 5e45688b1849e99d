import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG605',
  valid: [
    'from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=select_autoescape())\n',
    'from jinja2 import Environment\nenv = Environment(autoescape=True)\n',
    'from jinja2 import Environment, select_autoescape\nenv = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]))\n',
    { name: 'autoescape from configuration', code: 'import jinja2\nenv = jinja2.Environment(autoescape=settings.AUTOESCAPE)\n' },
    { name: 'kwargs may set it', code: 'import jinja2\nenv = jinja2.Environment(**options)\n' },
    { name: 'not Jinja2', code: 'env = Environment()\n' },
    { name: "Flask's own templates escape by default", code: 'from flask import render_template\nrender_template("page.html", name=name)\n' },
    { name: 'aiohttp_jinja2.setup escapes by default', code: 'import aiohttp_jinja2, jinja2\naiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader("templates"))\n' },
    { name: 'suppressed for SQL templates', code: 'import jinja2\nsql_env = jinja2.Environment(autoescape=False)  # nosec B701 -- renders SQL, not HTML\n' },
  ],
  invalid: [
    { name: 'aiohttp_jinja2.setup(autoescape=False)', code: 'import aiohttp_jinja2, jinja2\naiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader("t"), autoescape=False)\n', findings: [{ text: 'autoescape=False', confidence: 'high' }], output: 'import aiohttp_jinja2, jinja2\nfrom jinja2 import select_autoescape\naiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader("t"), autoescape=select_autoescape())\n' },
    { name: 'autoescape=False', code: 'from jinja2 import Environment\nenv = Environment(autoescape=False)\n', findings: [{ text: 'autoescape=False', confidence: 'high' }], output: 'from jinja2 import Environment\nfrom jinja2 import select_autoescape\nenv = Environment(autoescape=select_autoescape())\n' },
    { name: 'missing autoescape', code: 'from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader("templates"))\n', findings: [{ text: 'Environment(loader=FileSystemLoader("templates"))', confidence: 'medium' }], output: 'from jinja2 import Environment, FileSystemLoader\nfrom jinja2 import select_autoescape\nenv = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())\n' },
    { name: 'no arguments', code: 'import jinja2\nenv = jinja2.Environment()\n', findings: [{ text: 'jinja2.Environment()' }], output: 'import jinja2\nfrom jinja2 import select_autoescape\nenv = jinja2.Environment(autoescape=select_autoescape())\n' },
    { name: 'select_autoescape already imported', code: 'from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=False, loader=l)\n', findings: [{ text: 'autoescape=False' }], output: 'from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=select_autoescape(), loader=l)\n' },
    { name: 'sandboxed environment', code: 'from jinja2.sandbox import SandboxedEnvironment\nenv = SandboxedEnvironment()\n', findings: [{ text: 'SandboxedEnvironment()' }] },
    { name: 'aliased', code: 'import jinja2 as j\nenv = j.Environment(autoescape=False)\n', findings: [{ text: 'autoescape=False' }] },
    { name: 'inside a function', code: 'import jinja2\ndef make():\n    return jinja2.Environment(loader=jinja2.PackageLoader("app"))\n', findings: [{ text: 'jinja2.Environment(loader=jinja2.PackageLoader("app"))' }] },
    { name: 'name taken: no fix', code: 'import jinja2\nselect_autoescape = None\nenv = jinja2.Environment()\n', findings: [{ text: 'jinja2.Environment()' }], output: null, noFixBecause: 'select_autoescape' },
  ],
};
