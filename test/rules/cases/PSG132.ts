import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const head = 'import logging\nfrom flask import request\nlogger = logging.getLogger(__name__)\n';

export const cases: RuleCases = {
  ruleId: 'PSG132',
  valid: [
    { name: 'a constant message', code: `${head}logger.info("started")\n` },
    { name: '%r quotes the value', code: `${head}def login():\n    logger.warning("login failed for %r", request.form["user"])\n` },
    { name: '!r in an f-string', code: `${head}def login():\n    logger.warning(f"login failed for {request.form['user']!r}")\n` },
    { name: 'line breaks removed first', code: `${head}def login():\n    user = request.form["user"].replace("\\n", " ")\n    logger.warning("login failed for %s", user)\n` },
    { name: 'a number', code: `${head}def show():\n    logger.info("page %s", int(request.args["page"]))\n` },
    { name: 'unknown origin is not reported', code: 'import logging\nlog = logging.getLogger("x")\ndef handle(user):\n    log.info("user %s", user)\n' },
    { name: 'repr() of the value', code: `${head}def login():\n    logger.error("bad header " + repr(request.headers.get("X-Id")))\n` },
    { name: 'not a logger', code: 'from flask import request\ndef f():\n    catalog.info(request.args["q"])\n' },
    { name: '%d formats a number', code: `${head}def f():\n    logger.info("n=%d", request.args["n"])\n` },
  ],
  invalid: [
    {
      name: 'a form field as a %s argument',
      code: `${head}def login():\n    logger.warning("login failed for %s", request.form["user"])\n`,
      findings: [{ text: 'request.form["user"]', confidence: 'high', message: 'reaches `logger.warning`' }],
    },
    {
      name: 'an f-string message with a header',
      code: `${head}def hit():\n    agent = request.headers.get("User-Agent")\n    logger.info(f"hit from {agent}")\n`,
      findings: [{ text: 'f"hit from {agent}"', confidence: 'high', message: '`request.headers`' }],
    },
    {
      name: 'the logging module itself',
      code: 'import logging\nfrom flask import request\ndef f():\n    logging.error("bad id: " + request.args["id"])\n',
      findings: [{ text: '"bad id: " + request.args["id"]', confidence: 'high' }],
    },
    {
      name: 'logger.log(level, msg, arg)',
      code: `${head}def f():\n    logger.log(logging.INFO, "q=%s", request.args["q"])\n`,
      findings: [{ text: 'request.args["q"]' }],
    },
    {
      name: 'a Django view argument, self.logger',
      code: dedent(`
        import logging
        from django.views import View
        class Search(View):
            logger = logging.getLogger(__name__)
            def get(self, request, term):
                self.logger.info("search %s", term)
      `),
      findings: [{ text: 'term', confidence: 'high', message: 'route parameter `term`' }],
    },
    {
      name: 'input() read at a prompt: medium confidence, the person typing runs the program',
      code: 'import logging\nname = input("name? ")\nlogging.info("hello %s", name)\n',
      findings: [{ text: 'name', confidence: 'medium', message: '`input()`' }],
    },
    {
      name: 'an HTTP response body: medium confidence',
      code: 'import logging, requests\nr = requests.get("https://api.example.com/x", timeout=5)\nlogging.info("upstream said %s", r.text)\n',
      findings: [{ text: 'r.text', confidence: 'medium' }],
    },
    {
      name: 'through a helper that builds the line',
      code: `${head}def line(who):\n    return "user=" + who\ndef f():\n    logger.info(line(request.cookies["who"]))\n`,
      findings: [{ text: 'line(request.cookies["who"])', confidence: 'high' }],
    },
  ],
};
