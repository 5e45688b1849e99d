import * as assert from 'assert';
import { checklistMarkdown } from '../../server/src/shared/checklist/report';
import { checklistStatus, describeStatus, isApplicable, moduleMatches } from '../../server/src/shared/checklist/status';
import { checklist } from '../../server/src/shared/checklistItems';
import { catalog } from '../../server/src/rules';
import type { SummaryFinding, WorkspaceSummary } from '../../server/src/shared/workspaceSummary';

const rules = [
  { id: 'PSG101', title: 'SQL built from strings', checklistItem: 'sql-parameterized' as const, cwe: 89 },
  { id: 'PSG201', title: 'Secret in log', checklistItem: 'logs-without-secrets' as const, cwe: 532 },
  { id: 'PSG901', title: 'Missing security headers', checklistItem: 'security-headers' as const, cwe: 693 },
];

function finding(ruleId: string, line: number, uri = 'file:///w/app.py'): SummaryFinding {
  return {
    uri,
    ruleId,
    severity: 'error',
    message: `${ruleId} here`,
    range: { start: { line, character: 4 }, end: { line, character: 9 } },
  };
}

function summary(overrides: Partial<WorkspaceSummary> = {}): WorkspaceSummary {
  return {
    state: 'complete',
    pythonFiles: 2,
    modules: ['os'],
    counts: {},
    bySeverity: { error: 0, warning: 0, information: 0, hint: 0 },
    findings: [],
    truncated: false,
    rules,
    ...overrides,
  };
}

const statusOf = (states: ReturnType<typeof checklistStatus>, id: string) =>
  states.find((state) => state.item.id === id)!.status;

describe('checklist status', () => {
  it("fails an item with the count of its rules' findings and lists them", () => {
    const findings = [finding('PSG101', 3), finding('PSG201', 7), finding('PSG101', 9)];
    const states = checklistStatus(
      checklist,
      summary({ modules: ['sqlite3'], counts: { PSG101: 2, PSG201: 1 }, findings }),
      new Set(),
    );
    const sql = statusOf(states, 'sql-parameterized');
    assert.strictEqual(sql.kind, 'failing');
    assert.strictEqual(sql.kind === 'failing' && sql.count, 2);
    assert.deepStrictEqual(sql.kind === 'failing' && sql.findings.map((f) => f.range.start.line), [3, 9]);
    assert.strictEqual(describeStatus(sql), '2 findings');
    assert.strictEqual(statusOf(states, 'logs-without-secrets').kind, 'failing');
  });

  it('takes the count from the counts when the finding list was cut short', () => {
    const states = checklistStatus(
      checklist,
      summary({ counts: { PSG101: 7000 }, findings: [finding('PSG101', 1)], truncated: true }),
      new Set(),
    );
    const sql = statusOf(states, 'sql-parameterized');
    assert.ok(sql.kind === 'failing' && sql.count === 7000 && sql.findings.length === 1);
  });

  it('passes an item with no findings when the workspace has code of that kind', () => {
    const states = checklistStatus(checklist, summary({ modules: ['psycopg.rows', 'flask'] }), new Set());
    assert.strictEqual(statusOf(states, 'sql-parameterized').kind, 'passed');
    assert.strictEqual(statusOf(states, 'security-headers').kind, 'passed');
    assert.strictEqual(statusOf(states, 'logs-without-secrets').kind, 'passed');
  });

  it('marks an item not applicable when no file imports a library of its kind', () => {
    const states = checklistStatus(checklist, summary({ modules: ['os', 'json', 'sqlite3x'] }), new Set());
    const sql = statusOf(states, 'sql-parameterized');
    assert.strictEqual(sql.kind, 'not-applicable');
    assert.match(describeStatus(sql), /no file imports sqlite3/);
    assert.strictEqual(statusOf(states, 'security-headers').kind, 'not-applicable');
    // Items about any Python code apply whenever there is some.
    assert.strictEqual(statusOf(states, 'logs-without-secrets').kind, 'passed');
  });

  it('a finding makes an item applicable whatever the imports', () => {
    const states = checklistStatus(
      checklist,
      summary({ modules: [], counts: { PSG901: 1 }, findings: [finding('PSG901', 0)] }),
      new Set(),
    );
    assert.strictEqual(statusOf(states, 'security-headers').kind, 'failing');
  });

  it('with no Python files every automatic item is not applicable', () => {
    const states = checklistStatus(checklist, summary({ pythonFiles: 0, modules: [] }), new Set());
    assert.strictEqual(statusOf(states, 'logs-without-secrets').kind, 'not-applicable');
    assert.strictEqual(statusOf(states, 'sql-parameterized').kind, 'not-applicable');
  });

  it('is pending before the first summary and while the scan runs, unless something already failed', () => {
    assert.strictEqual(statusOf(checklistStatus(checklist, undefined, new Set()), 'sql-parameterized').kind, 'pending');
    const scanning = checklistStatus(
      checklist,
      summary({ state: 'scanning', counts: { PSG201: 1 }, findings: [finding('PSG201', 1)] }),
      new Set(),
    );
    assert.strictEqual(statusOf(scanning, 'sql-parameterized').kind, 'pending');
    assert.strictEqual(statusOf(scanning, 'logs-without-secrets').kind, 'failing');
  });

  it('says so when no rule checks an automatic item', () => {
    const states = checklistStatus(checklist, summary({ modules: ['flask'] }), new Set());
    assert.strictEqual(statusOf(states, 'rate-limited-auth').kind, 'no-rules');
  });

  it('manual items follow the checks made by hand', () => {
    const states = checklistStatus(checklist, undefined, new Set(['two-factor-auth']));
    assert.strictEqual(statusOf(states, 'two-factor-auth').kind, 'checked');
    assert.strictEqual(statusOf(states, 'code-review').kind, 'unchecked');
  });

  it('matches a library and its submodules only', () => {
    assert.ok(moduleMatches('django.db.models', 'django.db'));
    assert.ok(moduleMatches('sqlite3', 'sqlite3'));
    assert.ok(!moduleMatches('sqlite3x', 'sqlite3'));
    assert.ok(!moduleMatches('django', 'django.db'));
    assert.ok(isApplicable({ imports: ['flask'] }, 1, ['flask.views']));
    assert.ok(!isApplicable({ imports: ['flask'] }, 1, ['flask_cors']));
    assert.ok(!isApplicable('any-python', 0, []));
  });

  it('every automatic item says when it applies, and every rule maps to an automatic item', () => {
    for (const item of checklist)
      if (item.kind === 'automatic') assert.ok(item.appliesTo, `${item.id} has no appliesTo`);
    const kinds = new Map(checklist.map((item) => [item.id, item.kind]));
    for (const rule of catalog)
      assert.strictEqual(
        kinds.get(rule.meta.checklistItem),
        'automatic',
        `${rule.meta.id} maps to ${rule.meta.checklistItem}, which is not an automatic item`,
      );
  });

  it("a finding of any rule in the catalog fails its item, in the view's statuses and in the report", () => {
    const catalogRules = catalog.map(({ meta }) => ({
      id: meta.id,
      title: meta.title,
      checklistItem: meta.checklistItem,
      cwe: meta.cwe,
    }));
    for (const { meta } of catalog) {
      // No imports: only the finding can make the item apply.
      const one = finding(meta.id, 11);
      const states = checklistStatus(
        checklist,
        summary({ modules: [], counts: { [meta.id]: 1 }, findings: [one], rules: catalogRules }),
        new Set(),
      );
      const shown = states.filter((state) => state.status.kind === 'failing' && state.status.findings.includes(one));
      assert.deepStrictEqual(
        shown.map((state) => state.item.id),
        [meta.checklistItem],
        `a finding of ${meta.id} is not listed under its item ${meta.checklistItem} alone`,
      );
      const [state] = shown;
      assert.ok(
        state.status.kind === 'failing' && state.status.count === 1,
        `${meta.id}: ${describeStatus(state.status)}`,
      );
      assert.ok(
        state.rules.some((rule) => rule.id === meta.id),
        `${meta.checklistItem} does not name ${meta.id}`,
      );
      const markdown = checklistMarkdown(states, {
        workspaceName: 'w',
        generatedAt: new Date(0),
        scanState: 'complete',
        displayPath: (uri) => uri,
      });
      assert.ok(markdown.includes(`${meta.id}: ${meta.id} here`), `the report does not list the finding of ${meta.id}`);
    }
  });
});

