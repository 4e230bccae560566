// The Rotation effect sheet's words, in English and Russian (`ru` typed by `en`); `admin-messages.ts`
// gathers them into `m.admin`.
import { enCount, ruCount, ruPlural } from '../wording.ts';

/** What a sentence needs: the window, both shares, the difference and its interval, in whole points. */
export type EffectFigures = { months: number; moved: number; heldOut: number; difference: number; low: number; high: number };

/** How much more often moved clients bought: less, more (none held out bought), twice, or so many times. */
function often(f: EffectFigures, ratio: number | null, words: [string, string, string], times: (r: number) => string): string {
  if (f.difference < 0) return words[0];
  if (ratio === null) return words[1];
  return Math.abs(ratio - 2) < 0.05 ? words[2] : times(ratio);
}

/** A difference in points, which may be negative: "1 point", "-1 point", "60 points". */
const enPoints = (d: number) => `${d} ${Math.abs(d) === 1 ? 'point' : 'points'}`;

const en = {
  effect: {
    menu: 'Rotation effect',
    sheet: 'Rotation effect',
    heading: (today: string) => `Does rotation work here: moved clients against held-out ones, as of ${today}`,
    noHoldout:
      'No holdout: every candidate was moved (Config: Holdout is 0), so there is nothing to compare the moved clients with. ' +
      'The moved clients are shown alone.',
    tooYoung: 'Not yet clear: no rotation is 3 months old yet.',
    unclear: (f: EffectFigures) =>
      `Not yet clear: within ${enCount(f.months, 'month', 'months')} moved clients bought in ${f.moved} % of cases ` +
      `against ${f.heldOut} %, difference ${enPoints(f.difference)}, 95 % interval ${f.low} to ${f.high}.`,
    clear: (f: EffectFigures, ratio: number | null) =>
      `Moved clients bought within ${enCount(f.months, 'month', 'months')} ` +
      `${often(f, ratio, ['less often than', 'more often than', 'twice as often as'], (r) => `${r.toFixed(1)} times as often as`)}` +
      ` held-out ones: ${f.moved} % against ${f.heldOut} %, difference ${enPoints(f.difference)}, 95 % interval ${f.low} to ${f.high}.`,
    pending: 'pending',
    yes: 'yes',
    no: 'no',
    moved: 'moved',
    heldOut: 'held out',
    months: (n: number) => enCount(n, 'month', 'months'),
    totalTitle: 'All runs together (each window counts the runs it is over for)',
    runsTitle: 'Each run: clients with a confirmed deal after the run day; deals and profit per 100 clients',
    totalColumns: [
      'Window',
      'Moved',
      'Moved with a deal',
      'Moved share',
      'Held out',
      'Held out with a deal',
      'Held-out share',
      'Difference (points)',
      '95 % from',
      '95 % to',
      'Clear',
    ],
    runColumns: (w: (n: number) => string) => [
      'Run day',
      'Group',
      'Clients',
      ...[3, 6, 12].flatMap((n) => [`${w(n)}: with a deal`, `${w(n)}: share`, `${w(n)}: deals / 100`, `${w(n)}: profit / 100`]),
    ],
    chartTitle: 'Rotation effect: share with a deal, moved against held out',
    chartColumns: ['Window', 'Moved', 'Held out'],
    axis: 'share of clients with a deal',
  },
};

const ruMonths = (n: number) => ruCount(n, 'месяц', 'месяца', 'месяцев');

const ru: typeof en = {
  effect: {
    menu: 'Эффект ротации',
    sheet: 'Эффект ротации',
    heading: (today: string) => `Работает ли ротация: переданные клиенты против контрольной группы, на ${today}`,
    noHoldout:
      'Контрольной группы нет: передавались все кандидаты (Правила: «Контрольная группа» = 0), сравнивать не с чем. ' +
      'Показаны только переданные клиенты.',
    tooYoung: 'Пока неясно: ни одной ротации ещё нет 3 месяцев.',
    unclear: (f: EffectFigures) =>
      `Пока неясно: за ${ruMonths(f.months)} купили ${f.moved} % переданных клиентов против ${f.heldOut} % контрольных, ` +
      `разница ${f.difference} ${ruPlural(Math.abs(f.difference), 'пункт', 'пункта', 'пунктов')}, 95 % интервал от ${f.low} до ${f.high}.`,
    clear: (f: EffectFigures, ratio: number | null) =>
      `Переданные клиенты покупали в течение ${ruMonths(f.months)} ` +
      `${often(f, ratio, ['реже', 'чаще', 'вдвое чаще'], (r) => `в ${r.toFixed(1).replace('.', ',')} раза чаще`)}` +
      ` контрольных: ${f.moved} % против ${f.heldOut} %, разница ${f.difference} ` +
      `${ruPlural(Math.abs(f.difference), 'пункт', 'пункта', 'пунктов')}, 95 % интервал от ${f.low} до ${f.high}.`,
    pending: 'ещё идёт',
    yes: 'да',
    no: 'нет',
    moved: 'переданы',
    heldOut: 'контрольная группа',
    months: ruMonths,
    totalTitle: 'Все ротации вместе (в каждом окне — ротации, для которых оно закончилось)',
    runsTitle: 'Каждая ротация: клиенты с подтверждённой сделкой после дня ротации; сделки и прибыль на 100 клиентов',
    totalColumns: [
      'Окно',
      'Переданы',
      'С сделкой',
      'Доля',
      'Контрольные',
      'С сделкой (контр.)',
      'Доля (контр.)',
      'Разница (пункты)',
      '95 % от',
      '95 % до',
      'Ясно',
    ],
    runColumns: (w: (n: number) => string) => [
      'День ротации',
      'Группа',
      'Клиентов',
      ...[3, 6, 12].flatMap((n) => [`${w(n)}: со сделкой`, `${w(n)}: доля`, `${w(n)}: сделок / 100`, `${w(n)}: прибыль / 100`]),
    ],
    chartTitle: 'Эффект ротации: доля клиентов со сделкой, переданные и контрольные',
    chartColumns: ['Окно', 'Переданы', 'Контрольные'],
    axis: 'доля клиентов со сделкой',
  },
};

export const effectWords = { en, ru };
