import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG502',
  valid: [
    'import ssl\nctx = ssl.create_default_context()\n',
    'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n',
    'import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n',
    'import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_3\n',
    'from OpenSSL import SSL\nctx = SSL.Context(SSL.TLS_METHOD)\n',
    'PROTOCOL_TLSv1 = "a name of our own"\nprint(PROTOCOL_TLSv1)\n',
    'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n',
    'import ssl\nctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED\n',
  ],
  invalid: [
    { name: 'PROTOCOL_TLSv1', code: 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n', findings: [{ text: 'ssl.PROTOCOL_TLSv1' }], output: null },
    { name: 'PROTOCOL_SSLv3', code: 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_SSLv3)\n', findings: [{ text: 'ssl.PROTOCOL_SSLv3' }] },
    { name: 'PROTOCOL_SSLv2 from-import', code: 'from ssl import PROTOCOL_SSLv2\nctx = SSLContext(PROTOCOL_SSLv2)\n', findings: [{ text: 'PROTOCOL_SSLv2' }] },
    { name: 'PROTOCOL_TLSv1_1', code: 'import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1_1)\n', findings: [{ text: 'ssl.PROTOCOL_TLSv1_1' }] },
    { name: 'minimum TLSv1', code: 'import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1\n', findings: [{ text: 'ssl.TLSVersion.TLSv1' }], output: 'import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n' },
    { name: 'minimum TLSv1_1', code: 'import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_1\n', findings: [{ text: 'ssl.TLSVersion.TLSv1_1' }], output: 'import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n' },
    { name: 'pyOpenSSL SSLv3', code: 'from OpenSSL import SSL\nctx = SSL.Context(SSL.SSLv3_METHOD)\n', findings: [{ text: 'SSL.SSLv3_METHOD' }] },
    { name: 'pyOpenSSL TLSv1', code: 'from OpenSSL import SSL\nctx = SSL.Context(SSL.TLSv1_METHOD)\n', findings: [{ text: 'SSL.TLSv1_METHOD' }] },
    { name: 'aliased ssl', code: 'import ssl as s\nctx = s.SSLContext(s.PROTOCOL_TLSv1)\n', findings: [{ text: 's.PROTOCOL_TLSv1' }] },
  ],
};