describe('checklist report', () => {
  it('exports statuses as Markdown with the failing findings', () => {
    const findings = [finding('PSG101', 3, 'file:///w/db|x.py')];
    const states = checklistStatus(
      checklist,
      summary({ modules: ['sqlite3'], counts: { PSG101: 1 }, findings }),
      new Set(['code-review']),
    );
    const markdown = checklistMarkdown(states, {
      workspaceName: 'shop',
      generatedAt: new Date('2026-01-02T03:04:05Z'),
      scanState: 'complete',
      displayPath: (uri) => uri.replace('file:///w/', ''),
    });
    assert.match(markdown, /^# Security checklist: shop\n/);
    assert.match(markdown, /\| ❌ \| SQL queries use parameterization \| 1 finding \| PSG101 \|/);
    assert.match(markdown, /\| ✅ \| Code is reviewed with security in mind \| checked by hand \|/);
    assert.match(markdown, /\| ⬜ \| Two-factor authentication is offered \| not checked yet \|/);
    assert.match(markdown, /### SQL queries use parameterization\n\n- `db\|x\.py:4:5` PSG101: PSG101 here/);
    assert.doesNotMatch(markdown, /may be incomplete/);
    const partial = checklistMarkdown(states, {
      workspaceName: 'shop',
      generatedAt: new Date(0),
      scanState: 'cancelled',
      displayPath: (uri) => uri,
    });
    assert.match(partial, /scan was cancelled/);
  });

  it("names a notebook finding's cell", () => {
    const findings = [{ ...finding('PSG101', 1, 'file:///w/analysis.ipynb'), cell: 3 }];
    const states = checklistStatus(
      checklist,
      summary({ modules: ['sqlite3'], counts: { PSG101: 1 }, findings }),
      new Set(),
    );
    const markdown = checklistMarkdown(states, {
      workspaceName: 'w',
      generatedAt: new Date(0),
      scanState: 'complete',
      displayPath: (uri, cell) => `${uri.replace('file:///w/', '')}${cell ? `, cell ${cell}` : ''}`,
    });
    assert.match(markdown, /- `analysis\.ipynb, cell 3:2:5` PSG101/);
  });
});
