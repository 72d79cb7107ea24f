import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

/**
 * A minimal LSP client for end-to-end tests: spawns the BUILT server (bin → dist) and talks JSON-RPC to it
 * over stdio (or node IPC), answers workspace/configuration with `settings`, records what the server
 * pushes, and waits by polling (never by sleeping a fixed time).
 */

export const SERVER_BIN = fileURLToPath(new URL('../../packages/language-server/bin/ossproc-language-server.cjs', import.meta.url));
export const SERVER_DIST = fileURLToPath(new URL('../../packages/language-server/dist/server.cjs', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(SERVER_DIST)) throw new Error(`${SERVER_DIST} is missing: run \`pnpm --filter @ossproc/language-server build\` first`);
}

/** Polls `probe` every few milliseconds until it returns something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, applyEdit: true, workspaceEdit: { documentChanges: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true, resolveSupport: { properties: ['edit'] } },
    inlayHint: {},
    semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
  },
};

export interface StartOptions {
  transport?: 'stdio' | 'ipc';
  initializationOptions?: unknown;
  /** What the client answers for the `ossproc` section of workspace/configuration. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly appliedEdits: unknown[] = [];
  configurationRequests = 0;
  settings: Record<string, unknown>;
  stderr = '';
  initializeResult!: InitializeResult;
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    assertBuilt();
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      child = fork(SERVER_BIN, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new LspClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p);
      client.published.push(p);
    });
    connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      client.logs.push(p);
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      client.configurationRequests++;
      return p.items.map((i) => (i.section === 'ossproc' ? client.settings : null));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/applyEdit', (p: unknown) => {
      client.appliedEdits.push(p);
      return { applied: true };
    });
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.listen();
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The diagnostics published for `uri` at `version` (polls). */
  diagnosticsFor(uri: string, version = this.version(uri)): Promise<PublishDiagnosticsParams> {
    return waitFor(() => {
      const p = this.diagnostics.get(uri);
      return p && p.version === version ? p : undefined;
    }, `diagnostics of ${uri} at version ${version}`);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
