/** Vocabulary several actions share: on/off flags, time ranges in ms, the IMM sample rates. */
import type { EnumValue, ParamSpec } from '../types';

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
