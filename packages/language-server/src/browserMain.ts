import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

/**
 * The language server in a browser worker (a web extension in vscode.dev / github.dev, or any page): the
 * same server as `--stdio`, over the worker's postMessage. There is no file system, so no
 * ossproc.config.json is read; settings come from the client.
 */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

// the server yields with setImmediate between slices of a long validation; a worker has only timers
const g = globalThis as { setImmediate?: (fn: () => void) => unknown; clearImmediate?: (t: unknown) => void };
g.setImmediate ??= (fn: () => void) => setTimeout(fn, 0);
g.clearImmediate ??= (t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>);

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection);
connection.listen();
