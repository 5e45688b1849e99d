import type { RuleCases } from '../types';

const lxml = 'from lxml import etree\n';

export const cases: RuleCases = {
  ruleId: 'PSG721',
  valid: [
    { name: 'a hardened lxml parser', code: `${lxml}parser = etree.XMLParser(resolve_entities=False, no_network=True)\n` },
    { name: 'lxml defaults', code: `${lxml}parser = etree.XMLParser(remove_blank_text=True)\n` },
    { name: 'a DTD loaded with entities off', code: `${lxml}parser = etree.XMLParser(load_dtd=True, resolve_entities=False)\n` },
    { name: 'a SAX feature turned off', code: 'import xml.sax\nfrom xml.sax.handler import feature_external_ges\nparser = xml.sax.make_parser()\nparser.setFeature(feature_external_ges, False)\n' },
    { name: 'another SAX feature turned on', code: 'import xml.sax\nfrom xml.sax.handler import feature_namespaces\nparser = xml.sax.make_parser()\nparser.setFeature(feature_namespaces, True)\n' },
    { name: 'xmltodict with its default', code: 'import xmltodict\ndoc = xmltodict.parse(data)\n' },
    { name: 'a parser class of another library', code: 'from html.parser import HTMLParser\nparser = HTMLParser(convert_charrefs=True)\n' },
    { name: 'test code', code: `${lxml}class TestEntities:\n    def test_resolves(self):\n        return etree.XMLParser(resolve_entities=True)\n` },
    { name: 'no_network left at its default', code: `${lxml}parser = etree.XMLParser(no_network=True, recover=True)\n` },
  ],
  invalid: [
    {
      name: 'resolve_entities and no_network: both turned back',
      code: `${lxml}parser = etree.XMLParser(resolve_entities=True, no_network=False)\n`,
      findings: [{ text: 'etree.XMLParser(resolve_entities=True, no_network=False)', confidence: 'medium', message: 'XXE' }],
      output: `${lxml}parser = etree.XMLParser(resolve_entities=False, no_network=True)\n`,
      applicability: 'unsafe',
    },
    {
      name: 'resolve_entities=True alone',
      code: 'import lxml.etree\ndef parse(body):\n    return lxml.etree.fromstring(body, lxml.etree.XMLParser(resolve_entities=True))\n',
      findings: [{ text: 'lxml.etree.XMLParser(resolve_entities=True)' }],
      output: 'import lxml.etree\ndef parse(body):\n    return lxml.etree.fromstring(body, lxml.etree.XMLParser(resolve_entities=False))\n',
    },
    {
      name: 'load_dtd without resolve_entities: low confidence, entities turned off',
      code: `${lxml}parser = etree.XMLParser(load_dtd=True)\n`,
      findings: [{ text: 'etree.XMLParser(load_dtd=True)', confidence: 'low', message: 'loads the document' }],
      output: `${lxml}parser = etree.XMLParser(load_dtd=True, resolve_entities=False)\n`,
    },
    {
      name: 'dtd_validation on iterparse',
      code: `${lxml}def events(f):\n    return etree.iterparse(f, dtd_validation=True, no_network=False)\n`,
      findings: [{ text: 'etree.iterparse(f, dtd_validation=True, no_network=False)', confidence: 'medium' }],
      output: `${lxml}def events(f):\n    return etree.iterparse(f, dtd_validation=True, no_network=True, resolve_entities=False)\n`,
    },
    {
      name: 'huge_tree: no fix',
      code: `${lxml}parser = etree.XMLParser(huge_tree=True)\n`,
      findings: [{ text: 'etree.XMLParser(huge_tree=True)', message: 'huge_tree' }],
      output: null,
      noFixBecause: 'large documents',
    },
    {
      name: 'SAX external general entities turned on',
      code: 'import xml.sax\nfrom xml.sax.handler import feature_external_ges\nparser = xml.sax.make_parser()\nparser.setFeature(feature_external_ges, True)\n',
      findings: [{ text: 'parser.setFeature(feature_external_ges, True)', confidence: 'medium' }],
      output: 'import xml.sax\nfrom xml.sax.handler import feature_external_ges\nparser = xml.sax.make_parser()\nparser.setFeature(feature_external_ges, False)\n',
    },
    {
      name: 'SAX feature by module attribute',
      code: 'import xml.sax\nimport xml.sax.handler\ndef make():\n    p = xml.sax.make_parser()\n    p.setFeature(xml.sax.handler.feature_external_pes, 1)\n    return p\n',
      findings: [{ text: 'p.setFeature(xml.sax.handler.feature_external_pes, 1)' }],
      output: 'import xml.sax\nimport xml.sax.handler\ndef make():\n    p = xml.sax.make_parser()\n    p.setFeature(xml.sax.handler.feature_external_pes, False)\n    return p\n',
    },
    {
      name: 'SAX feature by URL',
      code: 'def make(p):\n    p.setFeature("http://xml.org/sax/features/external-general-entities", True)\n',
      findings: [{ text: 'p.setFeature("http://xml.org/sax/features/external-general-entities", True)' }],
    },
    {
      name: 'xmltodict with entities on',
      code: 'import xmltodict\ndef read(data):\n    return xmltodict.parse(data, disable_entities=False)\n',
      findings: [{ text: 'xmltodict.parse(data, disable_entities=False)', confidence: 'medium' }],
      output: 'import xmltodict\ndef read(data):\n    return xmltodict.parse(data, disable_entities=True)\n',
    },
    {
      name: 'options through **kwargs besides a DTD: no fix',
      code: `${lxml}def make(**options):\n    return etree.XMLParser(load_dtd=True, **options)\n`,
      findings: [{ text: 'etree.XMLParser(load_dtd=True, **options)' }],
      output: null,
      noFixBecause: '**kwargs',
    },
  ],
};
