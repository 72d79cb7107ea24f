import { encodeBase64Url } from '@ossproc/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { preview, PreviewError, probe, resolveTools, TaskFailure, type MediaInfo, type PreviewResult } from '../src/index';
import { encoders } from '../src/media/tools';
import { makeVideo, tempDir } from './fixtures';

// real ffmpeg and ffprobe (Debian's package, installed by .ci/run) on generated 2-second inputs
const tools = resolveTools();
let dir: string;
let src: string;
let portrait: string;
let long: string;
let short: string;
let n = 0;

beforeAll(() => {
  dir = tempDir('media');
  src = makeVideo(dir, 'src.mkv');
  portrait = makeVideo(dir, 'portrait.mkv', { size: '120x160' });
  // the seed's HLS request starts at 10 s: a 12 s source at a tiny size
  long = makeVideo(dir, 'example.mkv', { size: '64x48', rate: 10, seconds: 12 });
  // the seed's 1080p H.265 request: half a second keeps the encode short
  short = makeVideo(dir, 'example.avi.mkv', { seconds: 0.5 });
});

async function run(text: string, ext: string, input = src): Promise<{ r: PreviewResult; out: MediaInfo }> {
  const output = join(dir, `out${++n}.${ext}`);
  const r = await preview(text, { input, output, fast: true });
  expect(r.checks.filter((c) => !c.ok)).toEqual([]);
  expect(r.ok).toBe(true);
  return { r, out: r.probed! };
}

const property = (r: PreviewResult, name: string) => r.checks.find((c) => c.property === name);

describe('the seed requests', () => {
  it('AVI to MP4: H.265 1920x1080 30 fps 2 Mbit/s, AAC 100 kbit/s, no subtitles', async () => {
    const { r, out } = await run('video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1', 'mp4', short);
    expect(out.formatName).toContain('mp4');
    expect(out.video).toMatchObject({ codec: 'hevc', width: 1920, height: 1080, fps: 30 });
    expect(out.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 2 });
    expect(out.subtitles).toBe(0);
    expect(property(r, 'video bitrate')?.asked).toBe('2000 kbit/s ±30%');
    expect(r.command).toMatch(/-c:v libx265 .*-vf scale=1920:1080,setsar=1 -r 30 -b:v 2000000 .*-c:a aac -b:a 100000 -sn -f mp4 /);
  });

  it('AVI to TS in HLS segments: 60 s from 10 s, H.264 1 Mbit/s, MP3 100 kbit/s, saved as outobjprefix.{autoext}', async () => {
    const folder = join(dir, 'seed2');
    const r = await preview(
      'video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
      { input: long, output: `${folder}/`, fast: true },
    );
    expect(r.outputs[0]).toBe(join(folder, 'outbucket', 'outobjprefix.m3u8'));
    expect(readdirSync(join(folder, 'outbucket')).sort()).toEqual(['outobjprefix-0.ts', 'outobjprefix.m3u8']);
    expect(property(r, 'duration')).toMatchObject({ asked: expect.stringMatching(/^2(\.\d+)? s \(ss_10000, t_60000\)$/), ok: true });
    expect(property(r, 'segments')).toMatchObject({ asked: '1 of 30 s', got: '1', ok: true });
    const out = await probe(tools, join(folder, 'outbucket', 'outobjprefix-0.ts'));
    expect(out.formatName).toBe('mpegts');
    expect(out.video?.codec).toBe('h264');
    expect(out.audio?.codec).toBe('mp3');
    // the video bitrate of a 64x48 picture cannot reach 1 Mbit/s: the table says so rather than passing it
    expect(property(r, 'video bitrate')?.ok).toBe(false);
    expect(r.checks.filter((c) => !c.ok).map((c) => c.property)).toEqual(['video bitrate']);
  });

  it('AVI to MP3: audio only, MP3 100 kbit/s', async () => {
    const { out } = await run('video/convert,f_mp3,acodec_mp3,ab_100000,vn_1,sn_1', 'mp3');
    expect(out.formatName).toBe('mp3');
    expect(out.video).toBeUndefined();
    expect(out.audio?.codec).toBe('mp3');
    expect(Math.abs(out.audio!.bitRate! - 100000)).toBeLessThan(5000);
  });
});

