import type { AnalysisSettings } from '../config/settings';
import type { FileReport, FileRule, FileRuleContext, Finding } from '../ruleApi/types';
import type { AnalysisResult, FixOutcome } from './engine';
import { applyAutomaticFixes, effectiveSeverity } from './engine';
import { dropsFileFinding } from './suppressions';
import { baseName } from '../core/paths';
import { fixUnavailableOf } from '../fixes/fix';

/** What file rules may ask about the file's surroundings. */
export interface FileEnvironment {
  isGitIgnored(filePath: string): boolean | undefined;
}

export const noFileEnvironment: FileEnvironment = { isGitIgnored: () => undefined };

/** The `#` comment on the line that holds `offset`, if any (requirements, TOML and .env files all use `#`). */
function lineComment(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(start, newline < 0 ? text.length : newline);
  // `# ...` in requirements, TOML and .env files; `{# ... #}` in Jinja2 templates.
  const hash = line.search(/(?:^|\s|\{)#/);
  return hash < 0 ? undefined : line.slice(hash).trimStart();
}

/**
 * Runs file rules (rules about requirements*.txt, pyproject.toml, .env) over one file's text. The
 * same rules, severities and suppression comments as the Python engine; a rule that throws loses
 * its own findings only.
 */
export class FileEngine {
  constructor(readonly rules: readonly FileRule[]) {}

  /** True when some rule reads files with this name. */
  handles(filePath: string): boolean {
    const name = baseName(filePath);
    return this.rules.some((rule) => rule.files.test(name));
  }

  /** `scan --fix` for a file the file rules read (a requirements file's pin raised to a fixed version). */
  fixAll(
    filePath: string,
    text: string,
    settings: AnalysisSettings,
    environment: FileEnvironment = noFileEnvironment,
  ): FixOutcome {
    return applyAutomaticFixes(
      text,
      settings,
      (current) => this.analyze(filePath, current, settings, environment).findings,
    );
  }

  analyze(
    filePath: string,
    text: string,
    settings: AnalysisSettings,
    environment: FileEnvironment = noFileEnvironment,
  ): AnalysisResult {
    const result: AnalysisResult = { findings: [], ruleErrors: [] };
    const name = baseName(filePath);
    for (const rule of this.rules) {
      if (!rule.files.test(name)) continue;
      const severity = effectiveSeverity(rule.meta, settings);
      if (!severity) continue;
      const found: Finding[] = [];
      const context: FileRuleContext = {
        path: filePath,
        text,
        settings,
        isGitIgnored: () => environment.isGitIgnored(filePath),
        report: (report: FileReport) => {
          if (dropsFileFinding(rule.meta, report.confidence ?? 'medium', lineComment(text, report.start), settings))
            return;
          found.push({
            ruleId: rule.meta.id,
            message: report.message,
            start: report.start,
            end: report.end,
            severity,
            confidence: report.confidence ?? 'medium',
            fix: report.fix,
            ...fixUnavailableOf(report.fixUnavailable),
            ...(report.advisories?.length ? { advisories: report.advisories } : {}),
          });
        },
      };
      try {
        rule.check(context);
        result.findings.push(...found);
      } catch (error) {
        result.ruleErrors.push({
          ruleId: rule.meta.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    }
    result.findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    return result;
  }
}
