import { encodeBase64Url } from '@ossproc/core';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, probe, resolveTools, type PreviewServer } from '../src/index';
import { parseStyles } from '../src/serve/styles';
import { makeVideo, tempDir } from './fixtures';

// the local bucket over real HTTP on 127.0.0.1, port 0
let root: string;
let outside: string;
let server: PreviewServer;

beforeAll(async () => {
  root = tempDir('bucket');
  outside = tempDir('outside');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ff0000' } }).jpeg().toFile(join(root, 'photo.jpg'));
  mkdirSync(join(root, 'videos'));
  makeVideo(join(root, 'videos'), 'clip.mkv');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  symlinkSync(outside, join(root, 'out'));
  const styles = parseStyles(JSON.stringify({ styles: { small: 'image/resize,p_50', thumb: 'image/resize,m_fill,w_64,h_64/format,png' } }), 'styles.json');
  server = await createServer({ root, port: 0, styles, fast: true });
});

afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  type: string;
  body: Buffer;
  json: () => any;
}

/** A raw request: the path goes out exactly as written (fetch would resolve `..` itself). */
function call(method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: b, json: () => JSON.parse(b.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('serve: synchronous image processing', () => {
  it('binds 127.0.0.1', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('GET ?x-oss-process=image/... answers the processed image with its Content-Type', async () => {
    const r = await call('GET', '/photo.jpg?x-oss-process=image/resize,w_100/format,webp');
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/webp');
    const meta = await sharp(r.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 100, 67]);
  });

  it('percent-encoded strings are read as the service reads them', async () => {
    const r = await call('GET', '/photo.jpg?x-oss-process=image%2Fresize%2Cw_50');
    expect(r.status).toBe(200);
    expect((await sharp(r.body).metadata()).width).toBe(50);
  });

  it('style/NAME applies a style from the styles file', async () => {
    const r = await call('GET', '/photo.jpg?x-oss-process=style/thumb');
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/png');
    const meta = await sharp(r.body).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    const missing = await call('GET', '/photo.jpg?x-oss-process=style/nope');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ Code: 'NoSuchStyle', Message: "The style 'nope' does not exist." });
  });

  it('image/info answers JSON', async () => {
    const r = await call('GET', '/photo.jpg?x-oss-process=image/info');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(r.json()).toMatchObject({ Format: { value: 'jpg' }, ImageWidth: { value: '300' }, ImageHeight: { value: '200' } });
  });

  it('video/snapshot answers the frame', async () => {
    const r = await call('GET', '/videos/clip.mkv?x-oss-process=video/snapshot,t_1000,f_png,w_80');
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/png');
    expect((await sharp(r.body).metadata()).width).toBe(80);
  });

  it('a GET of a key without processing answers the object', async () => {
    const r = await call('GET', '/photo.jpg');
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/jpeg');
    expect((await sharp(r.body).metadata()).width).toBe(300);
  });

  it('an invalid string answers 400 with the diagnostics', async () => {
    const r = await call('GET', '/photo.jpg?x-oss-process=image/resize,w_0');
    expect(r.status).toBe(400);
    const body = r.json();
    expect(body.Code).toBe('InvalidArgument');
    expect(body.Diagnostics).toEqual([expect.objectContaining({ severity: 'error', range: { start: 13, end: 16 } })]);
    expect(body.Message).toBe(body.Diagnostics[0].message);
  });

  it('a missing key is 404 NoSuchKey', async () => {
    const r = await call('GET', '/nothing.jpg?x-oss-process=image/resize,w_10');
    expect(r.status).toBe(404);
    expect(r.json().Code).toBe('NoSuchKey');
  });
});

describe('serve: never outside the folder', () => {
  it.each(['/../secret.txt', '/videos/../../secret.txt', '/%2e%2e/secret.txt', '/videos/%2E%2E/%2E%2E/secret.txt', '/..%2fsecret.txt', '/videos%2f..%2f..%2fsecret.txt'])('refuses %s', async (path) => {
    const r = await call('GET', path);
    expect(r.status).toBe(403);
    expect(r.json().Code).toBe('AccessDenied');
    expect(r.body.toString()).not.toContain('secret"');
  });

  it('refuses a symlink that leads out, for reading and as a saveas target', async () => {
    const r = await call('GET', '/link.txt');
    expect(r.status).toBe(403);
    const dirLink = await call('GET', '/out/secret.txt');
    expect(dirLink.status).toBe(403);
    const save = await call('POST', '/photo.jpg', `x-oss-process=image/resize,w_10|sys/saveas,o_${encodeBase64Url('out/x.jpg')}`);
    expect(save.status).toBe(403);
    expect(existsSync(join(outside, 'x.jpg'))).toBe(false);
  });

  it('refuses a body larger than the limit', async () => {
    const r = await call('POST', '/photo.jpg', `x-oss-process=${'a'.repeat(70 * 1024)}`);
    expect(r.status).toBe(413);
  });
});

