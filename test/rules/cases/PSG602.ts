import type { RuleCases } from '../types';
import { guideJwt } from '../guideExamples';

export const cases: RuleCases = {
  ruleId: 'PSG602',
  valid: [
    { name: "the 2026 guide's JWT handling", code: guideJwt },
    'import jwt\njwt.decode(token, key, algorithms=["RS256"])\n',
    'import jwt\njwt.decode(token, key, algorithms=ALLOWED)\n',
    'from jose import jwt\njwt.decode(token, key, algorithms=["HS256"])\n',
    { name: 'not PyJWT', code: 'decode(token, key)\n' },
    { name: 'kwargs may carry algorithms', code: 'import jwt\njwt.decode(token, key, **opts)\n' },
    { name: 'unverified decode is PSG603', code: 'import jwt\njwt.decode(token, options={"verify_signature": False})\n' },
    { name: 'a codec decode', code: 'import base64\nbase64.b64decode(token)\n' },
    { name: 'suppressed', code: 'import jwt\njwt.decode(token, key)  # psg-ignore: PSG602 -- legacy PyJWT 1 client, pinned by the gateway\n' },
  ],
  invalid: [
    { name: 'no algorithms', code: 'import jwt\npayload = jwt.decode(token, SECRET_KEY)\n', findings: [{ text: 'jwt.decode(token, SECRET_KEY)', confidence: 'high' }], output: 'import jwt\npayload = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])\n' },
    {
      name: 'pinned to the algorithm the file signs with',
      code: 'import jwt\ndef issue(p):\n    return jwt.encode(p, KEY, algorithm="RS256")\ndef check(t):\n    return jwt.decode(t, PUBLIC_KEY)\n',
      findings: [{ text: 'jwt.decode(t, PUBLIC_KEY)', message: 'RS256' }],
      output: 'import jwt\ndef issue(p):\n    return jwt.encode(p, KEY, algorithm="RS256")\ndef check(t):\n    return jwt.decode(t, PUBLIC_KEY, algorithms=["RS256"])\n',
    },
    { name: 'keyword arguments', code: 'import jwt\njwt.decode(jwt=token, key=KEY, audience="api")\n', findings: [{ text: 'jwt.decode(jwt=token, key=KEY, audience="api")' }], output: 'import jwt\njwt.decode(jwt=token, key=KEY, audience="api", algorithms=["HS256"])\n' },
    { name: 'python-jose', code: 'from jose import jwt\nclaims = jwt.decode(token, KEY)\n', findings: [{ text: 'jwt.decode(token, KEY)' }] },
    { name: 'from-import', code: 'from jwt import decode\nclaims = decode(token, KEY)\n', findings: [{ text: 'decode(token, KEY)' }], output: 'from jwt import decode\nclaims = decode(token, KEY, algorithms=["HS256"])\n' },
    { name: 'inside a function', code: 'import jwt\ndef user(token):\n    return jwt.decode(token, KEY)["sub"]\n', findings: [{ text: 'jwt.decode(token, KEY)' }] },
    { name: 'multi-line call', code: 'import jwt\nclaims = jwt.decode(\n    token,\n    KEY,\n)\n', findings: [{ text: 'jwt.decode(\n    token,\n    KEY,\n)' }], output: 'import jwt\nclaims = jwt.decode(\n    token,\n    KEY, algorithms=["HS256"],\n)\n' },
    { name: 'two encode algorithms: HS256 default', code: 'import jwt\na = jwt.encode(p, K, algorithm="HS512")\nb = jwt.encode(p, K2, algorithm="RS256")\nc = jwt.decode(t, K)\n', findings: [{ text: 'jwt.decode(t, K)' }], output: 'import jwt\na = jwt.encode(p, K, algorithm="HS512")\nb = jwt.encode(p, K2, algorithm="RS256")\nc = jwt.decode(t, K, algorithms=["HS256"])\n' },
  ],
};
