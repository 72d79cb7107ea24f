import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient } from './client';

/**
 * The web extension (vscode.dev, github.dev): the same server, bundled for a browser worker
 * (dist/browser/server.js), over postMessage.
 */

// the extension host of a web extension is a worker: it has Worker (the DOM lib is not in this project's types)
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let running: { stop(): Promise<void> } | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverMain = Uri.joinPath(context.extensionUri, 'dist/browser/server.js');
  running = await activateClient(context, (clientOptions) => new LanguageClient('ossproc', 'ossproc', clientOptions, new Worker(serverMain.toString(true))));
}

export async function deactivate(): Promise<void> {
  await running?.stop();
  running = undefined;
}
