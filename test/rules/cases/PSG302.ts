import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG302',
  valid: [
    { name: "the 2026 guide's bcrypt.checkpw", code: 'import bcrypt\nbcrypt.checkpw(password, hashed)\n' },
    { name: 'hmac.compare_digest', code: 'import hmac\nif hmac.compare_digest(user.password_hash, computed):\n    pass\n' },
    { name: 'password confirmation in a form', code: 'if password != confirm_password:\n    raise ValueError("passwords differ")\n' },
    { name: 'empty check', code: 'if password == "":\n    raise ValueError\n' },
    { name: 'None check', code: 'if user.password_hash == None:\n    pass\n' },
    { name: 'file checksums', code: 'if stored_hash == computed_hash:\n    pass\n' },
    { name: 'length comparison', code: 'if len(password) == 0:\n    pass\n' },
    { name: 'new and old passwords', code: 'if new_password == user.password:\n    raise ValueError("choose a different password")\n' },
    { name: 'is comparison', code: 'if user.password_hash is None:\n    pass\n' },
  ],
  invalid: [
    {
      name: 'hexdigest of a password compared with ==',
      code: dedent(`
        import hashlib
        if hashlib.sha256(password.encode()).hexdigest() == user.password_hash:
            login(user)
      `),
      findings: [{ text: 'hashlib.sha256(password.encode()).hexdigest() == user.password_hash', confidence: 'high' }],
      output: dedent(`
        import hashlib
        import hmac
        if hmac.compare_digest(hashlib.sha256(password.encode()).hexdigest(), user.password_hash):
            login(user)
      `),
    },
    {
      name: '!= becomes not compare_digest',
      code: 'import hmac\nif password_hash != row["password_hash"]:\n    deny()\n',
      findings: [{ text: 'password_hash != row["password_hash"]' }],
      output: 'import hmac\nif not hmac.compare_digest(password_hash, row["password_hash"]):\n    deny()\n',
    },
    { name: 'hashed_password attribute', code: 'ok = computed == user.hashed_password\n', findings: [{ text: 'computed == user.hashed_password' }], output: 'import hmac\nok = hmac.compare_digest(computed, user.hashed_password)\n' },
    { name: 'pw_hash subscript', code: 'return digest == record["pw_hash"]\n', findings: [{ text: 'digest == record["pw_hash"]' }] },
    {
      name: 'plaintext comparison: no fix',
      code: 'def login(user, password):\n    if user.password == password:\n        return True\n',
      findings: [{ text: 'user.password == password', message: 'plaintext' }],
      output: null,
      noFixBecause: 'plaintext',
    },
    { name: 'plaintext against a dict record', code: 'if row["password"] == pwd:\n    pass\n', findings: [{ text: 'row["password"] == pwd' }] },
    { name: 'md5 digest of a password', code: 'import hashlib\nvalid = hashlib.md5(pw.encode()).digest() == stored\n', findings: [{ text: 'hashlib.md5(pw.encode()).digest() == stored' }] },
    {
      name: '`hmac` taken: no fix',
      code: 'hmac = None\nok = computed == user.password_hash\n',
      findings: [{ text: 'computed == user.password_hash' }],
      output: null,
      noFixBecause: '`hmac`',
    },
  ],
};
