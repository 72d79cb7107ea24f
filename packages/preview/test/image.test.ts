import { encodeBase64Url } from '@ossproc/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { circleRect, cropRect, indexCropRect, preview, resizePlan, rotatedSize, watermarkPosition, type PreviewResult } from '../src/index';
import { tempDir } from './fixtures';

// a generated 300x200 picture: left half red, right half blue (so crops and turns can be seen), PNG and JPEG
let dir: string;
let png: string;
let jpg: string;
let rotatedJpg: string;
let n = 0;

beforeAll(async () => {
  dir = tempDir('image');
  const half = (color: string) => sharp({ create: { width: 150, height: 200, channels: 3, background: color } }).png().toBuffer();
  const picture = sharp({ create: { width: 300, height: 200, channels: 3, background: '#ffffff' } }).composite([
    { input: await half('#ff0000'), left: 0, top: 0 },
    { input: await half('#0000ff'), left: 150, top: 0 },
  ]);
  png = join(dir, 'pic.png');
  jpg = join(dir, 'pic.jpg');
  rotatedJpg = join(dir, 'turned.jpg');
  await picture.clone().png().toFile(png);
  await sharp(png).jpeg({ quality: 90 }).toFile(jpg);
  // EXIF orientation 6: a viewer turns it 90° clockwise
  await sharp(png).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toFile(rotatedJpg);
  await sharp({ create: { width: 40, height: 20, channels: 3, background: '#00ff00' } }).png().toFile(join(dir, 'logo.png'));
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ffffff' } }).png().toFile(join(dir, 'white.png'));
  await sharp({ create: { width: 30, height: 30, channels: 3, background: '#336699' } }).png().toFile(join(dir, 'hue.png'));
});

async function run(text: string, input = png, ext = 'png'): Promise<{ r: PreviewResult; meta: Metadata; size: string }> {
  const r = await preview(text, { input, output: join(dir, `out${++n}.${ext}`) });
  expect(r.checks.filter((c) => !c.ok)).toEqual([]);
  const meta = await sharp(r.image!.data).metadata();
  return { r, meta, size: `${meta.width}x${meta.height}` };
}

async function pixel(data: Buffer, x: number, y: number): Promise<number[]> {
  const { data: raw, info } = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!];
}

const near = (got: number[], want: number[], tol = 6) => got.every((v, i) => Math.abs(v - want[i]!) <= tol);

