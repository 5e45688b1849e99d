import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG720',
  valid: [
    { name: 'a test class', code: 'import xml.etree.ElementTree as ET\nclass TestParse:\n    def run(self, doc):\n        return ET.fromstring(doc)\n' },
    'import defusedxml.ElementTree as ET\nroot = ET.fromstring(data)\n',
    { name: 'a constant document', code: 'import xml.etree.ElementTree as ET\nroot = ET.fromstring("<a/>")\n' },
    { name: 'building XML is not parsing', code: 'import xml.etree.ElementTree as ET\ne = ET.Element("a")\ns = ET.tostring(e)\n' },
    { name: 'lxml with a hardened parser', code: 'from lxml import etree\ndef f(d):\n    return etree.fromstring(d, parser=SAFE_PARSER)\n' },
    { name: 'xmlrpc after monkey_patch', code: 'import defusedxml.xmlrpc\ndefusedxml.xmlrpc.monkey_patch()\nimport xmlrpc.client\ns = xmlrpc.client.ServerProxy(url)\n' },
    { name: 'a local parse function', code: 'def parse(x):\n    return x\nparse(data)\n' },
    'import json\njson.loads(data)\n',
    { name: 'nosec', code: 'import xml.etree.ElementTree as ET\ndef f(d):\n    return ET.fromstring(d)  # nosec B314\n' },
  ],
  invalid: [
    {
      code: 'import xml.etree.ElementTree as ET\ndef f(data):\n    return ET.fromstring(data)\n',
      findings: [{ text: 'ET.fromstring(data)', message: 'defusedxml.ElementTree.fromstring' }],
      output: 'import xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\ndef f(data):\n    return defusedxml.ElementTree.fromstring(data)\n',
    },
    {
      code: 'from xml.dom import minidom\ndef f(s):\n    return minidom.parseString(s)\n',
      findings: [{ text: 'minidom.parseString(s)' }],
      output: 'from xml.dom import minidom\nimport defusedxml.minidom\ndef f(s):\n    return defusedxml.minidom.parseString(s)\n',
    },
    {
      name: 'request data: high confidence',
      code: 'from flask import request\nimport xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\ndef view():\n    return ET.parse(request.files["f"])\n',
      findings: [{ text: 'ET.parse(request.files["f"])', confidence: 'high' }],
      output: 'from flask import request\nimport xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\ndef view():\n    return defusedxml.ElementTree.parse(request.files["f"])\n',
    },
    {
      code: 'import xml.sax\nparser = xml.sax.make_parser()\n',
      findings: [{ text: 'xml.sax.make_parser()' }],
      output: 'import xml.sax\nimport defusedxml.sax\nparser = defusedxml.sax.make_parser()\n',
    },
    { code: 'from xml.dom.pulldom import parseString\ndef f(s):\n    return parseString(s)\n', findings: [{ text: 'parseString(s)' }] },
    { code: 'from lxml import etree\ndef f(d):\n    return etree.fromstring(d)\n', findings: [{ text: 'etree.fromstring(d)', message: 'resolve_entities=False' }], output: null },
    { code: 'import xmlrpc.client\nproxy = xmlrpc.client.ServerProxy("http://h/")\n', findings: [{ text: 'xmlrpc.client.ServerProxy("http://h/")', message: 'monkey_patch' }] },
    { name: 'defusedxml taken', code: 'import xml.etree.ElementTree as ET\ndefusedxml = None\ndef f(d):\n    return ET.XML(d)\n', findings: [{ text: 'ET.XML(d)' }], output: null, noFixBecause: 'already used' },
    {
      name: 'xml/dom/minidom.py itself: parse() built on expatbuilder, no fix',
      code: dedent(`
        def parse(file, parser=None, bufsize=None):
            """Parse a file into a DOM by filename or file object."""
            if parser is None and not bufsize:
                from xml.dom import expatbuilder
                return expatbuilder.parse(file)
            else:
                from xml.dom import pulldom
                return _do_pulldom_parse(pulldom.parse, (file,),
                    {'parser': parser, 'bufsize': bufsize})
      `),
      findings: [{ text: 'expatbuilder.parse(file)' }],
      output: null,
      noFixBecause: /standard library module cannot import defusedxml/,
    },
    {
      name: 'xml/dom/pulldom.py itself: parse() built on xml.sax.make_parser, no fix',
      code: dedent(`
        import xml.sax
        def parse(stream_or_string, parser=None, bufsize=None):
            if bufsize is None:
                bufsize = default_bufsize
            if isinstance(stream_or_string, str):
                stream = open(stream_or_string, 'rb')
            else:
                stream = stream_or_string
            if not parser:
                parser = xml.sax.make_parser()
            return DOMEventStream(stream, parser, bufsize)
      `),
      findings: [{ text: 'xml.sax.make_parser()' }],
      output: null,
      noFixBecause: /standard library module/,
    },
    {
      name: 'application code: the fix names the new dependency in its title',
      code: 'import xml.etree.ElementTree as ET\ndef load(body):\n    return ET.fromstring(body)\n',
      findings: [{ text: 'ET.fromstring(body)' }],
      output: 'import xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\ndef load(body):\n    return defusedxml.ElementTree.fromstring(body)\n',
      applicability: 'unsafe',
    },
  ],
};
