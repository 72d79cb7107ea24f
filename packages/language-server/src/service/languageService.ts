import type {
  CancellationToken,
  CodeAction,
  CodeActionContext,
  CompletionList,
  DocumentSymbol,
  Hover,
  InlayHint,
  Position,
  Range,
  SemanticTokens,
  SignatureHelp,
  TextEdit,
} from 'vscode-languageserver';
import { clearMemo } from '@ossproc/core';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions, resolveCodeAction } from './codeActions';
import { decodeAt, explainAt, saveasTargetEdit, type DecodeResult, type ExplainResult } from './commands';
import { doComplete } from './completion';
import type { ServiceContext } from './context';
import { ALL_FIELDS, doValidation, type DiagnosticFields, type LspValidationResult } from './diagnostics';
import { DocumentStore, hostLanguageOf } from './documents';
import { getDocumentSymbols } from './documentSymbols';
import { formatDocument, formatSliced } from './formatting';
import { doHover } from './hover';
import { getInlayHints } from './inlayHints';
import { getSemanticTokens } from './semanticTokens';
import type { Settings } from './settings';
import { getSignatureHelp } from './signatureHelp';

/**
 * The ossproc language service: every feature as a function of a document, a position and the settings,
 * returning LSP types, with no transport (vscode-json-languageservice's getLanguageService). The server
 * wires it to a connection; tests call it directly.
 */
export interface LanguageService {
  /** Whether the service reads this document at all (.ossproc, or a language in `embeddedLanguages`). */
  isEnabled(doc: TextDocument, settings: Settings): boolean;
  /**
   * The diagnostics to publish. `complete` is false when the run stopped on its time budget: publish, then
   * call again (the next run goes on where this one stopped).
   */
  doValidation(doc: TextDocument, settings: Settings, options?: { token?: CancellationToken; budgetMs?: number; partial?: boolean }): LspValidationResult;
  doComplete(doc: TextDocument, position: Position, settings: Settings, token?: CancellationToken): CompletionList;
  doHover(doc: TextDocument, position: Position, settings: Settings): Hover | null;
  getCodeActions(doc: TextDocument, range: Range, context: CodeActionContext, settings: Settings): CodeAction[];
  resolveCodeAction(doc: TextDocument | undefined, action: CodeAction, settings: Settings): CodeAction;
  getInlayHints(doc: TextDocument, range: Range, settings: Settings, token?: CancellationToken): InlayHint[];
  getSemanticTokens(doc: TextDocument, settings: Settings, range?: Range, token?: CancellationToken): SemanticTokens;
  getDocumentSymbols(doc: TextDocument, settings: Settings, token?: CancellationToken): DocumentSymbol[];
  format(doc: TextDocument, settings: Settings, range?: Range, token?: CancellationToken): TextEdit[];
  /** `format` in slices that let other work run between them; empty when cancelled or the document changed. */
  formatSliced(doc: TextDocument, settings: Settings, range?: Range, token?: CancellationToken): Promise<TextEdit[]>;
  getSignatureHelp(doc: TextDocument, position: Position, settings: Settings): SignatureHelp | null;
  explainAt(doc: TextDocument, position: Position, settings: Settings): ExplainResult | null;
  decodeAt(doc: TextDocument, position: Position, settings: Settings): DecodeResult | null;
  saveasTargetEdit(doc: TextDocument, position: Position, settings: Settings, bucket: string, object: string): TextEdit;
  /** Drops what the caches hold for a closed document. */
  forget(uri: string): void;
  /**
   * Drops the caches shared by all documents (core's check memo, the parse cache), which a large document
   * fills: called when one is closed, so that memory comes back; the open documents keep their own results.
   */
  dropSharedCaches(): void;
}

export interface LanguageServiceOptions {
  /** The client inserts snippets (textDocument.completion.completionItem.snippetSupport). Default true. */
  snippets?: boolean;
  /** Where notes go (a string too long to check…). */
  log?: (message: string) => void;
  /** What published diagnostics carry beside range, severity, code, source and message (`diagnosticFields`); default all. */
  diagnosticFields?: DiagnosticFields;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const ctx: ServiceContext = { store: new DocumentStore(), snippets: options.snippets ?? true, log: options.log ?? (() => {}) };
  const fields = options.diagnosticFields ?? ALL_FIELDS;
  return {
    isEnabled: (doc, settings) => hostLanguageOf(doc, settings) !== undefined,
    doValidation: (doc, settings, o = {}) => doValidation(doc, settings, ctx.store, { ...o, log: ctx.log, fields }),
    doComplete: (doc, position, settings, token) => doComplete(ctx, doc, position, settings, token),
    doHover: (doc, position, settings) => doHover(ctx, doc, position, settings),
    getCodeActions: (doc, range, context, settings) => getCodeActions(ctx, doc, range, context, settings),
    resolveCodeAction: (doc, action, settings) => resolveCodeAction(ctx, doc, action, settings),
    getInlayHints: (doc, range, settings, token) => getInlayHints(ctx, doc, range, settings, token),
    getSemanticTokens: (doc, settings, range, token) => getSemanticTokens(ctx, doc, settings, range, token),
    getDocumentSymbols: (doc, settings, token) => getDocumentSymbols(ctx, doc, settings, token),
    format: (doc, settings, range, token) => formatDocument(ctx, doc, settings, range, token),
    formatSliced: (doc, settings, range, token) => formatSliced(ctx, doc, settings, range, token),
    getSignatureHelp: (doc, position, settings) => getSignatureHelp(ctx, doc, position, settings),
    explainAt: (doc, position, settings) => explainAt(ctx, doc, position, settings),
    decodeAt: (doc, position, settings) => decodeAt(ctx, doc, position, settings),
    saveasTargetEdit: (doc, position, settings, bucket, object) => saveasTargetEdit(ctx, doc, position, settings, bucket, object),
    forget: (uri) => ctx.store.forget(uri),
    dropSharedCaches: () => {
      ctx.store.dropShared();
      clearMemo();
    },
  };
}

export { semanticTokensLegend } from './semanticTokens';
export { COMMANDS } from './commands';
export { FIX_ALL_KIND } from './codeActions';
export { diagnosticFields, ALL_FIELDS, type DiagnosticFields } from './diagnostics';
export { defaultSettings, readSettings, withProjectConfig, type Settings } from './settings';