describe('video/convert parameters', () => {
  it('ss and t cut the time range', async () => {
    const { out, r } = await run('video/convert,ss_500,t_1000,f_mp4,vcodec_h264,acodec_aac', 'mp4');
    expect(Math.abs(out.duration - 1)).toBeLessThan(0.1);
    expect(r.command).toContain('-ss 0.5 -i');
    expect(r.command).toContain('-t 1 ');
  });

  it.each([
    ['mkv', 'h264', 'aac', 'matroska'],
    ['mov', 'h264', 'aac', 'mov'],
    ['avi', 'h264', 'mp3', 'avi'],
    ['flv', 'h264', 'aac', 'flv'],
    ['ts', 'h265', 'ac3', 'mpegts'],
    ['asf', 'h264', 'mp3', 'asf'],
    ['webm', 'vp9', 'opus', 'webm'],
  ])('f_%s with vcodec_%s and acodec_%s', async (f, v, a, probed) => {
    const { out } = await run(`video/convert,f_${f},vcodec_${v},acodec_${a},t_1000`, f);
    expect(out.formatName.split(',')).toContain(probed);
    expect(out.video?.codec).toBe({ h264: 'h264', h265: 'hevc', vp9: 'vp9' }[v]);
    expect(out.audio?.codec).toBe(a);
  });

  it('f_mxf takes H.264 without audio', async () => {
    const { out } = await run('video/convert,f_mxf,vcodec_h264,an_1,t_1000', 'mxf');
    expect(out.formatName).toBe('mxf');
    expect(out.audio).toBeUndefined();
  });

  it.each([
    ['aac', 'aac', 'aac'],
    ['flac', 'flac', 'flac'],
    ['oga', 'vorbis', 'ogg'],
    ['opus', 'opus', 'ogg'],
    ['ac3', 'ac3', 'ac3'],
  ])('audio-only f_%s with acodec_%s', async (f, a, probed) => {
    const { out } = await run(`video/convert,f_${f},acodec_${a},vn_1,t_1000`, f);
    expect(out.formatName).toBe(probed);
    expect(out.video).toBeUndefined();
    expect(out.audio?.codec).toBe(a);
  });

  it('vn_1 drops the video, an_1 the audio', async () => {
    expect((await run('video/convert,f_mkv,vn_1,acodec_aac', 'mkv')).out.video).toBeUndefined();
    const { out } = await run('video/convert,f_mkv,vcodec_h264,an_1', 'mkv');
    expect(out.audio).toBeUndefined();
    expect(out.video?.codec).toBe('h264');
  });

  it('vcodec_copy and acodec_copy (the defaults) copy the streams', async () => {
    const { out, r } = await run('video/convert,f_mp4', 'mp4');
    expect(out.video).toMatchObject({ codec: 'h264', width: 160, height: 120 });
    expect(out.audio?.codec).toBe('aac');
    expect(r.command).toContain('-c:v copy');
    expect(r.command).toContain('-c:a copy');
    // the source's subtitles become mov_text, the only kind MP4 takes
    expect(out.subtitles).toBe(1);
  });

  it('fps sets the frame rate; fpsopt_1 keeps a lower source rate; fpsopt_2 fails', async () => {
    expect((await run('video/convert,f_mp4,vcodec_h264,fps_10', 'mp4')).out.video?.fps).toBe(10);
    expect((await run('video/convert,f_mp4,vcodec_h264,fps_50,fpsopt_0', 'mp4')).out.video?.fps).toBe(50);
    const kept = await run('video/convert,f_mp4,vcodec_h264,fps_50,fpsopt_1', 'mp4');
    expect(kept.out.video?.fps).toBe(25);
    expect(kept.r.notes).toContain("fpsopt_1: the source's 25 fps is kept (lower than fps_50)");
    await expect(preview('video/convert,f_mp4,vcodec_h264,fps_50,fpsopt_2', { input: src, output: join(dir, 'x.mp4') })).rejects.toThrow(
      new TaskFailure('fpsopt_2: the source frame rate 25 is lower than fps_50, so the task fails'),
    );
  });

  it('pixfmt sets the pixel format', async () => {
    expect((await run('video/convert,f_mkv,vcodec_h264,pixfmt_yuv444p', 'mkv')).out.video?.pixFmt).toBe('yuv444p');
    expect((await run('video/convert,f_mkv,vcodec_h265,pixfmt_yuv420p10le', 'mkv')).out.video?.pixFmt).toBe('yuv420p10le');
  });

  it('s with each scaletype', async () => {
    const size = (m: MediaInfo) => `${m.video!.width}x${m.video!.height}`;
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_320x320', 'mp4')).out)).toBe('320x320');
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_320x320,scaletype_stretch', 'mp4')).out)).toBe('320x320');
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_320x320,scaletype_crop', 'mp4')).out)).toBe('320x320');
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_320x320,scaletype_fill', 'mp4')).out)).toBe('320x320');
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_320x320,scaletype_fit', 'mp4')).out)).toBe('320x240');
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_320x', 'mp4')).out)).toBe('320x240');
    // 64 * 160 / 120 = 85.3, rounded to an even 86
    expect(size((await run('video/convert,f_mp4,vcodec_h264,s_x64', 'mp4')).out)).toBe('86x64');
  });

  it('sopt_1 keeps a smaller source resolution; sopt_2 fails; sopt_0 scales up', async () => {
    const kept = await run('video/convert,f_mp4,vcodec_h264,s_320x240,sopt_1', 'mp4');
    expect(kept.out.video).toMatchObject({ width: 160, height: 120 });
    expect(kept.r.command).not.toContain('scale=');
    expect((await run('video/convert,f_mp4,vcodec_h264,s_320x240,sopt_0', 'mp4')).out.video).toMatchObject({ width: 320, height: 240 });
    await expect(preview('video/convert,f_mp4,vcodec_h264,s_320x240,sopt_2', { input: src, output: join(dir, 'x.mp4') })).rejects.toThrow(
      'sopt_2: the source resolution 160x120 is lower than s_320x240, so the task fails',
    );
    // a smaller target is not affected by sopt
    expect((await run('video/convert,f_mp4,vcodec_h264,s_128x96,sopt_2', 'mp4')).out.video).toMatchObject({ width: 128, height: 96 });
  });

  it('arotate_1 turns the box to a portrait source', async () => {
    const { out, r } = await run('video/convert,f_mp4,vcodec_h264,s_160x120,arotate_1', 'mp4', portrait);
    expect(out.video).toMatchObject({ width: 120, height: 160 });
    expect(r.notes).toContain('arotate_1: the source is portrait, so s became 120x160');
    expect((await run('video/convert,f_mp4,vcodec_h264,s_160x120,arotate_0', 'mp4', portrait)).out.video).toMatchObject({ width: 160, height: 120 });
  });

  it('g sets the keyframe interval', async () => {
    const { out, r } = await run('video/convert,f_mp4,vcodec_h264,g_10', 'mp4');
    expect(out.video?.keyframeInterval).toBeLessThanOrEqual(10);
    expect(property(r, 'keyframe interval')).toMatchObject({ asked: '≤ 10 frames', ok: true });
  });

  it('vb sets the video bitrate; vbopt_1 keeps a lower source bitrate; vbopt_2 fails', async () => {
    const { out } = await run('video/convert,f_mp4,vcodec_h264,vb_200000', 'mp4');
    expect(Math.abs(out.video!.bitRate! - 200000)).toBeLessThan(60000);
    const source = (await probe(tools, src)).video!.bitRate!;
    // the encoder's rate control decides how near it comes; the command asks for the source's rate
    const kept = await preview('video/convert,f_mp4,vcodec_h264,vb_90000000,vbopt_1', { input: src, output: join(dir, 'vbopt1.mp4'), dryRun: true });
    expect(kept.command).toContain(`-b:v ${source}`);
    expect(kept.notes).toEqual([`vbopt_1: the source's ${Math.round(source / 1000)} kbit/s is kept (lower than vb_90000000)`]);
    await expect(preview('video/convert,f_mp4,vcodec_h264,vb_90000000,vbopt_2', { input: src, output: join(dir, 'x.mp4') })).rejects.toThrow(/^vbopt_2: the source video bitrate \d+ kbit\/s is lower than vb_90000000, so the task fails$/);
  });

  it('crf, maxrate and bufsize reach the encoder', async () => {
    const crf = await run('video/convert,f_mp4,vcodec_h264,crf_35', 'mp4');
    expect(crf.r.command).toContain('-crf 35');
    const vp9 = await run('video/convert,f_webm,vcodec_vp9,crf_40,an_1', 'webm');
    expect(vp9.r.command).toContain('-crf 40 -b:v 0');
    const capped = await run('video/convert,t_2000,f_mp4,vcodec_h264,crf_10,maxrate_150000,bufsize_100000', 'mp4');
    expect(capped.r.command).toContain('-maxrate 150000 -bufsize 100000');
    // over 2 s the buffer may add at most bufsize / 2 to maxrate
    expect(property(capped.r, 'max video bitrate')).toMatchObject({ asked: '≤ 200 kbit/s (maxrate + bufsize/duration)', ok: true });
    expect(capped.out.video!.bitRate!).toBeLessThanOrEqual(200000);
    const implied = await run('video/convert,f_mp4,vcodec_h264,maxrate_150000', 'mp4');
    expect(implied.r.command).toContain('-maxrate 150000 -bufsize 150000');
    expect(implied.r.notes[0]).toMatch(/^maxrate without bufsize/);
  });

  it('ar and ac set the sample rate and channels', async () => {
    const { out } = await run('video/convert,f_mp4,vcodec_copy,acodec_aac,ar_22050,ac_1', 'mp4');
    expect(out.audio).toMatchObject({ codec: 'aac', sampleRate: 22050, channels: 1 });
  });

  it('aq is the encoder quality (LAME -q:a for MP3)', async () => {
    const { r, out } = await run('video/convert,f_mp3,acodec_mp3,aq_80,vn_1', 'mp3');
    expect(r.command).toContain('-q:a 2');
    expect(out.audio?.codec).toBe('mp3');
  });

  it('ab sets the audio bitrate; abopt_1 keeps a lower source bitrate; abopt_2 fails', async () => {
    const { out } = await run('video/convert,f_mkv,vcodec_copy,acodec_aac,ab_64000', 'mkv');
    expect(Math.abs(out.audio!.bitRate! - 64000)).toBeLessThan(64000 * 0.3);
    const kept = await run('video/convert,f_mkv,vcodec_copy,acodec_mp3,ab_320000,abopt_1', 'mkv');
    expect(kept.r.notes[0]).toMatch(/^abopt_1: the source's \d+ kbit\/s is kept \(lower than ab_320000\)$/);
    await expect(preview('video/convert,f_mkv,acodec_mp3,ab_320000,abopt_2', { input: src, output: join(dir, 'x.mkv') })).rejects.toThrow(/^abopt_2: the source audio bitrate/);
  });

  it('sn_1 drops subtitles, which a container that takes them keeps otherwise', async () => {
    expect((await run('video/convert,f_mkv,sn_1', 'mkv')).out.subtitles).toBe(0);
    expect((await run('video/convert,f_mkv,sn_0', 'mkv')).out.subtitles).toBe(1);
  });

  it('adepth sets the FLAC sample depth', async () => {
    expect((await run('video/convert,f_flac,acodec_flac,adepth_24,vn_1', 'flac')).out.audio?.bits).toBe(24);
    expect((await run('video/convert,f_flac,acodec_flac,adepth_16,vn_1', 'flac')).out.audio?.bits).toBe(16);
  });

  it('segment: HLS segments of the asked length and their playlist', async () => {
    const folder = join(dir, 'hls');
    const r = await preview(`video/convert,t_2000,f_ts,vcodec_h264,acodec_aac/segment,f_hls,t_1000|sys/saveas,o_${encodeBase64Url('{barename}/index.{autoext}')}`, { input: src, output: `${folder}/`, fast: true });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(readdirSync(join(folder, 'src')).sort()).toEqual(['index-0.ts', 'index-1.ts', 'index.m3u8']);
    const playlist = readFileSync(join(folder, 'src', 'index.m3u8'), 'utf8');
    expect(playlist.match(/#EXTINF:([\d.]+)/g)).toEqual(['#EXTINF:1.000000', '#EXTINF:1.000000']);
    expect(property(r, 'segment length')).toMatchObject({ asked: '1 s', got: '1, 1', ok: true });
  });

  it('segment: DASH manifest and segments', async () => {
    const r = await preview('video/convert,t_2000,f_mp4,vcodec_h264,acodec_aac/segment,f_dash,t_1000', { input: src, output: join(dir, 'dash', 'm.mpd'), fast: true });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    const files = readdirSync(join(dir, 'dash')).sort();
    expect(files).toEqual(['m-chunk-0-00001.m4s', 'm-chunk-0-00002.m4s', 'm-chunk-1-00001.m4s', 'm-chunk-1-00002.m4s', 'm-init-0.m4s', 'm-init-1.m4s', 'm.mpd']);
  });
});

describe('video/snapshot and audio/convert', () => {
  it('video/snapshot takes one frame at t, scaled by w (h follows)', async () => {
    const { out } = await run('video/snapshot,t_1000,f_png,w_80', 'png');
    expect(out.video).toMatchObject({ codec: 'png', width: 80, height: 60 });
    const jpg = await run('video/snapshot,t_500,f_jpg', 'jpg');
    expect(jpg.out.video).toMatchObject({ codec: 'mjpeg', width: 160, height: 120 });
    const fast = await run('video/snapshot,t_7000,f_jpg,w_80,h_40,m_fast', 'jpg');
    expect(fast.out.video).toMatchObject({ width: 80, height: 40 });
    expect(fast.r.notes[0]).toMatch(/^t is past the last frame/);
  });

  it('audio/convert: the seed-style AAC request', async () => {
    const { out } = await run('audio/convert,ss_500,t_1000,f_aac,ab_96000', 'aac');
    expect(out.formatName).toBe('aac');
    expect(out.audio?.codec).toBe('aac');
    expect(Math.abs(out.duration - 1)).toBeLessThan(0.15);
  });
});

describe('targets, commands and failures', () => {
  it('expands {barename}, {autoext} and a b_ bucket as a subfolder of OUTPUT', async () => {
    const folder = tempDir('target');
    const r = await preview(`video/convert,f_mkv|sys/saveas,b_${encodeBase64Url('out')},o_${encodeBase64Url('{dirname}{barename}-{{x}}.{autoext}')}`, { input: src, output: join(folder, 'ignored.bin') });
    expect(r.outputs).toEqual([join(folder, 'out', 'src-{x}.mkv')]);
    expect(existsSync(r.outputs[0]!)).toBe(true);
  });

  it('refuses a target that climbs out, or a variable a transcoding target has no value for', async () => {
    await expect(preview(`video/convert,f_mkv|sys/saveas,o_${encodeBase64Url('a/../../evil.mkv')}`, { input: src, output: `${dir}/` })).rejects.toThrow("the target 'a/../../evil.mkv' is not a key inside the bucket");
    // {sheetname} is a document conversion's variable
    await expect(preview(`video/convert,f_mkv|sys/saveas,o_${encodeBase64Url('{sheetname}.mkv')}`, { input: src, output: `${dir}/` })).rejects.toThrow(
      "the target '{sheetname}.mkv' uses {sheetname}, which is not a variable this target can expand",
    );
  });

  it('--print-command: a dry run gives the command without running it', async () => {
    const seen: string[] = [];
    const output = join(dir, 'dry.mp4');
    const r = await preview('video/convert,f_mp4,vcodec_h264,s_320x240', { input: src, output, dryRun: true, onCommand: (c) => seen.push(c) });
    expect(seen).toEqual([`ffmpeg -hide_banner -nostdin -y -loglevel error -i ${src} -map 0:v:0 -c:v libx264 -vf scale=320:240,setsar=1 -map 0:a:0 -c:a copy -map '0:s?' -c:s mov_text -f mp4 ${output}`]);
    expect(r.outputs).toEqual([]);
    expect(existsSync(output)).toBe(false);
  });

  it('a missing ffmpeg is one clear error', async () => {
    await expect(preview('video/convert,f_mp4', { input: src, output: join(dir, 'x.mp4'), ffmpeg: '/nonexistent/ffmpeg' })).rejects.toThrow(
      new PreviewError('/nonexistent/ffprobe was not found: install ffmpeg (Debian: apt-get install ffmpeg) or pass --ffmpeg PATH', 'MissingTool'),
    );
  });

  it('AMR: written when ffmpeg has the encoder, one clear error when it has not', async () => {
    const has = (await encoders(tools)).has('libopencore_amrnb');
    const p = preview('video/convert,f_amr,acodec_amr,vn_1', { input: src, output: join(dir, 'x.amr') });
    if (has) await expect(p).resolves.toMatchObject({ ok: true });
    else await expect(p).rejects.toThrow("this ffmpeg has no libopencore_amrnb encoder, needed for acodec_amr (Debian's ffmpeg is built without AMR)");
  });

  it('a string with errors is refused with core diagnostics', async () => {
    await expect(preview('video/convert,f_mp5', { input: src, output: join(dir, 'x.mp4') })).rejects.toMatchObject({
      name: 'RefusedError',
      request: { errors: [expect.objectContaining({ ruleId: expect.any(String), severity: 'error' })] },
    });
  });
});
