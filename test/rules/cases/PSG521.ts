import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG521',
  valid: [
    'app.run(host="127.0.0.1")\n',
    'import os\napp.run(host=os.environ.get("HOST", "127.0.0.1"))\n',
    { name: 'compared, not bound', code: 'if addr == "0.0.0.0":\n    pass\n' },
    { name: 'printed', code: 'print("0.0.0.0")\n' },
    { name: 'a message', code: 'msg = "listening on 0.0.0.0"\n' },
    { name: 'a route', code: 'NAME = "0.0.0.0"\n' },
    'sock.bind(("127.0.0.1", 8080))\n',
    { name: 'nosec', code: 'app.run(host="0.0.0.0")  # nosec B104\n' },
  ],
  invalid: [
    { code: 'app.run(host="0.0.0.0", port=5000)\n', findings: [{ text: '"0.0.0.0"', message: '127.0.0.1' }], output: 'app.run(host="127.0.0.1", port=5000)\n' },
    { code: 'sock.bind(("0.0.0.0", 8080))\n', findings: [{ text: '"0.0.0.0"' }], output: 'sock.bind(("127.0.0.1", 8080))\n' },
    { code: "HOST = '0.0.0.0'\n", findings: [{ text: "'0.0.0.0'" }], output: "HOST = '127.0.0.1'\n" },
    { code: 'uvicorn.run(app, host="::")\n', findings: [{ text: '"::"' }], output: 'uvicorn.run(app, host="::1")\n' },
    { code: 'def serve(bind_address="0.0.0.0"):\n    pass\n', findings: [{ text: '"0.0.0.0"' }] },
    { code: 'config = {"host": "0.0.0.0"}\n', findings: [{ text: '"0.0.0.0"' }] },
    { code: 'server = HTTPServer(("0.0.0.0", 80), Handler)\n', findings: [{ text: '"0.0.0.0"' }] },
    { code: 'self.listen_addr = "0.0.0.0"\n', findings: [{ text: '"0.0.0.0"' }] },
    { code: 'settings.BIND_HOST = "0.0.0.0"\n', findings: [{ text: '"0.0.0.0"' }] },
  ],
};
