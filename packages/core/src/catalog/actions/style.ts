/**
 * Facts about style references: `style/<name>` (a style stored in the bucket) and `style/::<name>` (a built-in
 * style), and the delimiters that may replace `?x-oss-process=style/` in a URL. Pure data; see NOTES.md.
 */

export interface StyleNameFacts {
  /** The text written between `style/` and the name (empty for bucket styles, `::` for built-in styles). */
  prefix: string;
  minLength: number;
  maxLength?: number;
  /** The whole name (without prefix) must match this. */
  pattern: { regex: RegExp; describe: string };
  /** Characters the documentation names as rejected in a style name. */
  forbiddenChars?: readonly string[];
  doc: string;
  /** Where the facts come from; `inferred` marks what is not stated by the documentation. */
  source: string;
  /** Strings from the documentation that must check clean. */
  examples: readonly string[];
}

export interface StyleDelimiter {
  char: string;
  doc: string;
  source: string;
}

const SRC_STYLES = 'https://www.alibabacloud.com/help/en/oss/user-guide/styles';
const SRC_NAME_RULE =
  'https://www.alibabacloud.com/help/en/oss/support/0017-00000251; https://help.aliyun.com/en/oss/user-guide/0017-00000250; ' +
  'https://www.alibabacloud.com/help/es/oss/user-guide/image-styles (Rule Name field)';
const SRC_DELIMITERS =
  'https://www.alibabacloud.com/help/doc-detail/48884.htm; AlibabaCloudDocs/oss@f6840917 Configure image styles (2021)';

export const styleNameRule: {
  readonly bucketStyle: StyleNameFacts;
  readonly builtinStyle: StyleNameFacts;
  readonly delimiters: readonly StyleDelimiter[];
  /** The number of styles one bucket may hold (more on request to support). */
  readonly maxStylesPerBucket: number;
} = {
  bucketStyle: {
    prefix: '',
    minLength: 1,
    maxLength: 63,
    pattern: {
      regex: /^[A-Za-z0-9_.-]{1,63}$/,
      describe: '1 to 63 characters: letters, digits, underscores (_), hyphens (-) and periods (.)',
    },
    forbiddenChars: [';', ' ', '(', ')', "'", '*', '?'],
    doc:
      'A style stored in the bucket, referenced as `style/<name>`; it replaces the whole processing chain. In an ' +
      'asynchronous request a `|sys/saveas,...` stage may follow. PutStyle rejects other names with ' +
      'EC 0017-00000250 (length) or 0017-00000251 (characters); EC 0040-00000602 names `; ()\'*?` as unsupported.',
    source: `${SRC_STYLES}; ${SRC_NAME_RULE}; https://help.aliyun.com/en/oss/user-guide/0040-00000602`,
    examples: ['style/small', 'style/image_style'],
  },
  builtinStyle: {
    prefix: '::',
    minLength: 1,
    pattern: {
      regex: /^[A-Za-z0-9_.-]+$/,
      describe: 'letters, digits, underscores, hyphens and periods (inferred from the documented example)',
    },
    doc:
      'A built-in (system) style, referenced as `style/::<name>`, e.g. `style/::h264-mp4-1080p` for video ' +
      'transcoding. The list of built-in names and their naming rule are not documented in what was read.',
    source: `${SRC_STYLES} (example); pattern inferred`,
    examples: [
      'style/::h264-mp4-1080p|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
    ],
  },
  delimiters: [
    {
      char: '-',
      doc: 'With `-` enabled as a style delimiter, `example.jpg-small` stands for `example.jpg?x-oss-process=style/small`.',
      source: SRC_DELIMITERS,
    },
    {
      char: '_',
      doc: 'With `_` enabled as a style delimiter, `example.jpg_small` stands for `example.jpg?x-oss-process=style/small`.',
      source: SRC_DELIMITERS,
    },
    {
      char: '/',
      doc: 'With `/` enabled as a style delimiter, `example.jpg/small` stands for `example.jpg?x-oss-process=style/small`.',
      source: SRC_DELIMITERS,
    },
    {
      char: '!',
      doc: 'With `!` enabled as a style delimiter, `example.jpg!small` stands for `example.jpg?x-oss-process=style/small`.',
      source: SRC_DELIMITERS,
    },
  ],
  maxStylesPerBucket: 50,
};
