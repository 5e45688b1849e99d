import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG310',
  valid: [
    'import hashlib\ndigest = hashlib.sha256(data).hexdigest()\n',
    'import hashlib\netag = hashlib.md5(body, usedforsecurity=False).hexdigest()\n',
    'import hashlib\nh = hashlib.new("sha256", data)\n',
    { name: 'password hashing is the password rule\'s finding', code: 'import hashlib\ndef store(password):\n    return hashlib.md5(password.encode()).hexdigest()\n' },
    { name: 'an unrelated md5 function', code: 'def md5(x):\n    return x\nmd5(b"a")\n' },
    'import hashlib\nh = hashlib.blake2b(data)\n',
    'from cryptography.hazmat.primitives import hashes\nh = hashes.Hash(hashes.SHA256())\n',
    { name: 'noqa with the Ruff code', code: 'import hashlib\nh = hashlib.sha1(data)  # noqa: S324\n' },
  ],
  invalid: [
    {
      name: 'md5 for a signature becomes sha256',
      code: 'import hashlib\nsignature = hashlib.md5(secret + payload).hexdigest()\n',
      findings: [{ text: 'hashlib.md5(secret + payload)', message: 'MD5', confidence: 'medium' }],
      output: 'import hashlib\nsignature = hashlib.sha256(secret + payload).hexdigest()\n',
    },
    {
      name: 'a checksum gets usedforsecurity=False',
      code: 'import hashlib\nchecksum = hashlib.md5(content).hexdigest()\n',
      findings: [{ text: 'hashlib.md5(content)', confidence: 'low', message: 'usedforsecurity=False' }],
      output: 'import hashlib\nchecksum = hashlib.md5(content, usedforsecurity=False).hexdigest()\n',
    },
    {
      name: 'hashlib.new("sha1")',
      code: 'import hashlib\ntoken_hash = hashlib.new("sha1", data)\n',
      findings: [{ text: 'hashlib.new("sha1", data)' }],
      output: 'import hashlib\ntoken_hash = hashlib.new("sha256", data)\n',
    },
    {
      name: 'an ETag in a function named for it',
      code: "import hashlib\ndef compute_etag(body):\n    return hashlib.sha1(body).hexdigest()\n",
      findings: [{ text: 'hashlib.sha1(body)' }],
      output: "import hashlib\ndef compute_etag(body):\n    return hashlib.sha1(body, usedforsecurity=False).hexdigest()\n",
    },
    {
      name: 'usedforsecurity=True is still flagged',
      code: 'import hashlib\nh = hashlib.md5(data, usedforsecurity=True)\n',
      findings: [{ text: 'hashlib.md5(data, usedforsecurity=True)' }],
    },
    {
      name: 'imported by name: no automatic rewrite',
      code: 'from hashlib import md5\nh = md5(data)\n',
      findings: [{ text: 'md5(data)' }],
      output: null,
      noFixBecause: 'imported by name',
    },
    {
      name: 'PyCryptodome MD5',
      code: 'from Crypto.Hash import MD5\nh = MD5.new(data)\n',
      findings: [{ text: 'MD5.new(data)' }],
      output: null,
    },
    {
      name: 'cryptography SHA1',
      code: 'from cryptography.hazmat.primitives import hashes\nh = hashes.Hash(hashes.SHA1())\n',
      findings: [{ text: 'hashes.SHA1()' }],
    },
    {
      name: 'hashlib.new with a keyword name',
      code: "import hashlib\nh = hashlib.new(name='md5')\n",
      findings: [{ text: "hashlib.new(name='md5')" }],
      output: "import hashlib\nh = hashlib.new(name='sha256')\n",
    },
    {
      name: 'POP3 APOP (poplib): the protocol requires MD5, no fix',
      code: dedent(`
        import re
        class POP3:
            timestamp = re.compile(br'\\+OK.[^<]*(<.*>)')
            def apop(self, user, password):
                secret = bytes(password, self.encoding)
                m = self.timestamp.match(self.welcome)
                if not m:
                    raise error_proto('-ERR APOP not supported by server')
                import hashlib
                digest = m.group(1)+secret
                digest = hashlib.md5(digest).hexdigest()
                return self._shortcmd('APOP %s %s' % (user, digest))
      `),
      findings: [{ text: 'hashlib.md5(digest)', message: 'POP3 APOP requires MD5' }],
      output: null,
      noFixBecause: /POP3 APOP requires MD5/,
    },
    {
      name: 'HTTP Digest authentication (urllib.request): MD5 by the server\'s algorithm, no fix',
      code: dedent(`
        import hashlib
        class AbstractDigestAuthHandler:
            def get_algorithm_impls(self, algorithm):
                if algorithm == 'MD5':
                    H = lambda x: hashlib.md5(x.encode("ascii")).hexdigest()
                elif algorithm == 'SHA':
                    H = lambda x: hashlib.sha1(x.encode("ascii")).hexdigest()
                else:
                    raise ValueError("Unsupported digest authentication algorithm %r" % algorithm)
                KD = lambda s, d: H("%s:%s" % (s, d))
                return H, KD
      `),
      findings: [
        { text: 'hashlib.md5(x.encode("ascii"))', message: 'HTTP Digest authentication requires MD5' },
        { text: 'hashlib.sha1(x.encode("ascii"))', message: 'HTTP Digest authentication requires SHA1' },
      ],
      output: null,
      noFixBecause: /HTTP Digest authentication requires MD5/,
    },
    {
      name: 'the cnonce of HTTP Digest authentication (urllib.request): no SHA-256 fix',
      code: dedent(`
        import hashlib, os, time
        class AbstractDigestAuthHandler:
            def get_cnonce(self, nonce):
                s = "%s:%s:%s:" % (self.nonce_count, nonce, time.ctime())
                b = s.encode("ascii") + os.urandom(8)
                dig = hashlib.sha1(b).hexdigest()
                return dig[:16]
            def get_authorization(self, req, chal):
                realm = chal['realm']
                nonce = chal['nonce']
                qop = chal.get('qop')
                return 'Digest %s' % realm
      `),
      findings: [{ text: 'hashlib.sha1(b)' }],
      output: null,
      noFixBecause: /HTTP Digest authentication requires/,
    },
    {
      name: 'hashlib.new("md5") for a CRAM-MD5 response: no fix',
      code: dedent(`
        import hashlib
        def cram_md5_response(user, secret, challenge):
            """Answer an AUTH CRAM-MD5 challenge."""
            inner = hashlib.new("md5", secret + challenge).hexdigest()
            return user + " " + inner
      `),
      findings: [{ text: 'hashlib.new("md5", secret + challenge)' }],
      output: null,
      noFixBecause: /CRAM-MD5 authentication requires MD5/,
    },
    {
      name: 'a Content-MD5 header: usedforsecurity=False (same digest), not SHA-256',
      code: dedent(`
        import base64, hashlib
        def headers(body):
            return {"Content-MD5": base64.b64encode(hashlib.md5(body).digest())}
      `),
      findings: [{ text: 'hashlib.md5(body)' }],
      output: dedent(`
        import base64, hashlib
        def headers(body):
            return {"Content-MD5": base64.b64encode(hashlib.md5(body, usedforsecurity=False).digest())}
      `),
      applicability: 'safe',
    },
  ],
};
