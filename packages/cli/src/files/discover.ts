import { languageForFile, walkedExtensions, type HostLanguage } from '@ossproc/core';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { existsSync, promises as fsp, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Config, ConfigResolver } from '../config';

/**
 * Which files `ossproc lint` reads:
 * - a file named on the command line, whatever its extension (read as its language; an unknown extension
 *   as plain text, where `x-oss-process=` URLs are found);
 * - a directory: walked, taking the files with a processing-string extension (.ossproc, .json, .yaml, .yml,
 *   .xml) and the files the governing config's `include` globs match (source code, Markdown, HTML…);
 * - a glob (quote it): the files it matches whose language ossproc knows.
 * Walks and globs skip `node_modules` and `.git`, what `.gitignore` files ignore (those of the walked tree
 * and of its parents up to the repository root), and what the governing config's `ignore` patterns ignore
 * (`--no-ignore` turns the last two off). A file named explicitly is linted even if a pattern ignores it.
 */
/** What a directory walk picks up: core's host formats marked `walked`. */
export const WALK_EXTENSIONS: readonly string[] = walkedExtensions();
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export interface FileTask {
  path: string;
  language: HostLanguage;
  /** Not a regular file (a FIFO, /dev/stdin): read once into memory. */
  special?: boolean;
}

export interface Discovery {
  files: FileTask[];
  /** One line each, for stderr; any makes the run exit 2. */
  problems: string[];
}

interface Layer {
  base: string;
  ig: Ignore;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function isUnder(base: string, p: string): string | undefined {
  const rel = relative(base, p);
  if (rel.startsWith('..') || resolve(base, rel) !== p) return undefined;
  return toPosix(rel);
}

export function isGlobPattern(p: string): boolean {
  return picomatch.scan(p).isGlob;
}

export class Discoverer {
  private readonly gitLayers = new Map<string, Layer[]>();
  private readonly configIgnores = new Map<Config, Ignore>();
  private readonly configIncludes = new Map<Config, (p: string) => boolean>();
  private readonly seen = new Set<string>();
  private readonly files: FileTask[] = [];
  private readonly problems: string[] = [];

  constructor(
    private readonly cwd: string,
    private readonly configs: ConfigResolver,
    private readonly noIgnore: boolean,
    private readonly debug: (msg: string) => void = () => {},
    /** The extensions a directory walk takes (`fmt` takes .ossproc only, and no `include`). */
    private readonly walkExtensions: readonly string[] = WALK_EXTENSIONS,
    private readonly useInclude = true,
  ) {}

  async discover(patterns: readonly string[]): Promise<Discovery> {
    for (const pattern of patterns) await this.one(pattern);
    return { files: this.files, problems: this.problems };
  }

  private add(path: string, language: HostLanguage, special = false): boolean {
    if (this.seen.has(path)) return false;
    this.seen.add(path);
    this.files.push(special ? { path, language, special } : { path, language });
    return true;
  }

  private async one(pattern: string): Promise<void> {
    const abs = resolve(this.cwd, pattern);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const before = this.files.length;
      await this.walk(abs, abs, () => true, false);
      if (this.files.length === before) {
        this.problems.push(
          `no files to ${this.useInclude ? 'lint' : 'format'} in '${pattern}': a directory walk takes *.${this.walkExtensions.join(', *.')} files (not ignored)${this.useInclude ? '; add others with "include" in ossproc.config.json' : ''}`,
        );
      }
      return;
    }
    if (stat) {
      this.add(abs, languageForFile(abs) ?? 'text', !stat.isFile());
      return;
    }
    if (isGlobPattern(pattern)) {
      const scan = picomatch.scan(pattern);
      const base = resolve(this.cwd, scan.base || '.');
      const isMatch = picomatch(scan.glob, { dot: false });
      const before = this.files.length;
      if (existsSync(base)) await this.walk(base, base, (rel) => isMatch(rel), true);
      if (this.files.length === before) this.problems.push(`no files match the pattern '${pattern}'`);
      return;
    }
    // a dangling symbolic link named explicitly: reported when read
    try {
      await fsp.lstat(abs);
      this.add(abs, languageForFile(abs) ?? 'text');
      return;
    } catch {
      this.problems.push(`no such file or directory: '${pattern}'`);
    }
  }

