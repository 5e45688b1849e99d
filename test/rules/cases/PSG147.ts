import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG147',
  valid: [
    { name: 'an invariant', code: 'def f(items):\n    assert len(items) > 0\n' },
    { name: 'type narrowing', code: 'def f(x):\n    assert isinstance(x, str)\n' },
    { name: 'test code', code: 'def test_admin(user):\n    assert user.is_admin\n' },
    { name: 'a test class', code: 'class TestViews:\n    def check(self, user):\n        assert user.has_perm("x")\n' },
    { name: 'a real check', code: 'def view(request):\n    if not request.user.is_staff:\n        raise PermissionError("staff only")\n' },
    { name: 'a test module', code: 'import pytest\ndef helper(user):\n    assert user.is_authenticated\n' },
    { name: 'a not-None check', code: 'def f(conn):\n    assert conn is not None, "no connection"\n' },
    { name: 'a words in a string are not the check', code: 'def f(x):\n    assert x > 0, "admin permission needed"\n' },
    { name: 'nosec', code: 'def f(user):\n    assert user.is_admin  # nosec B101\n' },
  ],
  invalid: [
    {
      name: 'staff check with a message',
      code: 'def view(request):\n    assert request.user.is_staff, "staff only"\n    return 1\n',
      findings: [{ text: 'assert request.user.is_staff, "staff only"', confidence: 'low', message: 'python -O' }],
      output: 'def view(request):\n    if not request.user.is_staff:\n        raise AssertionError("staff only")\n    return 1\n',
      applicability: 'safe',
    },
    {
      name: 'a permission call',
      code: 'def delete(user, doc):\n    assert user.has_perm("docs.delete")\n    doc.delete()\n',
      findings: [{ text: 'assert user.has_perm("docs.delete")' }],
      output: 'def delete(user, doc):\n    if not user.has_perm("docs.delete"):\n        raise AssertionError\n    doc.delete()\n',
    },
    {
      name: 'an ownership comparison gets parentheses',
      code: 'def edit(user, doc):\n    assert doc.owner_id == user.id, "not yours"\n',
      findings: [{ text: 'assert doc.owner_id == user.id, "not yours"' }],
      output: 'def edit(user, doc):\n    if not (doc.owner_id == user.id):\n        raise AssertionError("not yours")\n',
    },
    {
      name: 'a signature check',
      code: 'import hmac\ndef webhook(sig, expected):\n    assert hmac.compare_digest(sig, expected)\n',
      findings: [{ text: 'assert hmac.compare_digest(sig, expected)' }],
      output: 'import hmac\ndef webhook(sig, expected):\n    if not hmac.compare_digest(sig, expected):\n        raise AssertionError\n',
    },
    {
      name: 'a password check',
      code: 'def login(user, pw):\n    assert user.check_password(pw), "bad password"\n    return user\n',
      findings: [{ text: 'assert user.check_password(pw), "bad password"' }],
    },
    {
      name: 'at module level with a tab-indented block',
      code: 'if True:\n\tassert current_user.is_authenticated\n',
      findings: [{ text: 'assert current_user.is_authenticated' }],
      output: 'if True:\n\tif not current_user.is_authenticated:\n\t\traise AssertionError\n',
    },
    {
      name: 'on a line with another statement: no fix',
      code: 'def f(u):\n    x = 1; assert u.is_admin\n',
      findings: [{ text: 'assert u.is_admin' }],
      output: null,
      noFixBecause: 'shares its line',
    },
    {
      name: 'a verify call',
      code: 'def f(token):\n    assert verify_token(token), "invalid token"\n',
      findings: [{ text: 'assert verify_token(token), "invalid token"' }],
    },
    {
      name: 'a role check',
      code: 'def f(user):\n    assert user.role in ("admin", "editor")\n',
      findings: [{ text: 'assert user.role in ("admin", "editor")' }],
      output: 'def f(user):\n    if not (user.role in ("admin", "editor")):\n        raise AssertionError\n',
    },
  ],
};
