import { statSync } from 'node:fs';
import { basename, extname, posix } from 'node:path';
import { PreviewError } from './request';

/**
 * The variables of a sys/saveas target (OSS's TargetURI template): `{autoext}`, `{index}`, the source's names
 * and times, the task's time; `{{` and `}}` are literal braces. An unknown variable is an error here, as an
 * unexpandable target is for the service.
 */
export interface TargetContext {
  /** The source bucket's name (locally: the served folder's name, or the input's folder). */
  bucket: string;
  /** The source's key (`dir/name.ext`). */
  key: string;
  /** The extension of the produced output. */
  autoext: string;
  /** The source's modification time stands for its upload time. */
  uploaded: Date;
  /** The task's creation time. */
  now?: Date;
  /** For outputs of one file: 1. */
  index?: number;
  resolution?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function times(prefix: string, d: Date): Record<string, string> {
  return {
    [`${prefix}year`]: String(d.getFullYear()),
    [`${prefix}mon`]: pad(d.getMonth() + 1),
    [`${prefix}day`]: pad(d.getDate()),
    [`${prefix}hour`]: pad(d.getHours()),
    [`${prefix}min`]: pad(d.getMinutes()),
    [`${prefix}sec`]: pad(d.getSeconds()),
  };
}

export function expandTarget(template: string, ctx: TargetContext): string {
  const key = ctx.key;
  const base = posix.basename(key);
  const ext = extname(base);
  const vars: Record<string, string> = {
    bucket: ctx.bucket,
    key,
    dirname: posix.dirname(key) === '.' ? '' : posix.dirname(key),
    basename: base,
    barename: ext ? base.slice(0, -ext.length) : base,
    ext: ext.slice(1),
    autoext: ctx.autoext,
    index: String(ctx.index ?? 1),
    streamindex: '0',
    ...(ctx.resolution ? { resolution: ctx.resolution } : {}),
    ...times('', ctx.uploaded),
    ...times('t_', ctx.now ?? new Date()),
  };
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, name: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const v = vars[name!];
    if (v === undefined) throw new PreviewError(`the target '${template}' uses {${name}}, which is not a variable this target can expand`);
    return v;
  });
}

/** The source's upload time, locally its modification time. */
export function uploadedAt(file: string): Date {
  try {
    return statSync(file).mtime;
  } catch {
    return new Date();
  }
}

export function defaultBucketName(dir: string): string {
  return basename(dir) || 'bucket';
}
