/** The few ANSI styles stylish uses; identity functions when colour is off. */
export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const style = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function colors(on: boolean): Colors {
  if (!on) {
    const id = (s: string) => s;
    return { red: id, yellow: id, cyan: id, dim: id, bold: id, underline: id };
  }
  return { red: style(31, 39), yellow: style(33, 39), cyan: style(36, 39), dim: style(2, 22), bold: style(1, 22), underline: style(4, 24) };
}

/**
 * Whether to colour, as chalk's supports-color decides: `--color`/`--no-color` first; then FORCE_COLOR —
 * `0` or `false` off, anything else (`1`, `2`, `3`, `true`, empty) on, TTY or not; then NO_COLOR (non-empty,
 * https://no-color.org) off; otherwise only a TTY gets colour. A report written to a file (`-o`) is never
 * coloured: the caller passes `toFile`.
 */
export function useColor(flag: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv, toFile = false): boolean {
  if (toFile) return false;
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}
