import type { FileRuleCases } from '../types';

export const cases: FileRuleCases = {
  ruleId: 'PSG613',
  valid: [
    { name: "the 2026 guide's safe form: escaped by default", path: '/app/templates/comment.html', text: '<p>{{ user_comment }}</p>\n' },
    { name: 'other filters', path: '/app/templates/a.html', text: '<p>{{ name | title }} {{ items|length }}</p>\n' },
    { name: 'a literal marked safe', path: '/app/templates/a.html', text: '{{ "<br>" | safe }}\n' },
    { name: 'a variable whose name contains safe', path: '/app/templates/a.html', text: '{{ is_safe }} {{ safety_notes }}\n' },
    { name: 'autoescape on', path: '/app/templates/a.html', text: '{% autoescape true %}{{ x }}{% endautoescape %}\n' },
    { name: 'not a template', path: '/app/notes.txt', text: '{{ user_comment | safe }}\n' },
    { name: 'an unclosed expression', path: '/app/templates/a.html', text: '<p>{{ user_comment | safe </p>\n' },
    { name: 'suppressed with a reason', path: '/app/templates/a.html', text: '{{ rendered_markdown|safe }} {# psg-ignore: PSG613 -- sanitised with nh3 in views.py #}\n' },
    { name: 'empty', path: '/app/templates/a.html', text: '' },
  ],
  invalid: [
    { name: "the 2026 guide's unsafe example", path: '/app/templates/comment.html', text: '<p>{{ user_comment | safe }}</p>\n', findings: [{ text: 'user_comment | safe', message: 'turns off escaping for `user_comment`', confidence: 'low' }] },
    { name: 'without spaces', path: '/app/templates/a.html', text: '<div>{{bio|safe}}</div>\n', findings: [{ text: 'bio|safe' }] },
    { name: 'after other filters', path: '/app/templates/a.html', text: '{{ post.body | markdown | safe }}\n', findings: [{ text: 'post.body | markdown | safe' }] },
    { name: 'whitespace control', path: '/app/templates/a.jinja2', text: '{{- comment.text|safe -}}\n', findings: [{ text: '- comment.text|safe -' }] },
    { name: 'two in one file', path: '/app/templates/a.html', text: '{{ a|safe }}\n<p>{{ b }}</p>\n{{ c | safe }}\n', findings: [{ text: 'a|safe' }, { text: 'c | safe' }] },
    { name: 'a .j2 file', path: '/app/templates/mail.j2', text: 'Hello {{ name|safe }}\n', findings: [{ text: 'name|safe' }] },
    { name: 'autoescape false block', path: '/app/templates/a.html', text: '{% autoescape false %}{{ x }}{% endautoescape %}\n', findings: [{ text: '{% autoescape false %}', confidence: 'medium' }] },
    { name: 'autoescape false with whitespace control', path: '/app/templates/a.htm', text: '{%- autoescape False -%}\n', findings: [{ text: '{%- autoescape False -%}' }] },
    { name: 'subscript value', path: '/app/templates/a.html', text: '{{ request.args["q"] | safe }}\n', findings: [{ text: 'request.args["q"] | safe' }] },
  ],
};
