import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG134',
  valid: [
    {
      name: 'a number from the request',
      code: 'from flask import session, request\ndef v():\n    session["page"] = int(request.args["page"])\n',
    },
    {
      name: "the application's own value",
      code: 'from flask import session\ndef login(user):\n    session["user_id"] = user.id\n',
    },
    {
      name: 'checked against an allowlist first',
      code: dedent(`
        from flask import abort, request, session
        ROLES = {"reader", "editor"}
        def prefs():
            role = request.form["role"]
            if role not in ROLES:
                abort(400)
            session["role"] = role
      `),
    },
    {
      name: 'a constant',
      code: 'from flask import session\ndef logout():\n    session["flash"] = "Goodbye"\n',
    },
    {
      name: 'reading the session',
      code: 'from flask import session, request\ndef v():\n    theme = session.get("theme", request.args.get("theme"))\n    return theme\n',
    },
    {
      name: 'a dict named session that is not one',
      code: 'from flask import request\ndef v():\n    session = {}\n    session["q"] = request.args["q"]\n    return session\n',
    },
    {
      name: 'Django: a generated identifier',
      code: 'import secrets\ndef v(request):\n    request.session["nonce"] = secrets.token_hex(16)\n',
    },
    {
      name: 'a field of a record looked up with request data',
      code: 'from myapp.models import User\ndef login(request):\n    user = User.objects.get(username=request.POST["uname"])\n    request.session["user"] = user.username\n',
    },
    {
      name: 'get_object_or_404 with a view argument',
      code: 'from django.shortcuts import get_object_or_404\nfrom myapp.models import Film\ndef review(request, title):\n    film = get_object_or_404(Film, title=title)\n    request.session["film"] = film.pk\n',
    },
    {
      name: 'unknown origin is not reported',
      code: 'from flask import session\ndef remember(cart):\n    session["cart"] = cart\n',
    },
  ],
  invalid: [
    {
      name: 'a role from the form',
      code: 'from flask import request, session\ndef prefs():\n    session["role"] = request.form["role"]\n',
      findings: [{ text: 'request.form["role"]', confidence: 'high', message: 'reaches `the session` unchecked' }],
      output: null,
    },
    {
      name: 'Django request.session',
      code: 'def v(request):\n    request.session["next"] = request.GET.get("next")\n',
      findings: [{ text: 'request.GET.get("next")', confidence: 'high' }],
    },
    {
      name: 'session.update with keywords',
      code: 'from flask import request, session\ndef v():\n    session.update(theme=request.form["theme"])\n',
      findings: [{ text: 'request.form["theme"]', confidence: 'high' }],
    },
    {
      name: 'through a variable',
      code: 'from flask import request, session\ndef v():\n    data = request.get_json()\n    session["profile"] = data\n',
      findings: [{ text: 'data', confidence: 'high', message: 'request.get_json()' }],
    },
    {
      name: 'aiohttp-session',
      code: 'from aiohttp_session import get_session\nasync def h(request):\n    session = await get_session(request)\n    session["q"] = request.query["q"]\n',
      findings: [{ text: 'request.query["q"]', confidence: 'high' }],
    },
    {
      name: 'a Django view argument as the key',
      code: 'from django.http import HttpResponse\ndef v(request, slot):\n    request.session[slot] = True\n    return HttpResponse("ok")\n',
      findings: [{ text: 'slot', confidence: 'high', message: 'route parameter `slot`' }],
    },
    {
      name: 'Starlette request.session',
      code: 'from starlette.requests import Request\nasync def h(request: Request):\n    form = await request.form()\n    request.session["name"] = form["name"]\n',
      findings: [{ text: 'form["name"]', confidence: 'high' }],
    },
    {
      name: 'a check in another branch does not guard it',
      code: 'from flask import request, session\nROLES = {"a"}\ndef v():\n    r = request.form["role"]\n    if r in ROLES:\n        print("ok")\n    session["role"] = r\n',
      findings: [{ text: 'r', confidence: 'high' }],
    },
    {
      name: 'get() on request data is not a lookup',
      code: 'from flask import request, session\ndef v():\n    data = request.get_json()\n    session["name"] = data.get("name")\n',
      findings: [{ text: 'data.get("name")', confidence: 'high' }],
    },
    {
      name: 'from the environment: medium confidence',
      code: 'import os\nfrom flask import session\ndef v():\n    session["tenant"] = os.environ.get("TENANT")\n',
      findings: [{ text: 'os.environ.get("TENANT")', confidence: 'medium' }],
    },
  ],
};
