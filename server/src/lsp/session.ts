import type { Finding } from '../ruleApi/types';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type {
  CodeAction,
  CodeActionParams,
  Connection,
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
} from 'vscode-languageserver';
import type { AnalysisSettings } from '../config/settings';
import { Engine, FixCheckCache } from '../engine/engine';
import type { CarriedState } from '../engine/incremental';
import { DiagnosticsCompleteNotification } from '../shared/workspaceSummary';
import { FileEngine, type FileEnvironment } from '../engine/fileEngine';
import { DiagnosticData, SOURCE, codeActionsFor, fixAllAction, toDiagnostic, wantsFixAll } from './diagnostics';
import { formatBytes, utf8Length, utf8LengthExceeds } from '../core/sizes';
import { DocumentStore, OpenDocument, ParsedDocument } from './documentStore';
import { filePathOf } from './uris';
import { libraryModules } from '../semantic/imports';
import { DocumentResults } from './documentResults';
import type { EditorSettings } from './editorSettings';
import { toSummaryFinding } from './summaryFindings';
import { ModuleReads, moduleTextHash } from '../semantic/crossModule';

/** What the session tells the workspace's modules: a file's text changed (an open document, or on disk). */
export interface ChangedModules {
  /** A file changed on disk (it may have been created or deleted). */
  changed(file: string): void;
  /** An open document's text changed. */
  edited(file: string): void;
}

/**
 * The analysis service of the open documents, behind the wiring: keeps them parsed, resolves their
 * settings and ignore rules, analyses the latest version of each (an analysis for an older version
 * is dropped), puts its findings in the DocumentResults that hover and the workspace scan read,
 * publishes diagnostics, and answers code actions (from the fixes the diagnostics carry) and
 * fix-all (on the current text).
 */
export class LanguageSession {
  private readonly pending = new Map<string, NodeJS.Immediate>();
  private readonly reportedProblems = new Set<string>();
  /** Documents already logged as skipped (one message per document until it closes or settings change). */
  private readonly reportedSkips = new Set<string>();
  /** The language each open document was opened with: only `python` documents go to the Python engine. */
  private readonly languages = new Map<string, string>();
  /** Per Python document, what its last analysis carries to the next one (see engine/incremental.ts). */
  private readonly states = new Map<string, CarriedState>();
  /** Documents whose tree is parsed afresh once typing pauses. */
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  /** Per Python document, the verdicts of its fix checks, reused by its next versions (see FixChecker). */
  private readonly fixChecks = new Map<string, FixCheckCache>();
  /** Analyses started and not yet published, per document: fix checks of other documents wait for them. */
  private readonly analysing = new Map<string, number>();
  /** Per open Python document, the other files its last analysis read (path → text hash): a change to one re-checks it. */
  private readonly moduleReads = new Map<string, ModuleReads>();

  constructor(
    private readonly connection: Connection,
    private readonly engine: Engine,
    private readonly store: DocumentStore,
    /** The editor's settings of each document over its pyproject.toml settings (shared with the notebook session). */
    private readonly settings: EditorSettings,
    private readonly fileEngine: FileEngine,
    /** What the file rules ask about the files around a document (.gitignore), forgotten when settings change. */
    private readonly environment: FileEnvironment & { clear(): void },
    /** The workspace's modules the engine follows calls into, told when an open document's text changes. */
    private readonly modules?: ChangedModules,
    /** The path the settings and the rules know a document by (its file path on the desktop). */
    private readonly pathOf: (uri: string) => string | undefined = filePathOf,
    /** Where the findings of each analysis go (hover and the workspace scan read them there). */
    private readonly results: DocumentResults = new DocumentResults(),
    /** How long a large document's parse may take in front of a keystroke's diagnostics (see `PARSE_BUDGET_MS`). */
    private readonly parseBudgetMs = PARSE_BUDGET_MS,
  ) {}

  opened(params: DidOpenTextDocumentParams): void {
    const { uri, version, text, languageId } = params.textDocument;
    this.languages.set(uri, languageId);
    this.store.open(uri, version, text);
    this.schedule(uri);
  }

