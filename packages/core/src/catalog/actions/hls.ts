/**
 * Catalog data for the `hls` product: `m3u8`, the play-while-transcoding (边转边播) playlist (only the first rows
 * of its parameter table could be read, see NOTES.md: the action is marked `paramsIncomplete`), `ts`, one of its
 * segments, and `sign`, a playlist with its segments' URLs signed.
 */
import type { ActionSpec } from '../types';

const m3u8: ActionSpec = {
  name: 'm3u8',
  product: 'hls',
  summary: 'Generate an HLS playlist that transcodes segments on demand (IMM).',
  doc:
    'Writes a standard HLS playlist for a video (a media playlist; the page says master playlists can be made too); each TS segment is transcoded only when it is first ' +
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

const sign: ActionSpec = {
  name: 'sign',
  product: 'hls',
  summary: 'Return an HLS playlist with a signed URL for each of its segments (GetSignedPlaylist).',
  doc:
    'Reads an M3U8 playlist of a private bucket and returns it with every TS segment (or nested M3U8) URL signed, so ' +
    'that a player can fetch them. The request itself must be signed in its URL (OSSAccessKeyId, Expires, ' +
    'Signature), not in an Authorization header; an x-oss-hls-sign-token header of up to 100 letters, digits, `_`, ' +
    '`-` and `.` may go with it. The playlist lists either TS files or M3U8 files, not both.',
  mode: 'sync',
  // the error-code pages show the action bare; no parameter table was found (see NOTES.md)
  paramsIncomplete: true,
  source:
    'https://help.aliyun.com/en/oss/user-guide/0044-00000410; https://www.alibabacloud.com/help/en/oss/user-guide/0044-00000404; ' +
    'https://alibabacloud.com/help/en/oss/support/0044-00000408; https://www.alibabacloud.com/help/zh/oss/support/0044-00000401',
  params: [],
  examples: ['hls/sign'],
};

export const hlsActions: readonly ActionSpec[] = [m3u8, ts, sign];
