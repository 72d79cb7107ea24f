/** Vocabulary several actions share: on/off flags, time ranges in ms, the IMM sample rates. */
import type { ActionSpec, EnumValue, ParamSpec } from '../types';

/** A 0/1 switch, each value with what it does. */
export const flag = (off: string, on: string): EnumValue[] => [
  { value: '0', doc: off },
  { value: '1', doc: on },
];

/** Where an action starts in its input, in ms (`ss`). */
export const startMs = (doc: string): ParamSpec => ({ key: 'ss', type: 'int', doc, min: 0, unit: 'ms', default: '0' });

/** How much of its input an action uses, in ms (`t`). */
export const durationMs = (doc: string): ParamSpec => ({ key: 't', type: 'int', doc, min: 0, unit: 'ms', default: '0' });

/** Sample rates the IMM-backed media actions accept (the audio pages list 64000; the transcoding page does not). */
export const IMM_SAMPLE_RATES: readonly EnumValue[] = ['8000', '11025', '12000', '16000', '22050', '24000', '32000', '44100', '48000', '64000', '88200', '96000'].map(
  (value) => ({ value, doc: `${Number(value) / 1000} kHz.` }),
);

/**
 * A `/pre` or `/sur` input of video/concat or audio/concat: another object of the bucket joined before or after
 * the request's own media, in the order written; one task joins at most 11 inputs.
 */
export const concatInput = (
  product: 'video' | 'audio',
  name: 'pre' | 'sur',
  media: { one: string; many: string },
  source: string,
  example: string,
): ActionSpec => {
  const where = name === 'pre' ? 'before' : 'after';
  return {
    name,
    product,
    parent: 'concat',
    repeatable: true,
    summary: `${media.one[0]!.toUpperCase()}${media.one.slice(1)} joined ${where} the request's own ${product}.`,
    doc:
      `Adds an object of the same bucket ${where} the request's ${product}; inputs are joined in the order the /pre and ` +
      `/sur segments are written. One task joins at most 11 ${media.many} in all.`,
    mode: 'async',
    source,
    params: [
      {
        key: 'o',
        type: 'base64',
        decoded: 'object',
        required: true,
        doc: `Key of the ${product} to join, an object in the current bucket, URL-safe Base64 encoded.`,
      },
      startMs('Start of the part of this input to use; 0 starts at the beginning.'),
      durationMs('Length of the part of this input to use; 0 runs to the end.'),
    ],
    examples: [example],
  };
};

/** The address of an OSS error-code page (`0040-00000322`): each names a parameter, its valid range and a valid sample. */
export const errorCodePage = (code: string): string => `https://help.aliyun.com/en/oss/user-guide/${code}`;
