import type { RuleCases } from '../types';

const flaskPandas = 'from flask import request\nimport pandas as pd\n';

export const cases: RuleCases = {
  ruleId: 'PSG143',
  valid: [
    { name: 'a constant query', code: `${flaskPandas}def view():\n    df = pd.read_csv("sales.csv")\n    return df.query("amount > 100").to_json()\n` },
    { name: 'a query from a parameter is not shown to come from outside', code: 'import pandas as pd\ndef select(df, expr):\n    return df.query(expr)\n' },
    { name: 'a bound local variable in a constant query', code: `${flaskPandas}def view():\n    df = pd.read_csv("s.csv")\n    limit = float(request.args["min"])\n    return df.query("amount > @limit").to_json()\n` },
    { name: 'a SQLAlchemy query is not a DataFrame', code: 'from flask import request\nfrom sqlalchemy.orm import Session\ndef view(session: Session):\n    return session.query(request.args["model"])\n' },
    { name: 'a query() method in a file without pandas', code: 'from flask import request\ndef view(index):\n    return index.query(request.args["q"])\n' },
    { name: 'a constant ImageMath expression', code: 'from PIL import ImageMath\ndef mix(a, b):\n    return ImageMath.eval("convert(max(a, b), \'L\')", a=a, b=b)\n' },
    { name: 'sympify of a parameter', code: 'import sympy\ndef simplify(expr):\n    return sympy.sympify(expr)\n' },
    { name: 'test code', code: 'from PIL import ImageMath\ndef test_eval(expr):\n    assert ImageMath.eval(expr)\n' },
    { name: 'a number from the request', code: `${flaskPandas}def view():\n    df = pd.read_csv("s.csv")\n    return df.query(f"amount > {float(request.args['min'])}").to_json()\n` },
  ],
  invalid: [
    {
      name: 'DataFrame.query with a request filter',
      code: `${flaskPandas}def view():\n    df = pd.read_csv("sales.csv")\n    return df.query(request.args["filter"]).to_json()\n`,
      findings: [{ text: 'request.args["filter"]', confidence: 'high', message: 'evaluates it as an expression' }],
      output: null,
      noFixBecause: 'allowed operations',
    },
    {
      name: 'a query built with an f-string',
      code: `${flaskPandas}def view():\n    df = pd.read_csv("sales.csv")\n    col = request.args["col"]\n    return df.query(f"{col} > 100").to_json()\n`,
      findings: [{ text: 'f"{col} > 100"', confidence: 'high' }],
    },
    {
      name: 'DataFrame.eval on a frame the file does not show',
      code: `${flaskPandas}def view(frame):\n    return str(frame.eval(request.form["formula"]))\n`,
      findings: [{ text: 'request.form["formula"]', confidence: 'high' }],
    },
    {
      name: 'pandas.eval',
      code: `${flaskPandas}def view():\n    return str(pd.eval(request.args["expr"]))\n`,
      findings: [{ text: 'request.args["expr"]', confidence: 'high' }],
    },
    {
      name: 'ImageMath.eval from the request',
      code: 'from flask import request\nfrom PIL import Image, ImageMath\ndef view():\n    im = Image.open("a.png")\n    return ImageMath.eval(request.args["op"], a=im)\n',
      findings: [{ text: 'request.args["op"]', confidence: 'high' }],
    },
    {
      name: 'ImageMath.eval of a parameter: low confidence',
      code: 'from PIL import ImageMath\ndef apply(expression, image):\n    return ImageMath.eval(expression, a=image)\n',
      findings: [{ text: 'expression', confidence: 'low', message: 'not a constant' }],
    },
    {
      name: 'numexpr.evaluate',
      code: 'from flask import request\nimport numexpr\ndef view():\n    return str(numexpr.evaluate(request.args["ex"]))\n',
      findings: [{ text: 'request.args["ex"]', confidence: 'high' }],
    },
    {
      name: 'sympify of request data',
      code: 'from flask import request\nfrom sympy import sympify\ndef view():\n    return str(sympify(request.json["formula"]))\n',
      findings: [{ text: 'request.json["formula"]', confidence: 'high' }],
    },
    {
      name: 'parse_expr of input()',
      code: 'from sympy.parsing.sympy_parser import parse_expr\nexpr = parse_expr(input("formula: "))\n',
      findings: [{ text: 'input("formula: ")', confidence: 'medium' }],
    },
  ],
};
