/**
 * ## What it does
 * Flags debug and development switches of web frameworks other than Flask (Flask is PSG601):
 * Django `DEBUG = True` in a settings module, `Starlette(debug=True)` and `FastAPI(debug=True)`,
 * aiohttp `web.Application(debug=True)`, and `uvicorn.run(..., reload=True)` or `debug=True`.
 * Development and test settings (`settings/dev.py`, `local_settings.py`, a `DevelopmentConfig`
 * class, tests) are not reported, nor are values read from the environment.
 *
 * ## Why is this bad?
 * Django's debug pages show the settings, the SQL of the request and local variables of every
 * frame to whoever triggers an error, and with `DEBUG = True` an empty `ALLOWED_HOSTS` accepts
 * any host. Starlette and FastAPI in debug mode send the traceback and source lines to the client.
 * uvicorn's reloader watches the source tree and restarts the server when a file changes: a
 * development tool that costs resources and turns any file write into a code reload. aiohttp's
 * `debug` turns on asyncio's slow debug checks and is deprecated.
 *
 * ## Example
 * ```python
 * DEBUG = True
 * app = FastAPI(debug=True)
 * uvicorn.run("main:app", reload=True)
 * ```
 *
 * ## Use instead
 * ```python
 * DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
 * app = FastAPI(debug=os.environ.get("APP_DEBUG") == "1")
 * uvicorn.run("main:app", reload=os.environ.get("UVICORN_RELOAD") == "1")
 * ```
 *
 * ## References
 * - CWE-489: Active Debug Code
 * - CWE-215: Insertion of Sensitive Information Into Debugging Code
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Node } from '../../parser/parser';
import { ensureModuleImported } from '../../fixes/python';
import { unsafeFix } from '../../fixes/fix';
import { keywordValue } from '../../semantic/calls';
import type { Confidence, Rule, RuleContext, Severity } from '../../ruleApi/types';
import { isDevelopment, isDjangoSettings } from './developmentConfig';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

interface Switch {
  keyword: string;
  variable: string;
  message: string;
  confidence: Confidence;
  severity?: Severity;
}

const calls: ReadonlyMap<string, Switch[]> = new Map([
  ...['starlette.applications.Starlette', 'fastapi.FastAPI', 'fastapi.applications.FastAPI'].map(
    (name): [string, Switch[]] => [
      name,
      [
        {
          keyword: 'debug',
          variable: 'APP_DEBUG',
          message: 'The application runs in debug mode: an error sends its traceback and source lines to the client.',
          confidence: 'high',
        },
      ],
    ],
  ),
  [
    'aiohttp.web.Application',
    [
      {
        keyword: 'debug',
        variable: 'AIOHTTP_DEBUG',
        message:
          "`debug=True` turns on asyncio's debug mode (slow checks, verbose logs) in the server; the argument is deprecated. Enable it from the environment for development.",
        confidence: 'medium',
        severity: 'warning',
      },
    ],
  ],
  [
    'uvicorn.run',
    [
      {
        keyword: 'reload',
        variable: 'UVICORN_RELOAD',
        message:
          "uvicorn's reloader is a development tool: it watches the source tree and restarts on every change. Turn it on from the environment only.",
        confidence: 'medium',
        severity: 'warning',
      },
      {
        keyword: 'debug',
        variable: 'UVICORN_DEBUG',
        message: 'uvicorn runs in debug mode. Turn it on from the environment only.',
        confidence: 'medium',
        severity: 'warning',
      },
    ],
  ],
]);

function environmentFix(context: RuleContext, value: Node, variable: string) {
  const os = ensureModuleImported(context, 'os', value);
  if (!os) return { fixUnavailable: 'the name `os` is already used for something else in this file' };
  return {
    fix: unsafeFix(`Read the switch from the ${variable} environment variable`, `on only when ${variable} is 1`, [
      ...os.edits,
      { start: value.startIndex, end: value.endIndex, newText: `os.environ.get("${variable}") == "1"` },
    ]),
  };
}

export const debugSettings: Rule = {
  meta: {
    id: 'PSG617',
    name: 'framework-debug-mode',
    title: 'Django, Starlette, FastAPI, aiohttp or uvicorn debug mode in code',
    defaultSeverity: 'error',
    cwe: 489,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'production-settings',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Read the switch from the <NAME> environment variable',
        applicability: 'unsafe',
        why: 'A deployment that relied on debug mode or the reloader being on runs without it unless the variable is set to 1.',
      },
    ],
  },
  triggers: ['DEBUG', 'debug', 'reload'],
  visitors: {
    assignment(assignment, context) {
      const left = assignedTarget(assignment);
      const right = assignedValue(assignment);
      if (left?.type !== 'identifier' || left.text !== 'DEBUG' || right?.type !== 'true') return;
      if (assignment.parent?.parent?.type !== 'module' || !isDjangoSettings(context)) return;
      if (isDevelopment(context, assignment)) return;
      context.report({
        node: assignment,
        message:
          "Django's `DEBUG = True` shows settings, SQL and local variables on every error page. Read it from the environment and leave it off in production.",
        confidence: 'high',
        ...environmentFix(context, right, 'DJANGO_DEBUG'),
      });
    },
    call(call, context) {
      const callee = context.model.calleeName(call);
      const switches = callee ? calls.get(callee) : undefined;
      if (!switches || isDevelopment(context, call)) return;
      for (const entry of switches) {
        const value = keywordValue(call, entry.keyword);
        if (value?.type !== 'true') continue;
        context.report({
          node: value.parent!,
          message: entry.message,
          confidence: entry.confidence,
          severity: entry.severity,
          ...environmentFix(context, value, entry.variable),
        });
      }
    },
  },
};
