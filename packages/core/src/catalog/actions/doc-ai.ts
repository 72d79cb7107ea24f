/**
 * Catalog data for intelligent document processing (IMM behind OSS): doc/translate, polish, summarize, continue,
 * enrich and rephrase. Each takes the text itself, URL-safe Base64 encoded, in `content` (the object key of the
 * request is only a placeholder), runs synchronously (x-oss-process) in a POST body, and answers JSON or an
 * event stream (`format`). The tables of translate, polish and rephrase were read; summarize, continue and enrich
 * are listed on the overview page only and keep `paramsIncomplete` (see NOTES.md).
 */
import type { ActionSpec, ParamSpec } from '../types';

const OVERVIEW = 'https://www.alibabacloud.com/help/en/oss/user-guide/smart-document-overview';

/** The text to work on: at most 19,500 bytes (taken as the text's UTF-8, the reading that never over-reports). */
function content(what: string, required: boolean): ParamSpec {
  return {
    key: 'content',
    type: 'base64',
    decoded: 'text',
    max: 19_500,
    required,
    doc: `The text to ${what}, URL-safe Base64 encoded; at most 19,500 bytes.`,
  };
}

const FORMAT: ParamSpec = {
  key: 'format',
  type: 'enum',
  doc: 'How the answer comes back.',
  default: 'json',
  values: [
    { value: 'json', doc: 'One JSON response with the whole result.' },
    { value: 'event-stream', doc: 'Server-sent events, each with the whole result so far.' },
  ],
};

function action(name: string, summary: string, source: string, params: readonly ParamSpec[], more: Partial<ActionSpec> = {}): ActionSpec {
  return {
    name,
    product: 'doc',
    summary,
    doc: `${summary} Runs synchronously (x-oss-process) in a POST request, and needs an IMM project attached to the bucket; anonymous access is refused.`,
    mode: 'sync',
    source,
    params,
    ...more,
  };
}

const translate = action(
  'translate',
  'Translate text into Chinese, English, Japanese or French.',
  'https://www.alibabacloud.com/help/en/oss/user-guide/smart-document-translation; https://help.aliyun.com/zh/oss/user-guide/smart-document-translation',
  [
    {
      key: 'language',
      type: 'enum',
      required: true,
      doc: 'The language to translate into.',
      values: [
        { value: 'zh_CN', doc: 'Chinese.' },
        { value: 'en_US', doc: 'English.' },
        { value: 'ja_JP', doc: 'Japanese.' },
        { value: 'fr_FR', doc: 'French.' },
      ],
    },
    content('translate', true),
    FORMAT,
  ],
  { examples: ['doc/translate,language_en_US,content_5Zub5aSn5ZCN6JGX77yM5Y2z5Zub5aSn5bCP6K-05ZCN6JGX', 'doc/translate,language_zh_CN,content_SGVsbG8gV29ybGQ,format_event-stream'] },
);

const polish = action(
  'polish',
  'Polish the wording, structure and layout of a text.',
  'https://www.alibabacloud.com/help/fr/oss/user-guide/smart-document-retouching; https://www.alibabacloud.com/help/ja/oss/smart-document-retouching',
  [content('polish', true), FORMAT],
  { examples: ['doc/polish,content_SGVsbG8gV29ybGQ'] },
);

const rephrase = action(
  'rephrase',
  'Rewrite a text in another tone.',
  'https://www.alibabacloud.com/help/en/oss/user-guide/intelligent-document-tone-rewriting; https://help.aliyun.com/zh/oss/intelligent-document-tone-rewriting',
  [
    {
      key: 'tone',
      type: 'enum',
      required: true,
      doc: 'The tone to rewrite in.',
      values: [
        { value: 'professional', doc: 'More professional.' },
        { value: 'relaxed', doc: 'More relaxed.' },
        { value: 'straightforward', doc: 'More direct.' },
        { value: 'confident', doc: 'More confident.' },
        { value: 'friendly', doc: 'Friendlier.' },
      ],
    },
    content('rephrase', true),
    FORMAT,
  ],
  { examples: ['doc/rephrase,tone_straightforward,content_SGVsbG8gV29ybGQ'] },
);

/** Listed on the overview page; their own tables were not read: the family's keys, none required. */
const unread = (name: string, summary: string) =>
  action(name, summary, OVERVIEW, [content(name, false), FORMAT], { paramsIncomplete: true, examples: [`doc/${name},content_SGVsbG8gV29ybGQ`] });

const summarize = unread('summarize', 'Summarize a text: its core content and conclusions.');
const continueText = unread('continue', 'Continue a text with generated sentences.');
const enrich = unread('enrich', 'Enrich a text with generated additions.');

export const docAiActions: readonly ActionSpec[] = [translate, polish, summarize, continueText, enrich, rephrase];
