import * as fs from 'fs';
import * as path from 'path';
import type { RuleCases } from '../rules/types';

export const repositoryRoot = path.join(__dirname, '..', '..');

/** Every code snippet of the rule case files (valid and invalid), in file order. */
export function caseSnippets(): string[] {
  const dir = path.join(repositoryRoot, 'test', 'rules', 'cases');
  const snippets: string[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = (require(path.join(dir, file)) as { cases: RuleCases }).cases;
    for (const entry of suite.valid) snippets.push(typeof entry === 'string' ? entry : entry.code);
    for (const entry of suite.invalid) snippets.push(entry.code);
  }
  return snippets;
}

/** Every code snippet of the rule case files, named `PSG101 valid #2: its name`, in file order. */
export function namedCaseSnippets(): { name: string; code: string }[] {
  const dir = path.join(repositoryRoot, 'test', 'rules', 'cases');
  const snippets: { name: string; code: string }[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = (require(path.join(dir, file)) as { cases: RuleCases }).cases;
    suite.valid.forEach((entry, i) =>
      snippets.push(
        typeof entry === 'string'
          ? { name: `${suite.ruleId} valid #${i + 1}`, code: entry }
          : { name: `${suite.ruleId} valid #${i + 1}${entry.name ? `: ${entry.name}` : ''}`, code: entry.code },
      ),
    );
    suite.invalid.forEach((entry, i) =>
      snippets.push({
        name: `${suite.ruleId} invalid #${i + 1}${entry.name ? `: ${entry.name}` : ''}`,
        code: entry.code,
      }),
    );
  }
  return snippets;
}

/** Python files under a folder (recursively, links not followed), sorted. */
export function pythonFilesUnder(dir: string): string[] {
  const files: string[] = [];
  const visit = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name.endsWith('.py')) files.push(full);
    }
  };
  visit(dir);
  return files;
}

/** The Python files of examples/, when the folder exists. */
export function exampleFiles(): string[] {
  return pythonFilesUnder(path.join(repositoryRoot, 'examples'));
}

/** The realistic application files of test/fixtures/apps/ (Flask, Django, FastAPI, scripts). */
export function appFiles(): string[] {
  return pythonFilesUnder(path.join(repositoryRoot, 'test', 'fixtures', 'apps'));
}

/** Texts to start edit sequences from and to paste: the rule cases and the examples. */
export function editCorpus(): string[] {
  const examples = exampleFiles()
    .map((file) => fs.readFileSync(file, 'utf8'))
    .filter((text) => text.length < 20_000);
  return [...caseSnippets(), ...examples];
}
