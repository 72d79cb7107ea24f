import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { PreviewError } from './request';

/** `folder/relativeKey`, refusing a key that climbs out (`..`, an absolute path) or passes through a symlink that does. */
export function insideFolder(folder: string, key: string): string {
  const parts = key.split('/');
  if (!key || key.startsWith('/') || key.startsWith('\\') || parts.some((p) => p === '..' || p === '.' || p.includes('\\') || p.includes('\0')) || isAbsolute(key)) {
    throw new PreviewError(`the target '${key}' is not a key inside the bucket`, 'InvalidObjectName');
  }
  const path = join(folder, ...parts.filter(Boolean));
  // a folder not made yet holds no symlinks
  if (!existsSync(folder)) return path;
  const base = realpathSync(folder);
  // the deepest part that exists must resolve inside the folder
  let probeAt = path;
  while (!existsSync(probeAt) && probeAt !== dirname(probeAt)) probeAt = dirname(probeAt);
  const real = existsSync(probeAt) ? realpathSync(probeAt) : probeAt;
  if (real !== base && !real.startsWith(base + sep)) throw new PreviewError(`the target '${key}' leads outside the bucket`, 'AccessDenied');
  return path;
}
