import type { RuleCases } from '../types';
import { guideJwt } from '../guideExamples';

export const cases: RuleCases = {
  ruleId: 'PSG603',
  valid: [
    { name: "the 2026 guide's JWT handling", code: guideJwt },
    'import jwt\njwt.decode(token, key, algorithms=["HS256"], options={"verify_aud": False})\n',
    'import jwt\njwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True})\n',
    'import jwt\njwt.encode(payload, key, algorithm="HS256")\n',
    'import jwt\nheader = jwt.get_unverified_header(token)\n',
    { name: 'not a JWT library', code: 'decode(token, options={"verify_signature": False})\n' },
    'import jwt\njwt.decode(token, key, algorithms=["ES256", "RS256"])\n',
    { name: 'a variable named none', code: 'import jwt\njwt.decode(token, key, algorithms=[none])\n' },
  ],
  invalid: [
    { name: 'verify_signature False', code: 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n', findings: [{ text: '"verify_signature": False', confidence: 'high' }], output: null },
    { name: 'with a key too', code: 'import jwt\njwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": True, "verify_signature": False})\n', findings: [{ text: '"verify_signature": False' }] },
    { name: 'PyJWT 1 verify=False', code: 'import jwt\njwt.decode(token, verify=False)\n', findings: [{ text: 'verify=False' }] },
    { name: 'none accepted', code: 'import jwt\njwt.decode(token, KEY, algorithms=["HS256", "none"])\n', findings: [{ text: '"none"' }] },
    { name: 'encode with none', code: 'import jwt\njwt.encode(payload, None, algorithm="none")\n', findings: [{ text: '"none"' }] },
    { name: 'python-jose', code: 'from jose import jwt\njwt.decode(token, KEY, options={"verify_signature": False})\n', findings: [{ text: '"verify_signature": False' }] },
    { name: 'single-quoted', code: "import jwt\njwt.decode(token, options={'verify_signature': False})\n", findings: [{ text: "'verify_signature': False" }] },
    { name: 'None spelled in capitals', code: 'import jwt\njwt.decode(token, KEY, algorithms=["NONE"])\n', findings: [{ text: '"NONE"' }] },
  ],
};
