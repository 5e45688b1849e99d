import * as assert from 'assert';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';

// Against the shipped PyPA advisory data of 2024-10-10.
describe('dependency audit in the language server: hover and fix', function () {
  this.timeout(60000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  const hoverAt = async (uri: string, line: number, character: number) => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    return hover ? (hover.contents as MarkupContent).value : undefined;
  };

  it('the hover of a vulnerable pin links each advisory, its aliases, and lists its summary and fixed versions', async () => {
    const uri = 'file:///protocol/audit/requirements.txt';
    await client.open(uri, 'flask==2.2.4\nclick>=8,<9\nDjango==3.2.0\n', 'pip-requirements');
    const found = await client.diagnostics(uri, 1);
    assert.deepStrictEqual(
      found.map((d) => [d.code, d.range.start.line]),
      [
        ['PSG803', 0],
        ['PSG803', 2],
      ],
    );

    const flask = await hoverAt(uri, 0, 3);
    assert.ok(flask, 'a hover on the flask pin');
    assert.match(flask, /\*\*1 known vulnerability\*\*/);
    assert.match(
      flask,
      /^- \[PYSEC-2023-62\]\(https:\/\/osv\.dev\/vulnerability\/PYSEC-2023-62\) \(\[CVE-2023-30861\]\(https:\/\/www\.cve\.org\/CVERecord\?id=CVE-2023-30861\), \[GHSA-m2qf-hxjv-5gpq\]\(https:\/\/github\.com\/advisories\/GHSA-m2qf-hxjv-5gpq\)\): .+ — fixed in 2\.2\.5, 2\.3\.2$/m,
    );
    // The rule's own explanation follows, with its documentation and CWE links.
    assert.match(flask, /\*\*Dependency version with a known vulnerability\*\* \(PSG803, CWE-1395\)/);
    assert.match(flask, /cwe\.mitre\.org\/data\/definitions\/1395\.html/);

    // Several advisories: one linked line each, every id of the diagnostic's message among them.
    const django = await hoverAt(uri, 2, 3);
    assert.ok(django, 'a hover on the Django pin');
    const linked = [...django.matchAll(/^- \[([^\]]+)\]\(https:\/\/osv\.dev\/vulnerability\/\1\)/gm)].map((m) => m[1]);
    const inMessage = [...found[1].message.matchAll(/^- (\S+)/gm)].map((m) => m[1]);
    assert.ok(linked.length >= 2, django);
    assert.deepStrictEqual(linked, inMessage);
    assert.match(django, new RegExp(`\\*\\*${linked.length} known vulnerabilities\\*\\*`));

    // The line without a finding has no hover.
    assert.strictEqual(await hoverAt(uri, 1, 2), undefined);
  });

  it('the fix of a >V bound raises it to >=safe and the finding goes', async () => {
    const uri = 'file:///protocol/audit2/requirements.txt';
    await client.open(uri, 'django>3.2,<4\n', 'pip-requirements');
    const [finding] = await client.diagnostics(uri, 1);
    assert.strictEqual(finding.code, 'PSG803');
    assert.match(finding.message, /allows the versions just above 3\.2, its lower bound/);
    const actions = await client.codeActions(uri, [finding], ['quickfix']);
    const raise = actions.find((action) => action.title.startsWith('Raise django to 3.2.25'));
    assert.ok(raise, actions.map((action) => action.title).join(', '));
    assert.notStrictEqual(raise.isPreferred, true, 'an unsafe fix is not preferred');
    const version = await client.applyAction(uri, raise);
    assert.strictEqual(client.text(uri), 'django>=3.2.25,<4\n');
    assert.deepStrictEqual(await client.diagnostics(uri, version), []);
  });

  it('an advisory summary is shown as written, not as Markdown', async () => {
    // Advisory summaries come from data: their brackets, stars and backticks are escaped, never links.
    const uri = 'file:///protocol/audit3/requirements.txt';
    await client.open(uri, 'django==3.2.0\n', 'pip-requirements');
    await client.diagnostics(uri, 1);
    const hover = await hoverAt(uri, 0, 2);
    assert.ok(hover);
    assert.match(hover, /\\[`*_[\]<>()]/, 'some summary has a Markdown character, escaped');
    for (const line of hover.split('\n').filter((l) => l.startsWith('- ['))) {
      const summary = line.replace(/^- \[[^\]]+\]\([^)]+\)(?: \(.*?\))?: /, '').replace(/ — .*$/, '');
      assert.doesNotMatch(summary, /(?<!\\)[[\]`*_<>]/, `unescaped Markdown in: ${summary}`);
    }
  });
});
