/**
 * Catalog data for the `hls` product: `m3u8`, the play-while-transcoding (边转边播) playlist. Only the first rows
 * of its parameter table could be read (see NOTES.md); the action is marked `paramsIncomplete`.
 */
import type { ActionSpec } from '../types';

const m3u8: ActionSpec = {
  name: 'm3u8',
  product: 'hls',
  summary: 'Generate an HLS media playlist that transcodes segments on demand (IMM).',
  doc:
    'Writes a standard HLS media playlist for a video; each TS segment is transcoded only when it is first ' +
    'played. Runs through synchronous processing (x-oss-process) and needs an IMM project and the new IMM ' +
    'GET/POST processing switch in the Quota Center.',
  mode: 'sync',
  paramsIncomplete: true,
  source:
    'https://www.alibabacloud.com/help/tc/oss/user-guide/generate-video-playlist; https://help.aliyun.com/document_detail/2709281.html ' +
    '(table read up to t); IMM GenerateVideoPlaylist https://help.aliyun.com/zh/imm/developer-reference/api-imm-2020-09-30-generatevideoplaylist',
  params: [
    {
      key: 'ss',
      type: 'int',
      doc: 'Start of the part of the source video the playlist covers; 0 starts at the beginning.',
      min: 0,
      unit: 'ms',
      default: '0',
    },
    {
      key: 't',
      type: 'int',
      doc: 'Length of the part the playlist covers, counted from `ss`; 0 runs to the end.',
      min: 0,
      unit: 'ms',
      default: '0',
    },
  ],
};

const ts: ActionSpec = {
  name: 'ts',
  product: 'hls',
  summary: 'Transcode one TS segment of a live-transcoding playlist when it is first read (IMM).',
  doc:
    'Reads a TS segment described by a playlist that hls/m3u8 generated, transcoding it in real time if it does not ' +
    'exist yet. Meant for custom players; the service triggers it through a conditional processing expression ' +
    '(x-oss-process=if_status_eq_404{…}). Needs an IMM project and no anonymous access.',
  mode: 'sync',
  paramsIncomplete: true,
  source: 'https://help.aliyun.com/zh/oss/live-transcoding (table read: from)',
  params: [
    {
      key: 'from',
      type: 'base64',
      decoded: 'object',
      required: true,
      doc: 'The m3u8 object the segment belongs to, URL-safe Base64 encoded (output/media.m3u8 is b3V0cHV0L21lZGlhLm0zdTg).',
    },
  ],
  examples: ['hls/ts,from_b3V0cHV0L21lZGlhLm0zdTg'],
};

export const hlsActions: readonly ActionSpec[] = [m3u8, ts];
