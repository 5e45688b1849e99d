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
  ],
};
