import * as path from 'node:path';
import { commands, env, ViewColumn, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The ossproc extension is a thin client: it starts the bundled language server (dist/server.js) over node
 * IPC and forwards three commands to it. Every piece of language logic (what a string means, how a target
 * is encoded, what a value decodes to) lives in the server; the client only asks the user and shows results.
 */

/** Languages whose documents the client hands to the server; `ossproc.embeddedLanguages` narrows it there. */
const HOST_LANGUAGES = ['java', 'python', 'go', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'markdown', 'html', 'xml'];

/** Server-side commands (workspace/executeCommand), see @ossproc/language-server's COMMANDS. */
const SERVER = {
  explain: 'ossproc.server.explain',
  decode: 'ossproc.server.decodeValue',
  insertSaveasTarget: 'ossproc.server.insertSaveasTarget',
} as const;

let client: LanguageClient | undefined;
let selectorLanguages: string[] = [];

function languages(): string[] {
  const configured = workspace.getConfiguration('ossproc').get<string[]>('embeddedLanguages') ?? [];
  return [...new Set(['ossproc', ...HOST_LANGUAGES, ...configured])];
}

function createClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  selectorLanguages = languages();
  const documentSelector: DocumentSelector = selectorLanguages.map((language) => ({ language }));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/ossproc.config.json') },
  };
  return new LanguageClient('ossproc', 'ossproc', serverOptions, clientOptions);
}

/** Runs a server command about the cursor of the active editor. */
async function atCursor<T>(command: string, ...extra: unknown[]): Promise<{ editor: TextEditor; result: T | null } | undefined> {
  const editor = window.activeTextEditor;
  if (!editor || !client) return undefined;
  const { line, character } = editor.selection.active;
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command,
    arguments: [editor.document.uri.toString(), { line, character }, ...extra],
  })) as T | null;
  return { editor, result };
}

export async function activate(context: ExtensionContext): Promise<void> {
  client = createClient(context);

  context.subscriptions.push(
    commands.registerCommand('ossproc.explain', async () => {
      const r = await atCursor<{ markdown: string }>(SERVER.explain);
      if (!r) return;
      if (!r.result) {
        void window.showInformationMessage('ossproc: there is no processing string at the cursor.');
        return;
      }
      const doc = await workspace.openTextDocument({ language: 'markdown', content: r.result.markdown });
      try {
        await commands.executeCommand('markdown.showPreviewToSide', doc.uri);
      } catch {
        await window.showTextDocument(doc, ViewColumn.Beside);
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
      if (!e.affectsConfiguration('ossproc.embeddedLanguages') || !client) return;
      if (languages().every((l) => selectorLanguages.includes(l))) return;
      await client.stop();
      client = createClient(context);
      await client.start();
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
