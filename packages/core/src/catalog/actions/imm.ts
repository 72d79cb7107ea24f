/**
 * Catalog data for the legacy `imm` product: the old IMM operations (`imm/detectface`, `imm/tagimage`,
 * `imm/previewdoc`), still documented but being phased out in favour of the new IMM version. Every action here
 * is reported as deprecated; its parameters were never tabled on the OSS pages (see NOTES.md).
 */
import type { ActionSpec } from '../types';
import { flag } from './shared';

const MIGRATION = 'https://help.aliyun.com/en/oss/user-guide/image-tag-detection-migrated-to-the-new-version';

const legacy = (name: string, summary: string, replacement: string, source: string, extra: Partial<ActionSpec> = {}): ActionSpec => ({
  name,
  product: 'imm',
  summary,
  doc: `${summary} A legacy IMM operation, being phased out: use ${replacement} instead.`,
  mode: 'sync',
  paramsIncomplete: true,
  source,
  params: [],
  deprecated: { replacement, source: MIGRATION },
  ...extra,
});

export const immActions: readonly ActionSpec[] = [
  legacy('detectface', 'Detect faces (legacy IMM).', 'image/faces', 'https://help.aliyun.com/en/oss/user-guide/facial-recognition (Operation: imm/detectface)'),
  legacy('tagimage', 'Tag the image content (legacy IMM).', 'image/labels', `${MIGRATION} (the legacy operation imm/tagimage; zh image-recognition page: 操作名称：imm/tagimage)`),
  legacy('previewdoc', 'Preview a document (legacy IMM).', 'doc/preview', 'https://www.alibabacloud.com/help/doc-detail/99373.htm', {
    params: [{ key: 'copy', type: 'enum', doc: 'Whether the viewer may copy text.', values: flag('Do not allow copying.', 'Allow copying.') }],
    examples: ['imm/previewdoc,copy_1'],
  }),
];
