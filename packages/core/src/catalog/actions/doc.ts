/**
 * Catalog data for the `doc` product (IMM document processing): preview (with its observed `/watermark`
 * child), edit, snapshot and convert. Pure data; see NOTES.md beside this file for what was verified where.
 */
import type { ActionSpec, EnumValue } from '../types';
import { flag } from './shared';

const SRC_CONVERT = 'https://help.aliyun.com/zh/oss/user-guide/document-conversion';
const SRC_IMM_CONVERT =
  'https://alibabacloud.com/help/en/imm/developer-reference/api-imm-2020-09-30-createofficeconversiontask';
const SRC_PREVIEW = 'https://help.aliyun.com/zh/oss/user-guide/migration-of-document-preview';
const SRC_NOTIFY = 'https://www.alibabacloud.com/help/en/oss/user-guide/message-notification';

/** Input document types of document conversion (IMM CreateOfficeConversionTask; html from the OSS page's Word row). */
const SOURCE_TYPES: readonly EnumValue[] = [
  ...['doc', 'docx', 'wps', 'wpss', 'docm', 'dotm', 'dot', 'dotx'].map((value) => ({
    value,
    doc: `Word processing document (.${value}).`,
  })),
  { value: 'html', doc: 'Web page (.html), converted as a word processing document.' },
  ...['pptx', 'ppt', 'pot', 'potx', 'pps', 'ppsx', 'dps', 'dpt', 'pptm', 'potm', 'ppsm', 'dpss'].map((value) => ({
    value,
    doc: `Presentation (.${value}).`,
  })),
  ...['xls', 'xlt', 'et', 'ett', 'xlsx', 'xltx', 'csv', 'xlsb', 'xlsm', 'xltm', 'ets'].map((value) => ({
    value,
    doc: `Spreadsheet (.${value}).`,
  })),
  { value: 'pdf', doc: 'PDF document.' },
];

/** What doc/snapshot renders: a narrower list than conversion's (the document-snapshot page, updated 2026-03). */
const SNAPSHOT_SOURCE_TYPES: readonly EnumValue[] = SOURCE_TYPES.filter((v) => ['pdf', 'xlsx', 'xls', 'docx', 'doc', 'pptx', 'ppt'].includes(v.value));

const preview: ActionSpec = {
  name: 'preview',
  product: 'doc',
  summary: 'Open an online preview of a document (IMM).',
  doc:
    'Returns an online preview page for a Word, PowerPoint, Excel or PDF object. It needs an IMM project in the ' +
    'bucket\'s region and a custom domain bound to the bucket; the preview opens only through that domain.',
  mode: 'sync',
  paramsIncomplete: true,
  source: `${SRC_PREVIEW} (prerequisites); keys seen only in third-party strings (reference notes §4.3); legacy form imm/previewdoc https://www.alibabacloud.com/help/doc-detail/99373.htm`,
  params: [
    { key: 'export', type: 'enum', doc: 'Whether the viewer may export the document (observed key, not documented).', values: flag('Do not allow export.', 'Allow export.') },
    { key: 'print', type: 'enum', doc: 'Whether the viewer may print the document (observed key, not documented).', values: flag('Do not allow printing.', 'Allow printing.') },
    { key: 'copy', type: 'enum', doc: 'Whether the viewer may copy text (observed key, not documented).', values: flag('Do not allow copying.', 'Allow copying.') },
  ],
};

const previewWatermark: ActionSpec = {
  name: 'watermark',
  product: 'doc',
  parent: 'preview',
  summary: 'A text watermark drawn over a document preview (observed form).',
  doc:
    'Draws a text watermark over the pages of a doc/preview. This child form is seen in public code but its ' +
    'parameter table was not found in the documentation; keys and meanings follow the image watermark.',
  mode: 'sync',
  paramsIncomplete: true,
  source: 'third-party strings only (reference notes §0.8, §4.3); meanings by analogy with image/watermark',
  params: [
    { key: 'text', type: 'base64', decoded: 'text', doc: 'Watermark text, URL-safe Base64 encoded (observed).' },
    { key: 'size', type: 'int', doc: 'Text size (observed; range not documented).', unit: 'px' },
    { key: 't', type: 'int', doc: 'Opacity (observed; range not documented).' },
    { key: 'color', type: 'color', doc: 'Text colour as RRGGBB hex (observed).' },
    { key: 'rotate', type: 'int', doc: 'Rotation of the text (observed; range not documented).', unit: 'degrees' },
    { key: 'type', type: 'base64', decoded: 'font', doc: 'Font name, URL-safe Base64 encoded (observed; the font list is not documented for doc).' },
  ],
};

