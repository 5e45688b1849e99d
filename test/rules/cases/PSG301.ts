import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG301',
  valid: [
    { name: "the 2026 guide's passlib example", code: 'from passlib.hash import bcrypt\nhashed = bcrypt.hash("user_password")\nbcrypt.verify("user_password", hashed)\n' },
    { name: "the 2026 guide's bcrypt example", code: 'import bcrypt\npassword = b"secret_password"\nsalt = bcrypt.gensalt()\nhashed = bcrypt.hashpw(password, salt)\nbcrypt.checkpw(password, hashed)\n' },
    { name: 'argon2', code: 'from argon2 import PasswordHasher\nph = PasswordHasher()\nstored = ph.hash(password)\n' },
    { name: 'sha256 of file content', code: 'import hashlib\ndigest = hashlib.sha256(data).hexdigest()\n' },
    { name: 'sha256 of a token (not a password)', code: 'import hashlib\nkey = hashlib.sha256(api_token.encode()).hexdigest()\n' },
    { name: 'pbkdf2_hmac is a password KDF', code: 'import hashlib\ndk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)\n' },
    { name: 'scrypt', code: 'import hashlib\ndk = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)\n' },
    { name: 'a password-length value is not a password', code: 'import hashlib\nh = hashlib.md5(str(password_length).encode())\n' },
    { name: 'a local hash function that is not hashlib', code: 'def md5(x):\n    return x\nmd5(password)\n' },
  ],
  invalid: [
    {
      name: 'sha256 hexdigest of a password',
      code: 'import hashlib\nstored = hashlib.sha256(password.encode()).hexdigest()\n',
      findings: [{ text: 'password.encode()', message: '`hashlib.sha256`', confidence: 'high' }],
    },
    { name: 'md5', code: 'import hashlib\nh = hashlib.md5(user_password.encode("utf-8")).hexdigest()\n', findings: [{ text: 'user_password.encode("utf-8")', message: 'md5' }] },
    { name: 'sha1 via from-import', code: 'from hashlib import sha1\nh = sha1(pwd).hexdigest()\n', findings: [{ text: 'pwd', message: 'sha1' }] },
    { name: 'salted sha512 is still fast', code: 'import hashlib\nh = hashlib.sha512((salt + password).encode()).hexdigest()\n', findings: [{ text: '(salt + password).encode()' }] },
    { name: 'hashlib.new', code: 'import hashlib\nh = hashlib.new("sha256", password.encode())\n', findings: [{ text: 'password.encode()', message: 'hashlib.new' }] },
    {
      name: 'update() on a hash object',
      code: dedent(`
        import hashlib
        def store(user, password):
            h = hashlib.sha256()
            h.update(password.encode())
            user.hash = h.hexdigest()
      `),
      findings: [{ text: 'password.encode()' }],
    },
    { name: 'request form field', code: 'import hashlib\nfrom flask import request\nh = hashlib.sha256(request.form["password"].encode())\n', findings: [{ text: 'request.form["password"].encode()' }] },
    { name: 'alias of hashlib', code: 'import hashlib as hl\nh = hl.sha3_256(new_password.encode()).digest()\n', findings: [{ text: 'new_password.encode()' }] },
    { name: 'blake2b', code: 'import hashlib\nh = hashlib.blake2b(passphrase.encode()).hexdigest()\n', findings: [{ text: 'passphrase.encode()' }] },
  ],
};
