import type { Diagnostic } from '@ossproc/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createServer as httpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { CONTENT_TYPES } from '../image/pipeline';
import { insideFolder } from '../paths';
import { kindOf, runRequest, type PreviewResult } from '../preview';
import { PreviewError, readRequest, TaskFailure, type Request } from '../request';
import { Limiter } from './limiter';

/**
 * A local bucket: GET /key?x-oss-process=… answers the processed image (or style/NAME from a preset file),
 * POST /key with x-oss-async-process=…|sys/saveas,… runs a media task in the background and writes its target
 * into the folder, GET /?x-oss-task=ID reports the task. Bound to 127.0.0.1 unless told otherwise; never reads
 * or writes outside the folder (keys with `..`, symlinks leading out); bounded work and request sizes.
 */
export interface ServeOptions {
  /** The folder that is the bucket. */
  root: string;
  /** 0 picks a free port. Default 8787. */
  port?: number;
  host?: string;
  styles?: ReadonlyMap<string, string>;
  ffmpeg?: string;
  /** Faster encoder presets for tasks. */
  fast?: boolean;
  /** Synchronous requests processed at once (more wait; past `maxQueue` waiting, 503). Default 4. */
  concurrency?: number;
  /** Background tasks run at once. Default 1. */
  taskConcurrency?: number;
  /** Requests or tasks allowed to wait. Default 32. */
  maxQueue?: number;
  /** Largest request body. Default 64 KiB. */
  maxBody?: number;
  /** Largest image processed synchronously (the service's limit is 20 MB). */
  maxImageBytes?: number;
  /** One line per request. */
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

type TaskState = 'Running' | 'Succeeded' | 'Failed' | 'Ready';

interface Task {
  TaskId: string;
  RequestId: string;
  EventId: string;
  State: TaskState;
  Source: string;
  Process: string;
  CreationTime: string;
  StartTime?: string;
  EndTime?: string;
  Code?: string;
  Message?: string;
  Targets?: string[];
  Checks?: PreviewResult['checks'];
  Command?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const FILE_TYPES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CONTENT_TYPES).map(([k, v]) => [`.${k}`, v])),
  '.jpeg': 'image/jpeg',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.ts': 'video/mp2t',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mpd': 'application/dash+xml',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.aac': 'audio/aac',
  '.flac': 'audio/flac',
  '.opus': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

const newRequestId = () => randomBytes(12).toString('hex').toUpperCase();

