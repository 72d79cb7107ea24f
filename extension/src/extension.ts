import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient } from './client';

/** The desktop extension: the bundled server (dist/server.js) runs in Node over IPC. */

let running: { stop(): Promise<void> } | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  running = await activateClient(context, (clientOptions) => new LanguageClient('ossproc', 'ossproc', serverOptions, clientOptions));
}

export async function deactivate(): Promise<void> {
  await running?.stop();
  running = undefined;
}