  changed(params: DidChangeTextDocumentParams): void {
    const { uri, version } = params.textDocument;
    // A large Python document's parse has a budget in front of the keystroke (see `PARSE_BUDGET_MS`).
    const before = this.store.get(uri);
    const large =
      (this.languages.get(uri) ?? 'python') === 'python' && !!before && before.text.length > VERIFY_INLINE_MAX_CHARS;
    const document = this.store.change(uri, version, params.contentChanges, large ? this.parseBudgetMs : Infinity);
    if (!document) return;
    const file = filePathOf(document.uri);
    if (file) this.modules?.edited(file);
    this.schedule(document.uri);
  }

  /**
   * Files changed on disk (created, changed, deleted): the workspace's modules read them again, and every open document
   * whose last analysis read one of them (a helper it calls, a caller of its functions) is analysed again in full.
   */
  filesChanged(files: readonly string[]): void {
    for (const file of files) this.modules?.changed(file);
    const changed = new Set(files);
    for (const [uri, reads] of this.moduleReads) {
      if ([...reads.keys()].some((read) => changed.has(read))) this.recheck(uri);
    }
  }

  /** Analyses an open document again from scratch (what it read of another file changed, so nothing is carried). */
  private recheck(uri: string): void {
    if (!this.store.get(uri)) return;
    this.states.delete(uri);
    this.schedule(uri);
  }

  /** After `file` was analysed with `text`: the open documents whose last analysis read another text of it. */
  private recheckDependents(uri: string, file: string, text: string): void {
    let hash: string | undefined;
    for (const [other, reads] of this.moduleReads) {
      if (other === uri) continue;
      const read = reads.get(file);
      if (read === undefined) continue;
      hash ??= moduleTextHash(text);
      if (read !== hash) this.recheck(other);
    }
  }

  closed(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer) clearImmediate(timer);
    this.pending.delete(uri);
    this.settings.forget(uri);
    this.languages.delete(uri);
    this.reportedSkips.delete(uri);
    this.states.delete(uri);
    this.fixChecks.delete(uri);
    this.moduleReads.delete(uri);
    const settle = this.settleTimers.get(uri);
    if (settle) clearTimeout(settle);
    this.settleTimers.delete(uri);
    this.store.close(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    this.results.closed(uri);
  }

  configurationChanged(): void {
    this.settings.clear();
    this.settings.resolver.clear();
    this.environment.clear();
    this.reportedProblems.clear();
    this.reportedSkips.clear();
    for (const document of this.store.all()) this.schedule(document.uri);
  }

