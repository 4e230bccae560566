import { describe, expect, it } from 'vitest';
import {
  canonicalClient,
  canonicalRow,
  changesFor,
  choiceCode,
  clientCells,
  hashOf,
  keyOfPath,
  newClientFor,
  payHint,
} from '../../../../apps-script/src/clients/client-row.ts';
import { en, formatDay, listed, ru } from './client-fixture.ts';

describe('a client as a sheet row', () => {
  it('reads back the values it wrote, in either language, as the same canonical values and hash', () => {
    const client = listed('c1', {
      phones: ['+79161234567', '+79031234567'],
      emails: ['a@b.ru'],
      source: 'referral',
      taxNumber: '7707083893',
      lostAt: '2026-04-01',
      lostReason: 'price',
    });
    for (const m of [en, ru]) {
      const cells = clientCells(client, m);
      expect(canonicalRow(cells, formatDay)).toEqual(canonicalClient(client));
      expect(cells.hash).toBe(hashOf(canonicalClient(client)));
    }
    expect(clientCells(client, ru).kind).toBe('Компания');
    expect(clientCells(client, en).phones).toBe('+79161234567, +79031234567');
  });

  it('takes a label in any language, or the code, for a choice; other text stays as typed', () => {
    expect(choiceCode('kind', 'Физлицо')).toBe('person');
    expect(choiceCode('kind', ' company ')).toBe('company');
    expect(choiceCode('source', 'Cold call')).toBe('cold-call');
    expect(choiceCode('size', 'huge')).toBe('huge');
  });

  it('reads a date cell as the day, whether Sheets kept text or made a Date', () => {
    const cells = clientCells(listed('c1'), en);
    expect(canonicalRow({ ...cells, lostAt: new Date('2026-05-02T00:00:00Z') }, formatDay).lostAt).toBe('2026-05-02');
    expect(canonicalRow({ ...cells, lostAt: '2026-05-02' }, formatDay).lostAt).toBe('2026-05-02');
  });

  it('writes a name that looks like a formula as text and reads it back unchanged', () => {
    const client = listed('c1', { name: '=IMPORTXML("http://x")' });
    const cells = clientCells(client, en);
    expect(cells.name).toBe('\'=IMPORTXML("http://x")');
    expect(canonicalRow(cells, formatDay).name).toBe('=IMPORTXML("http://x")');
  });

  it('sends only the named fields, as the API takes them (lists as arrays, empty as null)', () => {
    const now = { ...canonicalClient(listed('c1')), phones: '+79161234567\n+79037654321', taxNumber: '', source: 'Рекомендация' };
    now.source = choiceCode('source', now.source);
    expect(changesFor(now, ['phones', 'taxNumber', 'source'], en)).toEqual({
      changes: { phones: ['+79161234567', '+79037654321'], taxNumber: null, source: 'referral' },
      problems: [],
    });
    expect(changesFor({ ...now, size: '' }, ['size'], en).changes).toEqual({ size: 'regular' });
  });

  it('refuses a bad choice or an empty required cell before sending, naming the column; the base checks the rest', () => {
    const now = canonicalClient(listed('c1'));
    expect(changesFor({ ...now, kind: 'firm' }, ['kind'], en).problems).toEqual([
      { key: 'kind', message: 'choose one of: Person, Company' },
    ]);
    expect(changesFor({ ...now, name: '' }, ['name'], en).problems).toEqual([{ key: 'name', message: 'is required' }]);
    expect(changesFor({ ...now, competitor: 'x'.repeat(201) }, ['competitor'], en)).toEqual({
      changes: { competitor: 'x'.repeat(201) },
      problems: [],
    });
  });

  it("maps the API's field paths to columns", () => {
    expect(keyOfPath('changes.phones[1]')).toBe('phones');
    expect(keyOfPath('emails.0')).toBe('emails');
    expect(keyOfPath('lostAt')).toBe('lostAt');
    expect(keyOfPath('')).toBe('name');
  });

  it("makes a new client's body from a typed row, with its id, and says what is missing", () => {
    const now = {
      ...canonicalClient(listed('x')),
      name: 'New Co',
      kind: 'company',
      phones: '8 916 000-00-01',
      emails: '',
      source: '',
      taxNumber: '',
    };
    expect(newClientFor(now, 'c-123', en)).toEqual({
      body: { id: 'c-123', name: 'New Co', kind: 'company', size: 'regular', phones: ['8 916 000-00-01'], emails: [] },
      problems: [],
    });
    const missing = newClientFor({ ...now, name: '', kind: '' }, 'c-123', ru);
    expect(missing.problems).toEqual([
      { key: 'name', message: 'обязательное поле' },
      { key: 'kind', message: 'обязательное поле' },
    ]);
  });

  it('says in the Pay column why the holder is not paid for the client and how many of their deals await confirmation', () => {
    expect(clientCells(listed('c1'), en).payHint).toBe('');
    expect(payHint({ payBlock: 'add-tax-number', dealsAwaiting: 2 }, en)).toBe('Add the INN to be paid · 2 deals awaiting confirmation');
    expect(payHint({ payBlock: null, dealsAwaiting: 1 }, en)).toBe('1 deal awaiting confirmation');
    expect(payHint({ payBlock: 'lost', dealsAwaiting: 0 }, en)).toBe('Lost: ask the head of sales to reinstate it');
    expect(clientCells(listed('c1', { payBlock: 'add-tax-number', dealsAwaiting: 5 }), ru).payHint).toBe(
      'Добавьте ИНН для бонуса · 5 сделок ждут подтверждения',
    );
    expect(payHint({ payBlock: null, dealsAwaiting: 21 }, ru)).toBe('21 сделка ждёт подтверждения');
  });

  it('says in the Next deal earns column what the next deal pays, held parts and attraction included, in both languages', () => {
    const held = { rate: 0.15, normalRate: 0.05, raisedPart: 'pending-until 2027-03-05' as const, attraction: 0, why: '' };
    expect(clientCells(listed('c1', { nextDeal: held }), en).nextDeal).toBe('15\u00a0% (10\u00a0% after 2027-03-05 if kept)');
    expect(clientCells(listed('c1', { nextDeal: held }), ru).nextDeal).toBe('15\u00a0% (10\u00a0% после 2027-03-05, если останется)');
    const paid = { ...held, rate: 0.075, raisedPart: 'payable' as const, attraction: 123_456 };
    expect(clientCells(listed('c1', { nextDeal: paid }), en).nextDeal).toBe('7.5\u00a0% + 1,234.56\u00a0₽ attraction');
    expect(clientCells(listed('c1', { nextDeal: paid }), ru).nextDeal).toBe('7,5\u00a0% + 1\u00a0234,56\u00a0₽ за привлечение');
    expect(clientCells(listed('c1', { nextDeal: { ...held, rate: 0.05, raisedPart: 'none' } }), en).nextDeal).toBe('5\u00a0%');
    expect(clientCells(listed('c1', { nextDeal: null }), en).nextDeal).toBe('');
  });
});
