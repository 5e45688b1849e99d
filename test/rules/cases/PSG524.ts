import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG524',
  valid: [
    'import logging.config\nt = logging.config.listen(9999, verify=check)\n',
    'import logging.config\nt = logging.config.listen(9999, check)\n',
    'import logging.config\nlogging.config.dictConfig(cfg)\n',
    { name: 'an unrelated listen', code: 'sock.listen(5)\n' },
    'from logging.config import listen\nt = listen(verify=verify_signature)\n',
    'import logging.config\nlogging.config.stopListening()\n',
    { name: 'a local listen function', code: 'def listen(p):\n    pass\nlisten(1)\n' },
    { name: 'nosec', code: 'import logging.config\nlogging.config.listen()  # nosec B612\n' },
  ],
  invalid: [
    { code: 'import logging.config\nt = logging.config.listen(9999)\n', findings: [{ text: 'logging.config.listen(9999)', message: 'verify=' }] },
    { code: 'import logging.config\nlogging.config.listen()\n', findings: [{ text: 'logging.config.listen()' }] },
    { code: 'from logging.config import listen\nt = listen()\n', findings: [{ text: 'listen()' }] },
    { code: 'from logging import config\nconfig.listen(port)\n', findings: [{ text: 'config.listen(port)' }] },
    { code: 'import logging.config\nlogging.config.listen(9999, verify=None)\n', findings: [{ text: 'logging.config.listen(9999, verify=None)' }] },
    { code: 'import logging.config as lc\nlc.listen(1234)\n', findings: [{ text: 'lc.listen(1234)' }] },
    { code: 'from logging.config import listen as start\nthread = start(port=PORT)\n', findings: [{ text: 'start(port=PORT)' }] },
    { code: 'import logging.config\ndef main():\n    t = logging.config.listen()\n    t.start()\n', findings: [{ text: 'logging.config.listen()' }] },
  ],
};
