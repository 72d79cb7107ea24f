import { defaultKeymap, history as undoHistory, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { startBuilder } from './builder';
import { renderExplanation, stringAt } from './explain';
import { ossproc } from './language';
import { readShared, shareLink } from './share';

/** The playground page: the editor, the explanation beside it, the builder form, and the text in the URL. */

const EXAMPLE = '# try a mistake: fps_241, vcodex, a missing product…\nvideo/convert,f_mp4,vcodec_h265,s_1920x1080,fps_30,acodec_aac,ab_100000|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA\nimage/resize,m_lfit,w_100,h_100/format,webp';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const explainBody = $<HTMLElement>('explain-body');
const share = $<HTMLAnchorElement>('share');

function refresh(state: EditorState) {
  const text = state.doc.toString();
  renderExplanation(explainBody, stringAt(text, state.selection.main.head));
  const link = shareLink(location.href, text);
  share.href = link;
  window.history.replaceState(null, '', link);
}

const view = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: readShared(location.hash) ?? EXAMPLE,
    extensions: [
      lineNumbers(),
      undoHistory(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      EditorView.lineWrapping,
      ossproc,
      EditorView.updateListener.of((u) => {
        if (u.docChanged || u.selectionSet) refresh(u.state);
      }),
    ],
  }),
});
refresh(view.state);

window.addEventListener('hashchange', () => {
  const text = readShared(location.hash);
  if (text !== undefined && text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
});

$<HTMLButtonElement>('copy-link').addEventListener('click', () => void navigator.clipboard?.writeText(share.href));

startBuilder(
  {
    form: $('step-form'),
    product: $('product'),
    action: $('action'),
    params: $('params'),
    steps: $('steps'),
    bucket: $('saveas-bucket'),
    object: $('saveas-object'),
    prefix: $('prefix'),
    built: $('built'),
    error: $('build-error'),
    clear: $('clear-steps'),
  },
  (text) => {
    // into the line at the cursor when it is empty, else as a new last line
    const line = view.state.doc.lineAt(view.state.selection.main.head);
    const change = line.text.trim() === '' ? { from: line.from, to: line.to, insert: text } : { from: view.state.doc.length, insert: `\n${text}` };
    view.dispatch({ changes: change, selection: { anchor: change.from + change.insert.length } });
    view.focus();
  },
);

// for tests and the curious: the editor
(window as unknown as { ossprocEditor: EditorView }).ossprocEditor = view;
