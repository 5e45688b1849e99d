import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG606',
  valid: [
    'from markupsafe import Markup\nbanner = Markup("<b>Welcome</b>")\n',
    { name: "Markup's format escapes", code: 'from markupsafe import Markup\nhtml = Markup("<b>Hello {}</b>").format(name)\n' },
    'from markupsafe import Markup, escape\nhtml = Markup(escape(comment))\n',
    'from django.utils.html import format_html\nhtml = format_html("<b>{}</b>", name)\n',
    { name: 'constant through a name', code: 'from markupsafe import Markup\nICON = "<i class=icon></i>"\nhtml = Markup(ICON)\n' },
    { name: 'a local Markup class', code: 'class Markup(str):\n    pass\nMarkup(text)\n' },
    { name: 'the guide: autoescaped template output', code: 'from flask import render_template\nrender_template("c.html", user_comment=user_comment)\n' },
    'from django.utils.safestring import mark_safe\nSTAR = mark_safe("&#9733;")\n',
    { name: 'request data escaped first', code: 'import html\nfrom flask import request\nfrom markupsafe import Markup\ndef v():\n    return Markup("<p>" + html.escape(request.args["q"]) + "</p>")\n' },
    { name: 'a number from the request', code: 'from flask import request\nfrom markupsafe import Markup\ndef v():\n    return Markup(f"<b>{int(request.args[\'n\'])}</b>")\n' },
    { name: 'format_html with a constant format string', code: 'from django.utils.html import format_html\ndef v(request):\n    return format_html("<b>{}</b>", request.GET["name"])\n' },
    { name: 'format_html with a constant through a name', code: 'from django.utils.html import format_html\nROW = "<tr><td>{}</td></tr>"\ndef row(cell):\n    return format_html(ROW, cell)\n' },
    { name: 'unknown origin switched off', code: 'from markupsafe import Markup\ndef hello(name):\n    return Markup(f"<b>Hello {name}</b>")\n', settings: { taint: { unknownOrigin: 'off' } } },
  ],
  invalid: [
    { name: 'f-string', code: 'from markupsafe import Markup\ndef hello(name):\n    return Markup(f"<b>Hello {name}</b>")\n', findings: [{ text: 'f"<b>Hello {name}</b>"', confidence: 'low', message: 'marks a value that is not a constant' }], output: null },
    { name: 'request data', code: 'from flask import Markup, request\nbio = Markup(request.form["bio"])\n', findings: [{ text: 'request.form["bio"]', confidence: 'high' }] },
    { name: 'mark_safe', code: 'from django.utils.safestring import mark_safe\ndef render(comment):\n    return mark_safe(comment.body)\n', findings: [{ text: 'comment.body' }] },
    { name: 'concatenation', code: 'from markupsafe import Markup\nhtml = Markup("<p>" + text + "</p>")\n', findings: [{ text: '"<p>" + text + "</p>"', confidence: 'low' }] },
    { name: '% formatting', code: 'import markupsafe\nhtml = markupsafe.Markup("<a href=%s>x</a>" % url)\n', findings: [{ text: '"<a href=%s>x</a>" % url' }] },
    { name: 'SafeString', code: 'from django.utils.safestring import SafeString\ns = SafeString(user_html)\n', findings: [{ text: 'user_html' }] },
    { name: 'input(): medium confidence', code: 'from markupsafe import Markup\nm = Markup(input())\n', findings: [{ text: 'input()', confidence: 'medium' }] },
    {
      name: 'request data through a helper: high confidence, the source named',
      code: 'from flask import request\nfrom markupsafe import Markup\ndef card(text):\n    return "<div>" + text + "</div>"\ndef profile():\n    return Markup(card(request.form["bio"]))\n',
      findings: [{ text: 'card(request.form["bio"])', confidence: 'high', message: 'from `request.form` reaches `Markup()`' }],
    },
    { name: 'a Django view argument', code: 'from django.utils.safestring import mark_safe\ndef page(request, title):\n    return mark_safe(f"<h1>{title}</h1>")\n', findings: [{ text: 'f"<h1>{title}</h1>"', confidence: 'high', message: 'route parameter `title`' }] },
    { name: 'format_html with an f-string from a view argument', code: 'from django.utils.html import format_html\ndef page(request, title):\n    return format_html(f"<h1>{title}</h1>")\n', findings: [{ text: 'f"<h1>{title}</h1>"', confidence: 'high', message: 'as its format string' }], output: null },
    { name: 'format_html with % formatting of unknown origin', code: 'from django.utils.html import format_html\ndef badge(label):\n    return format_html("<span>%s</span>" % label)\n', findings: [{ text: '"<span>%s</span>" % label', confidence: 'low', message: 'not a constant' }] },
    { name: 'str.format (escapes nothing)', code: 'from markupsafe import Markup\nm = Markup("<b>{}</b>".format(name))\n', findings: [{ text: '"<b>{}</b>".format(name)' }] },
  ],
};