describe('serve: asynchronous tasks', () => {
  async function poll(id: string): Promise<any> {
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const r = await call('GET', `/?x-oss-task=${encodeURIComponent(id)}`);
      const task = r.json();
      if (task.State === 'Succeeded' || task.State === 'Failed') return task;
      // a task takes ffmpeg's time: ask again a little later
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the task did not finish');
  }

  it('POST x-oss-async-process runs video/convert and writes the target into the bucket', { timeout: 150_000 }, async () => {
    const target = `|sys/saveas,b_${encodeBase64Url('outbucket')},o_${encodeBase64Url('{barename}.{autoext}')}`;
    const r = await call('POST', '/videos/clip.mkv', `x-oss-async-process=video/convert,f_mp4,vcodec_h264,s_320x240,acodec_aac${target}`);
    expect(r.status).toBe(200);
    const answer = r.json();
    expect(Object.keys(answer).sort()).toEqual(['EventId', 'RequestId', 'TaskId']);
    const task = await poll(answer.TaskId);
    expect(task).toMatchObject({ State: 'Succeeded', Source: 'videos/clip.mkv', Targets: ['outbucket/clip.mp4'] });
    const out = await probe(resolveTools(), join(root, 'outbucket', 'clip.mp4'));
    expect(out.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    // the result is an object of the bucket
    const got = await call('GET', '/outbucket/clip.mp4');
    expect([got.status, got.type]).toEqual([200, 'video/mp4']);
  });

  it('a task the string fails on this source is reported Failed', { timeout: 150_000 }, async () => {
    const r = await call('POST', `/videos/clip.mkv?x-oss-async-process=video/convert,f_mp4,vcodec_h264,s_640x480,sopt_2|sys/saveas,o_${encodeBase64Url('big.mp4')}`);
    expect(r.status).toBe(200);
    const task = await poll(r.json().TaskId);
    expect(task).toMatchObject({ State: 'Failed', Code: 'TaskFailed', Message: 'sopt_2: the source resolution 160x120 is lower than s_640x480, so the task fails' });
  });

  it('an invalid async string answers 400; an unknown task 404', async () => {
    const bad = await call('POST', '/videos/clip.mkv', 'x-oss-async-process=video/convert,f_mp5');
    expect(bad.status).toBe(400);
    expect(bad.json().Diagnostics.length).toBeGreaterThan(0);
    const unknown = await call('GET', '/?x-oss-task=nope');
    expect(unknown.status).toBe(404);
  });
});

describe('styles files', () => {
  it('reads JSON, YAML and OSS style XML', () => {
    expect([...parseStyles('styles:\n  a: image/resize,p_50\n  "b": "image/rotate,\\u0039\\u0030"\n', 'p.yaml')]).toEqual([['a', 'image/resize,p_50'], ['b', 'image/rotate,90']]);
    expect([...parseStyles('{ // comment\n "styles": { "a": "image/resize,p_50", } }', 'p.json')]).toEqual([['a', 'image/resize,p_50']]);
    const xml = '<StyleList><Style><Name>a</Name><Content>image/resize,p_50&amp;x</Content></Style><Style><Name>b</Name><Content><![CDATA[image/rotate,90]]></Content></Style></StyleList>';
    expect([...parseStyles(xml, 'p.xml')]).toEqual([
      ['a', 'image/resize,p_50&x'],
      ['b', 'image/rotate,90'],
    ]);
    expect(() => parseStyles('[1]', 'p.json')).toThrow('p.json: expected an object with "styles": { name: string }');
    expect(() => parseStyles('{ "styles": { "a": ', 'p.json')).toThrow('p.json: invalid JSON: value expected (at offset 19)');
    expect(() => parseStyles('<StyleList><Style><Name>a</Name></StyleList>', 'p.xml')).toThrow('p.xml: invalid XML: end tag </StyleList> does not match <Style> (at offset 32)');
  });
});
