/**
 * ## What it does
 * Flags Hugging Face downloads (`from_pretrained` of `transformers`/`diffusers` classes,
 * `huggingface_hub.hf_hub_download` and `snapshot_download`, `datasets.load_dataset`) from a hub
 * repository without a `revision` pinned to a commit.
 *
 * ## Why is this bad?
 * Without a revision you get whatever the repository holds today. If the owner's account is
 * taken over, or the repository is replaced, the next run downloads different weights, code
 * (`trust_remote_code`) or pickles, with no change in your code.
 *
 * ## Example
 * ```python
 * model = AutoModel.from_pretrained("org/model")
 * ```
 *
 * ## Use instead
 * ```python
 * model = AutoModel.from_pretrained("org/model", revision="5b4c6a1e0d8f2b3c9a7e6d5f4c3b2a1908f7e6d5")
 * ```
 *
 * ## References
 * - CWE-494: Download of Code Without Integrity Check
 * - OWASP Top 10 2021 A08: Software and Data Integrity Failures
 */
import type { Rule } from '../../ruleApi/types';
import { argumentValue, hasSplat, keywordValue, literalString, methodName } from '../../semantic/calls';

const commit = /^[0-9a-f]{40}$/i;
const downloads = new Set([
  'huggingface_hub.hf_hub_download',
  'huggingface_hub.snapshot_download',
  'datasets.load_dataset',
]);

export const unpinnedModelDownload: Rule = {
  meta: {
    id: 'PSG704',
    name: 'unpinned-model-download',
    title: 'Hugging Face download without a pinned revision',
    defaultSeverity: 'information',
    cwe: 494,
    owasp: 'A08:2021-Software and Data Integrity Failures',
    checklistItem: 'dependencies-audited',
    bandit: ['B615'],
    ruff: [],
    fixable: false,
  },
  triggers: ['from_pretrained', 'hf_hub_download', 'snapshot_download', 'load_dataset'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      let what: string;
      if (callee && downloads.has(callee)) what = callee.split('.').pop()!;
      else if (methodName(call) === 'from_pretrained') {
        const owner = context.model.qualifiedName(call.childForFieldName('function')!.childForFieldName('object'));
        if (!owner || !/^(?:transformers|diffusers|sentence_transformers|peft)\./.test(owner)) return;
        what = `${owner.split('.').pop()}.from_pretrained`;
      } else return;
      if (hasSplat(call)) return;
      const repository =
        argumentValue(call, 0, callee === 'datasets.load_dataset' ? 'path' : 'repo_id') ??
        keywordValue(call, 'pretrained_model_name_or_path');
      const name = literalString(context.model, repository);
      // Local folders and files are not downloads.
      if (name !== undefined && (/^[./~]/.test(name) || !name.includes('/'))) return;
      const revision = keywordValue(call, 'revision');
      const pinned = revision ? literalString(context.model, revision) : undefined;
      if (revision && (pinned === undefined || commit.test(pinned))) return;
      context.report({
        node: call,
        message: `\`${what}\` downloads ${pinned ? `the moving revision \`${pinned}\`` : 'whatever the repository holds today'}: a replaced repository changes what runs. Pin \`revision=\` to a commit hash.`,
        confidence: name !== undefined ? 'medium' : 'low',
      });
    },
  },
};
