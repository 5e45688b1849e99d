import type { RuleCases } from '../types';

const flask = 'from flask import Flask, make_response\napp = Flask(__name__)\n';

export const cases: RuleCases = {
  ruleId: 'PSG615',
  valid: [
    { name: 'all three flags', code: `${flask}def v(r, token):\n    r.set_cookie("session_token", token, secure=True, httponly=True, samesite="Lax")\n` },
    { name: 'SameSite=Strict', code: `${flask}def v(r, token):\n    r.set_cookie("sid", token, secure=True, httponly=True, samesite="Strict")\n` },
    { name: 'a deliberate cross-site cookie', code: `${flask}def v(r, token):\n    r.set_cookie("embed", token, secure=True, httponly=True, samesite="None")\n` },
    { name: 'deleting a cookie', code: `${flask}def v(r):\n    r.set_cookie("sid", "", max_age=0)\n` },
    { name: 'flags from a variable are not judged', code: `${flask}def v(r, token, secure):\n    r.set_cookie("sid", token, secure=secure, httponly=True, samesite="Lax")\n` },
    { name: 'options passed with **', code: `${flask}OPTS = {"secure": True}\ndef v(r, token):\n    r.set_cookie("sid", token, **OPTS)\n` },
    { name: 'Starlette sends SameSite=Lax by default', code: 'from fastapi import FastAPI, Response\napp = FastAPI()\n@app.get("/")\ndef v(response: Response, token: str):\n    response.set_cookie("auth", token, secure=True, httponly=True)\n' },
    { name: 'no web framework imported', code: 'def v(jar, token):\n    jar.set_cookie("sid", token)\n' },
    { name: 'a CSRF token cookie readable by scripts', code: 'from django.http import HttpResponse\ndef v(request, t):\n    r = HttpResponse()\n    r.set_cookie("csrftoken", t, secure=True, samesite="Strict")\n    return r\n' },
    { name: 'in a test', code: `${flask}def test_cookie(client):\n    client.set_cookie("sid", "abc")\n` },
    { name: 'an http.cookies morsel with all three flags', code: 'from http.cookies import SimpleCookie\ndef headers(token):\n    c = SimpleCookie()\n    c["sid"] = token\n    c["sid"]["secure"] = True\n    c["sid"]["httponly"] = True\n    c["sid"]["samesite"] = "Lax"\n    return c.output()\n' },
    { name: 'morsel flags set through an alias and update()', code: 'from http.cookies import SimpleCookie\ndef headers(token):\n    c = SimpleCookie()\n    c["sid"] = token\n    m = c["sid"]\n    m["secure"] = True\n    m.update({"httponly": True, "samesite": "Strict"})\n    return [("Set-Cookie", m.OutputString())]\n' },
    { name: 'a jar parsed from the request is read, not written out', code: 'from http.cookies import SimpleCookie\ndef session_id(environ):\n    c = SimpleCookie(environ.get("HTTP_COOKIE", ""))\n    c["seen"] = "1"\n    return c["sid"].value\n' },
    { name: 'a morsel being deleted', code: 'from http.cookies import SimpleCookie\nc = SimpleCookie()\nc["sid"] = ""\nc["sid"]["max-age"] = 0\nprint(c)\n' },
  ],
  invalid: [
    {
      name: 'no flags at all',
      code: `${flask}@app.route("/login")\ndef login():\n    r = make_response("ok")\n    r.set_cookie("session_token", "abc")\n    return r\n`,
      findings: [{ text: 'r.set_cookie("session_token", "abc")', confidence: 'high', message: 'without Secure, HttpOnly, SameSite' }],
      applicability: 'unsafe',
      output: `${flask}@app.route("/login")\ndef login():\n    r = make_response("ok")\n    r.set_cookie("session_token", "abc", secure=True, httponly=True, samesite="Lax")\n    return r\n`,
    },
    {
      name: 'httponly=False on a harmless-looking cookie: medium',
      code: `${flask}def v(r):\n    r.set_cookie("theme", "dark", secure=True, httponly=False, samesite="Lax")\n`,
      findings: [{ text: 'r.set_cookie("theme", "dark", secure=True, httponly=False, samesite="Lax")', confidence: 'medium', message: 'without HttpOnly' }],
      output: `${flask}def v(r):\n    r.set_cookie("theme", "dark", secure=True, httponly=True, samesite="Lax")\n`,
    },
    {
      name: 'FastAPI keywords with a trailing comma',
      code: 'from fastapi import FastAPI, Response\napp = FastAPI()\n@app.get("/")\ndef v(response: Response, tok: str):\n    response.set_cookie(key="auth", value=tok, secure=True,)\n',
      findings: [{ text: 'response.set_cookie(key="auth", value=tok, secure=True,)', confidence: 'high', message: 'without HttpOnly' }],
      output: 'from fastapi import FastAPI, Response\napp = FastAPI()\n@app.get("/")\ndef v(response: Response, tok: str):\n    response.set_cookie(key="auth", value=tok, secure=True, httponly=True,)\n',
    },
    {
      name: 'Django secure=False and samesite=None',
      code: 'from django.http import HttpResponse\ndef v(request, t):\n    r = HttpResponse()\n    r.set_cookie("sessionid", t, secure=False, samesite=None)\n    return r\n',
      findings: [{ text: 'r.set_cookie("sessionid", t, secure=False, samesite=None)', confidence: 'high', message: 'without Secure, HttpOnly, SameSite' }],
      output: 'from django.http import HttpResponse\ndef v(request, t):\n    r = HttpResponse()\n    r.set_cookie("sessionid", t, secure=True, samesite="Lax", httponly=True)\n    return r\n',
    },
    {
      name: 'aiohttp',
      code: 'from aiohttp import web\nasync def h(request):\n    resp = web.Response(text="ok")\n    resp.set_cookie("auth_token", "x", httponly=True)\n    return resp\n',
      findings: [{ text: 'resp.set_cookie("auth_token", "x", httponly=True)', message: 'without Secure, SameSite' }],
      output: 'from aiohttp import web\nasync def h(request):\n    resp = web.Response(text="ok")\n    resp.set_cookie("auth_token", "x", httponly=True, secure=True, samesite="Lax")\n    return resp\n',
    },
    {
      name: 'a cookie name chosen at run time: medium',
      code: `${flask}def v(r, name, value):\n    r.set_cookie(name, value, secure=True, httponly=True)\n`,
      findings: [{ text: 'r.set_cookie(name, value, secure=True, httponly=True)', confidence: 'medium', message: 'without SameSite' }],
      output: `${flask}def v(r, name, value):\n    r.set_cookie(name, value, secure=True, httponly=True, samesite="Lax")\n`,
    },
    {
      name: 'Werkzeug response object',
      code: 'from werkzeug.wrappers import Response\ndef app(environ, start_response):\n    r = Response("hi")\n    r.set_cookie("remember_me", "1", httponly=True, samesite="Lax")\n    return r(environ, start_response)\n',
      findings: [{ text: 'r.set_cookie("remember_me", "1", httponly=True, samesite="Lax")', confidence: 'high', message: 'without Secure' }],
      output: 'from werkzeug.wrappers import Response\ndef app(environ, start_response):\n    r = Response("hi")\n    r.set_cookie("remember_me", "1", httponly=True, samesite="Lax", secure=True)\n    return r(environ, start_response)\n',
    },
    {
      name: 'a comment after the last argument: no fix',
      code: `${flask}def v(r, token):\n    r.set_cookie(\n        "sid", token  # the session\n    )\n`,
      findings: [{ text: 'r.set_cookie(\n        "sid", token  # the session\n    )', confidence: 'high' }],
      output: null,
      noFixBecause: 'comment',
    },
    {
      name: 'samesite="" is no SameSite',
      code: `${flask}def v(r, t):\n    r.set_cookie("login", t, secure=True, httponly=True, samesite="")\n`,
      findings: [{ text: 'r.set_cookie("login", t, secure=True, httponly=True, samesite="")', message: 'without SameSite' }],
      output: `${flask}def v(r, t):\n    r.set_cookie("login", t, secure=True, httponly=True, samesite="Lax")\n`,
    },
    {
      name: 'a CGI script prints a SimpleCookie without Secure and SameSite',
      code: 'import os\nfrom http.cookies import SimpleCookie\ncookie = SimpleCookie()\ncookie["sid"] = os.urandom(8).hex()\ncookie["sid"]["httponly"] = True\nprint(cookie)\n',
      findings: [{ text: 'cookie["sid"] = os.urandom(8).hex()', confidence: 'high', message: 'written out without Secure, SameSite' }],
      applicability: 'unsafe',
      output: 'import os\nfrom http.cookies import SimpleCookie\ncookie = SimpleCookie()\ncookie["sid"] = os.urandom(8).hex()\ncookie["sid"]["secure"] = True\ncookie["sid"]["samesite"] = "Lax"\ncookie["sid"]["httponly"] = True\nprint(cookie)\n',
    },
    {
      name: 'a morsel with secure set to False, sent by a WSGI app',
      code: 'from http.cookies import SimpleCookie\ndef app(environ, start_response):\n    jar = SimpleCookie()\n    jar["session"] = "x"\n    jar["session"]["secure"] = False\n    jar["session"]["httponly"] = True\n    jar["session"]["samesite"] = "Lax"\n    start_response("200 OK", [("Set-Cookie", jar["session"].OutputString())])\n    return [b""]\n',
      findings: [{ text: 'jar["session"] = "x"', confidence: 'high', message: 'without Secure' }],
      output: 'from http.cookies import SimpleCookie\ndef app(environ, start_response):\n    jar = SimpleCookie()\n    jar["session"] = "x"\n    jar["session"]["secure"] = True\n    jar["session"]["httponly"] = True\n    jar["session"]["samesite"] = "Lax"\n    start_response("200 OK", [("Set-Cookie", jar["session"].OutputString())])\n    return [b""]\n',
    },
    {
      name: 'a cookie jar written with output(): a harmless-looking name is medium',
      code: 'from http.cookies import SimpleCookie\ndef headers():\n    c = SimpleCookie()\n    c["theme"] = "dark"\n    return c.output(header="Set-Cookie:")\n',
      findings: [{ text: 'c["theme"] = "dark"', confidence: 'medium', message: 'without Secure, HttpOnly, SameSite' }],
    },
    {
      name: 'a computed cookie name: no fix',
      code: 'from http.cookies import SimpleCookie\ndef headers(prefix, token):\n    c = SimpleCookie()\n    c[prefix + "_sid"] = token\n    return str(c)\n',
      findings: [{ text: 'c[prefix + "_sid"] = token', confidence: 'medium' }],
      output: null,
      noFixBecause: 'computed',
    },
  ],
};
