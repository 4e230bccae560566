// The Rotation fairness sheet's words, in English and Russian (`ru` typed by `en`); `admin-messages.ts`
// gathers them into `m.admin.fairness`.
import { enCount, enNumber, ruCount, ruNumber } from '../wording.ts';

const en = {
  menu: 'Rotation fairness…',
  sheet: 'Rotation fairness',
  promptTitle: 'Rotation fairness',
  askPeriod: 'Rotations from and to (YYYY-MM-DD YYYY-MM-DD); leave empty for the last 12 months:',
  badPeriod: (typed: string) => `"${typed}" is not a period: type two dates, e.g. 2026-01-01 2026-12-31.`,
  heading: (from: string, to: string, runs: ReadonlyArray<{ at: string; moves: number }>) =>
    `Rotation fairness, ${from} to ${to}: ${enCount(runs.length, 'rotation', 'rotations')}` +
    `${runs.length > 0 ? ` (${runs.map((r) => `${r.at}: ${enNumber(r.moves)} moved`).join(', ')})` : ''}.`,
  explain: (months: number) =>
    `Deals: confirmed deals in the ${enCount(months, 'month', 'months')} after the rotation day, ` +
    'on the clients received and on those given away. ' +
    "First touch: the receiver's first contact, note or deal, against the handover report deadline.",
  open: (n: number, months: number) =>
    `${enCount(n, 'client received is', 'clients received are')} still inside their ${enCount(months, 'month', 'months')}.`,
  columns: [
    'Manager',
    'Manager id',
    'Given',
    'Given, large',
    'Received',
    'Received, large',
    'Top-ups',
    'Received: with a deal',
    'Received: deals',
    'Received: profit, ₽',
    'Given away: with a deal',
    'Given away: deals',
    'Given away: profit, ₽',
    'Touched',
    'Median days to first touch',
    'Touched by the deadline',
    'Share by the deadline',
  ],
  shown: (managers: number) =>
    managers === 0 ? 'No client was moved by rotation in the period.' : `Rotation fairness: ${enCount(managers, 'manager', 'managers')}.`,
};

export type FairnessWords = typeof en;

const ru: FairnessWords = {
  menu: 'Справедливость ротации…',
  sheet: 'Справедливость ротации',
  promptTitle: 'Справедливость ротации',
  askPeriod: 'Ротации с и по (ГГГГ-ММ-ДД ГГГГ-ММ-ДД); пусто — последние 12 месяцев:',
  badPeriod: (typed: string) => `«${typed}» — не период: введите две даты, например 2026-01-01 2026-12-31.`,
  heading: (from: string, to: string, runs: ReadonlyArray<{ at: string; moves: number }>) =>
    `Справедливость ротации с ${from} по ${to}: ${ruCount(runs.length, 'ротация', 'ротации', 'ротаций')}` +
    `${runs.length > 0 ? ` (${runs.map((r) => `${r.at}: передано ${ruNumber(r.moves)}`).join(', ')})` : ''}.`,
  explain: (months: number) =>
    `Сделки: подтверждённые сделки за ${ruCount(months, 'месяц', 'месяца', 'месяцев')} после дня ротации — по полученным и по ` +
    'отданным клиентам. Первое касание: первый контакт, заметка или сделка получателя — против срока отчёта о передаче.',
  open: (n: number, months: number) =>
    `${ruCount(n, 'полученный клиент', 'полученных клиента', 'полученных клиентов')}: ${months} мес. ещё не прошли.`,
  columns: [
    'Менеджер',
    'ID менеджера',
    'Отдал',
    'Отдал, крупных',
    'Получил',
    'Получил, крупных',
    'Добор',
    'Полученные: со сделкой',
    'Полученные: сделок',
    'Полученные: прибыль, ₽',
    'Отданные: со сделкой',
    'Отданные: сделок',
    'Отданные: прибыль, ₽',
    'Касание было',
    'Медиана дней до касания',
    'Касание в срок',
    'Доля в срок',
  ],
  shown: (managers: number) =>
    managers === 0
      ? 'За период ротация не передала ни одного клиента.'
      : `Справедливость ротации: ${ruCount(managers, 'менеджер', 'менеджера', 'менеджеров')}.`,
};

export const fairnessWords = { en: { fairness: en }, ru: { fairness: ru } };