describe('resize (documented rules on a 300x200 source)', () => {
  it.each([
    ['image/resize,p_50', '150x100'],
    ['image/resize,p_150', '450x300'],
    ['image/resize,w_150', '150x100'],
    ['image/resize,h_50', '75x50'],
    ['image/resize,m_lfit,w_150,h_150', '150x100'],
    ['image/resize,m_mfit,w_150,h_150', '225x150'],
    ['image/resize,m_fill,w_150,h_150', '150x150'],
    ['image/resize,m_pad,w_150,h_150', '150x150'],
    ['image/resize,m_fixed,w_100,h_100', '100x100'],
    ['image/resize,l_150', '150x100'],
    ['image/resize,s_50', '75x50'],
    ['image/resize,l_120,s_100', '120x80'],
    ['image/resize,m_mfit,l_120,s_100', '150x100'],
    ['image/resize,w_600', '300x200'],
    ['image/resize,w_600,limit_0', '600x400'],
    ['image/resize,m_fixed,w_400,h_100', '300x200'],
    ['image/resize,m_fixed,w_400,h_100,limit_0', '400x100'],
  ])('%s gives %s', async (text, size) => {
    expect((await run(text)).size).toBe(size);
  });

  it('m_pad fills with color, m_fill crops the centre', async () => {
    const pad = await run('image/resize,m_pad,w_150,h_150,color_00FF00');
    expect(await pixel(pad.r.image!.data, 75, 5)).toEqual([0, 255, 0, 255]);
    expect(near(await pixel(pad.r.image!.data, 10, 75), [255, 0, 0, 255])).toBe(true);
    const fill = await run('image/resize,m_fill,w_100,h_150');
    // 300x200 covers 100x150 at 225x150; the centre 100 columns span the red/blue border
    expect(near(await pixel(fill.r.image!.data, 5, 75), [255, 0, 0, 255])).toBe(true);
    expect(near(await pixel(fill.r.image!.data, 95, 75), [0, 0, 255, 255])).toBe(true);
  });

  it('limit_1 returning the source is noted', async () => {
    expect((await run('image/resize,w_600')).r.notes).toEqual(['resize: the target is larger than the source and limit_1 (the default) returns the source as it is']);
  });

  it('the size rules as functions', () => {
    expect(resizePlan({ width: 300, height: 200 }, { m: 'fill', w: 150, h: 150, limit: true })).toEqual({ scaled: { width: 225, height: 150 }, canvas: { width: 150, height: 150 }, unchanged: false });
    expect(resizePlan({ width: 200, height: 300 }, { m: 'lfit', l: 150, limit: true }).canvas).toEqual({ width: 100, height: 150 });
    expect(cropRect({ width: 300, height: 200 }, { x: 0, y: 0, g: 'center' })).toEqual({ left: 100, top: 66, width: 200, height: 134 });
    expect(indexCropRect({ width: 300, height: 200 }, { x: 100, y: 50, i: 1 })).toEqual({ left: 0, top: 50, width: 300, height: 50 });
    expect(circleRect({ width: 300, height: 200 }, 500)).toMatchObject({ width: 200, height: 200, r: 100 });
    expect(rotatedSize({ width: 300, height: 200 }, 45)).toEqual({ width: 354, height: 354 });
    expect(watermarkPosition({ width: 300, height: 200 }, { width: 40, height: 20 }, { g: 'east', x: 10, y: 10, voffset: 20 })).toEqual({ left: 250, top: 70 });
  });
});

describe('crop, indexcrop, circle, rounded-corners, rotate, auto-orient', () => {
  it.each([
    ['image/crop,w_100,h_50,x_10,y_20', '100x50'],
    ['image/crop,w_200,g_se', '100x67'],
    ['image/crop,x_100,y_50', '200x150'],
    ['image/crop,w_400,h_400', '300x200'],
    ['image/indexcrop,x_100,i_1', '100x200'],
    ['image/indexcrop,y_50,i_3', '300x50'],
    ['image/indexcrop,x_100,i_5', '300x200'],
    ['image/circle,r_50', '100x100'],
    ['image/circle,r_500', '200x200'],
    ['image/rounded-corners,r_30', '300x200'],
    ['image/rotate,90', '200x300'],
    ['image/rotate,180', '300x200'],
    ['image/rotate,45', '354x354'],
  ])('%s gives %s', async (text, size) => {
    expect((await run(text)).size).toBe(size);
  });

  it('crop takes the anchored region', async () => {
    const { r } = await run('image/crop,w_50,h_50,g_ne');
    // g_ne: origin at (200, 0), inside the blue half
    expect(near(await pixel(r.image!.data, 25, 25), [0, 0, 255, 255])).toBe(true);
  });

  it('a crop origin outside the image is the service error', async () => {
    await expect(preview('image/crop,x_400,w_10', { input: png, output: join(dir, 'x.png') })).rejects.toThrow("Advance cut's position is out of image.");
  });

  it('circle and rounded corners are transparent outside in PNG and white in JPG', async () => {
    const c = await run('image/circle,r_50');
    expect((await pixel(c.r.image!.data, 0, 0))[3]).toBe(0);
    expect((await pixel(c.r.image!.data, 50, 50))[3]).toBe(255);
    const j = await run('image/rounded-corners,r_30/format,jpg', png, 'jpg');
    // white, to JPEG's precision
    expect(near(await pixel(j.r.image!.data, 0, 0), [255, 255, 255, 255], 30)).toBe(true);
    expect(near(await pixel(j.r.image!.data, 40, 100), [255, 0, 0, 255], 30)).toBe(true);
  });

  it('rotate turns clockwise', async () => {
    const { r } = await run('image/rotate,90');
    // the red left half ends on top
    expect(near(await pixel(r.image!.data, 100, 10), [255, 0, 0, 255])).toBe(true);
    expect(near(await pixel(r.image!.data, 100, 290), [0, 0, 255, 255])).toBe(true);
  });

  it('auto-orient,1 applies the EXIF orientation; auto-orient,0 does not', async () => {
    expect((await run('image/auto-orient,1', rotatedJpg, 'jpg')).size).toBe('200x300');
    expect((await run('image/auto-orient,0', rotatedJpg, 'jpg')).size).toBe('300x200');
  });
});

