import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Connection,
  Diagnostic,
  DidChangeNotebookDocumentParams,
  Disposable,
  NotebookCellKind,
  NotebookDocument,
  NotebookDocuments,
  NotebookDocumentSyncOptions,
  NotificationHandler,
  TextDocuments,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisSettings } from '../config/settings';
import { LineIndex } from '../core/text';
import { Engine, FixCheckCache } from '../engine/engine';
import { analyzeNotebook, fixNotebook, NotebookAnalysis } from '../notebooks/analysis';
import type { NotebookCellInput } from '../notebooks/source';
import type { Applicability } from '../ruleApi/types';
import type { SummaryFinding } from '../shared/workspaceSummary';
import { DocumentResults } from './documentResults';
import type { EditorSettings } from './editorSettings';
import { formatBytes } from '../core/sizes';
import { codeActionsFor, DiagnosticData, fixAllAction, SOURCE, toDiagnostic, wantsFixAll } from './diagnostics';
import { VERIFY_AFTER_PAUSE_MS, VERIFY_INLINE_MAX_CHARS, VERIFY_SLICE_MS } from './session';
import { filePathOf } from './uris';
import { toSummaryFinding } from './summaryFindings';

/** The server's notebook capability: the Python cells of every notebook, synchronised as notebooks. */
export const notebookDocumentSync: NotebookDocumentSyncOptions = {
  notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }],
};

/** A fix of a notebook finding whose edits fall in several cells (an import added to the first cell, say). */
interface NotebookFixData {
  title: string;
  applicability: Applicability;
  cells: { uri: string; version: number; edits: LspTextEdit[] }[];
}

type CellDiagnosticData = DiagnosticData & { notebookFix?: NotebookFixData };

interface Cell {
  uri: string;
  version: number;
  text: string;
  python: boolean;
}

/** What the last analysis of a notebook gave: its cells as analysed and the diagnostics published per cell. */
interface Published {
  cells: Cell[];
  diagnostics: Map<string, Diagnostic[]>;
}

/**
 * Notebooks in the editor (LSP 3.17 notebook synchronisation): the Python cells of a notebook are
 * analysed in order as one source, as in `scan` (see notebooks/), and each finding is published
 * on its cell and put, on its cell's URI, in the DocumentResults that hover and the workspace scan
 * read. Every analysis publishes for every cell, and empties the diagnostics of a cell that left
 * the notebook (deleted, or no longer Python), so none go stale. Code actions on a cell come from
 * the fixes its diagnostics carry; fix-all on a cell changes that cell's text only.
 */
export class NotebookSession {
  private readonly documents = new NotebookDocuments(new TextDocuments(TextDocument));
  private readonly pending = new Map<string, NodeJS.Immediate>();
  private readonly published = new Map<string, Published>();
  private readonly reportedSkips = new Set<string>();
  /** Per notebook, the verdicts of its fix checks, reused by its next versions. */
  private readonly fixChecks = new Map<string, FixCheckCache>();

  constructor(
    private readonly connection: Connection,
    private readonly engine: Engine,
    /** The editor's settings of each notebook over its pyproject.toml settings (shared with the text session). */
    private readonly settings: EditorSettings,
    /** Where the findings of each analysis go (hover and the workspace scan read them there). */
    private readonly results: DocumentResults = new DocumentResults(),
  ) {}

  listen(): Disposable {
    // NotebookDocuments reports no event for a change that only moves cells: every didChange is
    // seen here, after NotebookDocuments has applied it, so a move is analysed again too.
    const sync = this.connection.notebooks.synchronization;
    const connection = {
      notebooks: {
        synchronization: {
          onDidOpenNotebookDocument: sync.onDidOpenNotebookDocument.bind(sync),
          onDidSaveNotebookDocument: sync.onDidSaveNotebookDocument.bind(sync),
          onDidCloseNotebookDocument: sync.onDidCloseNotebookDocument.bind(sync),
          onDidChangeNotebookDocument: (handler: NotificationHandler<DidChangeNotebookDocumentParams>) =>
            sync.onDidChangeNotebookDocument((params) => {
              handler(params);
              this.schedule(params.notebookDocument.uri);
            }),
        },
      },
    } as unknown as Connection;
    const listening = this.documents.listen(connection);
    const events = [
      this.documents.onDidOpen((notebook) => this.schedule(notebook.uri)),
      this.documents.onDidClose((notebook) => this.closed(notebook.uri)),
    ];
    return Disposable.create(() => [listening, ...events].forEach((disposable) => disposable.dispose()));
  }

