import type { RuleCases } from '../types';

const app = 'from flask import Flask\napp = Flask(__name__)\n';

export const cases: RuleCases = {
  ruleId: 'PSG601',
  valid: [
    { name: 'no debug', code: `${app}app.run()\n` },
    { name: 'debug=False', code: `${app}app.run(debug=False)\n` },
    { name: 'debug from the environment', code: `import os\n${app}app.run(debug=os.environ.get("FLASK_DEBUG") == "1")\n` },
    { name: 'not a Flask app', code: 'server.run(debug=True)\n' },
    { name: 'a Django-style DEBUG setting is another concern', code: 'DEBUG = True\n' },
    { name: 'logging debug', code: `${app}app.logger.debug("x")\n` },
    { name: 'config DEBUG False', code: `${app}app.config["DEBUG"] = False\n` },
    { name: 'suppressed', code: `${app}app.run(debug=True)  # nosec B201\n` },
    { name: 'a debug attribute on another object', code: `${app}toolbar.debug = True\n` },
  ],
  invalid: [
    { name: 'app.run(debug=True)', code: `${app}app.run(debug=True)\n`, findings: [{ text: 'debug=True', confidence: 'high' }], output: `from flask import Flask\nimport os\napp = Flask(__name__)\napp.run(debug=os.environ.get("FLASK_DEBUG") == "1")\n` },
    { name: 'with host and port', code: `import os\n${app}app.run(host="127.0.0.1", port=5000, debug=True)\n`, findings: [{ text: 'debug=True' }], output: `import os\n${app}app.run(host="127.0.0.1", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")\n` },
    { name: 'under __main__', code: `${app}if __name__ == "__main__":\n    app.run(debug=True)\n`, findings: [{ text: 'debug=True' }] },
    { name: 'aliased Flask', code: 'import flask\nweb = flask.Flask("x")\nweb.run(debug=True)\n', findings: [{ text: 'debug=True' }] },
    { name: 'app.debug = True', code: `${app}app.debug = True\n`, findings: [{ text: 'app.debug = True' }], output: `from flask import Flask\nimport os\napp = Flask(__name__)\napp.debug = os.environ.get("FLASK_DEBUG") == "1"\n` },
    { name: 'config DEBUG', code: `${app}app.config["DEBUG"] = True\n`, findings: [{ text: 'app.config["DEBUG"] = True' }] },
    { name: 'quart', code: 'from quart import Quart\napp = Quart(__name__)\napp.run(debug=True)\n', findings: [{ text: 'debug=True' }] },
    { name: '`os` taken: no fix', code: `os = 1\n${app}app.run(debug=True)\n`, findings: [{ text: 'debug=True' }], output: null, noFixBecause: '`os`' },
  ],
};
