import { explain, type Explanation } from '@ossproc/core';

/** The explanation panel: what the string under the cursor does, step by step, defaults filled in, targets decoded. */

const MODE = { sync: 'synchronous (x-oss-process)', async: 'asynchronous (x-oss-async-process)', either: 'synchronous or asynchronous' } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** The string an explanation is about: the line at the cursor, else the first string of the text. */
export function stringAt(text: string, cursor: number): string | undefined {
  const lines = text.split('\n');
  let at = 0;
  let current: string | undefined;
  for (const line of lines) {
    if (cursor >= at && cursor <= at + line.length) current = line;
    at += line.length + 1;
  }
  const usable = (l: string | undefined) => (l !== undefined && l.trim() !== '' && !l.trim().startsWith('#') ? l.trim() : undefined);
  return usable(current) ?? lines.map(usable).find((l) => l !== undefined);
}

export function renderExplanation(target: HTMLElement, text: string | undefined): void {
  target.replaceChildren();
  if (!text) {
    target.append(el('p', 'Write a processing string to see what it does.'));
    return;
  }
  const e: Explanation = explain(text);
  target.append(el('p', `Mode: ${MODE[e.mode]} — ${e.modeReason}`, 'mode'));
  e.actions.forEach((a, i) => {
    const section = el('div', undefined, 'step');
    section.append(el('h3', `${i + 1}. ${a.product ? `${a.product}/` : ''}${a.name}${a.summary ? ` — ${a.summary}` : ''}`));
    if (a.params.length) {
      const table = el('table');
      for (const p of a.params) {
        const row = el('tr');
        row.dataset.key = p.key;
        const value = el('td');
        value.append(el('code', p.value));
        if (p.unit) value.append(` ${p.unit}`);
        if (p.decoded !== undefined) value.append(' → ', el('span', p.decoded, 'decoded'));
        if (!p.written) value.append(' ', el('span', '(default)', 'default'));
        row.append(el('td', p.key || '(value)'), value, el('td', p.meaning));
        table.append(row);
      }
      section.append(table);
    }
    target.append(section);
  });
}
