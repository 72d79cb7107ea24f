import { closest, UsageError } from './errors';

/**
 * A small argument parser: `--flag`, `--no-flag`, `--flag value`, `--flag=value`, `-f value`, repeatable
 * flags, `--` ending the flags. Node's util.parseArgs would do, but its messages name no alternatives.
 */
export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
  /** A boolean that has a `--no-` form (`--color` / `--no-color`). */
  negatable?: boolean;
  /** The value's name in messages (`--format <name>`). */
  value?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: FlagSpecs, command: string): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, s] of Object.entries(specs)) if (s.short) byShort.set(s.short, name);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      const short = arg.slice(1, 2);
      const long = byShort.get(short);
      if (!long) throw new UsageError(`unknown option '${arg}' for 'ossproc ${command}'${hint(arg, specs)}`);
      name = long;
      inline = arg.length > 2 ? arg.slice(arg[2] === '=' ? 3 : 2) : undefined;
    }
    let spec = specs[name];
    let negated = false;
    if (!spec && name.startsWith('no-') && specs[name.slice(3)]?.negatable) {
      spec = specs[name.slice(3)];
      name = name.slice(3);
      negated = true;
    }
    if (!spec) throw new UsageError(`unknown option '--${name}' for 'ossproc ${command}'${hint(`--${name}`, specs)}`);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      flags[name] = !negated;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
        throw new UsageError(`option '--${name}' needs a value${spec.value ? ` (${spec.value})` : ''}`);
      }
      value = next;
      i++;
    }
    if (spec.multiple) {
      const list = (flags[name] as string[] | undefined) ?? [];
      list.push(value);
      flags[name] = list;
    } else {
      flags[name] = value;
    }
  }
  return { flags, positionals };
}

function hint(arg: string, specs: FlagSpecs): string {
  const names = Object.keys(specs).map((n) => `--${n}`);
  const c = closest(arg, names);
  return c ? ` (did you mean '${c}'?)` : `; see 'ossproc --help'`;
}

export function str(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A string flag that must be one of `allowed` (`command` names whose flag it is in the message). */
export function choice<T extends string>(flags: ParsedArgs['flags'], name: string, allowed: readonly T[], command?: string): T | undefined {
  const v = str(flags, name);
  if (v === undefined || (allowed as readonly string[]).includes(v)) return v as T | undefined;
  const words = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed[0];
  throw new UsageError(`${command ? `${command} ` : ''}--${name} must be ${words}; got '${v}'`);
}

export function bool(flags: ParsedArgs['flags'], name: string): boolean {
  return flags[name] === true;
}

export function list(flags: ParsedArgs['flags'], name: string): string[] {
  const v = flags[name];
  return Array.isArray(v) ? v : [];
}
