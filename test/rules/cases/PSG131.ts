import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG131',
  valid: [
    { name: 'a constant target', code: 'from flask import redirect\ndef home():\n    return redirect("/dashboard")\n' },
    { name: 'url_for builds a local URL', code: 'from flask import redirect, url_for, request\ndef go():\n    return redirect(url_for("profile", name=request.args["name"]))\n' },
    { name: 'a path under a constant first segment', code: 'from flask import redirect, request\ndef go():\n    return redirect(f"/users/{request.args[\'id\']}")\n' },
    { name: 'Django reverse()', code: 'from django.shortcuts import redirect\nfrom django.urls import reverse\ndef go(request):\n    return redirect(reverse("detail", args=[request.GET["id"]]))\n' },
    {
      name: 'url_has_allowed_host_and_scheme guards it',
      code: dedent(`
        from django.http import HttpResponseRedirect
        from django.utils.http import url_has_allowed_host_and_scheme
        def done(request):
            target = request.GET.get("next", "/")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                return HttpResponseRedirect("/")
            return HttpResponseRedirect(target)
      `),
    },
    { name: 'an allowlist of targets', code: 'from flask import redirect, request\nTARGETS = {"/a", "/b"}\ndef go():\n    t = request.args["t"]\n    if t in TARGETS:\n        return redirect(t)\n    return redirect("/")\n' },
    { name: 'a netloc allowlist', code: 'from urllib.parse import urlparse\nfrom flask import redirect, request\nHOSTS = {"app.example"}\ndef go():\n    t = request.args["next"]\n    if urlparse(t).netloc in HOSTS:\n        return redirect(t)\n' },
    { name: 'unknown origin switched off', code: 'from flask import redirect\ndef go(target):\n    return redirect(target)\n', settings: { taint: { unknownOrigin: 'off' } } },
    { name: 'a fixed host', code: 'from flask import redirect, request\ndef go():\n    return redirect(f"https://docs.example.com/{request.args[\'page\']}")\n' },
    { name: 'HTTPS redirect to a configured host with the request path', code: 'import os\nfrom flask import redirect, request\nHOST = os.environ.get("APP_HOST", "www.example.com")\ndef https():\n    return redirect(f"https://{HOST}{request.path}", code=301)\n' },
    { name: 'aiohttp HTTPFound to a route path', code: 'from aiohttp import web\nasync def h(request):\n    raise web.HTTPFound(f"/boards/{request.match_info[\'id\']}")\n' },
  ],
  invalid: [
    {
      name: 'next= straight into redirect',
      code: 'from flask import redirect, request\ndef login():\n    return redirect(request.args.get("next", "/"))\n',
      findings: [{ text: 'request.args.get("next", "/")', confidence: 'high', message: 'from `request.args` reaches `redirect`' }],
    },
    {
      name: 'through a variable and a conditional expression',
      code: 'from flask import redirect, request\ndef login():\n    target = request.form.get("next")\n    dest = target if target else "/"\n    return redirect(dest)\n',
      findings: [{ text: 'dest', confidence: 'high' }],
    },
    {
      name: 'a leading slash is not enough: //evil.example',
      code: 'from flask import redirect, request\ndef go():\n    return redirect("/" + request.args["path"])\n',
      findings: [{ text: '"/" + request.args["path"]', confidence: 'high' }],
    },
    {
      name: 'Django HttpResponseRedirect from request.GET',
      code: 'from django.http import HttpResponseRedirect\ndef done(request):\n    return HttpResponseRedirect(request.GET["next"])\n',
      findings: [{ text: 'request.GET["next"]', confidence: 'high' }],
    },
    {
      name: 'Django redirect() with a URL argument of the view',
      code: 'from django.shortcuts import redirect\ndef bounce(request, target):\n    return redirect(target)\n',
      findings: [{ text: 'target', confidence: 'high', message: 'route parameter `target`' }],
    },
    {
      name: 'FastAPI RedirectResponse with a query parameter',
      code: 'from fastapi import FastAPI\nfrom fastapi.responses import RedirectResponse\napp = FastAPI()\n@app.get("/out")\ndef out(to: str):\n    return RedirectResponse(url=to)\n',
      findings: [{ text: 'to', confidence: 'high' }],
    },
    {
      name: 'a check in another branch does not guard the redirect',
      code: 'from flask import redirect, request\nSAFE = {"/a"}\ndef go():\n    t = request.args["t"]\n    if t in SAFE:\n        print("known")\n    return redirect(t)\n',
      findings: [{ text: 't', confidence: 'high' }],
    },
    {
      name: 'a parameter of unknown origin: low confidence',
      code: 'from flask import redirect\ndef go(target):\n    return redirect(target)\n',
      findings: [{ text: 'target', confidence: 'low' }],
    },
    {
      name: 'the client chooses the host, the path is fixed',
      code: 'from flask import redirect, request\ndef go():\n    return redirect(f"https://{request.args[\'host\']}/welcome")\n',
      findings: [{ text: 'f"https://{request.args[\'host\']}/welcome"', confidence: 'high', message: 'from `request.args`' }],
    },
    {
      name: 'aiohttp raise web.HTTPFound with the query value',
      code: 'from aiohttp import web\nasync def done(request):\n    target = request.query.get("next", "/")\n    raise web.HTTPFound(target)\n',
      findings: [{ text: 'target', confidence: 'high', message: 'reaches `web.HTTPFound`' }],
    },
    {
      name: 'aiohttp HTTPSeeOther with location= from the form',
      code: 'from aiohttp.web_exceptions import HTTPSeeOther\nasync def post(request):\n    form = await request.post()\n    raise HTTPSeeOther(location=form["back"])\n',
      findings: [{ text: 'form["back"]', confidence: 'high' }],
    },
  ],
};
