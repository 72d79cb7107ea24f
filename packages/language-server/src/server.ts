import {
  CancellationTokenSource,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  SemanticTokensRegistrationType,
  SignatureHelpRequest,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type DocumentSelector,
  type InitializeResult,
  type Position,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { ConfigLoader, CONFIG_FILE } from './config';
import { COMMANDS, diagnosticFields, FIX_ALL_KIND, getLanguageService, semanticTokensLegend, type LanguageService } from './service/languageService';
import { LineDocument } from './service/lineDocument';
import { defaultSettings, readSettings, withProjectConfig, type Settings } from './service/settings';

/**
 * Wires the language service to a connection: documents, settings (pulled with workspace/configuration,
 * refreshed on didChangeConfiguration, the project's ossproc.config.json on top), debounced diagnostics,
 * and one guarded handler per feature. The server keeps no per-request state, and a feature that throws is
 * logged and answered with an empty result: it never takes the server down.
 */

export const VERSION = '0.1.0';

/** Options a client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Delay between the last change and re-diagnosis (ms); default: none up to 4 MB, then longer (adaptiveDebounce). */
  debounceMs?: number;
  /** The `ossproc` settings, for clients that answer no workspace/configuration requests. */
  settings?: unknown;
}

/** The features served for .ossproc documents only (in other languages they would compete with the host's). */
const OSSPROC_ONLY: DocumentSelector = [{ language: 'ossproc' }, { pattern: '**/*.ossproc' }];

/** What the process around the server may add (main.ts, in Node; a browser worker has none). */
export interface ServerHooks {
  /**
   * Called after a large document was closed and its caches dropped: Node's entry runs a full GC then, so that
   * the process's memory comes back near where it started instead of waiting for V8 to need it.
   */
  releaseMemory?: () => void;
}

/** One slice of diagnosis before other messages are read (ms). */
const SLICE_MS = 15;
/** Partial diagnostics of a huge document are published at most this often (ms). */
const PROGRESS_MS = 1000;

/** A turn of the event loop: incoming messages (hover, a newer change, a cancellation) are read in it. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The delay between a change and re-diagnosis, by document length (characters): none up to 4 MB (a keystroke
 * costs the changed line and a publish), then 10 ms per 400 KB up to 400 ms: each run of a huge document still
 * walks its lines and publishes up to 1,000 diagnostics, which fast typing need not pay on every key.
 */
export function adaptiveDebounce(length: number): number {
  return length <= 4_000_000 ? 0 : Math.min(400, Math.round(length / 40_000));
}

/** A closed document at least this long (characters) asks for its memory back. */
const LARGE_DOCUMENT = 1_000_000;

