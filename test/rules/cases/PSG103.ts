import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG103',
  valid: [
    { name: 'test code evaluates its own fixtures', code: 'def test_eval(expr):\n    assert eval(expr) == 2\n' },
    'eval("1 + 2")\n',
    'exec("import sys")\n',
    'CODE = "x = 1"\nexec(CODE)\n',
    'import ast\ndef f(text):\n    return ast.literal_eval(text)\n',
    { name: 'a method named eval', code: 'def f(expr):\n    return model.eval(expr)\n' },
    { name: 'a local function named eval shadows the builtin', code: 'def eval(x):\n    return x\ndef g(y):\n    return eval(y)\n' },
    { name: 'compile of an AST built by the program', code: 'import ast\ndef f(tree):\n    return compile(ast.fix_missing_locations(tree), "<ast>", "exec")\n' },
    { name: 'compile of a parameter builds a code object and runs nothing', code: 'def f(src):\n    return compile(src, "<string>", "exec")\n' },
    { name: 'a bytes literal is a constant', code: "exec(b'x = 1')\n" },
    { name: 'suppressed with our own comment', code: 'def f(x):\n    return eval(x)  # psg-ignore: PSG103 -- x is produced by our own parser\n' },
  ],
  invalid: [
    { code: 'def f(expr):\n    return eval(expr)\n', findings: [{ text: 'eval(expr)', confidence: 'low', message: 'not a constant' }] },
    { code: 'from flask import request\ndef view():\n    return str(eval(request.args["q"]))\n', findings: [{ text: 'eval(request.args["q"])', confidence: 'high' }] },
    { code: 'exec(input())\n', findings: [{ text: 'exec(input())', confidence: 'medium', message: 'from `input()`' }] },
    { code: 'def f(name):\n    exec(f"import {name}")\n', findings: [{ text: 'exec(f"import {name}")', message: '`exec`' }] },
    { code: 'code = compile(input(), "<string>", "exec")\n', findings: [{ text: 'compile(input(), "<string>", "exec")', message: '`compile`' }] },
    { code: 'from flask import request\ndef view():\n    return compile(source=request.form["src"], filename="x", mode="eval")\n', findings: [{ text: 'compile(source=request.form["src"], filename="x", mode="eval")', confidence: 'high' }] },
    { name: 'called through the builtins module', code: 'import builtins\ndef f(s):\n    return builtins.eval(s)\n', findings: [{ text: 'builtins.eval(s)' }] },
    { code: 'import sys\nexec(sys.stdin.read())\n', findings: [{ text: 'exec(sys.stdin.read())', confidence: 'medium', message: '`sys.stdin`' }] },
    { name: 'the whole statement suppressed for another rule does not hide this one', code: 'def f(e):\n    return eval(e)  # psg-ignore: PSG101 -- not this rule\n', findings: [{ text: 'eval(e)' }] },
    { code: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/calc/<expr>")\ndef calc(expr):\n    return str(eval(expr))\n', findings: [{ text: 'eval(expr)', confidence: 'high', message: '`expr` from route parameter `expr` reaches `eval`' }] },
  ],
};
