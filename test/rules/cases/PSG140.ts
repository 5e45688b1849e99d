import type { RuleCases } from '../types';

const flask = 'from flask import request\nfrom lxml import etree\n';

export const cases: RuleCases = {
  ruleId: 'PSG140',
  valid: [
    { name: 'a bound XPath variable', code: `${flask}def view(root):\n    return root.xpath("//user[@name=$n]", n=request.args["n"])\n` },
    { name: 'a constant expression', code: 'from lxml import etree\ndef f(root):\n    return root.xpath("//user[@active=\'yes\']")\n' },
    { name: 'an expression from constants', code: 'from lxml import etree\nTAG = "user"\ndef f(root):\n    return root.xpath(f"//{TAG}")\n' },
    { name: 'str.find is not XPath', code: 'from flask import request\nimport xml.etree.ElementTree as ET\ndef view():\n    return str("abc".find(request.args["q"]))\n' },
    { name: 're.findall is not XPath', code: 'from flask import request\nimport re\nimport xml.etree.ElementTree as ET\ndef view():\n    return str(re.findall(request.args["q"], "text"))\n' },
    { name: 'a number from the request', code: `${flask}def view(root):\n    return root.xpath(f"//user[{int(request.args['i'])}]")\n` },
    { name: 'a find() on an unknown object without an XML library', code: 'from flask import request\ndef view(index):\n    return index.find(f"//a[@x=\'{request.args["x"]}\']")\n' },
    { name: 'test code', code: 'from lxml import etree\ndef test_lookup(root, name):\n    assert root.xpath(f"//u[@n=\'{name}\']")\n' },
    { name: 'elementpath with variables', code: 'from flask import request\nimport elementpath\ndef view(root):\n    return elementpath.select(root, "//u[@n=$n]", variables={"n": request.args["n"]})\n' },
  ],
  invalid: [
    {
      name: 'an f-string from the request, fixed with a bound variable',
      code: `${flask}def view(root):\n    name = request.args["name"]\n    return root.xpath(f"//user[@name='{name}']")\n`,
      findings: [{ text: `f"//user[@name='{name}']"`, confidence: 'high', message: 'evaluates it as XPath' }],
      output: `${flask}def view(root):\n    name = request.args["name"]\n    return root.xpath("//user[@name=$name]", name=str(name))\n`,
      applicability: 'safe',
    },
    {
      name: 'concatenation with double quotes, two values',
      code: `${flask}def view(tree):\n    return tree.xpath('//u[@n="' + request.form["u"] + '" and @p="' + request.form["p"] + '"]')\n`,
      findings: [{ text: `'//u[@n="' + request.form["u"] + '" and @p="' + request.form["p"] + '"]'`, confidence: 'high' }],
      output: `${flask}def view(tree):\n    return tree.xpath('//u[@n=$value and @p=$value_2]', value=request.form["u"], value_2=request.form["p"])\n`,
    },
    {
      name: '%-formatting',
      code: `${flask}def view(doc):\n    return doc.xpath("//item[@id='%s']/text()" % request.args["id"])\n`,
      findings: [{ text: `"//item[@id='%s']/text()" % request.args["id"]`, confidence: 'high' }],
      output: `${flask}def view(doc):\n    return doc.xpath("//item[@id=$value]/text()", value=str(request.args["id"]))\n`,
    },
    {
      name: 'a value outside quotes: no fix',
      code: `${flask}def view(root):\n    return root.xpath("//" + request.args["tag"])\n`,
      findings: [{ text: '"//" + request.args["tag"]', confidence: 'high' }],
      output: null,
      noFixBecause: 'not inside a quoted string',
    },
    {
      name: 'a value glued to other text in the string: no fix',
      code: `${flask}def view(root):\n    return root.xpath(f"//u[@mail='{request.args['u']}@example.com']")\n`,
      findings: [{ text: `f"//u[@mail='{request.args['u']}@example.com']"` }],
      output: null,
      noFixBecause: 'mixes a value with other text',
    },
    {
      name: 'etree.XPath compiles the expression',
      code: `${flask}def view():\n    find = etree.XPath("//u[@n='%s']" % request.args["n"])\n    return find\n`,
      findings: [{ text: `"//u[@n='%s']" % request.args["n"]`, confidence: 'high' }],
      output: null,
      noFixBecause: 'bind variables when it is called',
    },
    {
      name: 'ElementTree findall on a parsed tree',
      code: 'from flask import request\nimport xml.etree.ElementTree as ET\ndef view():\n    root = ET.parse("users.xml").getroot()\n    return str(root.findall(f".//user[@name=\'{request.args["n"]}\']"))\n',
      findings: [{ text: `f".//user[@name='{request.args["n"]}']"`, confidence: 'high' }],
      output: null,
      noFixBecause: 'no variables',
    },
    {
      name: 'ElementTree find on a loop variable in a file that parses XML',
      code: 'from flask import request\nimport xml.etree.ElementTree as ET\ndef view(nodes):\n    for node in nodes:\n        hit = node.find("./user[@id=\'" + request.args["id"] + "\']")\n    return str(hit)\n',
      findings: [{ text: `"./user[@id='" + request.args["id"] + "']"`, confidence: 'high' }],
    },
    {
      name: 'an XPathEvaluator called with a built expression',
      code: `${flask}def view(doc):\n    evaluate = etree.XPathEvaluator(doc)\n    return evaluate(f"//u[@n='{request.args['n']}']")\n`,
      findings: [{ text: `f"//u[@n='{request.args['n']}']"`, confidence: 'high' }],
      output: `${flask}def view(doc):\n    evaluate = etree.XPathEvaluator(doc)\n    return evaluate("//u[@n=$value]", value=str(request.args['n']))\n`,
    },
    {
      name: 'elementpath.select',
      code: 'from flask import request\nimport elementpath\ndef view(root):\n    return elementpath.select(root, f"//u[@n=\'{request.args["n"]}\']")\n',
      findings: [{ text: `f"//u[@n='{request.args["n"]}']"`, confidence: 'high' }],
      output: null,
    },
    {
      name: 'a parameter: low confidence',
      code: 'from lxml import etree\ndef lookup(root, name):\n    return root.xpath(f"//user[@name=\'{name}\']")\n',
      findings: [{ text: `f"//user[@name='{name}']"`, confidence: 'low' }],
      output: 'from lxml import etree\ndef lookup(root, name):\n    return root.xpath("//user[@name=$name]", name=str(name))\n',
    },
    {
      name: 'a name already used as a keyword gets another',
      code: `${flask}def view(root):\n    n = request.args["n"]\n    return root.xpath(f"//u[@n='{n}' and @k=$n]", n=1)\n`,
      findings: [{ text: `f"//u[@n='{n}' and @k=$n]"` }],
      output: `${flask}def view(root):\n    n = request.args["n"]\n    return root.xpath("//u[@n=$n_2 and @k=$n]", n=1, n_2=str(n))\n`,
    },
  ],
};