export function startServer(connection: Connection, hooks: ServerHooks = {}): void {
  // documents held as lines: a keystroke re-splits the lines it touches instead of copying the whole text
  const documents = new TextDocuments<LineDocument>({
    create: (uri, languageId, version, content) => new LineDocument(uri, languageId, version, content),
    update: (doc, changes, version) => {
      doc.update(changes, version);
      return doc;
    },
  });
  const log = (message: string) => connection.console.log(message);
  let service: LanguageService = getLanguageService({ log });
  let debounceMs: number | undefined;
  let canPullConfiguration = false;
  let clientCaps: ClientCapabilities = {};
  let pushedSettings: Settings = defaultSettings();
  const settingsByUri = new Map<string, Promise<Settings>>();
  const configs = new ConfigLoader(log);
  /** Pending re-diagnosis per document: how to cancel it. */
  const timers = new Map<string, () => void>();
  const generations = new Map<string, number>();
  const justOpened = new Set<string>();
  /** Sliced requests under way per document (formatting), cancelled when it closes. */
  const closing = new Map<string, Set<CancellationTokenSource>>();
  const published = new Set<string>();

  /** Runs a feature; an exception is logged and answered with `fallback`. */
  function guard<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await fn(params, token);
      } catch (e) {
        connection.console.error(`ossproc: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback;
      }
    };
  }

  function settingsFor(uri: string): Promise<Settings> {
    let client: Promise<Settings>;
    if (canPullConfiguration) {
      let pending = settingsByUri.get(uri);
      if (!pending) {
        pending = connection.workspace.getConfiguration({ scopeUri: uri, section: 'ossproc' }).then(
          (raw) => readSettings(raw),
          (e: unknown) => {
            log(`ossproc: could not read settings: ${String(e)}`);
            return pushedSettings;
          },
        );
        settingsByUri.set(uri, pending);
      }
      client = pending;
    } else client = Promise.resolve(pushedSettings);
    return client.then((s) => withProjectConfig(s, configs.forUri(uri)));
  }

  function schedule(uri: string, delay: number): void {
    timers.get(uri)?.();
    const run = () => {
      timers.delete(uri);
      void validate(uri);
    };
    // no delay: the next turn of the event loop (a timer would wait a millisecond at least)
    if (delay <= 0) {
      const t = setImmediate(run);
      timers.set(uri, () => clearImmediate(t));
    } else {
      const t = setTimeout(run, delay);
      timers.set(uri, () => clearTimeout(t));
    }
  }

  /** The delay before re-diagnosis: the client's, else none for small documents and more for huge ones. */
  function delayFor(uri: string): number {
    if (debounceMs !== undefined) return debounceMs;
    return adaptiveDebounce(documents.get(uri)?.length ?? 0);
  }

  /**
   * Diagnoses a document in slices of SLICE_MS, giving the event loop back between them, so that hover,
   * completion and the next change are read while a huge document is diagnosed; a newer change (or run)
   * stops it at the next slice (what was checked is kept: the next run goes on from there). Partial results
   * are published at most every PROGRESS_MS; the complete ones when done.
   */
  async function validate(uri: string): Promise<void> {
    const gen = (generations.get(uri) ?? 0) + 1;
    generations.set(uri, gen);
    try {
      const opened = documents.get(uri);
      if (!opened) return;
      const settings = await settingsFor(uri);
      const doc = documents.get(uri);
      const version = opened.version;
      const current = () => generations.get(uri) === gen && documents.get(uri) === doc && doc?.version === version;
      // a newer change or run has taken over while the settings were read
      if (!doc || !current()) return;
      if (!service.isEnabled(doc, settings)) {
        if (published.delete(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
        return;
      }
      let lastPublished = performance.now();
      for (;;) {
        const partial = performance.now() - lastPublished >= PROGRESS_MS;
        const result = service.doValidation(doc, settings, { budgetMs: SLICE_MS, partial });
        if (result.complete || partial) {
          published.add(uri);
          connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics });
          lastPublished = performance.now();
        }
        if (result.complete) return;
        await nextTurn();
        if (!current()) return;
      }
    } catch (e) {
      connection.console.error(`ossproc: diagnostics failed for ${uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  function revalidateAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  connection.onInitialize((params): InitializeResult => {
    clientCaps = params.capabilities;
    canPullConfiguration = !!clientCaps.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    if (init.settings !== undefined) pushedSettings = readSettings(init.settings);
    const snippets = clientCaps.textDocument?.completion?.completionItem?.snippetSupport ?? false;
    const td = clientCaps.textDocument;
    // a diagnostic carries what the client said it takes: no bytes it would drop on every publish
    service = getLanguageService({ snippets, log, diagnosticFields: diagnosticFields(td?.publishDiagnostics) });
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['/', ',', '_', '|'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      inlayHintProvider: { resolveProvider: false },
      executeCommandProvider: { commands: Object.values(COMMANDS) },
    };
    // registered for .ossproc only, dynamically where the client can, else statically
    if (!td?.signatureHelp?.dynamicRegistration) capabilities.signatureHelpProvider = { triggerCharacters: [',', '_'], retriggerCharacters: [','] };
    if (!td?.documentSymbol?.dynamicRegistration) capabilities.documentSymbolProvider = true;
    if (!td?.formatting?.dynamicRegistration) capabilities.documentFormattingProvider = true;
    if (!td?.rangeFormatting?.dynamicRegistration) capabilities.documentRangeFormattingProvider = true;
    if (!td?.semanticTokens?.dynamicRegistration) capabilities.semanticTokensProvider = { legend: semanticTokensLegend, full: true, range: true, documentSelector: OSSPROC_ONLY };
    return { capabilities, serverInfo: { name: 'ossproc-language-server', version: VERSION } };
  });

  connection.onInitialized(() => {
    const td = clientCaps.textDocument;
    const reg = connection.client;
    const fail = (what: string) => (e: unknown) => log(`ossproc: could not register ${what}: ${String(e)}`);
    if (clientCaps.workspace?.didChangeConfiguration?.dynamicRegistration) reg.register(DidChangeConfigurationNotification.type, { section: 'ossproc' }).catch(fail('configuration'));
    if (clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      reg.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE}` }] }).catch(fail('file watching'));
    }
    if (td?.signatureHelp?.dynamicRegistration) reg.register(SignatureHelpRequest.type, { documentSelector: OSSPROC_ONLY, triggerCharacters: [',', '_'], retriggerCharacters: [','] }).catch(fail('signature help'));
    if (td?.documentSymbol?.dynamicRegistration) reg.register(DocumentSymbolRequest.type, { documentSelector: OSSPROC_ONLY }).catch(fail('document symbols'));
    if (td?.formatting?.dynamicRegistration) reg.register(DocumentFormattingRequest.type, { documentSelector: OSSPROC_ONLY }).catch(fail('formatting'));
    if (td?.rangeFormatting?.dynamicRegistration) reg.register(DocumentRangeFormattingRequest.type, { documentSelector: OSSPROC_ONLY }).catch(fail('range formatting'));
    if (td?.semanticTokens?.dynamicRegistration) {
      reg.register(SemanticTokensRegistrationType.type, { documentSelector: OSSPROC_ONLY, legend: semanticTokensLegend, full: true, range: true }).catch(fail('semantic tokens'));
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    configs.clear();
    const raw = (change.settings as { ossproc?: unknown } | null | undefined)?.ossproc;
    if (raw !== undefined) pushedSettings = readSettings(raw);
    revalidateAll();
    if (clientCaps.workspace?.inlayHint?.refreshSupport) connection.languages.inlayHint.refresh().catch(() => {});
    if (clientCaps.workspace?.semanticTokens?.refreshSupport) connection.languages.semanticTokens.refresh();
  });

  connection.onDidChangeWatchedFiles(() => {
    configs.clear();
    revalidateAll();
  });

  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    schedule(uri, justOpened.delete(uri) ? 0 : delayFor(uri));
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    timers.get(uri)?.();
    timers.delete(uri);
    generations.delete(uri);
    justOpened.delete(uri);
    for (const source of closing.get(uri) ?? []) source.cancel();
    closing.delete(uri);
    settingsByUri.delete(uri);
    service.forget(uri);
    if (published.delete(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    if (e.document.length >= LARGE_DOCUMENT) {
      service.dropSharedCaches();
      hooks.releaseMemory?.();
    }
  });

  /**
   * Runs sliced work on a document with a token cancelled by the client or by the document's closing, so
   * that no work on a closed document goes on (nor keeps its text).
   */
  async function whileOpen<R>(uri: string, token: CancellationToken, work: (token: CancellationToken) => Promise<R>): Promise<R> {
    const source = new CancellationTokenSource();
    const sub = token.onCancellationRequested(() => source.cancel());
    let running = closing.get(uri);
    if (!running) closing.set(uri, (running = new Set()));
    running.add(source);
    try {
      return await work(source.token);
    } finally {
      sub.dispose();
      running.delete(source);
      if (running.size === 0 && closing.get(uri) === running) closing.delete(uri);
      source.dispose();
    }
  }

  /** The document and its settings for a request, or undefined for a document the server does not hold. */
  async function open(uri: string): Promise<{ doc: LineDocument; settings: Settings } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    return { doc, settings: await settingsFor(uri) };
  }

  connection.onCompletion(
    guard('completion', null, async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? service.doComplete(o.doc, params.position, o.settings, token) : null;
    }),
  );
  connection.onHover(
    guard('hover', null, async (params) => {
      const o = await open(params.textDocument.uri);
      return o ? service.doHover(o.doc, params.position, o.settings) : null;
    }),
  );
  connection.onSignatureHelp(
    guard('signature help', null, async (params) => {
      const o = await open(params.textDocument.uri);
      return o ? service.getSignatureHelp(o.doc, params.position, o.settings) : null;
    }),
  );
  connection.onCodeAction(
    guard('code actions', [], async (params) => {
      const o = await open(params.textDocument.uri);
      return o ? service.getCodeActions(o.doc, params.range, params.context, o.settings) : [];
    }),
  );
  connection.onCodeActionResolve(async (action, token) => {
    const data = action.data as { ossprocFixAll?: { uri?: unknown } } | undefined;
    const uri = typeof data?.ossprocFixAll?.uri === 'string' ? data.ossprocFixAll.uri : undefined;
    return guard('code action resolve', action, async () => {
      const o = uri ? await open(uri) : undefined;
      return o ? service.resolveCodeAction(o.doc, action, o.settings) : action;
    })(action, token);
  });
  connection.languages.inlayHint.on(
    guard('inlay hints', [], async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? service.getInlayHints(o.doc, params.range, o.settings, token) : [];
    }),
  );
  connection.languages.semanticTokens.on(
    guard('semantic tokens', { data: [] }, async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? service.getSemanticTokens(o.doc, o.settings, undefined, token) : { data: [] };
    }),
  );
  connection.languages.semanticTokens.onRange(
    guard('semantic tokens', { data: [] }, async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? service.getSemanticTokens(o.doc, o.settings, params.range, token) : { data: [] };
    }),
  );
  connection.onDocumentSymbol(
    guard('document symbols', [], async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? service.getDocumentSymbols(o.doc, o.settings, token) : [];
    }),
  );
  connection.onDocumentFormatting(
    guard('formatting', [], async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? whileOpen(params.textDocument.uri, token, (t) => service.formatSliced(o.doc, o.settings, undefined, t)) : [];
    }),
  );
  connection.onDocumentRangeFormatting(
    guard('formatting', [], async (params, token) => {
      const o = await open(params.textDocument.uri);
      return o ? whileOpen(params.textDocument.uri, token, (t) => service.formatSliced(o.doc, o.settings, params.range, t)) : [];
    }),
  );
  connection.onExecuteCommand(
    guard('command', null, async (params) => {
      const [uri, position, ...rest] = (params.arguments ?? []) as [string?, Position?, ...unknown[]];
      if (typeof uri !== 'string' || !position) throw new Error(`${params.command} needs a document uri and a position`);
      const o = await open(uri);
      if (!o) return null;
      switch (params.command) {
        case COMMANDS.explain:
          return service.explainAt(o.doc, position, o.settings);
        case COMMANDS.decode:
          return service.decodeAt(o.doc, position, o.settings);
        case COMMANDS.insertSaveasTarget: {
          const [bucket, object] = rest;
          if (typeof object !== 'string' || object === '') throw new Error('insertSaveasTarget needs an object key');
          const edit = service.saveasTargetEdit(o.doc, position, o.settings, typeof bucket === 'string' ? bucket : '', object);
          const result = await connection.workspace.applyEdit({ label: 'Insert saveas target', edit: { changes: { [uri]: [edit] } } });
          return { applied: result.applied, edit };
        }
        default:
          throw new Error(`unknown command ${params.command}`);
      }
    }),
  );

  documents.listen(connection);
}