  /**
   * Walks `dir`. With `fromGlob`, a file is taken when `match` accepts its path relative to `root` and its
   * language is known; otherwise when its extension is a walk extension or its config includes it.
   */
  private async walk(dir: string, root: string, match: (rel: string) => boolean, fromGlob: boolean): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (e) {
      this.problems.push(`cannot read directory '${toPosix(relative(this.cwd, dir)) || '.'}': ${(e as NodeJS.ErrnoException).code ?? e}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const layers = this.noIgnore ? [] : this.layersFor(dir, root);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let dangling = false;
      if (entry.isSymbolicLink()) {
        try {
          const s = statSync(path);
          isFile = s.isFile();
          isDir = false; // linked directories are not followed (no cycles)
        } catch {
          dangling = true;
        }
      }
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      if (!isDir && !isFile && !dangling) continue;
      if (!this.noIgnore && (this.gitIgnored(layers, path, isDir) || this.configIgnored(path, isDir))) {
        this.debug(`ignored ${toPosix(relative(this.cwd, path))}`);
        continue;
      }
      if (isDir) {
        await this.walk(path, root, match, fromGlob);
        continue;
      }
      const language = languageForFile(entry.name);
      if (fromGlob) {
        if (language && match(toPosix(relative(root, path)))) this.add(path, language);
        continue;
      }
      const ext = entry.name.slice(entry.name.lastIndexOf('.') + 1).toLowerCase();
      if (entry.name.includes('.') && this.walkExtensions.includes(ext) && language) this.add(path, language);
      else if (this.useInclude && this.included(path)) this.add(path, language ?? 'text');
    }
  }

  /** The .gitignore layers that apply in `dir`: from the repository root (or the walk root) down. */
  private layersFor(dir: string, root: string): Layer[] {
    const cached = this.gitLayers.get(dir);
    if (cached) return cached;
    let layers: Layer[];
    if (dir === root) {
      layers = [];
      const top = gitRoot(root);
      if (top) {
        const chain: string[] = [];
        for (let d = dirname(root); d !== top && isUnder(top, d) !== undefined; d = dirname(d)) chain.unshift(d);
        if (top !== root) chain.unshift(top);
        for (const d of chain) pushGitignore(layers, d);
      }
    } else layers = [...this.layersFor(dirname(dir), root)];
    pushGitignore(layers, dir);
    this.gitLayers.set(dir, layers);
    return layers;
  }

  private gitIgnored(layers: Layer[], path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, ig } of layers) {
      const rel = isUnder(base, path);
      if (!rel) continue;
      const verdict = ownVerdict(ig, rel, isDir);
      if (verdict !== undefined) ignored = verdict;
    }
    return ignored;
  }

  private configIgnored(path: string, isDir: boolean): boolean {
    const config = this.configs.forDir(dirname(path));
    if (!config || !config.ignore.length) return false;
    const rel = isUnder(config.dir, path);
    if (!rel) return false;
    let ig = this.configIgnores.get(config);
    if (!ig) {
      ig = ignore().add(config.ignore);
      this.configIgnores.set(config, ig);
    }
    return ownVerdict(ig, rel, isDir) === true;
  }

  private included(path: string): boolean {
    const config = this.configs.forDir(dirname(path));
    if (!config || !config.include.length) return false;
    const rel = isUnder(config.dir, path);
    if (!rel) return false;
    let m = this.configIncludes.get(config);
    if (!m) {
      m = picomatch(config.include);
      this.configIncludes.set(config, m);
    }
    return m(rel);
  }
}

/**
 * What one set of patterns says of a path: true (ignored), false (re-included by a `!` pattern) or undefined.
 * The `ignore` package also ignores what lies under an ignored directory; the walk never enters one, so a
 * verdict inherited from the parent directory (which the walk let in, maybe re-included by a deeper
 * .gitignore) is no verdict, as in git.
 */
function ownVerdict(ig: Ignore, rel: string, isDir: boolean): boolean | undefined {
  const r = ig.test(isDir ? `${rel}/` : rel);
  if (r.ignored) {
    const slash = rel.lastIndexOf('/');
    if (slash > 0) {
      const parent = ig.test(`${rel.slice(0, slash)}/`);
      if (parent.ignored && parent.rule?.pattern === r.rule?.pattern) return undefined;
    }
    return true;
  }
  return r.unignored ? false : undefined;
}

function pushGitignore(layers: Layer[], dir: string): void {
  const file = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  layers.push({ base: dir, ig: ignore().add(text) });
}

/** The nearest directory at or above `dir` holding `.git`. */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}
