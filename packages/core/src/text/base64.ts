/**
 * URL-safe base64 of UTF-8 text, as OSS writes saveas targets, topics and watermark texts. Written here
 * because core runs in browsers and Node alike and must not lean on Buffer or atob.
 */

import { utf8Text } from './utf8';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
// the standard alphabet decodes too: SDKs write it, and the server accepts it
LOOKUP['+'.charCodeAt(0)] = 62;
LOOKUP['/'.charCodeAt(0)] = 63;

export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** The UTF-8 byte length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** URL-safe base64 without padding, the documented form. */
export function encodeBase64Url(text: string): string {
  const bytes = utf8Encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

export interface Base64Reading {
  /** The decoded UTF-8 text; undefined when the value is not base64 or not UTF-8. */
  text?: string;
  /** Why it could not be decoded. */
  problem?: 'alphabet' | 'length' | 'utf8';
  /** Offset of the first character outside the alphabet. */
  badAt?: number;
  /** Number of trailing `=`. */
  padding: number;
  /** Uses `+` (standard alphabet). */
  standardAlphabet: boolean;
}

/** The bytes being decoded, reused. */
let BYTES = new Uint8Array(192);

/** Reads a base64 value leniently (either alphabet, optional padding) and says what is off about it. */
export function readBase64(value: string): Base64Reading {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 61 /* = */) end--;
  const padding = value.length - end;
  let standardAlphabet = false;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || LOOKUP[c]! < 0) return { problem: 'alphabet', badAt: i, padding, standardAlphabet };
    if (c === 43) standardAlphabet = true;
  }
  if (end % 4 === 1 || padding > 2 || (padding > 0 && (end + padding) % 4 !== 0)) {
    return { problem: 'length', padding, standardAlphabet };
  }
  // four digits make three bytes; a last group of two or three makes one or two (its spare bits are dropped)
  const n = ((end >> 2) * 3) + Math.max(0, (end & 3) - 1);
  if (BYTES.length < n) BYTES = new Uint8Array(Math.max(n, 2 * BYTES.length));
  const bytes = BYTES;
  let b = 0;
  for (let i = 0; i < end; i += 4) {
    const d = (LOOKUP[value.charCodeAt(i)]! << 18) | (LOOKUP[value.charCodeAt(i + 1)]! << 12) | (i + 2 < end ? LOOKUP[value.charCodeAt(i + 2)]! << 6 : 0) | (i + 3 < end ? LOOKUP[value.charCodeAt(i + 3)]! : 0);
    bytes[b++] = (d >> 16) & 255;
    if (i + 2 < end) bytes[b++] = (d >> 8) & 255;
    if (i + 3 < end) bytes[b++] = d & 255;
  }
  const text = utf8Text(bytes, b);
  if (text === undefined) return { problem: 'utf8', padding, standardAlphabet };
  return { text, padding, standardAlphabet };
}
