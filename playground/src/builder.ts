import { build, BuildError, encodeBase64Url, PRODUCTS, type ActionSpec, type BuildSpec, type BuildStep, type ParamSpec } from '@ossproc/core';

/**
 * The form that builds a string parameter by parameter, generated from the catalog: an enum is a picker, a
 * number an input with the catalog's range (the browser refuses a value outside it), a base64 target plain
 * text that is encoded for you. Core's `build` joins the steps and checks the result.
 */

export interface BuilderElements {
  form: HTMLFormElement;
  product: HTMLSelectElement;
  action: HTMLSelectElement;
  params: HTMLElement;
  steps: HTMLOListElement;
  bucket: HTMLInputElement;
  object: HTMLInputElement;
  prefix: HTMLSelectElement;
  built: HTMLOutputElement;
  error: HTMLElement;
  clear: HTMLButtonElement;
}

const PRODUCT_LIST = PRODUCTS.filter((p) => !p.system && !p.styleReference);

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

/** One labelled input for a parameter, named by its key. */
function paramInput(ps: ParamSpec): HTMLLabelElement {
  const label = document.createElement('label');
  const title = ps.positional ? `${ps.key} (value)` : ps.key;
  label.append(`${title}${ps.required ? ' *' : ''} `);
  label.title = ps.doc;
  let input: HTMLInputElement | HTMLSelectElement;
  if (ps.type === 'enum' && ps.values?.length) {
    const select = document.createElement('select');
    select.append(option('', ps.default !== undefined ? `(default: ${ps.default})` : '(not set)'));
    for (const v of ps.values) select.append(option(v.value, `${v.value} — ${v.doc}`));
    input = select;
  } else {
    const field = document.createElement('input');
    field.autocomplete = 'off';
    if (ps.type === 'int' || ps.type === 'float') {
      field.type = 'number';
      const step = ps.multipleOf ?? (ps.type === 'int' ? 1 : undefined);
      field.step = step === undefined ? 'any' : String(step);
      if (ps.min !== undefined) field.min = String(ps.minExclusive && step !== undefined ? ps.min + step : ps.min);
      if (ps.max !== undefined) field.max = String(ps.max);
      if (ps.minExclusive && ps.min !== undefined && step === undefined) {
        const min = ps.min;
        field.addEventListener('input', () => field.setCustomValidity(field.value !== '' && Number(field.value) <= min ? `more than ${min}` : ''));
      }
    } else if (ps.type === 'base64') {
      field.placeholder = 'plain text, encoded for you';
      field.dataset.base64 = 'true';
    } else if (ps.type === 'size') {
      field.pattern = '\\d*x\\d*';
      field.placeholder = '1920x1080';
    } else if (ps.type === 'color') {
      field.pattern = '[0-9A-Fa-f]{6}';
      field.placeholder = 'FF0000';
    }
    if (ps.default !== undefined && field.placeholder === '') field.placeholder = `default: ${ps.default}`;
    input = field;
  }
  input.name = ps.key;
  input.dataset.positional = String(!!ps.positional);
  if (ps.required) input.required = true;
  label.append(input);
  return label;
}

export function startBuilder(el: BuilderElements, insert: (text: string) => void): void {
  const steps: BuildStep[] = [];
  let built: string | undefined;

  const actionOf = (): ActionSpec | undefined => PRODUCT_LIST.find((p) => p.name === el.product.value)?.actions.find((a) => a.name === el.action.value);

  function showActions() {
    const product = PRODUCT_LIST.find((p) => p.name === el.product.value)!;
    el.action.replaceChildren(...product.actions.map((a) => option(a.name, a.parent ? `${a.name} (after ${a.parent})` : a.name)));
    showParams();
  }

  function showParams() {
    const spec = actionOf();
    el.params.replaceChildren(...(spec?.params ?? []).map(paramInput));
  }

  function update() {
    el.steps.replaceChildren(...steps.map((s) => Object.assign(document.createElement('li'), { textContent: describe(s) })));
    const spec: BuildSpec = { steps };
    const object = el.object.value.trim();
    if (object) spec.saveas = el.bucket.value.trim() ? { object, bucket: el.bucket.value.trim() } : { object };
    if (el.prefix.value === 'sync' || el.prefix.value === 'async') spec.prefix = el.prefix.value;
    el.error.textContent = '';
    built = undefined;
    if (steps.length === 0) {
      el.built.textContent = '';
      return;
    }
    try {
      built = build(spec);
      el.built.textContent = built;
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      el.built.textContent = e.text;
      el.error.textContent = e.diagnostics.map((d) => `${d.ruleId}: ${d.message}`).join('\n');
    }
  }

  el.product.replaceChildren(...PRODUCT_LIST.map((p) => option(p.name, `${p.name} — ${p.summary}`)));
  el.product.addEventListener('change', showActions);
  el.action.addEventListener('change', showParams);
  for (const input of [el.bucket, el.object, el.prefix]) input.addEventListener('input', update);
  el.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const spec = actionOf();
    if (!spec || !el.form.reportValidity()) return;
    const params: Record<string, string> = {};
    const values: string[] = [];
    for (const input of el.params.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      const v = input.value.trim();
      if (v === '') continue;
      if (input.dataset.positional === 'true') values.push(v);
      else params[input.name] = input.dataset.base64 ? encodeBase64Url(v) : v;
    }
    const step = { action: `${spec.product}/${spec.name}`, params, values } as unknown as BuildStep;
    steps.push(step);
    showParams();
    update();
  });
  el.clear.addEventListener('click', () => {
    steps.length = 0;
    update();
  });
  el.form.ownerDocument.getElementById('insert')!.addEventListener('click', () => {
    if (built) insert(built);
  });
  showActions();
}

function describe(step: BuildStep): string {
  const params = Object.entries((step.params ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}_${String(v)}`);
  return [step.action, ...(step.values ?? []).map(String), ...params].join(',');
}
