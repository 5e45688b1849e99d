import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG616',
  valid: [
    'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSESSION_COOKIE_HTTPONLY = True\n',
    { name: 'SameSite set', code: 'SESSION_COOKIE_SAMESITE = "Lax"\nCSRF_COOKIE_SAMESITE = "Strict"\n' },
    { name: 'from the environment', code: 'import os\nSESSION_COOKIE_SECURE = os.environ.get("HTTPS") == "1"\n' },
    { name: 'a development config class', code: 'class DevelopmentConfig:\n    SESSION_COOKIE_SECURE = False\n' },
    { name: 'a local variable of the same name', code: 'def f():\n    SESSION_COOKIE_SECURE = False\n    return SESSION_COOKIE_SECURE\n' },
    { name: 'Flask config set to True', code: 'from flask import Flask\napp = Flask(__name__)\napp.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)\n' },
    { name: 'SessionMiddleware with https_only', code: 'import os\nfrom fastapi import FastAPI\nfrom starlette.middleware.sessions import SessionMiddleware\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=os.environ["K"], https_only=True)\n' },
    { name: 'aiohttp-session storage with secure', code: 'from aiohttp_session.cookie_storage import EncryptedCookieStorage\ndef make(key):\n    return EncryptedCookieStorage(key, secure=True)\n' },
    { name: 'in a test', code: 'import unittest\nSESSION_COOKIE_SECURE = False\n' },
    { name: "CSRF_COOKIE_HTTPONLY False is Django's recommended default", code: 'CSRF_COOKIE_HTTPONLY = False\n' },
  ],
  invalid: [
    {
      name: 'Django settings',
      code: 'INSTALLED_APPS = []\nSESSION_COOKIE_SECURE = False\n',
      findings: [{ text: 'SESSION_COOKIE_SECURE = False', confidence: 'high', message: 'sent over plain HTTP' }],
      applicability: 'unsafe',
      output: 'INSTALLED_APPS = []\nSESSION_COOKIE_SECURE = True\n',
    },
    {
      name: 'CSRF cookie over HTTP',
      code: 'CSRF_COOKIE_SECURE = False\n',
      findings: [{ text: 'CSRF_COOKIE_SECURE = False' }],
      output: 'CSRF_COOKIE_SECURE = True\n',
    },
    {
      name: 'SameSite None',
      code: 'SESSION_COOKIE_SAMESITE = None\n',
      findings: [{ text: 'SESSION_COOKIE_SAMESITE = None', message: 'requests other sites make' }],
      output: 'SESSION_COOKIE_SAMESITE = "Lax"\n',
    },
    {
      name: 'Flask app.config item',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_HTTPONLY"] = False\n',
      findings: [{ text: 'app.config["SESSION_COOKIE_HTTPONLY"] = False', message: 'scripts on the page' }],
      output: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_HTTPONLY"] = True\n',
    },
    {
      name: 'Flask app.config.update keywords',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config.update(SECRET_KEY=k, REMEMBER_COOKIE_SECURE=False)\n',
      findings: [{ text: 'REMEMBER_COOKIE_SECURE=False', message: 'remember-me' }],
      output: 'from flask import Flask\napp = Flask(__name__)\napp.config.update(SECRET_KEY=k, REMEMBER_COOKIE_SECURE=True)\n',
    },
    {
      name: 'a production config class',
      code: 'class ProductionConfig:\n    SESSION_COOKIE_SECURE = False\n',
      findings: [{ text: 'SESSION_COOKIE_SECURE = False' }],
      output: 'class ProductionConfig:\n    SESSION_COOKIE_SECURE = True\n',
    },
    {
      name: 'Starlette SessionMiddleware without https_only: medium',
      code: 'import os\nfrom fastapi import FastAPI\nfrom starlette.middleware.sessions import SessionMiddleware\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=os.environ["K"])\n',
      findings: [{ text: 'app.add_middleware(SessionMiddleware, secret_key=os.environ["K"])', confidence: 'medium', message: 'https_only=True' }],
      output: 'import os\nfrom fastapi import FastAPI\nfrom starlette.middleware.sessions import SessionMiddleware\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=os.environ["K"], https_only=True)\n',
    },
    {
      name: 'Middleware(SessionMiddleware, https_only=False)',
      code: 'from starlette.middleware import Middleware\nfrom starlette.middleware.sessions import SessionMiddleware\nmiddleware = [Middleware(SessionMiddleware, secret_key=k, https_only=False)]\n',
      findings: [{ text: 'https_only=False', confidence: 'high' }],
      output: 'from starlette.middleware import Middleware\nfrom starlette.middleware.sessions import SessionMiddleware\nmiddleware = [Middleware(SessionMiddleware, secret_key=k, https_only=True)]\n',
    },
    {
      name: 'aiohttp-session storage with httponly=False (and no secure)',
      code: 'from aiohttp_session.cookie_storage import EncryptedCookieStorage\ndef make(key):\n    return EncryptedCookieStorage(key, secure=True, httponly=False)\n',
      findings: [{ text: 'httponly=False', confidence: 'high', message: 'scripts on the page' }],
      output: 'from aiohttp_session.cookie_storage import EncryptedCookieStorage\ndef make(key):\n    return EncryptedCookieStorage(key, secure=True, httponly=True)\n',
    },
    {
      name: 'config.update with a dict',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config.update({"SESSION_COOKIE_SECURE": False})\n',
      findings: [{ text: '"SESSION_COOKIE_SECURE": False' }],
      output: 'from flask import Flask\napp = Flask(__name__)\napp.config.update({"SESSION_COOKIE_SECURE": True})\n',
    },
  ],
};
