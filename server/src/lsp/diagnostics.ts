import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  Range,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { LineIndex } from '../core/text';
import { suppressionEditAt } from '../engine/suppressions';
import { rulesById } from '../rules';
import { fileUriOf } from './uris';
import type { Applicability, Finding, Severity } from '../ruleApi/types';
import { ruleDocumentationUri } from '../docs/location';

export const SOURCE = 'Python Security Guide';

/** The code-action kind of "fix all": `editor.codeActionsOnSave` can name it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.pythonSecurityGuide`;

/** Whether a code-action request (its `only` filter) asks for our fix-all action. */
export function wantsFixAll(only: readonly string[] | undefined): boolean {
  if (!only) return true;
  return only.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

/**
 * The workspace edit of a code action: with `documentChanges` (the client declared
 * `workspace.workspaceEdit.documentChanges`) a `TextDocumentEdit` naming the version the edits were
 * computed on, so the editor refuses them once the text has changed; otherwise plain `changes`.
 */
export function editOf(uri: string, version: number, edits: LspTextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri, version }, edits }] }
    : { changes: { [uri]: edits } };
}

/**
 * "Fix all in file": every verified fix, applied one after the other, as one edit of the document.
 * `original` is the text of `version`, the version the edit names with `documentChanges`.
 */
export function fixAllAction(
  uri: string,
  original: string,
  fixed: string,
  count: number,
  lines: LineIndex,
  version: number,
  documentChanges = false,
): CodeAction | undefined {
  if (count === 0 || fixed === original) return undefined;
  // Replace only the span that changed, so the editor keeps markers and folding elsewhere.
  let start = 0;
  while (start < original.length && start < fixed.length && original[start] === fixed[start]) start++;
  let endOriginal = original.length;
  let endFixed = fixed.length;
  while (endOriginal > start && endFixed > start && original[endOriginal - 1] === fixed[endFixed - 1]) {
    endOriginal--;
    endFixed--;
  }
  return {
    title: `Apply ${count} security fix${count === 1 ? '' : 'es'} in this file`,
    kind: FIX_ALL_KIND,
    edit: editOf(
      uri,
      version,
      [{ range: range(lines, start, endOriginal), newText: fixed.slice(start, endFixed) }],
      documentChanges,
    ),
  };
}

/** What a diagnostic carries to the code-action request: the fix computed with the finding. */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  fix?: { title: string; edits: LspTextEdit[]; applicability: Applicability };
  fixUnavailable?: string;
  fixUnavailableCode?: Finding['fixUnavailableCode'];
  confidence: Finding['confidence'];
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function range(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.position(start), end: lines.position(end) };
}

/** `uri` is the document's: a tainted flow's steps become related information pointing into it. */
export function toDiagnostic(finding: Finding, lines: LineIndex, version: number, uri?: string): Diagnostic {
  const rule = rulesById.get(finding.ruleId);
  const docs = rule && ruleDocumentationUri(rule.meta.id);
  const data: DiagnosticData = { ruleId: finding.ruleId, version, confidence: finding.confidence };
  if (finding.fix) {
    data.fix = {
      title: finding.fix.title,
      applicability: finding.fix.applicability,
      edits: finding.fix.edits.map((edit) => ({ range: range(lines, edit.start, edit.end), newText: edit.newText })),
    };
  }
  if (finding.fixUnavailable) data.fixUnavailable = finding.fixUnavailable;
  if (finding.fixUnavailableCode) data.fixUnavailableCode = finding.fixUnavailableCode;
  const relatedInformation: DiagnosticRelatedInformation[] | undefined =
    uri && finding.flow?.length
      ? finding.flow.map((step, i) => ({
          location: step.elsewhere
            ? {
                uri: fileUriOf(step.elsewhere.path),
                range: {
                  start: { line: step.elsewhere.line, character: step.elsewhere.character },
                  end: { line: step.elsewhere.endLine, character: step.elsewhere.endCharacter },
                },
              }
            : { uri, range: range(lines, step.start, step.end) },
          message: `${i + 1}. ${step.message}`,
        }))
      : undefined;
  return {
    range: range(lines, finding.start, finding.end),
    severity: severities[finding.severity],
    code: finding.ruleId,
    codeDescription: rule && docs ? { href: docs } : undefined,
    source: SOURCE,
    message: finding.message,
    ...(relatedInformation ? { relatedInformation } : {}),
    data,
  };
}

/**
 * Code actions for our diagnostics: the precomputed fix and "suppress on this line". Only a safe
 * fix of a finding whose origin is known is preferred (what Ctrl+. applies at once); an unsafe fix
 * is still offered, its title saying what changes.
 *
 * `lines` is the document's current text. With `document.version` (the version of `lines`), a
 * diagnostic published for another version gets no action: its fix's offsets and its range refer
 * to a text that is gone (the editor asks again once the diagnostics of the new version arrive).
 * With `document.documentChanges` the edits name the version they were computed on (see `editOf`).
 */
export function codeActionsFor(
  uri: string,
  diagnostics: readonly Diagnostic[],
  lines: LineIndex,
  document: { version?: number; documentChanges?: boolean } = {},
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data?.ruleId) continue;
    if (document.version !== undefined && data.version !== document.version) continue;
    const version = document.version ?? data.version;
    if (data.fix) {
      actions.push({
        title: data.fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: data.fix.applicability === 'safe' && data.confidence !== 'low',
        diagnostics: [diagnostic],
        edit: editOf(uri, version, data.fix.edits, document.documentChanges ?? false),
      });
    }
    // The comment goes where CPython takes one and the engine honours it: not after a `\`
    // continuation or inside a string opened on the line, else at the end of the statement.
    const place = suppressionEditAt(
      lines.text,
      lines.offset(diagnostic.range.start.line, diagnostic.range.start.character),
      data.ruleId,
    );
    const edit: LspTextEdit = { range: range(lines, place.start, place.end), newText: place.newText };
    actions.push({
      title: `Suppress ${data.ruleId} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: editOf(uri, version, [edit], document.documentChanges ?? false),
    });
  }
  return actions;
}