const edit: ActionSpec = {
  name: 'edit',
  product: 'doc',
  summary: 'Open a document for online editing (WebOffice, IMM).',
  doc:
    'Returns an online editing page for a Word, PowerPoint or Excel object through IMM WebOffice. The OSS page ' +
    'shows it used through SDK-signed URLs; its parameters were not found.',
  mode: 'sync',
  paramsIncomplete: true,
  source: 'https://www.alibabacloud.com/help/tc/oss/user-guide/online-object-editing',
  params: [],
};

const snapshot: ActionSpec = {
  name: 'snapshot',
  product: 'doc',
  summary: 'Render one page of a document as an image (IMM).',
  doc:
    'Returns an image of one page of a Word, Excel, PowerPoint or PDF object (at most 20 MB) without downloading ' +
    'it. It needs an IMM project and the new IMM GET/POST processing switch in the Quota Center.',
  mode: 'sync',
  paramsIncomplete: true,
  source:
    'https://www.alibabacloud.com/help/en/oss/user-guide/document-snapshot (source types pdf, xlsx, xls, docx, doc, ' +
    'pptx, ppt; ≤ 20 MB; sync only); example from the synchronous-processing page (reference notes §4.3)',
  params: [
    { key: 'target', type: 'string', doc: 'Image type of the snapshot (`jpg` in the documented example; other values not read).' },
    {
      key: 'source',
      type: 'enum',
      doc: 'Type of the source document (at most 20 MB); by default taken from the object\'s extension.',
      defaultDoc: 'the object key\'s extension',
      values: SNAPSHOT_SOURCE_TYPES,
    },
    { key: 'page', type: 'int', doc: 'Page to render (1-based in the documented example; range not read).', min: 1 },
  ],
  examples: ['doc/snapshot,target_jpg,source_docx,page_2'],
};

const convert: ActionSpec = {
  name: 'convert',
  product: 'doc',
  summary: 'Convert a document to images, PDF or text (asynchronous, IMM).',
  doc:
    'Converts a Word, PowerPoint, Excel or PDF object (at most 200 MB) into PNG/JPG images, a PDF or a text ' +
    'file. Runs only asynchronously; use `{index}` in the saveas key when several pages are written.',
  mode: 'async',
  producesOutput: true,
  source: `${SRC_CONVERT}; ${SRC_IMM_CONVERT} (formats, limits); html: https://www.alibabacloud.com/help/ja/oss/document-conversion (Word: "doc, docx, wps, wpss, docm, dotm, dot, dotx, html"); example: ${SRC_NOTIFY}`,
  params: [
    {
      key: 'target',
      type: 'enum',
      required: true,
      doc: 'Type of the output.',
      values: [
        { value: 'png', doc: 'One PNG image per page.' },
        { value: 'jpg', doc: 'One JPG image per page.' },
        { value: 'pdf', doc: 'A PDF file.' },
        { value: 'txt', doc: 'The text content only (word processing documents and presentations).' },
      ],
    },
    {
      key: 'source',
      type: 'enum',
      doc: 'Type of the source document; needed when the object key has no extension.',
      defaultDoc: 'the object key\'s extension',
      values: SOURCE_TYPES,
    },
    {
      key: 'pages',
      type: 'string',
      doc:
        'Pages to convert. An older page version says this value is URL-safe Base64 encoded, the current one shows ' +
        'it plain; both forms are seen.',
    },
  ],
  examples: [
    'doc/convert,target_png,source_docx|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw',
  ],
};

export const docActions: readonly ActionSpec[] = [preview, previewWatermark, edit, snapshot, convert];