  /** Whether the notebook (its file URI) is open in the editor. */
  isOpen(uri: string): boolean {
    return !!this.documents.getNotebookDocument(uri);
  }

  configurationChanged(): void {
    this.settings.clear();
    this.reportedSkips.clear();
    for (const uri of this.published.keys()) this.schedule(uri);
  }

  /** Code actions on a cell; undefined when `uri` is not a cell of an open notebook. */
  async codeActions(params: CodeActionParams, documentChanges: boolean): Promise<CodeAction[] | undefined> {
    const uri = params.textDocument.uri;
    const notebook = this.documents.findNotebookDocumentForCell(uri);
    if (!notebook) return undefined;
    const cells = this.cellsOf(notebook);
    const index = cells.findIndex((cell) => cell.uri === uri);
    const cell = cells[index];
    if (!cell) return [];
    const lines = new LineIndex(cell.text);
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const versions = new Map(cells.map((c) => [c.uri, c.version]));
    if (!only || only.some((kind) => kind === 'quickfix' || kind.startsWith('quickfix.'))) {
      for (const diagnostic of params.context.diagnostics) {
        const data = diagnostic.data as CellDiagnosticData | undefined;
        if (diagnostic.source !== SOURCE || !data?.ruleId || data.version !== cell.version) continue;
        const fix = data.notebookFix;
        if (fix && fix.cells.every((edit) => versions.get(edit.uri) === edit.version))
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            isPreferred: fix.applicability === 'safe' && data.confidence !== 'low',
            diagnostics: [diagnostic],
            edit: cellsEdit(fix.cells, documentChanges),
          });
        actions.push(...codeActionsFor(uri, [diagnostic], lines, { version: cell.version, documentChanges }));
      }
    }
    const onFixable = params.context.diagnostics.some((d) => {
      const data = d.data as CellDiagnosticData | undefined;
      return d.source === SOURCE && (data?.fix || data?.notebookFix);
    });
    if (wantsFixAll(only) && (only || onFixable) && cell.python) {
      // Only this cell's text changes: an editor asks each cell for its fix-all on save, and an edit
      // of another cell (or of the notebook) from here could clash with those or remove a cell.
      const settings = await this.settingsFor(notebook.uri);
      if (this.documents.getNotebookDocument(notebook.uri)?.version !== notebook.version) return actions;
      try {
        const fixed = fixNotebook(this.engine, inputsOf(cells), settings, filePathOf(notebook.uri), index);
        const action = fixAllAction(
          uri,
          cell.text,
          fixed.sources[index],
          fixed.applied.length,
          lines,
          cell.version,
          documentChanges,
        );
        if (action) actions.push({ ...action, title: action.title.replace(/in this file$/, 'in this cell') });
      } catch (error) {
        this.connection.console.error(`fix all in ${uri} failed: ${describe(error)}`);
      }
    }
    return actions;
  }

  private cellsOf(notebook: NotebookDocument): Cell[] {
    return notebook.cells.map((cell) => {
      const document = this.documents.getCellTextDocument(cell);
      return {
        uri: cell.document,
        version: document?.version ?? 0,
        text: document?.getText() ?? '',
        python: cell.kind === NotebookCellKind.Code && document?.languageId === 'python',
      };
    });
  }

  private schedule(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    // Two turns of the event loop, as for text documents: a burst of changes is analysed once.
    this.pending.set(
      uri,
      setImmediate(() =>
        this.pending.set(
          uri,
          setImmediate(() => {
            this.pending.delete(uri);
            this.analyze(uri).catch((error) =>
              this.connection.console.error(`analysis of ${uri} failed: ${describe(error)}`),
            );
          }),
        ),
      ),
    );
  }

  private closed(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer) clearImmediate(timer);
    this.pending.delete(uri);
    this.settings.forget(uri);
    this.reportedSkips.delete(uri);
    this.fixChecks.delete(uri);
    const published = this.published.get(uri);
    this.published.delete(uri);
    for (const cellUri of published?.diagnostics.keys() ?? [])
      void this.connection.sendDiagnostics({ uri: cellUri, diagnostics: [] }).catch(() => undefined);
    // NotebookDocuments forgets the notebook after this event: the results' observer hears of it then,
    // so the notebook no longer counts as open when the workspace reads it from disk again.
    queueMicrotask(() => this.results.closed(uri));
  }

  private async settingsFor(uri: string): Promise<AnalysisSettings> {
    const resolved = await this.settings.resolve(uri, filePathOf(uri));
    if (resolved.problem) this.connection.console.warn(resolved.problem);
    return resolved.settings;
  }

  private async analyze(uri: string): Promise<void> {
    const before = this.documents.getNotebookDocument(uri);
    if (!before) return;
    const version = before.version;
    const settings = await this.settingsFor(uri);
    const maxBytes = await this.settings.maxFileBytes(uri);
    const notebook = this.documents.getNotebookDocument(uri);
    // Changed or closed while the settings were fetched: the change scheduled a newer analysis.
    if (!notebook || notebook.version !== version) return;
    const cells = this.cellsOf(notebook);
    const size = cells.reduce((sum, cell) => sum + (cell.python ? cell.text.length : 0), 0);
    let analysis: NotebookAnalysis | undefined;
    if (size > maxBytes) {
      if (!this.reportedSkips.has(uri)) {
        this.reportedSkips.add(uri);
        this.connection.console.info(
          `skipped ${uri}: its Python cells are larger than the ${formatBytes(maxBytes)} size limit (${formatBytes(size)}); raise pythonSecurityGuide.maxFileSize to analyse it`,
        );
      }
    } else {
      analysis = analyzeNotebook(this.engine, inputsOf(cells), settings, filePathOf(uri), {
        verifyFixes: false,
        modules: true,
      });
      for (const failure of analysis.ruleErrors)
        this.connection.console.error(`rule ${failure.ruleId} failed on ${uri}: ${failure.error}`);
    }
    if (!analysis?.findings.some(({ finding }) => finding.fix)) {
      this.publish(uri, cells, analysis);
      return;
    }
    // As for a text document: a small notebook publishes once, with its fixes checked; a larger one
    // publishes its findings at once and its fixes once they are checked, in slices between other work.
    const checked = analysis;
    let cache = this.fixChecks.get(uri);
    if (!cache) this.fixChecks.set(uri, (cache = new FixCheckCache()));
    const tree = this.engine.parser.parse(checked.source.text);
    const checker = this.engine.fixChecker(
      tree,
      checked.source.text,
      settings,
      checked.findings.map(({ finding }) => finding),
      { cache },
    );
    const pending = checked.findings.filter(({ finding }) => finding.fix);
    const current = () => this.documents.getNotebookDocument(uri)?.version === version;
    if (checked.source.text.length <= VERIFY_INLINE_MAX_CHARS) {
      try {
        for (const { finding } of pending) checker.check(finding);
      } finally {
        tree.delete();
      }
      this.publish(uri, cells, checked);
      return;
    }
    this.publish(uri, cells, checked, false);
    let index = 0;
    const step = () => {
      if (!current()) {
        tree.delete();
        return;
      }
      const until = performance.now() + VERIFY_SLICE_MS;
      try {
        do checker.check(pending[index++].finding);
        while (index < pending.length && performance.now() < until);
      } catch (error) {
        tree.delete();
        this.connection.console.error(`fix verification on ${uri} failed: ${describe(error)}`);
        return;
      }
      if (index < pending.length) setImmediate(step);
      else {
        tree.delete();
        this.publish(uri, cells, checked);
      }
    };
    setTimeout(step, VERIFY_AFTER_PAUSE_MS);
  }

  /** `withFixes: false`: the findings of a large notebook before its fixes are checked. */
  private publish(uri: string, cells: Cell[], analysis: NotebookAnalysis | undefined, withFixes = true): void {
    const diagnostics = new Map<string, Diagnostic[]>(cells.map((cell) => [cell.uri, []]));
    const lines = new Map<number, LineIndex>();
    const linesOf = (index: number) => {
      let index_ = lines.get(index);
      if (!index_) lines.set(index, (index_ = new LineIndex(cells[index].text)));
      return index_;
    };
    const range = (index: number, start: number, end: number) => ({
      start: linesOf(index).position(start),
      end: linesOf(index).position(end),
    });
    const summary: SummaryFinding[] = [];
    for (const placed of analysis?.findings ?? []) {
      const cell = cells[placed.cell];
      summary.push(
        toSummaryFinding(cell.uri, { ...placed.finding, start: placed.start, end: placed.end }, linesOf(placed.cell)),
      );
      const fix = withFixes ? placed.finding.fix : undefined;
      const sameCell = placed.cellEdits && [...placed.cellEdits.keys()].every((index) => index === placed.cell);
      const local = {
        ...placed.finding,
        start: placed.start,
        end: placed.end,
        flow: undefined,
        fix: sameCell && fix ? { ...fix, edits: placed.cellEdits!.get(placed.cell)! } : undefined,
      };
      const diagnostic = toDiagnostic(local, linesOf(placed.cell), cell.version, cell.uri);
      if (placed.flow?.length)
        diagnostic.relatedInformation = placed.flow.map((step, i) => ({
          location: { uri: cells[step.cell].uri, range: range(step.cell, step.start, step.end) },
          message: `${i + 1}. ${step.message}`,
        }));
      if (fix && placed.cellEdits && !sameCell) {
        (diagnostic.data as CellDiagnosticData).notebookFix = {
          title: fix.title,
          applicability: fix.applicability,
          cells: [...placed.cellEdits].map(([index, edits]) => ({
            uri: cells[index].uri,
            version: cells[index].version,
            edits: edits.map((edit) => ({ range: range(index, edit.start, edit.end), newText: edit.newText })),
          })),
        };
      }
      diagnostics.get(cell.uri)!.push(diagnostic);
    }
    // Cells that had diagnostics and are gone (deleted, or no longer Python) are emptied.
    for (const cellUri of this.published.get(uri)?.diagnostics.keys() ?? [])
      if (!diagnostics.has(cellUri))
        void this.connection.sendDiagnostics({ uri: cellUri, diagnostics: [] }).catch(() => undefined);
    this.published.set(uri, { cells, diagnostics });
    this.results.analyzed(uri, summary, analysis?.modules ?? []);
    const versions = new Map(cells.map((cell) => [cell.uri, cell.version]));
    for (const [cellUri, list] of diagnostics)
      void this.connection
        .sendDiagnostics({ uri: cellUri, version: versions.get(cellUri), diagnostics: list })
        .catch(() => undefined);
  }
}

/** The edit of several cells: one versioned TextDocumentEdit per cell, or `changes`. */
function cellsEdit(cells: NotebookFixData['cells'], documentChanges: boolean): WorkspaceEdit {
  return documentChanges
    ? { documentChanges: cells.map(({ uri, version, edits }) => ({ textDocument: { uri, version }, edits })) }
    : { changes: Object.fromEntries(cells.map(({ uri, edits }) => [uri, edits])) };
}

const inputsOf = (cells: readonly Cell[]): NotebookCellInput[] =>
  cells.map((cell) => ({ source: cell.text, python: cell.python }));

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
