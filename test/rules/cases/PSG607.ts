import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG607',
  valid: [
    'from flask import render_template_string\nrender_template_string("<h1>Hello {{ name }}</h1>", name=name)\n',
    'from flask import render_template_string\nPAGE = "<p>{{ x }}</p>"\nrender_template_string(PAGE, x=x)\n',
    'from jinja2 import Template\nt = Template("Hello {{ name }}")\n',
    'from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=select_autoescape())\nt = env.from_string("{{ a }}")\n',
    { name: 'a different from_string', code: 'dt = datetime.from_string(s)\n' },
    { name: 'render_template with a file', code: 'from flask import render_template\nrender_template(name)\n' },
    { name: 'a local function of that name', code: 'def render_template_string(s):\n    return s\nrender_template_string(f"{x}")\n' },
    'from flask import render_template_string\nrender_template_string("a" + "b")\n',
    { name: 'request data passed as a variable, not as template text', code: 'from flask import render_template_string, request\ndef v():\n    return render_template_string("<p>{{ q }}</p>", q=request.args["q"])\n' },
    { name: 'a number from the request', code: 'from flask import render_template_string, request\ndef v():\n    return render_template_string("<p>%d</p>" % int(request.args["n"]))\n' },
    { name: 'unknown origin switched off', code: 'from flask import render_template_string\ndef v(x):\n    return render_template_string(x)\n', settings: { taint: { unknownOrigin: 'off' } } },
  ],
  invalid: [
    { name: 'f-string', code: 'from flask import render_template_string\ndef hello(name):\n    return render_template_string(f"<h1>Hello {name}</h1>")\n', findings: [{ text: 'f"<h1>Hello {name}</h1>"', confidence: 'low', message: 'not a constant' }], output: null },
    { name: 'request data', code: 'from flask import render_template_string, request\nrender_template_string(request.args.get("tpl"))\n', findings: [{ text: 'request.args.get("tpl")', confidence: 'high', message: 'from `request.args` reaches `render_template_string` as template text' }] },
    { name: 'a FastAPI query parameter through a helper', code: 'import jinja2\nfrom fastapi import FastAPI\napp = FastAPI()\ndef greeting(who):\n    return "Hello " + who\n@app.get("/hi")\ndef hi(who: str):\n    return jinja2.Template(greeting(who)).render()\n', findings: [{ text: 'greeting(who)', confidence: 'high', message: 'route parameter `who`' }] },
    { name: 'concatenation through a name', code: 'from flask import render_template_string, request\npage = "<p>" + request.args["q"] + "</p>"\nrender_template_string(page)\n', findings: [{ text: 'page', confidence: 'high' }] },
    { name: 'jinja2.Template', code: 'import jinja2\ndef t(body):\n    return jinja2.Template(body).render()\n', findings: [{ text: 'body' }] },
    { name: 'from_string', code: 'import jinja2\nenv = jinja2.Environment(autoescape=True)\ndef t(s):\n    return env.from_string(s)\n', findings: [{ text: 's' }] },
    { name: 'format', code: 'from flask import render_template_string\nrender_template_string("<p>{}</p>".format(msg))\n', findings: [{ text: '"<p>{}</p>".format(msg)', confidence: 'low' }] },
    { name: 'quart', code: 'from quart import render_template_string\nasync def v(x):\n    return await render_template_string(x)\n', findings: [{ text: 'x' }] },
    { name: 'keyword source', code: 'from flask import render_template_string\ndef v(x):\n    return render_template_string(source=x)\n', findings: [{ text: 'x' }] },
    {
      name: 'HTML escaping does not stop template syntax',
      code: 'from flask import render_template_string, request\nfrom markupsafe import escape\ndef v():\n    return render_template_string("<p>" + escape(request.args["q"]) + "</p>")\n',
      findings: [{ text: '"<p>" + escape(request.args["q"]) + "</p>"', confidence: 'high' }],
    },
  ],
};
