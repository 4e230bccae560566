// Small DOM helpers for the sidebar pages: every text goes in through textContent.
import type { SidebarFailure } from '../page-contract.ts';
import { failureText, strings } from './bridge.ts';

type Attrs = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children)
    if (child !== null && child !== undefined) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

export type FieldSpec =
  | { name: string; label: string; type: 'text' | 'date' | 'money'; required?: boolean; value?: string; max?: string; min?: string }
  | { name: string; label: string; type: 'textarea'; required?: boolean }
  | { name: string; label: string; type: 'select'; options: Array<[string, string]>; required?: boolean; value?: string }
  | { name: string; label: string; type: 'hidden'; value: string };

function control(field: FieldSpec): HTMLElement {
  const id = `f-${field.name}-${Math.random().toString(36).slice(2, 8)}`;
  if (field.type === 'hidden') return el('input', { type: 'hidden', name: field.name, value: field.value });
  let input: HTMLElement;
  if (field.type === 'textarea') input = el('textarea', { id, name: field.name, rows: '3', required: field.required });
  else if (field.type === 'select') {
    input = el(
      'select',
      { id, name: field.name, required: field.required },
      ...field.options.map(([value, text]) => el('option', { value, selected: value === field.value }, text)),
    );
  } else {
    input = el('input', {
      id,
      name: field.name,
      type: field.type === 'money' ? 'text' : field.type,
      inputmode: field.type === 'money' ? 'decimal' : undefined,
      required: field.required,
      value: field.value,
      max: field.max,
      min: field.min,
    });
  }
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, field.label),
    input,
    el('small', { class: 'error', 'data-error-for': field.name, role: 'alert' }),
  );
}

export type FormSpec = { action: string; title: string; button: string; fields: FieldSpec[]; open?: boolean };

export function form(spec: FormSpec, onSubmit: (data: Record<string, string>, node: HTMLFormElement) => Promise<void>): HTMLElement {
  const node = el(
    'form',
    { 'data-action': spec.action, novalidate: true },
    ...spec.fields.map(control),
    el('div', { class: 'form-error', role: 'alert' }),
    el('button', { type: 'submit' }, spec.button),
  );
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(node);
    const data: Record<string, string> = {};
    new FormData(node).forEach((value, key) => (data[key] = String(value)));
    const button = node.querySelector('button')!;
    button.disabled = true;
    onSubmit(data, node).finally(() => (button.disabled = false));
  });
  return el('details', { open: spec.open }, el('summary', {}, spec.title), node);
}

export function clearErrors(node: HTMLElement): void {
  node.querySelectorAll('.error, .form-error').forEach((e) => (e.textContent = ''));
  node.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** The add-on's refusal shown on the form: each field's message beside it, the rest on top. */
export function showFailure(node: HTMLElement, failure: SidebarFailure): void {
  let unplaced = '';
  for (const [field, message] of Object.entries(failure.fieldErrors)) {
    const slot = node.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot) {
      slot.textContent = message;
      node.querySelector(`[name="${CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
    } else unplaced += `${field}: ${message}\n`;
  }
  node.querySelector('.form-error')!.textContent = `${failure.message}${unplaced ? `\n${unplaced}` : ''}`;
}

export function status(text: string, tone: 'ok' | 'error' | 'info' = 'info'): void {
  const bar = document.getElementById('status')!;
  bar.textContent = text;
  bar.className = `status ${tone}`;
}

export function reportCallFailure(error: unknown, node?: HTMLElement): void {
  const text = failureText(error);
  if (node) node.querySelector('.form-error')!.textContent = text;
  status(text, 'error');
}

export function options(labels: Record<string, string>): Array<[string, string]> {
  return Object.entries(labels);
}

export { strings };
