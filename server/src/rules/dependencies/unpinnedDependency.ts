/**
 * ## What it does
 * Flags dependencies without an upper version bound in `requirements*.txt` and `pyproject.toml`
 * (`[project].dependencies`, `[project.optional-dependencies]` and Poetry's
 * `[tool.poetry.dependencies]`): a bare name (`flask`), or only a lower bound (`flask>=2`).
 * Exact pins (`flask==3.0.0`), compatible-release (`~=`) and bounded ranges
 * (`requests>=2.31.0,<3.0.0`) are fine, as are direct references (`pkg @ https://...`).
 *
 * ## Why is this bad?
 * An unpinned dependency installs whatever is newest on the day of the build: a release with a
 * breaking change, a vulnerability, or a compromised maintainer account's upload reaches
 * production unreviewed, and `pip-audit` checks a different set of versions than the one that
 * runs.
 *
 * ## Example
 * ```text
 * flask
 * requests>=2.0
 * ```
 *
 * ## Use instead
 * ```text
 * flask==3.0.0
 * requests>=2.31.0,<3.0.0
 * ```
 * For applications, generate a fully pinned lock file (`pip-compile --generate-hashes`,
 * `uv lock`, `poetry lock`) and let Dependabot or Renovate propose updates.
 *
 * ## References
 * - CWE-1357: Reliance on Insufficiently Trustworthy Component
 * - OWASP Top 10 2021 A06: Vulnerable and Outdated Components
 */
import { parse as parseToml } from 'smol-toml';
import { baseName } from '../../core/paths';
import { manifestName } from '../../shared/filePatterns';
import type { FileRule, FileRuleContext } from '../../ruleApi/types';
import { parseRequirement, pinningOf } from './requirementSpecifiers';

const requirementsFile = /^(?:.*[-_.])?requirements(?:[-_.].*)?\.txt$/i;

function message(name: string, pinning: 'open-ended' | 'unconstrained'): string {
  return pinning === 'unconstrained'
    ? `\`${name}\` has no version constraint: every install takes whatever release is newest. Pin it (\`${name}==<version>\`) or bound it (\`<next major>\`).`
    : `\`${name}\` has no upper version bound: a future release, possibly broken or compromised, is installed unreviewed. Pin it or add an upper bound.`;
}

function checkRequirements(context: FileRuleContext): void {
  const { text } = context;
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const withoutComment = rawLine.replace(/(?:^|\s)#.*$/, '');
    const trimmed = withoutComment.trim();
    // Options (-r, -e, --hash, --index-url), paths, URLs and continuation lines are not requirements to pin.
    if (!trimmed || trimmed.startsWith('-') || /^[./\\]|:\/\//.test(trimmed) || trimmed.endsWith('\\')) continue;
    const requirement = parseRequirement(trimmed.replace(/(?<!\s)\s+--hash=\S+/g, ''));
    if (!requirement || requirement.direct) continue;
    const pinning = pinningOf(requirement.specifier);
    if (pinning === 'pinned') continue;
    const start = lineStart + withoutComment.indexOf(trimmed);
    context.report({
      start,
      end: start + trimmed.length,
      message: message(requirement.name, pinning),
      confidence: pinning === 'unconstrained' ? 'high' : 'medium',
    });
  }
}

/** Finds the quoted string `value` in the text after `from`, so a finding lands on the right line. */
function locate(text: string, value: string, from: number): { start: number; end: number } | undefined {
  for (const quote of ['"', "'"]) {
    const at = text.indexOf(`${quote}${value}${quote}`, from);
    if (at >= 0) return { start: at, end: at + value.length + 2 };
  }
  return undefined;
}

function checkPyproject(context: FileRuleContext): void {
  let document: Record<string, unknown>;
  try {
    document = parseToml(context.text);
  } catch {
    return; // A malformed pyproject.toml is reported by the configuration loader, not here.
  }
  const { text } = context;
  const project = (document.project ?? {}) as Record<string, unknown>;
  const lists: { key: string; values: unknown }[] = [{ key: 'dependencies', values: project.dependencies }];
  const optional = project['optional-dependencies'];
  if (optional && typeof optional === 'object')
    for (const [group, values] of Object.entries(optional)) lists.push({ key: group, values });
  const projectAt = Math.max(0, text.search(/^[ \t]*\[project\]/m));
  for (const { values } of lists) {
    if (!Array.isArray(values)) continue;
    let cursor = projectAt;
    for (const value of values) {
      if (typeof value !== 'string') continue;
      const requirement = parseRequirement(value);
      const where = locate(text, value, cursor);
      if (where) cursor = where.end;
      if (!requirement || requirement.direct || !where) continue;
      const pinning = pinningOf(requirement.specifier);
      if (pinning !== 'pinned')
        context.report({
          ...where,
          message: message(requirement.name, pinning),
          confidence: pinning === 'unconstrained' ? 'high' : 'medium',
        });
    }
  }
  // Poetry: name = "^1.2" (caret and tilde are bounded), "*" or ">=1" are not.
  const poetry = ((document.tool as Record<string, unknown> | undefined)?.poetry as Record<string, unknown> | undefined)
    ?.dependencies;
  if (poetry && typeof poetry === 'object') {
    const sectionAt = text.search(/^[ \t]*\[tool\.poetry\.dependencies\]/m);
    if (sectionAt < 0) return;
    for (const [name, constraint] of Object.entries(poetry as Record<string, unknown>)) {
      if (name === 'python') continue;
      const version =
        typeof constraint === 'string'
          ? constraint
          : typeof constraint === 'object' && constraint && 'version' in constraint
            ? String(constraint.version)
            : undefined;
      if (version === undefined) continue; // git/path/url dependencies
      const pinning = /^\s*\*\s*$/.test(version)
        ? 'unconstrained'
        : /^[\^~]|^\d/.test(version.trim())
          ? 'pinned'
          : pinningOf(version);
      if (pinning === 'pinned') continue;
      // [ \t], not \s: with the m flag, \s* at every line start of a run of blank lines backtracks quadratically.
      const keyAt = text
        .slice(sectionAt)
        .search(new RegExp(`^[ \\t]*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?[ \\t]*=`, 'm'));
      if (keyAt < 0) continue;
      const start =
        sectionAt + keyAt + (text.slice(sectionAt + keyAt).length - text.slice(sectionAt + keyAt).trimStart().length);
      context.report({
        start,
        end: start + name.length,
        message: message(name, pinning),
        confidence: pinning === 'unconstrained' ? 'high' : 'medium',
      });
    }
  }
}

export const unpinnedDependency: FileRule = {
  meta: {
    id: 'PSG801',
    name: 'unpinned-dependency',
    title: 'Dependency without a version pin',
    defaultSeverity: 'warning',
    cwe: 1357,
    owasp: 'A06:2021-Vulnerable and Outdated Components',
    checklistItem: 'dependencies-audited',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  files: manifestName,
  check(context) {
    const name = baseName(context.path);
    if (/^pyproject\.toml$/i.test(name)) checkPyproject(context);
    else if (requirementsFile.test(name)) checkRequirements(context);
  },
};
