import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG105',
  valid: [
    'from mako.template import Template\nt = Template("<p>${name}</p>", default_filters=["h"])\n',
    'from mako.template import Template\nt = Template(text, default_filters=["str", "h"])\n',
    'from mako.lookup import TemplateLookup\nlookup = TemplateLookup(directories=["t"], default_filters=["html_escape"])\n',
    { name: 'computed filters', code: 'from mako.template import Template\nt = Template(text, default_filters=FILTERS)\n' },
    { name: 'jinja2 is another rule', code: 'from jinja2 import Template\nt = Template("x")\n' },
    { name: 'string.Template', code: 'from string import Template\nt = Template("$x")\n' },
    { name: 'kwargs may carry filters', code: 'from mako.template import Template\nt = Template(text, **opts)\n' },
    { name: 'nosec', code: 'from mako.template import Template\nt = Template(text)  # nosec B702\n' },
  ],
  invalid: [
    {
      code: 'from mako.template import Template\npage = Template("<p>Hello ${name}</p>")\n',
      findings: [{ text: 'Template("<p>Hello ${name}</p>")', message: 'default_filters' }],
      output: 'from mako.template import Template\npage = Template("<p>Hello ${name}</p>", default_filters=["h"])\n',
    },
    {
      code: 'import mako.template\nt = mako.template.Template(filename="page.html")\n',
      findings: [{ text: 'mako.template.Template(filename="page.html")' }],
      output: 'import mako.template\nt = mako.template.Template(filename="page.html", default_filters=["h"])\n',
    },
    {
      code: 'from mako.lookup import TemplateLookup\nlookup = TemplateLookup(directories=["templates"])\n',
      findings: [{ text: 'TemplateLookup(directories=["templates"])' }],
      output: 'from mako.lookup import TemplateLookup\nlookup = TemplateLookup(directories=["templates"], default_filters=["h"])\n',
    },
    { code: 'from mako.template import Template\nt = Template(text, default_filters=["str"])\n', findings: [{ text: 'Template(text, default_filters=["str"])' }], output: null, noFixBecause: 'by hand' },
    { code: 'from mako.template import Template as T\nt = T(src)\n', findings: [{ text: 'T(src)' }] },
    { code: 'from mako import template\nt = template.Template(src)\n', findings: [{ text: 'template.Template(src)' }] },
    { code: 'from mako.lookup import TemplateLookup\nTemplateLookup()\n', findings: [{ text: 'TemplateLookup()' }], output: 'from mako.lookup import TemplateLookup\nTemplateLookup(default_filters=["h"])\n' },
    { code: 'from mako.template import Template\ndef render(src, **kw):\n    return Template(src).render(**kw)\n', findings: [{ text: 'Template(src)' }] },
  ],
};
