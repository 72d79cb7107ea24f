import { PRODUCTS } from '@ossproc/core';
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { sourceMarkdown } from '../src/service/catalogDocs';
import { service, settings, withCursor } from './helpers';

const ls = service();

/** Every markdown link `[text](target)` of a text. */
function links(markdown: string): { text: string; target: string }[] {
  return [...markdown.matchAll(/\[([^\]]*)\]\(([^)]*)\)/g)].map((m) => ({ text: m[1]!, target: m[2]! }));
}

describe('documentation links in hover and completion', () => {
  it('keeps provenance notes out of the link target', () => {
    expect(sourceMarkdown('https://help.aliyun.com/zh/oss/user-guide/resize-images-4 (current zh page, 2026 copy); https://www.alibabacloud.com/help/en/object-storage-service/latest/resize-images')).toBe(
      '[Documentation](https://help.aliyun.com/zh/oss/user-guide/resize-images-4) (current zh page, 2026 copy); [www.alibabacloud.com](https://www.alibabacloud.com/help/en/object-storage-service/latest/resize-images)',
    );
    expect(sourceMarkdown('https://www.alibabacloud.com/help/en/oss/rotate; https://www.alibabacloud.com/help/en/oss/support/0040-00000217')).toBe(
      '[Documentation](https://www.alibabacloud.com/help/en/oss/rotate); [www.alibabacloud.com](https://www.alibabacloud.com/help/en/oss/support/0040-00000217)',
    );
    expect(sourceMarkdown('third-party strings only (reference notes §0.8, §4.3)')).toBeUndefined();
  });

  it('gives every action of the catalog links whose targets are bare addresses', () => {
    let checked = 0;
    for (const product of PRODUCTS) {
      for (const action of product.actions) {
        const { doc, position } = withCursor(`${product.name}/${action.name.slice(0, 1)}<|>${action.name.slice(1)}`);
        const h = ls.doHover(doc, position, settings());
        const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
        for (const l of links(value)) {
          expect(l.target, `${product.name}/${action.name}`).toMatch(/^https?:\/\/[^\s;()]+$/);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('shows the same clean link in completion documentation', () => {
    const { doc, position } = withCursor('image/<|>');
    const items = ls.doComplete(doc, position, settings()).items;
    const resize = items.find((i) => i.label === 'resize')!;
    const docs = (resize.documentation as MarkupContent).value;
    expect(links(docs)[0]).toEqual({ text: 'Documentation', target: 'https://help.aliyun.com/zh/oss/user-guide/resize-images-4' });
    expect(docs).toContain(') (current zh page, 2026 copy); [www.alibabacloud.com](');
  });
});
