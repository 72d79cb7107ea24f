import type { ActionSpec } from '../types';

const SAVEAS_SOURCE = 'https://www.alibabacloud.com/help/en/oss/user-guide/sys-or-saveas';
const NOTIFY_SOURCE = 'https://www.alibabacloud.com/help/en/oss/user-guide/message-notification';

const saveas: ActionSpec = {
  name: 'saveas',
  product: 'sys',
  summary: 'Save the processed result as an object.',
  doc:
    'Writes the result to an object instead of returning it. Both targets are URL-safe base64 and may hold ' +
    'variables such as {autoext} or {dirname}. The bucket must be in the same region and account as the source, ' +
    'and the output must not overwrite the source object.',
  mode: 'both',
  source: SAVEAS_SOURCE,
  params: [
    { key: 'o', type: 'base64', decoded: 'object', required: true, doc: 'The target object key, URL-safe base64 encoded.' },
    {
      key: 'b',
      type: 'base64',
      decoded: 'bucket',
      defaultDoc: 'the source bucket',
      doc: 'The target bucket, URL-safe base64 encoded. Defaults to the source bucket.',
    },
  ],
  examples: ['sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ'],
};

const notify: ActionSpec = {
  name: 'notify',
  product: 'sys',
  after: ['saveas'],
  summary: 'Send a message to an SMQ (MNS) topic when the task ends.',
  doc:
    'Publishes the task result to a Simple Message Queue topic in the bucket\'s region. Only asynchronous tasks ' +
    'notify; it follows sys/saveas when both are given.',
  mode: 'async',
  source: NOTIFY_SOURCE,
  params: [{ key: 'topic', type: 'base64', decoded: 'topic', required: true, doc: 'The SMQ topic name, URL-safe base64 encoded.' }],
  examples: ['sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0'],
};

export const sysActions: readonly ActionSpec[] = [saveas, notify];

/** Variables a saveas target may hold ({name}); `tags.<name>` is matched by prefix. */
export const TARGET_VARIABLES: readonly { name: string; doc: string }[] = [
  { name: 'bucket', doc: 'The source bucket name.' },
  { name: 'key', doc: 'The full source object key.' },
  { name: 'dirname', doc: "The source key's directory part." },
  { name: 'barename', doc: "The source file name without its extension." },
  { name: 'basename', doc: 'The source file name with its extension.' },
  { name: 'ext', doc: "The source's extension." },
  { name: 'year', doc: 'Upload year of the source (yyyy).' },
  { name: 'mon', doc: 'Upload month (mm).' },
  { name: 'day', doc: 'Upload day (dd).' },
  { name: 'hour', doc: 'Upload hour (HH).' },
  { name: 'min', doc: 'Upload minute (MM).' },
  { name: 'sec', doc: 'Upload second (SS).' },
  { name: 't_year', doc: 'Task creation year.' },
  { name: 't_mon', doc: 'Task creation month.' },
  { name: 't_day', doc: 'Task creation day.' },
  { name: 't_hour', doc: 'Task creation hour.' },
  { name: 't_min', doc: 'Task creation minute.' },
  { name: 't_sec', doc: 'Task creation second.' },
  { name: 'autoext', doc: 'The extension of the produced format (mp4, jpg, …).' },
  { name: 'index', doc: 'The 1-based number of an output when there are several (pages, frames, segments).' },
  { name: 'sheetname', doc: 'The sheet name, for spreadsheet conversion.' },
  { name: 'streamindex', doc: 'The 0-based stream number, for outputs per stream.' },
  { name: 'resolution', doc: 'The chosen output resolution (video transcoding).' },
];