  /**
   * `documentChanges`: the client declared `workspace.workspaceEdit.documentChanges`, so edits go as
   * a `TextDocumentEdit` naming the version they were computed on. A diagnostic of a version other
   * than the document's current one gets no action (its offsets are stale).
   */
  async codeActions(params: CodeActionParams, documentChanges = false): Promise<CodeAction[]> {
    const document = this.store.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const actions =
      only && !only.some((kind) => kind === 'quickfix' || kind.startsWith('quickfix.'))
        ? []
        : codeActionsFor(params.textDocument.uri, params.context.diagnostics, document.lines, {
            version: document.version,
            documentChanges,
          });
    // Unfiltered requests come with every cursor move: offer fix-all there only on a fixable finding of ours.
    const onFixable = params.context.diagnostics.some(
      (d) => d.source === SOURCE && (d.data as DiagnosticData | undefined)?.fix,
    );
    if (wantsFixAll(only) && (only || onFixable)) {
      const fixAll = await this.fixAll(document, documentChanges);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** Every verified fix in the document at once, computed on its current text (each fix re-verified after the previous one). */
  private async fixAll(before: OpenDocument, documentChanges: boolean): Promise<CodeAction | undefined> {
    const settings = await this.settingsFor(before);
    const document = this.store.get(before.uri);
    if (!document || document.version !== before.version) return undefined;
    try {
      const outcome = this.engine.fixAll(document.text, settings, this.pathOf(document.uri));
      return fixAllAction(
        document.uri,
        document.text,
        outcome.text,
        outcome.applied.length,
        document.lines,
        document.version,
        documentChanges,
      );
    } catch (error) {
      this.connection.console.error(
        `fix all in ${document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return undefined;
    }
  }

  /** Runs the analysis after the current burst of messages; a newer version replaces a pending one. */
  private schedule(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    // Two turns of the event loop: the connection handles one queued message per turn, so any
    // change already received replaces this one before its analysis starts.
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.set(
          uri,
          setImmediate(() => {
            this.pending.delete(uri);
            void this.analyze(uri);
          }),
        );
      }),
    );
  }

  private async settingsFor(document: OpenDocument): Promise<AnalysisSettings> {
    const resolved = await this.settings.resolve(document.uri, this.pathOf(document.uri));
    if (resolved.problem && !this.reportedProblems.has(resolved.problem)) {
      this.reportedProblems.add(resolved.problem);
      // The notification, not window.showWarningMessage: that one is a request whose refusal by a
      // client would reject a promise nobody handles.
      void this.connection
        .sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `Python Security Guide: ${resolved.problem}`,
        })
        .catch(() => undefined);
      this.connection.console.warn(resolved.problem);
    }
    return resolved.settings;
  }

  /** True while a document other than `uri` has an analysis waiting to run or running. */
  private othersWaiting(uri: string): boolean {
    for (const other of this.pending.keys()) if (other !== uri) return true;
    for (const [other, count] of this.analysing) if (other !== uri && count > 0) return true;
    return false;
  }

  private fixCheckCache(uri: string): FixCheckCache {
    let cache = this.fixChecks.get(uri);
    if (!cache) this.fixChecks.set(uri, (cache = new FixCheckCache()));
    return cache;
  }

  private async analyze(uri: string): Promise<void> {
    this.analysing.set(uri, (this.analysing.get(uri) ?? 0) + 1);
    try {
      await this.analyzeNow(uri);
    } finally {
      const left = (this.analysing.get(uri) ?? 1) - 1;
      if (left > 0) this.analysing.set(uri, left);
      else this.analysing.delete(uri);
    }
  }

  private async analyzeNow(uri: string): Promise<void> {
    const before = this.store.get(uri);
    if (!before) return;
    const settings = await this.settingsFor(before);
    const maxFileBytes = await this.settings.maxFileBytes(before.uri);
    // The document may have changed (or closed) while settings were fetched: analyse what is current.
    const current = this.store.get(uri);
    if (!current || current.version !== before.version) return;
    if (utf8LengthExceeds(current.text, maxFileBytes)) {
      const bytes = utf8Length(current.text);
      if (!this.reportedSkips.has(uri)) {
        this.reportedSkips.add(uri);
        this.connection.console.info(
          `skipped ${uri}: larger than the ${formatBytes(maxFileBytes)} size limit (${formatBytes(bytes)}); raise pythonSecurityGuide.maxFileSize to analyse it`,
        );
      }
      await this.connection.sendDiagnostics({ uri, version: current.version, diagnostics: [] });
      return;
    }
    // Python documents go to the engine, requirements*.txt, pyproject.toml and .env to the file rules; other documents get nothing.
    const filePath = this.pathOf(uri) ?? uri;
    const language = this.languages.get(uri) ?? 'python';
    // Small documents are analysed on a tree equal to a fresh parse and publish once, with checked
    // fixes. In larger ones both cost a whole-file pass each: their findings are published at once
    // and the fixes (and, after syntax errors, a fresh parse) follow once typing pauses.
    const small = language !== 'python' || current.text.length <= VERIFY_INLINE_MAX_CHARS;
    if (small) this.store.settled(uri);
    // A large document whose parse ran past its budget (an edit that restructures much of the tree: a quote that
    // opens a string to the end of the file): the findings of the last version that parsed are published moved, and
    // the parse goes on in slices between other work, then the analysis.
    else if (language === 'python' && this.store.isParsing(uri)) {
      const kept = this.keptWhileParsing(current, settings);
      if (kept) {
        await this.publish(current, withoutFixes(kept));
        this.parseLater(current);
        return;
      }
    }
    const { document, changed } = this.store.parsedForAnalysis(uri)!;
    let findings: Finding[] = [];
    let modules: readonly string[] = [];
    try {
      let result;
      if (language === 'python') {
        const previous = this.states.get(uri);
        this.states.delete(uri);
        const analysis = this.engine.analyzeForEditor(
          document.tree,
          document.text,
          settings,
          previous,
          changed === 'all' ? undefined : changed,
          this.pathOf(uri),
        );
        this.states.set(uri, analysis.state);
        modules = libraryModules(analysis.state.carried.importedModules);
        result = analysis;
        this.moduleReads.set(uri, analysis.moduleReads ?? new Map());
        if (filePathOf(uri)) this.recheckDependents(uri, filePathOf(uri)!, document.text);
      } else {
        result = this.fileEngine.handles(filePath)
          ? this.fileEngine.analyze(filePath, document.text, settings, this.environment)
          : { findings: [], ruleErrors: [] };
      }
      for (const failure of result.ruleErrors)
        this.connection.console.error(`rule ${failure.ruleId} failed on ${uri}: ${failure.error}`);
      findings = result.findings;
      if (language === 'python' && small)
        this.engine.verifyFindings(
          document.tree,
          document.text,
          settings,
          findings,
          undefined,
          this.fixCheckCache(uri),
          filePathOf(uri),
        );
      this.recordResults(document, findings, modules);
    } catch (error) {
      this.connection.console.error(
        `analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    const settled = this.store.isSettled(uri);
    const unverified = !small && settled ? findings.filter((finding) => finding.fix) : [];
    await this.publish(document, small ? findings : withoutFixes(findings));
    if (!settled) this.settleLater(document);
    else if (unverified.length)
      this.verifyLater(document, settings, findings, unverified, () => this.publish(document, findings));
    else this.complete(document);
  }

  /** Publishes `findings` as the diagnostics of this version of the document. */
  private publish(document: OpenDocument, findings: readonly Finding[]): Promise<void> {
    return this.connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: findings.map((finding) => toDiagnostic(finding, document.lines, document.version, document.uri)),
    });
  }

  /** Puts the findings of an analysis of the document where hover and the workspace scan read them. */
  private recordResults(document: OpenDocument, findings: readonly Finding[], modules: readonly string[]): void {
    this.results.analyzed(
      document.uri,
      findings.map((finding) => ({
        ...toSummaryFinding(document.uri, finding, document.lines),
        ...(finding.advisories ? { advisories: finding.advisories } : {}),
      })),
      modules,
    );
  }

  /**
   * The findings of the last version of a document that parsed, moved to its text (see `Engine.keepForEditor`), taken
   * as this version's while its parse is not done; undefined when there are none to keep (the parse is finished at
   * once and the version analysed).
   */
  private keptWhileParsing(document: OpenDocument, settings: AnalysisSettings): Finding[] | undefined {
    const previous = this.states.get(document.uri);
    const changed = this.store.changesOf(document.uri);
    if (!previous || changed === 'all') return undefined;
    let kept;
    try {
      kept = this.engine.keepForEditor(document.text, settings, previous, changed);
    } catch (error) {
      this.connection.console.error(
        `keeping the findings of ${document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    if (!kept) return undefined;
    // The next analysis starts from the kept one, with what changed after it.
    this.store.takeChangesBeforeParse(document.uri);
    this.states.set(document.uri, kept.state);
    this.recordResults(document, kept.findings, libraryModules(kept.state.carried.importedModules));
    return kept.findings;
  }

  /**
   * Goes on with the parse of a document whose parse ran past its budget, in slices of PARSE_SLICE_MS between turns of
   * the event loop (other documents' analyses first), then analyses it. A newer version or a close abandons it.
   */
  private parseLater(document: OpenDocument): void {
    const step = () => {
      if (this.store.get(document.uri) !== document) return;
      if (this.othersWaiting(document.uri)) {
        setTimeout(step, VERIFY_YIELD_MS);
        return;
      }
      if (this.store.parsePending(document.uri, PARSE_SLICE_MS)) this.schedule(document.uri);
      else setImmediate(step);
    };
    setImmediate(step);
  }

  /** Tells the client the diagnostics of this version are final. */
  private complete(document: ParsedDocument): void {
    void this.connection
      .sendNotification(DiagnosticsCompleteNotification, { uri: document.uri, version: document.version })
      .catch(() => undefined);
  }

  /**
   * Once typing pauses, parses a document whose tree recovered from syntax errors afresh and
   * analyses it again, so its final diagnostics never depend on the edits that led to its text.
   */
  private settleLater(document: ParsedDocument): void {
    const previous = this.settleTimers.get(document.uri);
    if (previous) clearTimeout(previous);
    this.settleTimers.set(
      document.uri,
      setTimeout(() => {
        this.settleTimers.delete(document.uri);
        if (this.store.get(document.uri) !== document) return;
        this.store.settled(document.uri);
        void this.analyze(document.uri);
      }, VERIFY_AFTER_PAUSE_MS),
    );
  }

  /**
   * Checks the fixes of a large document once typing pauses, each on the part of the file it
   * touches (see FixChecker), in slices of VERIFY_SLICE_MS between turns of the event loop. Other
   * documents go first: while one of them has an analysis waiting or running, no slice starts.
   * A newer version (whose change deletes this version's tree) or a close abandons the work at the
   * next slice. When all are done the findings are published again with the fixes kept.
   */
  private verifyLater(
    document: ParsedDocument,
    settings: AnalysisSettings,
    findings: Finding[],
    pending: Finding[],
    done: () => Promise<void>,
  ): void {
    const current = () => this.store.get(document.uri) === document;
    const checker = this.engine.fixChecker(document.tree, document.text, settings, findings, {
      cache: this.fixCheckCache(document.uri),
      path: filePathOf(document.uri),
    });
    let index = 0;
    const step = () => {
      if (!current()) return;
      if (this.othersWaiting(document.uri)) {
        setTimeout(step, VERIFY_YIELD_MS);
        return;
      }
      const until = performance.now() + VERIFY_SLICE_MS;
      do {
        try {
          checker.check(pending[index]);
        } catch (error) {
          pending[index].fix = undefined;
          this.connection.console.error(
            `fix verification on ${document.uri} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        index++;
      } while (index < pending.length && performance.now() < until);
      if (index < pending.length) {
        setImmediate(step);
        return;
      }
      void done().then(() => this.complete(document));
    };
    // Started once typing pauses: a keystroke never waits behind a verification.
    setTimeout(step, VERIFY_AFTER_PAUSE_MS);
  }
}

/** How long after the findings of a large document are published its fixes start being verified. */
export const VERIFY_AFTER_PAUSE_MS = 150;

/** The longest a slice of fix checks keeps the event loop before other work may run. */
export const VERIFY_SLICE_MS = 10;

/** How long fix checks wait, while another document's analysis is waiting or running, before looking again. */
export const VERIFY_YIELD_MS = 2;

/** The findings without their fixes, for a publication before the fixes are checked. */
function withoutFixes(findings: readonly Finding[]): Finding[] {
  return findings.map((finding) => (finding.fix ? { ...finding, fix: undefined } : finding));
}

/**
 * How long a large document's parse may take in front of a keystroke's diagnostics before the findings of the last
 * version that parsed are published instead, moved, and the parse goes on in slices (see `parseLater`).
 */
export const PARSE_BUDGET_MS = 20;

/** The longest a slice of a parse that went past its budget keeps the event loop before other work may run. */
export const PARSE_SLICE_MS = 10;

/** Documents up to this size publish once, with verified fixes; larger ones publish the fixes when verified. */
export const VERIFY_INLINE_MAX_CHARS = 20_000;