describe('blur, bright, contrast, sharpen', () => {
  const stats = async (r: PreviewResult) => (await sharp(r.image!.data).stats()).channels;

  it('keep the size and change the pixels as asked', async () => {
    const source = (await sharp(png).stats()).channels;
    const blur = await run('image/blur,r_3,s_2');
    expect(blur.size).toBe('300x200');
    // blurring the red/blue edge spreads it: a pixel beside it is no longer pure red
    expect(near(await pixel(blur.r.image!.data, 148, 100), [255, 0, 0, 255], 2)).toBe(false);
    const bright = await run('image/bright,50');
    expect((await stats(bright.r))[1]!.mean).toBeGreaterThan(source[1]!.mean + 100);
    const contrast = await run('image/contrast,-50');
    expect((await stats(contrast.r))[0]!.stdev).toBeLessThan(source[0]!.stdev * 0.6);
    const sharpen = await run('image/sharpen,100');
    expect(sharpen.size).toBe('300x200');
  });
});

describe('format, quality, interlace', () => {
  it.each([
    ['jpg', 'jpeg'],
    ['png', 'png'],
    ['webp', 'webp'],
    ['gif', 'gif'],
    ['tiff', 'tiff'],
    ['avif', 'heif'],
  ])('format,%s writes %s', async (f, sharpName) => {
    const { r, meta } = await run(`image/format,${f}`, png, f);
    expect(meta.format).toBe(sharpName);
    expect(r.image!.contentType).toBe({ jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif' }[f]);
  });

  it('format,bmp writes a BMP (libvips has no BMP writer)', async () => {
    const r = await preview('image/resize,w_30/format,bmp', { input: jpg, output: join(dir, 'x.bmp') });
    const b = readFileSync(r.outputs[0]!);
    expect(b.toString('ascii', 0, 2)).toBe('BM');
    expect([b.readInt32LE(18), b.readInt32LE(22), b.readUInt16LE(28)]).toEqual([30, 20, 24]);
    expect(r.checks).toEqual([
      { property: 'resolution', asked: '30x20', got: '30x20', ok: true },
      { property: 'format', asked: 'bmp', got: 'bmp', ok: true },
    ]);
  });

  it('format,heic is one clear message when libvips has no HEVC encoder', async () => {
    await expect(preview('image/format,heic', { input: png, output: join(dir, 'x.heic') })).rejects.toThrow(
      "format heic: this sharp's libvips has no HEVC encoder (prebuilt sharp ships AVIF only); use format,avif to preview",
    );
  });

  it('quality Q is absolute; q is relative to a JPEG source', async () => {
    const abs = await run('image/format,jpg/quality,Q_50', png, 'jpg');
    expect(abs.r.checks).toContainEqual({ property: 'quality', asked: '50 (±2)', got: expect.stringMatching(/^(48|49|50|51|52)$/), ok: true });
    const rel = await run('image/quality,q_50', jpg, 'jpg');
    expect(rel.r.notes).toEqual(["quality q_50: the source's quality is about 90, so the output's is 45"]);
    expect(rel.r.checks.find((c) => c.property === 'quality')?.asked).toBe('45 (±2)');
  });

  it('interlace,1 writes a progressive JPEG', async () => {
    const { meta } = await run('image/interlace,1/format,jpg', png, 'jpg');
    expect(meta.isProgressive).toBe(true);
  });
});

describe('watermarks', () => {
  const white = () => join(dir, 'white.png');

  it('a text watermark at g_nw, in its color', async () => {
    const { r, size } = await run(`image/watermark,text_${encodeBase64Url('Hi')},g_nw,x_0,y_0,size_60,color_FF0000`, white());
    expect(size).toBe('300x200');
    const { data, info } = await sharp(r.image!.data).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let y = 0; y < 60; y++) for (let x = 0; x < 80; x++) if (data[(y * info.width + x) * info.channels]! > 200 && data[(y * info.width + x) * info.channels + 1]! < 80) red++;
    expect(red).toBeGreaterThan(100);
    expect(await pixel(r.image!.data, 299, 199)).toEqual([255, 255, 255, 255]);
  });

  it('an image watermark at g_se with margins, and its transparency', async () => {
    const opaque = await run(`image/watermark,image_${encodeBase64Url('logo.png')},g_se,x_10,y_10`, white());
    // the 40x20 logo ends 10 px from the right and bottom edges
    expect(await pixel(opaque.r.image!.data, 250, 170)).toEqual([0, 255, 0, 255]);
    expect(await pixel(opaque.r.image!.data, 289, 189)).toEqual([0, 255, 0, 255]);
    expect(await pixel(opaque.r.image!.data, 291, 191)).toEqual([255, 255, 255, 255]);
    const half = await run(`image/watermark,image_${encodeBase64Url('logo.png')},g_se,x_10,y_10,t_50`, white());
    expect(near(await pixel(half.r.image!.data, 260, 180), [128, 255, 128, 255], 2)).toBe(true);
  });

  it('voffset moves a west watermark up from the middle line', async () => {
    const { r } = await run(`image/watermark,image_${encodeBase64Url('logo.png')},g_west,x_0,voffset_20`, white());
    // the middle would put the logo's top at 90; voffset 20 puts it at 70
    expect(await pixel(r.image!.data, 5, 70)).toEqual([0, 255, 0, 255]);
    expect(await pixel(r.image!.data, 5, 69)).toEqual([255, 255, 255, 255]);
  });

  it("a watermark image's own processing string (P: percent of the base image)", async () => {
    const ref = encodeBase64Url('logo.png?x-oss-process=image/resize,P_50');
    const { r } = await run(`image/watermark,image_${ref},g_nw,x_0,y_0`, white());
    // 40x20 scaled to fit 150x100 (50% of 300x200): 150x75
    expect(await pixel(r.image!.data, 149, 74)).toEqual([0, 255, 0, 255]);
    expect(await pixel(r.image!.data, 151, 10)).toEqual([255, 255, 255, 255]);
    expect(await pixel(r.image!.data, 10, 76)).toEqual([255, 255, 255, 255]);
  });

  it('a watermark image outside the bucket is refused', async () => {
    await expect(preview(`image/watermark,image_${encodeBase64Url('../logo.png')}`, { input: white(), output: join(dir, 'x.png') })).rejects.toThrow("the target '../logo.png' is not a key inside the bucket");
  });
});

describe('info and average-hue', () => {
  it('info answers the JSON OSS returns', async () => {
    const r = await preview('image/info', { input: png, output: join(dir, 'info.json') });
    expect(r.json).toEqual({
      FileSize: { value: String(readFileSync(png).length) },
      Format: { value: 'png' },
      ImageHeight: { value: '200' },
      ImageWidth: { value: '300' },
    });
    expect(r.outputs).toEqual([]);
    const turned = await preview('image/info', { input: rotatedJpg, output: join(dir, 'info2.json') });
    expect((turned.json as Record<string, { value: string }>).Orientation).toEqual({ value: '6' });
  });

  it('average-hue answers {"RGB": "0xRRGGBB"}', async () => {
    const r = await preview('image/average-hue', { input: join(dir, 'hue.png'), output: join(dir, 'hue.json') });
    expect(r.json).toEqual({ RGB: '0x336699' });
  });
});
