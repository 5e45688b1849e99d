import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG312',
  valid: [
    'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(public_exponent=65537, key_size=2048)\n',
    'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(65537, 4096)\n',
    'from cryptography.hazmat.primitives.asymmetric import dsa\nk = dsa.generate_private_key(key_size=3072)\n',
    'from Crypto.PublicKey import RSA\nk = RSA.generate(2048)\n',
    'from cryptography.hazmat.primitives.asymmetric import ec\nk = ec.generate_private_key(ec.SECP256R1())\n',
    { name: 'size from a variable', code: 'from Crypto.PublicKey import RSA\ndef f(bits):\n    return RSA.generate(bits)\n' },
    { name: 'an unrelated generate', code: 'k = keys.generate(512)\n' },
    { name: 'nosec', code: 'from Crypto.PublicKey import RSA\nk = RSA.generate(1024)  # nosec\n' },
  ],
  invalid: [
    {
      code: 'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(public_exponent=65537, key_size=1024)\n',
      findings: [{ text: '1024', message: '1024-bit RSA' }],
      output: 'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(public_exponent=65537, key_size=2048)\n',
    },
    { code: 'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(65537, 512)\n', findings: [{ text: '512' }], output: 'from cryptography.hazmat.primitives.asymmetric import rsa\nk = rsa.generate_private_key(65537, 2048)\n' },
    { code: 'from cryptography.hazmat.primitives.asymmetric import dsa\nk = dsa.generate_private_key(1024)\n', findings: [{ text: '1024', message: 'DSA' }] },
    { code: 'from Crypto.PublicKey import RSA\nk = RSA.generate(1024)\n', findings: [{ text: '1024' }], output: 'from Crypto.PublicKey import RSA\nk = RSA.generate(2048)\n' },
    { code: 'from Cryptodome.PublicKey import DSA\nk = DSA.generate(bits=1024)\n', findings: [{ text: '1024' }] },
    { code: 'from cryptography.hazmat.primitives.asymmetric import ec\nk = ec.generate_private_key(ec.SECP192R1())\n', findings: [{ text: 'ec.SECP192R1()', message: 'SECP192R1' }] },
    { code: 'import Crypto.PublicKey.RSA\nk = Crypto.PublicKey.RSA.generate(1_024)\n', findings: [{ text: '1_024' }] },
    { code: 'from cryptography.hazmat.primitives.asymmetric import ec\nk = ec.generate_private_key(curve=ec.SECT163K1())\n', findings: [{ text: 'ec.SECT163K1()' }] },
  ],
};
