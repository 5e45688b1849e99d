import type { Node } from '../../parser/parser';
import type { RuleContext } from '../../ruleApi/types';
import { isTestCode } from '../shared';

const developmentName = /dev|debug|test|local/i;
const developmentFile = /(?:^|[._-])(?:dev|develop|development|local|test|tests|testing|debug)(?:[._-]|$)/i;

/**
 * True in configuration meant for development or tests: test code, a class named for it (`DevelopmentConfig`), or a
 * file or its folder named for it (`settings/dev.py`, `local_settings.py`, `tests/settings.py`).
 */
export function isDevelopment(context: RuleContext, node: Node): boolean {
  if (isTestCode(context.model, node)) return true;
  const parts = (context.path ?? '').split(/[\\/]/);
  if (parts.slice(-2).some((part) => developmentFile.test(part))) return true;
  for (let current = node.parent; current; current = current.parent) {
    const name = current.type === 'class_definition' ? current.childForFieldName('name') : null;
    if (name && developmentName.test(context.textOf(name.startIndex, name.endIndex))) return true;
  }
  return false;
}

/**
 * A Django settings module: it assigns the settings every project has, or it is a `settings.py` or a module of a
 * `settings/` package (`settings/production.py` that starts with `from .base import *`).
 */
export function isDjangoSettings(context: RuleContext): boolean {
  const parts = (context.path ?? '').split(/[\\/]/);
  if (/^settings\w*\.py$/.test(parts[parts.length - 1] ?? '') || parts[parts.length - 2] === 'settings') return true;
  return context.textMatches(/^(?:INSTALLED_APPS|ROOT_URLCONF|MIDDLEWARE|WSGI_APPLICATION)\s*[:=+]/m);
}
