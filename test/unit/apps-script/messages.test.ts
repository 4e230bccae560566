import { describe, expect, it } from 'vitest';
import { localeOf, messagesFor, sidebarStrings } from '../../../apps-script/src/messages.ts';

type Tree = { [k: string]: unknown };

function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()`];
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Tree).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  return [path];
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value as Tree).flatMap(strings);
  return [];
}

describe('messages', () => {
  it('say the same things in English and Russian', () => {
    expect(shape(messagesFor('ru'))).toEqual(shape(messagesFor('en')));
    for (const text of [...strings(messagesFor('en')), ...strings(messagesFor('ru'))]) expect(text.trim()).not.toBe('');
  });

  it("follow the spreadsheet's locale", () => {
    expect(localeOf('ru_RU')).toBe('ru');
    expect(localeOf('ru')).toBe('ru');
    expect(localeOf('en_GB')).toBe('en');
    expect(localeOf('rw_RW')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
  });

  it('count in Russian with the right word forms', () => {
    const ru = messagesFor('ru');
    const summary = (n: number) =>
      ru.refresh.summary({ total: n, updated: 0, added: 0, removed: 0, keptUnsaved: 0, duplicates: 0, unknownIds: 0 });
    expect([1, 2, 5, 11, 21, 10000].map(summary)).toEqual([
      'Загружено: 1 клиент.',
      'Загружено: 2 клиента.',
      'Загружено: 5 клиентов.',
      'Загружено: 11 клиентов.',
      'Загружено: 21 клиент.',
      'Загружено: 10\u00a0000 клиентов.',
    ]);
  });

  it('give the sidebar plain data it can receive through google.script.run', () => {
    const data = sidebarStrings(messagesFor('ru'));
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.labels.outcomes['no-need']).toBe('Нет потребности');
  });
});
