/**
 * ## What it does
 * Flags `yaml.load` and `yaml.load_all` without a safe loader (`SafeLoader`, `CSafeLoader`), and
 * `yaml.unsafe_load`/`unsafe_load_all`.
 *
 * ## Why is this bad?
 * PyYAML's full and unsafe loaders construct arbitrary Python objects from tags such as
 * `!!python/object/apply:os.system`, so loading a document runs code chosen by whoever wrote it.
 *
 * ## Example
 * ```python
 * config = yaml.load(stream, Loader=yaml.Loader)
 * ```
 *
 * ## Use instead
 * ```python
 * config = yaml.safe_load(stream)
 * ```
 *
 * ## References
 * - CWE-502: Deserialization of Untrusted Data
 * - OWASP Top 10 2021 A08: Software and Data Integrity Failures
 */
import type { Node } from '../../parser/parser';
import { ensureImported } from '../../fixes/python';
import type { Fix, Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { argumentValue, keywordArgument } from '../../semantic/calls';
import { positionalArguments } from '../shared';
import { unsafeFix } from '../../fixes/fix';

const safeLoaders = /(?:^|\.)(?:C?SafeLoader|BaseLoader|CBaseLoader)$/;
const unsafeCalls: Record<string, string> = {
  'yaml.load': 'safe_load',
  'yaml.load_all': 'safe_load_all',
  'yaml.unsafe_load': 'safe_load',
  'yaml.unsafe_load_all': 'safe_load_all',
  'yaml.full_load': 'safe_load',
  'yaml.full_load_all': 'safe_load_all',
};

function buildFix(call: Node, safeName: string, loader: Node | undefined, context: RuleContext): Fix | string {
  const fn = call.childForFieldName('function')!;
  const edits: TextEdit[] = [];
  if (fn.type === 'attribute')
    edits.push({ start: fn.childForFieldName('attribute')!.startIndex, end: fn.endIndex, newText: safeName });
  else {
    const imported = ensureImported(context, 'yaml', safeName, call);
    if (!imported) return `the name \`${safeName}\` is already used for something else in this file`;
    edits.push(...imported.edits, { start: fn.startIndex, end: fn.endIndex, newText: safeName });
  }
  if (loader) {
    // Remove `, Loader=...` (keyword or second positional argument) with the comma before it.
    const node = keywordArgument(call, 'Loader') ?? loader;
    const previous = node.previousSibling;
    if (!previous || previous.text !== ',') return 'the loader argument could not be removed cleanly';
    const before = previous.previousNamedSibling;
    if (!before) return 'the loader argument could not be removed cleanly';
    edits.push({ start: before.endIndex, end: node.endIndex, newText: '' });
  }
  return unsafeFix(`Use yaml.${safeName}`, 'refuses Python-specific tags', edits);
}

export const unsafeYamlLoad: Rule = {
  meta: {
    id: 'PSG702',
    name: 'unsafe-yaml-load',
    title: 'YAML loaded with a loader that builds Python objects',
    defaultSeverity: 'error',
    cwe: 502,
    owasp: 'A08:2021-Software and Data Integrity Failures',
    checklistItem: 'input-validated',
    bandit: ['B506'],
    ruff: ['S506'],
    fixable: true,
    fixes: [
      {
        title: 'Use yaml.<safe loader>',
        applicability: 'unsafe',
        why: 'Documents with Python-specific tags (!!python/object) are refused.',
      },
    ],
  },
  triggers: ['yaml'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      const safeName = callee ? unsafeCalls[callee] : undefined;
      if (!callee || !safeName) return;
      const loader =
        callee.endsWith('load') || callee.endsWith('load_all') ? argumentValue(call, 1, 'Loader') : undefined;
      if (
        /^yaml\.load(?:_all)?$/.test(callee) &&
        loader &&
        safeLoaders.test(context.model.qualifiedName(loader) ?? loader.text)
      )
        return;
      if (positionalArguments(call).length > 2) return;
      const built = buildFix(call, safeName, /^yaml\.load(?:_all)?$/.test(callee) ? loader : undefined, context);
      context.report({
        node: call,
        message: `\`${callee}\`${loader ? ` with \`${loader.text}\`` : ''} constructs arbitrary Python objects from tags like \`!!python/object/apply\`: loading a document runs code chosen by its author. Use \`yaml.${safeName}\`.`,
        confidence: 'high',
        fix: typeof built === 'string' ? undefined : built,
        fixUnavailable: typeof built === 'string' ? built : undefined,
      });
    },
  },
};
