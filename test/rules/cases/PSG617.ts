import type { RuleCases } from '../types';

const settings = 'INSTALLED_APPS = ["django.contrib.admin"]\n';

export const cases: RuleCases = {
  ruleId: 'PSG617',
  valid: [
    { name: 'DEBUG off', code: `${settings}DEBUG = False\n` },
    { name: 'DEBUG from the environment', code: `import os\n${settings}DEBUG = os.environ.get("DJANGO_DEBUG") == "1"\n` },
    { name: 'not a Django settings module', code: 'DEBUG = True\nprint(DEBUG)\n' },
    { name: 'a local DEBUG', code: `${settings}def f():\n    DEBUG = True\n    return DEBUG\n` },
    { name: 'FastAPI without debug', code: 'from fastapi import FastAPI\napp = FastAPI(title="api")\n' },
    { name: 'uvicorn without reload', code: 'import uvicorn\nuvicorn.run("main:app", host="127.0.0.1", port=8000)\n' },
    { name: 'aiohttp debug off', code: 'from aiohttp import web\napp = web.Application(debug=False)\n' },
    { name: 'in a test', code: 'import pytest\nfrom fastapi import FastAPI\napp = FastAPI(debug=True)\n' },
    { name: 'a local class named FastAPI', code: 'class FastAPI:\n    def __init__(self, debug):\n        pass\napp = FastAPI(debug=True)\n' },
  ],
  invalid: [
    {
      name: 'Django DEBUG = True',
      code: `${settings}DEBUG = True\n`,
      findings: [{ text: 'DEBUG = True', confidence: 'high', message: 'DEBUG = True' }],
      applicability: 'unsafe',
      output: `import os\n${settings}DEBUG = os.environ.get("DJANGO_DEBUG") == "1"\n`,
    },
    {
      name: 'Django with os already imported',
      code: `import os\nROOT_URLCONF = "site.urls"\nDEBUG = True\n`,
      findings: [{ text: 'DEBUG = True' }],
      output: `import os\nROOT_URLCONF = "site.urls"\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"\n`,
    },
    {
      name: 'FastAPI(debug=True)',
      code: 'from fastapi import FastAPI\napp = FastAPI(debug=True)\n',
      findings: [{ text: 'debug=True', confidence: 'high', message: 'traceback' }],
      output: 'from fastapi import FastAPI\nimport os\napp = FastAPI(debug=os.environ.get("APP_DEBUG") == "1")\n',
    },
    {
      name: 'Starlette(debug=True)',
      code: 'from starlette.applications import Starlette\napp = Starlette(debug=True, routes=[])\n',
      findings: [{ text: 'debug=True', confidence: 'high' }],
      output: 'from starlette.applications import Starlette\nimport os\napp = Starlette(debug=os.environ.get("APP_DEBUG") == "1", routes=[])\n',
    },
    {
      name: 'uvicorn reload=True: medium',
      code: 'import uvicorn\nif __name__ == "__main__":\n    uvicorn.run("main:app", host="127.0.0.1", reload=True)\n',
      findings: [{ text: 'reload=True', confidence: 'medium', message: 'reloader' }],
      output: 'import uvicorn\nimport os\nif __name__ == "__main__":\n    uvicorn.run("main:app", host="127.0.0.1", reload=os.environ.get("UVICORN_RELOAD") == "1")\n',
    },
    {
      name: 'uvicorn debug=True',
      code: 'from uvicorn import run\nrun(app, debug=True)\n',
      findings: [{ text: 'debug=True', confidence: 'medium' }],
      output: 'from uvicorn import run\nimport os\nrun(app, debug=os.environ.get("UVICORN_DEBUG") == "1")\n',
    },
    {
      name: 'aiohttp Application(debug=True)',
      code: 'from aiohttp import web\napp = web.Application(debug=True)\n',
      findings: [{ text: 'debug=True', confidence: 'medium', message: 'deprecated' }],
      output: 'from aiohttp import web\nimport os\napp = web.Application(debug=os.environ.get("AIOHTTP_DEBUG") == "1")\n',
    },
    {
      name: 'os is another name here: no fix',
      code: `os = None\n${settings}DEBUG = True\n`,
      findings: [{ text: 'DEBUG = True' }],
      output: null,
      noFixBecause: 'already used',
    },
    {
      name: 'MIDDLEWARE marks a settings module too',
      code: 'MIDDLEWARE = []\nDEBUG = True  # TODO: turn off\n',
      findings: [{ text: 'DEBUG = True' }],
      output: 'import os\nMIDDLEWARE = []\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # TODO: turn off\n',
    },
  ],
};
