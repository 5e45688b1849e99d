import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG104',
  valid: [
    'x = "plain text"\n',
    '# an ordinary comment\n',
    { name: 'escaped controls are visible', code: 'RLO = "\\u202e"\n' },
    { name: 'right-to-left letters without controls', code: 'greeting = "\u05e9\u05dc\u05d5\u05dd"\n' },
    { name: 'zero-width space is not a bidi control', code: 'x = "a\u200bb"\n' },
    { name: 'escaped isolate', code: 's = "\\u2066x\\u2069"\n' },
    'def f():\n    return "ok"  # done\n',
    { name: 'suppressed', code: 's = "\u202e"  # nosec B613\n' },
  ],
  invalid: [
    { code: 'access = "user\u202e \u2066# admin\u2069 \u2066"\n', findings: [{ text: '"user\u202e \u2066# admin\u2069 \u2066"', message: 'Trojan Source' }] },
    { code: '# comment \u2067 hidden\n', findings: [{ text: '# comment \u2067 hidden' }] },
    { code: 'x = 1  # \u202a\n', findings: [{ text: '# \u202a' }] },
    { code: 's = f"{a}\u202b"\n', findings: [{ text: 'f"{a}\u202b"' }] },
    { code: "s = '''\u202c'''\n", findings: [{ text: "'''\u202c'''" }] },
    { code: 's = b"\u202d"\n', findings: [{ text: 'b"\u202d"' }] },
    { code: 'def f():\n    """Doc \u2068"""\n', findings: [{ text: '"""Doc \u2068"""' }] },
    { code: 'if x:  # \u2069\n    pass\n', findings: [{ text: '# \u2069' }] },
  ],
};
