import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';
import { guideJwt } from '../guideExamples';

export const cases: RuleCases = {
  ruleId: 'PSG604',
  valid: [
    { name: "the 2026 guide's create_token has exp", code: guideJwt },
    'import jwt\njwt.encode({"sub": uid, "exp": expires}, KEY, algorithm="HS256")\n',
    'import jwt\ndef t(uid):\n    payload = {"sub": uid}\n    payload["exp"] = now() + TTL\n    return jwt.encode(payload, KEY, algorithm="HS256")\n',
    'import jwt\ndef t(uid):\n    payload = {"sub": uid}\n    payload.update(exp=now() + TTL)\n    return jwt.encode(payload, KEY, algorithm="HS256")\n',
    { name: 'payload built elsewhere', code: 'import jwt\ndef t(claims):\n    return jwt.encode(claims, KEY, algorithm="HS256")\n' },
    { name: 'splat may carry exp', code: 'import jwt\njwt.encode({**base, "sub": uid}, KEY, algorithm="HS256")\n' },
    { name: 'not jwt', code: 'json.encode({"sub": uid})\n' },
    { name: 'decode is not issuing', code: 'import jwt\njwt.decode(token, KEY, algorithms=["HS256"])\n' },
  ],
  invalid: [
    { name: 'literal without exp', code: 'import jwt\ntoken = jwt.encode({"user_id": user_id}, SECRET_KEY, algorithm="HS256")\n', findings: [{ text: '{"user_id": user_id}', confidence: 'medium' }], output: null },
    {
      name: 'through a variable',
      code: dedent(`
        import jwt
        def create_token(user_id):
            payload = {"user_id": user_id, "role": "user"}
            return jwt.encode(payload, SECRET_KEY, algorithm="HS256")
      `),
      findings: [{ text: 'payload' }],
    },
    { name: 'python-jose', code: 'from jose import jwt\njwt.encode({"sub": "1"}, KEY, algorithm="HS256")\n', findings: [{ text: '{"sub": "1"}' }] },
    { name: 'from-import', code: 'from jwt import encode\nencode({"sub": uid}, KEY)\n', findings: [{ text: '{"sub": uid}' }] },
    { name: 'payload keyword', code: 'import jwt\njwt.encode(payload={"sub": uid}, key=KEY)\n', findings: [{ text: '{"sub": uid}' }] },
    { name: 'iat is not exp', code: 'import jwt\njwt.encode({"sub": uid, "iat": now}, KEY)\n', findings: [{ text: '{"sub": uid, "iat": now}' }] },
    { name: 'empty payload', code: 'import jwt\njwt.encode({}, KEY)\n', findings: [{ text: '{}' }] },
    { name: 'expires named otherwise', code: 'import jwt\njwt.encode({"sub": uid, "expires": later}, KEY)\n', findings: [{ text: '{"sub": uid, "expires": later}' }] },
  ],
};
