import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG311',
  valid: [
    'from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_GCM)\n',
    'from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_EAX, nonce=nonce)\n',
    'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(key), modes.GCM(iv))\n',
    'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\naead = AESGCM(key)\n',
    'from cryptography.fernet import Fernet\nf = Fernet(key)\n',
    { name: 'an unrelated DES name', code: 'DES = object()\nx = DES.new(1)\n' },
    'from Crypto.Cipher import ChaCha20_Poly1305\nc = ChaCha20_Poly1305.new(key=key)\n',
    { name: 'nosec with the Bandit id', code: 'from Crypto.Cipher import AES\nc = AES.new(k, AES.MODE_ECB)  # nosec B305\n' },
  ],
  invalid: [
    { code: 'from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_ECB)\n', findings: [{ text: 'AES.MODE_ECB', message: 'ECB' }] },
    { code: 'from Cryptodome.Cipher import AES\ncipher = AES.new(key, mode=AES.MODE_ECB)\n', findings: [{ text: 'AES.MODE_ECB' }] },
    { code: 'from Crypto.Cipher import DES\ncipher = DES.new(key, DES.MODE_CBC, iv)\n', findings: [{ text: 'DES.new(key, DES.MODE_CBC, iv)', message: 'DES' }] },
    { code: 'from Crypto.Cipher import ARC4\ncipher = ARC4.new(key)\n', findings: [{ text: 'ARC4.new(key)' }] },
    { code: 'from Crypto.Cipher import Blowfish\nc = Blowfish.new(key, Blowfish.MODE_CBC)\n', findings: [{ text: 'Blowfish.new(key, Blowfish.MODE_CBC)' }] },
    { code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(key), modes.ECB())\n', findings: [{ text: 'modes.ECB()' }] },
    { code: 'from cryptography.hazmat.primitives.ciphers import algorithms\na = algorithms.TripleDES(key)\n', findings: [{ text: 'algorithms.TripleDES(key)' }] },
    { code: 'import Crypto.Cipher.XOR\nc = Crypto.Cipher.XOR.new(key)\n', findings: [{ text: 'Crypto.Cipher.XOR.new(key)' }] },
    { code: 'from cryptography.hazmat.primitives.ciphers import algorithms\na = algorithms.ARC4(key)\n', findings: [{ text: 'algorithms.ARC4(key)' }] },
  ],
};
