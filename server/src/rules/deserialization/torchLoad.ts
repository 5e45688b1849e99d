/**
 * ## What it does
 * Flags `torch.load` without `weights_only=True`.
 *
 * ## Why is this bad?
 * A PyTorch checkpoint is a pickle. With `weights_only=False` (the default before PyTorch 2.6)
 * loading a model file downloaded from a hub, a shared drive or a user runs whatever code its
 * author put in it. `weights_only=True` restricts loading to tensors and plain containers.
 *
 * ## Example
 * ```python
 * state = torch.load("model.pt")
 * ```
 *
 * ## Use instead
 * ```python
 * state = torch.load("model.pt", weights_only=True)
 * ```
 * Or store weights as safetensors (`safetensors.torch.load_file`).
 *
 * ## References
 * - CWE-502: Deserialization of Untrusted Data
 * - OWASP Top 10 2021 A08: Software and Data Integrity Failures
 */
import type { Fix, Rule } from '../../ruleApi/types';
import { hasSplat, keywordValue } from '../../semantic/calls';
import { appendArgument } from '../../fixes/callEdits';
import { unsafeFix } from '../../fixes/fix';

export const torchLoad: Rule = {
  meta: {
    id: 'PSG703',
    name: 'torch-load-without-weights-only',
    title: 'torch.load without weights_only=True',
    defaultSeverity: 'warning',
    cwe: 502,
    owasp: 'A08:2021-Software and Data Integrity Failures',
    checklistItem: 'input-validated',
    bandit: ['B614'],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Set weights_only=True',
        applicability: 'unsafe',
        why: 'Checkpoints that hold arbitrary Python objects are refused.',
      },
      {
        title: 'Add weights_only=True',
        applicability: 'unsafe',
        why: 'Checkpoints that hold arbitrary Python objects are refused.',
      },
    ],
  },
  triggers: ['torch'],
  visitors: {
    call(call, context) {
      if (context.model.calleeName(call) !== 'torch.load') return;
      const weightsOnly = keywordValue(call, 'weights_only');
      if (weightsOnly?.type === 'true' || (!weightsOnly && hasSplat(call))) return;
      let fix: Fix | undefined;
      if (weightsOnly?.type === 'false')
        fix = unsafeFix('Set weights_only=True', 'refuses checkpoints holding arbitrary objects', [
          { start: weightsOnly.startIndex, end: weightsOnly.endIndex, newText: 'True' },
        ]);
      else if (weightsOnly)
        return; // a computed value: the caller decides
      else {
        const edit = appendArgument(call, 'weights_only=True');
        if (edit) fix = unsafeFix('Add weights_only=True', 'refuses checkpoints holding arbitrary objects', [edit]);
      }
      context.report({
        node: call,
        message:
          '`torch.load` unpickles the file: without `weights_only=True` a checkpoint can run any code when loaded. Pass `weights_only=True` (or use safetensors).',
        confidence: weightsOnly ? 'high' : 'medium',
        fix,
        fixUnavailable: fix ? undefined : 'the argument list could not be extended',
      });
    },
  },
};
