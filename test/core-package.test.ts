import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '@ossproc/core';

const here = import.meta.dirname;
const SAMPLE = 'video/convert,f_mp4,vcodex_h264,fps_241|sys/saveas,o_out.mp4';

describe('@ossproc/core by its package name', () => {
  it('parses, checks, fixes, formats, explains, builds and exposes the catalog', () => {
    const parsed = core.parse(SAMPLE);
    expect(parsed.tree.stages.map((s) => s.product?.text)).toEqual(['video', 'sys']);

    const diagnostics = core.check(parsed);
    // vcodex is read as the vcodec it certainly means: fps is not called ineffective
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['unknown-parameter', 'value-out-of-range', 'invalid-base64']);

    const fixed = core.applyFixes(SAMPLE, diagnostics).text;
    expect(fixed).toBe('video/convert,f_mp4,vcodec_h264,fps_241|sys/saveas,o_b3V0Lm1wNA');
    expect(core.fixAll(SAMPLE).text).toBe(fixed);

    // formatting deletes nothing: the empty parameter is its fix's to remove
    expect(core.format('video/convert, f_mp4,,vcodec_h264')).toBe('video/convert,f_mp4,,vcodec_h264');
    expect(core.explain(fixed).actions.map((a) => a.name)).toEqual(['convert', 'saveas']);
    expect(core.build({ steps: [{ action: 'image/resize', params: { w: 100 } }] })).toBe('image/resize,w_100');

    const convert = core.getAction('video', 'convert')!;
    expect(core.getParam(convert, 'fps')).toMatchObject({ type: 'float', min: 0, max: 240 });
    expect(core.PRODUCTS.map((p) => p.name)).toContain('image');
    expect(core.getRule('value-out-of-range')?.severity).toBe('error');
    expect(core.ruleDocsUrl('value-out-of-range')).toMatch(/docs\/rules\/value-out-of-range\.md$/);

    const doc = core.lintDocument('String s = "video/convert,f_mp4,fps_241";', { fileName: 'A.java' });
    expect(doc.diagnostics.map((d) => d.ruleId)).toContain('value-out-of-range');
  });

  it('works as built (dist) from plain Node, the way a consumer imports it', () => {
    const dist = join(here, '..', 'packages', 'core', 'dist', 'index.js');
    expect(existsSync(dist), 'run `pnpm build` first').toBe(true);
    const script = "import('@ossproc/core').then((c) => console.log(JSON.stringify(c.check('video/convert,f_mp4,fps_241').map((d) => d.message))))";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['fps_241: fps must be between 0 and 240', 'fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)']);
  });
});
