import type { ApplicabilityEvidence, ChecklistItem } from '../checklistItems';
import type { SummaryFinding, SummaryRule, WorkspaceSummary } from '../workspaceSummary';

/**
 * The checklist's status, computed from the workspace summary the language server sends and the
 * items checked off by hand. Pure: the view renders it, the report exports it, tests call it.
 */
export type ItemStatus =
  /** No finding of the item's rules, and the workspace has code of that kind; `detail` says what was checked. */
  | { kind: 'passed'; detail?: string }
  /** `count` findings of the item's rules (`findings` may hold fewer when the summary was cut short). */
  | { kind: 'failing'; count: number; findings: SummaryFinding[] }
  /** No finding, and no code of the kind the item is about. */
  | { kind: 'not-applicable'; reason: string }
  /** The first scan has not finished and nothing has failed yet. */
  | { kind: 'pending' }
  /** An automatic item that no rule checks, or (with `reason`) whose status cannot be told. */
  | { kind: 'no-rules'; reason?: string }
  | { kind: 'checked' }
  | { kind: 'unchecked' };

export interface ItemState {
  item: ChecklistItem;
  status: ItemStatus;
  /** The rules whose findings count against the item. */
  rules: SummaryRule[];
}

/** `imported` is `library` or one of its submodules. */
export function moduleMatches(imported: string, library: string): boolean {
  return imported === library || imported.startsWith(`${library}.`);
}

/** Whether the workspace has code an item is about: see `ChecklistItem.appliesTo`. */
export function isApplicable(
  evidence: ApplicabilityEvidence | undefined,
  pythonFiles: number,
  modules: readonly string[],
): boolean {
  if (pythonFiles === 0) return false;
  if (evidence === undefined || evidence === 'any-python' || evidence === 'dependency-manifests') return true;
  return modules.some((imported) => evidence.imports.some((library) => moduleMatches(imported, library)));
}

function notApplicableReason(evidence: ApplicabilityEvidence | undefined, pythonFiles: number): string {
  if (pythonFiles === 0 || evidence === undefined || typeof evidence === 'string')
    return 'no Python files in the workspace';
  const shown = evidence.imports.slice(0, 4).join(', ');
  return `no file imports ${shown}${evidence.imports.length > 4 ? ' or similar libraries' : ''}`;
}

export function checklistStatus(
  items: readonly ChecklistItem[],
  summary: WorkspaceSummary | undefined,
  manualChecks: ReadonlySet<string>,
): ItemState[] {
  return items.map((item) => {
    const rules = (summary?.rules ?? []).filter((rule) => rule.checklistItem === item.id);
    // No rule maps to a manual item (see checklistItems.ts), so no finding is lost behind a checkbox.
    if (item.kind === 'manual')
      return { item, rules, status: { kind: manualChecks.has(item.id) ? 'checked' : 'unchecked' } };
    if (!summary) return { item, rules, status: { kind: 'pending' } };
    if (rules.length === 0) return { item, rules, status: { kind: 'no-rules' } };
    const ids = new Set(rules.map((rule) => rule.id));
    const count = rules.reduce((sum, rule) => sum + (summary.counts[rule.id] ?? 0), 0);
    if (count > 0)
      return {
        item,
        rules,
        status: { kind: 'failing', count, findings: summary.findings.filter((finding) => ids.has(finding.ruleId)) },
      };
    if (summary.state === 'scanning') return { item, rules, status: { kind: 'pending' } };
    if (item.appliesTo === 'dependency-manifests') return { item, rules, status: manifestStatus(summary) };
    if (!isApplicable(item.appliesTo, summary.pythonFiles, summary.modules)) {
      return {
        item,
        rules,
        status: { kind: 'not-applicable', reason: notApplicableReason(item.appliesTo, summary.pythonFiles) },
      };
    }
    return { item, rules, status: { kind: 'passed' } };
  });
}

/** No finding against the dependency audit: passed only when manifests were checked, and against which data. */
function manifestStatus(summary: WorkspaceSummary): ItemStatus {
  const count = summary.dependencyManifests;
  if (count === undefined)
    return { kind: 'no-rules', reason: 'unknown: the scan does not say which dependency manifests it checked' };
  if (count === 0)
    return {
      kind: 'not-applicable',
      reason: 'no requirements file, pyproject.toml, setup.cfg, Pipfile or lock file in the workspace',
    };
  const data = summary.advisoriesDate ? `advisories up to ${summary.advisoriesDate}` : 'the advisory data';
  return {
    kind: 'passed',
    detail: `${count} manifest${count === 1 ? '' : 's'} checked against ${data}`,
  };
}

/** One line for an item's status, as the view's description and the report show it. */
export function describeStatus(status: ItemStatus): string {
  switch (status.kind) {
    case 'passed':
      return status.detail ? `passed: ${status.detail}` : 'passed';
    case 'failing':
      return `${status.count} finding${status.count === 1 ? '' : 's'}`;
    case 'not-applicable':
      return `not applicable: ${status.reason}`;
    case 'pending':
      return 'scanning…';
    case 'no-rules':
      return status.reason ?? 'no rule checks this yet: review by hand';
    case 'checked':
      return 'checked by hand';
    case 'unchecked':
      return 'not checked yet';
  }
}
