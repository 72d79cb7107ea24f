import { UsageError } from '../errors';
import { createSession as github } from './github';
import { createSession as gitlab } from './gitlab';
import { createSession as json } from './json';
import { createSession as sarif } from './sarif';
import { createSession as stylish } from './stylish';
import type { CreateSession } from './types';

export const FORMATS: Record<string, CreateSession> = { stylish, json, sarif, github, gitlab };

export function formatterFor(name: string): CreateSession {
  const f = FORMATS[name];
  if (!f) throw new UsageError(`unknown format '${name}' (use ${Object.keys(FORMATS).join(', ')})`);
  return f;
}

export type { CreateSession, FormatContext, FormatterSession } from './types';
