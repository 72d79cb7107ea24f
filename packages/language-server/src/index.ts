/**
 * @ossproc/language-server: the ossproc language service (transport-free features over @ossproc/core) and
 * the server that wires it to an LSP connection.
 */
export * from './service/languageService';
export { startServer, type InitializationOptions, type ServerHooks } from './server';
