import { commands, env, EventEmitter, Uri, ViewColumn, window, workspace, type Disposable, type ExtensionContext, type TextDocumentContentProvider, type TextEditor } from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient, type DocumentSelector, type LanguageClientOptions } from 'vscode-languageclient';

/**
 * What the desktop and the web extension share: the client options and the three commands. The extension is
 * a thin client: every piece of language logic (what a string means, how a target is encoded, what a value
 * decodes to) lives in the server; the client only asks the user and shows results. Each entry (extension.ts
 * for Node, browser.ts for a web worker) only says how the server is started.
 */

/** Languages whose documents the client hands to the server; `ossproc.embeddedLanguages` narrows it there. */
const HOST_LANGUAGES = ['java', 'python', 'go', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'markdown', 'html', 'xml'];

/** Server-side commands (workspace/executeCommand), see @ossproc/language-server's COMMANDS. */
const SERVER = {
  explain: 'ossproc.server.explain',
  decode: 'ossproc.server.decodeValue',
  insertSaveasTarget: 'ossproc.server.insertSaveasTarget',
} as const;

/** The scheme of explanations: read-only documents that are never saved, and never linted (the server serves only documents a user writes). */
export const EXPLAIN_SCHEME = 'ossproc-explain';

function languages(): string[] {
  const configured = workspace.getConfiguration('ossproc').get<string[]>('embeddedLanguages') ?? [];
  return [...new Set(['ossproc', ...HOST_LANGUAGES, ...configured])];
}

/** Explanations by URI, shown read-only; the newest few are kept for the preview to re-read. */
class Explanations implements TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: Uri): string {
    return this.texts.get(uri.toString()) ?? '# ossproc: explanation\n\nRun **ossproc: Explain processing string at cursor** again.';
  }

  /** The URI showing `markdown` for a document: one per source document, updated in place. */
  show(source: Uri, markdown: string): Uri {
    const name = source.path.split('/').pop() || 'string';
    const uri = Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${name} explained.md`, query: source.toString() });
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, markdown);
    if (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value!);
    this.changed.fire(uri);
    return uri;
  }
}

type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

export async function activateClient(context: ExtensionContext, create: ClientFactory): Promise<{ stop(): Promise<void> }> {
  let selectorLanguages = languages();
  const make = () => {
    selectorLanguages = languages();
    const documentSelector: DocumentSelector = selectorLanguages.map((language) => ({ language }));
    return create({ documentSelector, synchronize: { fileEvents: workspace.createFileSystemWatcher('**/ossproc.config.json') } });
  };
  let client = make();
  const explanations = new Explanations();

  /** Runs a server command about the cursor of the active editor. */
  async function atCursor<T>(command: string, ...extra: unknown[]): Promise<{ editor: TextEditor; result: T | null } | undefined> {
    const editor = window.activeTextEditor;
    if (!editor) return undefined;
    const { line, character } = editor.selection.active;
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command,
      arguments: [editor.document.uri.toString(), { line, character }, ...extra],
    })) as T | null;
    return { editor, result };
  }

  const disposables: Disposable[] = [
    workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explanations),

    commands.registerCommand('ossproc.explain', async () => {
      const r = await atCursor<{ markdown: string }>(SERVER.explain);
      if (!r) return;
      if (!r.result) {
        void window.showInformationMessage('ossproc: there is no processing string at the cursor.');
        return;
      }
      const uri = explanations.show(r.editor.document.uri, r.result.markdown);
      try {
        await commands.executeCommand('markdown.showPreviewToSide', uri);
      } catch {
        // no Markdown preview (it is a built-in extension a user may disable): the read-only source
        await window.showTextDocument(await workspace.openTextDocument(uri), { viewColumn: ViewColumn.Beside, preview: true, preserveFocus: true });
      }
    }),

    commands.registerCommand('ossproc.insertSaveasTarget', async () => {
      if (!window.activeTextEditor) return;
      const bucket = await window.showInputBox({
        title: 'ossproc: Insert saveas target (1/2)',
        prompt: 'Target bucket — leave empty to save into the source bucket',
        placeHolder: 'examplebucket',
      });
      if (bucket === undefined) return;
      const object = await window.showInputBox({
        title: 'ossproc: Insert saveas target (2/2)',
        prompt: 'Target object key; variables such as {autoext} and {index} are allowed',
        placeHolder: 'outobjprefix.{autoext}',
        validateInput: (v) => (v.trim() === '' ? 'An object key is required' : undefined),
      });
      if (object === undefined) return;
      const r = await atCursor<{ applied: boolean }>(SERVER.insertSaveasTarget, bucket.trim(), object.trim());
      if (r?.result && !r.result.applied) void window.showWarningMessage('ossproc: the saveas target could not be inserted.');
    }),

    commands.registerCommand('ossproc.decodeValue', async () => {
      const r = await atCursor<{ key: string; value: string; decoded?: string; problem?: string }>(SERVER.decode);
      if (!r) return;
      const d = r.result;
      if (!d) {
        void window.showInformationMessage('ossproc: there is no base64 value at the cursor.');
      } else if (d.decoded !== undefined) {
        const copy = 'Copy';
        const choice = await window.showInformationMessage(`${d.key ? `${d.key}_` : ''}${d.value} → ${d.decoded}`, copy);
        if (choice === copy) await env.clipboard.writeText(d.decoded);
      } else {
        void window.showWarningMessage(`ossproc: ${d.value} does not decode: ${d.problem ?? 'not base64'}.`);
      }
    }),

    // a language id added to ossproc.embeddedLanguages that the client does not yet hand over: restart it
    workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('ossproc.embeddedLanguages')) return;
      if (languages().every((l) => selectorLanguages.includes(l))) return;
      await client.stop();
      client = make();
      await client.start();
    }),
  ];
  context.subscriptions.push(...disposables);
  await client.start();
  return { stop: () => client.stop() };
}
