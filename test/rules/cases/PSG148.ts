import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG148',
  valid: [
    { name: 'the failure denies access', code: 'import jwt\ndef f(t, k):\n    try:\n        return jwt.decode(t, k, algorithms=["HS256"])\n    except jwt.InvalidTokenError:\n        raise PermissionError("bad token")\n' },
    { name: 'an optional import', code: 'try:\n    import ujson as json\nexcept ImportError:\n    pass\n' },
    { name: 'no check in the try block', code: 'import os\ndef f(p):\n    try:\n        os.remove(p)\n    except OSError:\n        pass\n' },
    { name: 'the handler returns False', code: 'def ok(user, pw):\n    try:\n        return user.check_password(pw)\n    except Exception:\n        return False\n' },
    { name: 'test code', code: 'def test_verify(sig):\n    try:\n        verify(sig)\n    except Exception:\n        pass\n' },
    { name: 'the handler logs and re-raises', code: 'import logging\ndef f(sig):\n    try:\n        verify_signature(sig)\n    except ValueError:\n        logging.exception("bad")\n        raise\n' },
    { name: 'a parse of a number', code: 'def f(s):\n    try:\n        n = int(s)\n    except ValueError:\n        pass\n' },
    { name: 'success recorded after the check: trying alternatives', code: 'def any_valid(reps, values):\n    for rep in reps:\n        try:\n            rep.validate_param_values(values)\n            return True\n        except ValueError:\n            pass\n    return False\n' },
    { name: 'a counter of matching schemas', code: 'def one_of(data):\n    count = 0\n    try:\n        validate_a(data)\n        count += 1\n    except ValueError: pass\n    return count\n' },
    { name: 'nosec', code: 'def f(sig):\n    try:\n        verify(sig)\n    except Exception:  # nosec B110\n        pass\n' },
  ],
  invalid: [
    {
      name: 'jwt.decode swallowed',
      code: 'import jwt\ndef user_of(token, key):\n    claims = {}\n    try:\n        claims = jwt.decode(token, key, algorithms=["HS256"])\n    except Exception:\n        pass\n    return claims\n',
      findings: [{ text: 'except Exception:\n        pass', confidence: 'low', message: '`jwt.decode`' }],
      output: null,
      noFixBecause: 'depends on the code',
    },
    {
      name: 'a bare except around a signature check',
      code: 'def hook(payload, sig):\n    try:\n        verify_signature(payload, sig)\n    except:\n        pass\n    process(payload)\n',
      findings: [{ text: 'except:\n        pass' }],
    },
    {
      name: 'continue in a loop over certificates',
      code: 'import ssl\ndef pick(certs, host):\n    for cert in certs:\n        try:\n            ssl.match_hostname(cert, host)\n        except ssl.CertificateError:\n            continue\n        return cert\n',
      findings: [{ text: 'except ssl.CertificateError:\n            continue', message: '(`continue`)' }],
    },
    {
      name: 'an ellipsis body',
      code: 'def f(user):\n    try:\n        user.check_permissions(["admin"])\n    except PermissionError:\n        ...\n',
      findings: [{ text: 'except PermissionError:\n        ...' }],
    },
    {
      name: 'hmac.compare_digest in the block',
      code: 'import hmac\ndef f(a, b):\n    ok = False\n    try:\n        ok = hmac.compare_digest(a, b)\n    except TypeError:\n        pass\n    return ok\n',
      findings: [{ text: 'except TypeError:\n        pass' }],
    },
    {
      name: 'a CSRF check',
      code: 'from flask_wtf.csrf import validate_csrf\ndef view(token):\n    try:\n        validate_csrf(token)\n    except Exception:\n        pass\n',
      findings: [{ text: 'except Exception:\n        pass' }],
    },
    {
      name: 'two handlers, one swallows',
      code: 'def f(req):\n    try:\n        authenticate(req)\n    except KeyError:\n        return None\n    except Exception:\n        pass\n',
      findings: [{ text: 'except Exception:\n        pass' }],
    },
    {
      name: 'a signed cookie',
      code: 'from itsdangerous import Signer\ndef read(s, value):\n    try:\n        value = s.unsign(value)\n    except Exception:\n        pass\n    return value\n',
      findings: [{ text: 'except Exception:\n        pass' }],
    },
  ],
};