export async function createServer(options: ServeOptions): Promise<PreviewServer> {
  const root = realpathSync(options.root);
  if (!statSync(root).isDirectory()) throw new PreviewError(`${options.root} is not a folder`);
  const styles = options.styles ?? new Map<string, string>();
  const maxQueue = options.maxQueue ?? 32;
  const sync = new Limiter(options.concurrency ?? 4, maxQueue);
  const background = new Limiter(options.taskConcurrency ?? 1, maxQueue);
  const tasks = new Map<string, Task>();
  const maxBody = options.maxBody ?? 64 * 1024;
  const maxImage = options.maxImageBytes ?? 20 * 1024 * 1024;
  const shutdown = new AbortController();
  const log = options.log ?? (() => {});

  /** The file a key names: inside the root after symlinks, an existing file. */
  function sourceFile(key: string): string {
    const file = keyPath(key);
    let st;
    try {
      st = statSync(file);
    } catch {
      throw new HttpError(404, 'NoSuchKey', 'The specified key does not exist.');
    }
    if (!st.isFile()) throw new HttpError(404, 'NoSuchKey', 'The specified key does not exist.');
    return file;
  }

  function keyPath(key: string): string {
    try {
      return insideFolder(root, key);
    } catch (e) {
      throw new HttpError(403, 'AccessDenied', (e as Error).message);
    }
  }

  /** style/NAME (optionally followed by more stages) replaced by the style's string. */
  function expandStyle(text: string): string {
    const m = /^style\/([^|/]+)(.*)$/s.exec(text);
    if (!m) return text;
    const content = styles.get(m[1]!);
    if (content === undefined) throw new HttpError(404, 'NoSuchStyle', `The style '${m[1]}' does not exist.`);
    return content + m[2]!;
  }

  function checked(text: string, mode: 'sync' | 'async'): Request {
    const request = readRequest(expandStyle(text), { mode });
    if (request.errors.length) {
      throw new HttpError(400, 'InvalidArgument', request.errors[0]!.message, { Diagnostics: request.diagnostics.map(diagnosticJson) });
    }
    return request;
  }

  async function processSync(key: string, text: string, res: ServerResponse, save: boolean): Promise<void> {
    const request = checked(text, 'sync');
    const input = sourceFile(key);
    if (request.saveas && !save) throw new HttpError(400, 'InvalidArgument', 'sys/saveas needs a POST request (ProcessObject); a GET cannot save.');
    const kind = kindOf(request);
    if (kind === 'image' && statSync(input).size > maxImage) throw new HttpError(400, 'ImageTooLarge', `The image is larger than ${maxImage} bytes.`);
    await sync.run(async () => {
      if (save) {
        if (!request.saveas) throw new HttpError(400, 'InvalidArgument', 'A POST with x-oss-process saves its result: add |sys/saveas,o_<key>.');
        const r = await runRequest(request, { input, root, ...common() });
        const target = r.outputs[0]!;
        send(res, 200, { bucket: request.saveas.bucket ?? '', fileSize: statSync(target).size, object: toKey(target), status: 'OK' });
        return;
      }
      // a synchronous result is answered, not stored: media writes into a scratch folder
      const scratch = mkdtempSync(join(tmpdir(), 'ossproc-serve-'));
      try {
        const r = await runRequest(request, { input, root, output: scratch, ...common(), ...(kind === 'image' ? { dryRun: true } : {}) });
        if (r.json !== undefined) return send(res, 200, r.json);
        if (r.image) return sendBytes(res, r.image.data, r.image.contentType);
        const file = r.outputs[0]!;
        sendBytes(res, readFileSync(file), FILE_TYPES[extname(file)] ?? 'application/octet-stream');
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  }

  function common() {
    return { ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}), ...(options.fast ? { fast: true } : {}), signal: shutdown.signal };
  }

  function toKey(file: string): string {
    return relative(root, file).split(sep).join('/');
  }

  function startTask(key: string, text: string): Task {
    const request = checked(text, 'async');
    const input = sourceFile(key);
    if (kindOf(request) !== 'media') throw new HttpError(400, 'InvalidArgument', 'x-oss-async-process runs video/convert, audio/convert and the other IMM media actions; image processing is synchronous.');
    if (!request.saveas) throw new HttpError(400, 'InvalidArgument', 'An asynchronous task keeps its output only with |sys/saveas,o_<key>.');
    const task: Task = { TaskId: `MediaConvert-${randomUUID()}`, RequestId: newRequestId(), EventId: `${randomBytes(6).toString('hex')}-${randomBytes(8).toString('hex')}`, State: 'Ready', Source: key, Process: text, CreationTime: new Date().toISOString() };
    if (!background.hasRoom()) throw new HttpError(503, 'ServiceUnavailable', 'Too many tasks are waiting; try again later.');
    tasks.set(task.TaskId, task);
    background
      .run(async () => {
        task.State = 'Running';
        task.StartTime = new Date().toISOString();
        const r = await runRequest(request, { input, root, ...common() });
        task.Targets = r.outputs.map(toKey);
        task.Checks = r.checks;
        if (r.command) task.Command = r.command;
        task.State = 'Succeeded';
      })
      .catch((e: unknown) => {
        task.State = 'Failed';
        task.Code = e instanceof PreviewError ? e.code : e instanceof TaskFailure ? 'TaskFailed' : 'InternalError';
        task.Message = (e as Error).message;
      })
      .finally(() => {
        task.EndTime = new Date().toISOString();
        log(`task ${task.TaskId} ${task.State}${task.Message ? `: ${task.Message}` : ''}`);
      });
    return task;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const query = parseQuery(q < 0 ? '' : url.slice(q + 1));
    let key: string;
    try {
      key = decodeURIComponent(rawPath).replace(/^\/+/, '');
    } catch {
      throw new HttpError(400, 'InvalidURI', 'The path is not valid percent-encoding.');
    }
    const method = req.method ?? 'GET';
    if (query.has('x-oss-task')) {
      if (method !== 'GET') throw new HttpError(405, 'MethodNotAllowed', 'GET /?x-oss-task=ID reports a task.');
      const task = tasks.get(query.get('x-oss-task')!);
      if (!task) throw new HttpError(404, 'NoSuchTask', 'The specified task does not exist.');
      return send(res, 200, task);
    }
    if (method === 'GET' || method === 'HEAD') {
      await drain(req, maxBody);
      if (query.has('x-oss-async-process')) throw new HttpError(400, 'InvalidArgument', 'x-oss-async-process needs a POST request.');
      const text = query.get('x-oss-process');
      if (text !== undefined) return processSync(key, text, res, false);
      const file = sourceFile(key);
      res.writeHead(200, { 'Content-Type': FILE_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
      if (method === 'HEAD') return void res.end();
      createReadStream(file).pipe(res);
      return;
    }
    if (method === 'POST') {
      // the SDKs send the string in the body as a form field; the query is accepted too
      const body = parseQuery((await drain(req, maxBody)).toString('utf8'));
      const asyncText = body.get('x-oss-async-process') ?? (query.get('x-oss-async-process') || undefined);
      if (asyncText !== undefined) {
        const task = startTask(key, asyncText);
        return send(res, 200, { EventId: task.EventId, RequestId: task.RequestId, TaskId: task.TaskId });
      }
      const syncText = body.get('x-oss-process') ?? query.get('x-oss-process');
      if (syncText !== undefined) return processSync(key, syncText, res, true);
      throw new HttpError(400, 'MissingArgument', 'POST needs x-oss-async-process=… or x-oss-process=…|sys/saveas,… in the body.');
    }
    throw new HttpError(405, 'MethodNotAllowed', `${method} is not supported here.`);
  }

  const server = httpServer((req, res) => {
    const requestId = newRequestId();
    res.setHeader('x-oss-request-id', requestId);
    handle(req, res).then(
      () => log(`${req.method} ${req.url} ${res.statusCode}`),
      (e: unknown) => {
        const err =
          e instanceof HttpError
            ? e
            : e instanceof PreviewError
              ? new HttpError(e.code === 'Unsupported' ? 501 : e.code === 'AccessDenied' || e.code === 'InvalidObjectName' ? 403 : 400, e.code === 'Unsupported' ? 'NotImplemented' : e.code, e.message)
              : e instanceof TaskFailure
                ? new HttpError(400, 'InvalidArgument', e.message)
                : new HttpError(500, 'InternalError', 'We encountered an internal error.');
        log(`${req.method} ${req.url} ${err.status} ${err.code}: ${err.message}`);
        if (res.headersSent) return void res.destroy();
        send(res, err.status, { Code: err.code, Message: err.message, RequestId: requestId, ...err.extra });
      },
    );
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 10_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        shutdown.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function diagnosticJson(d: Diagnostic) {
  return { ruleId: d.ruleId, severity: d.severity, message: d.message, range: d.range };
}

/** `a=b&c=d`: names decoded; values of x-oss-process kept as written (core undoes percent-encoding itself, with ranges). */
function parseQuery(q: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    if (!out.has(name)) out.set(name, name.startsWith('x-oss-') && name.endsWith('process') ? value : safeDecode(value));
  }
  return out;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

function drain(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new HttpError(413, 'EntityTooLarge', `The request body is larger than ${limit} bytes.`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.destroy();
        reject(new HttpError(413, 'EntityTooLarge', `The request body is larger than ${limit} bytes.`));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, json: unknown): void {
  const body = Buffer.from(`${JSON.stringify(json)}\n`);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}

function sendBytes(res: ServerResponse, data: Buffer, type: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length });
  res.end(data);
}
