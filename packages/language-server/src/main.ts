import { format } from 'node:util';
import { createConnection } from 'vscode-languageserver/node';
import { startServer, VERSION } from './server';

/**
 * ossproc-language-server: `--stdio`, `--node-ipc` or `--socket=<port>` (read by createConnection).
 * stdout is the wire of a stdio server, so every log line goes to the connection's console.
 */
if (process.argv.includes('--version')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}

const connection = createConnection();

const to = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => connection.console[level](format(...args));
console.log = to('log');
console.info = to('info');
console.debug = to('log');
console.warn = to('warn');
console.error = to('error');

process.on('uncaughtException', (e) => connection.console.error(`ossproc: uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`ossproc: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

startServer(connection);
connection.listen();
