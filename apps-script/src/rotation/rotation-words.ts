// Rotation's, offboarding's and the long jobs' words, in English and Russian (`ru` typed by `en`);
// `admin-messages.ts` gathers them into `m.admin`.
import { enCount, enNumber, ruCount, ruNumber } from '../wording.ts';

const en = {
  rotation: {
    title: (today: string) => `Rotation for ${today}`,
    headingPlan: (at: string) => `Rotation for ${at}: the plan. Nothing has moved yet.`,
    headingApplied: (at: string, when: string, who: string) =>
      `The rotation for ${at} was already applied on ${when} by ${who}: these are the moves made then.`,
    summary: (moves: number, unbalanced: number, skipped: number) =>
      `${enCount(moves, 'client changes', 'clients change')} hands` +
      `${unbalanced > 0 ? `; ${enCount(unbalanced, 'manager is', 'managers are')} left uneven` : ''}` +
      `${skipped > 0 ? `; ${enCount(skipped, 'client stays', 'clients stay')}` : ''}` +
      `${unbalanced + skipped > 0 ? ' (why: on the sheet)' : ''}.`,
    newBase: 'the new base (unassigned)',
    blocks: {
      moves: (n: number) => `Moves (${enNumber(n)})`,
      balance: 'Balance per manager: given and received',
      unbalanced: (n: number) => `Unbalanced (${enNumber(n)}): why`,
      skipped: (n: number) => `Skipped (${enNumber(n)}): why they stay`,
      heldOut: (n: number) => `Held out (${enNumber(n)}): stay with their manager, to measure the effect of rotation`,
      away: (n: number) => `Away (${enNumber(n)}): what their leave changed`,
    },
    columns: {
      moves: ['Client', 'Client id', 'From', 'To', 'Reason', 'Report due'],
      balance: ['Manager', 'Level', 'Given', 'Received', 'Difference'],
      unbalanced: ['Manager', 'Level', 'Given', 'Received', 'Why'],
      skipped: ['Client', 'Client id', 'Manager', 'Why'],
      heldOut: ['Client', 'Client id', 'Manager'],
      away: ['Manager', 'Away until', 'Kept (away today)', 'Not stale: clock paused', 'Report deadlines moved'],
    },
    present: 'present today',
  },
  offboarding: {
    title: 'Offboard a manager',
    choose: 'Choose the manager who leaves.',
    heading: (name: string, at: string) => `Offboarding of ${name} on ${at}: where each client goes. Nothing has changed yet.`,
    summary: (moves: number, skipped: number) =>
      `${enCount(moves, 'client is', 'clients are')} handed on` +
      `${skipped > 0 ? `; ${enCount(skipped, 'client stays', 'clients stay')} (why: on the sheet)` : ''}.`,
  },
  jobs: {
    running: {
      rotation: (s: number) => `Moving clients… ${s} s. A large base takes a few minutes; you may close this window: the work goes on.`,
      offboarding: (s: number) => `Handing the clients on… ${s} s. You may close this window: the work goes on.`,
      'bonus-compute': (s: number) => `Computing the statements… ${s} s.`,
      other: (s: number) => `Working… ${s} s.`,
    },
    failed: (detail: string, kind: string) =>
      `It did not finish (${kind}): ${detail || 'the base gave no reason'}. It is safe to start it again.`,
    monthClosedAlready: (month: string) => `${month} is closed: its statements were only read, nothing changed.`,
    computed: (month: string, managers: number, payable: string) =>
      `Statements for ${month} computed: ${enCount(managers, 'manager', 'managers')}, ${payable} payable in all.`,
    alreadyApplied: (at: string, when: string, who: string, moved: number) =>
      `Already applied: the rotation for ${at} was applied on ${when} by ${who} ` +
      `(${enCount(moved, 'client', 'clients')} moved then). Nothing moved now.`,
    applied: (offboarding: boolean, moved: number, skipped: number, unbalanced: number) =>
      `Done: ${enCount(moved, 'client', 'clients')} ${offboarding ? 'handed on' : 'moved'}` +
      `${skipped > 0 ? `, ${enNumber(skipped)} skipped` : ''}` +
      `${unbalanced > 0 ? `, ${enCount(unbalanced, 'manager', 'managers')} uneven` : ''}. ` +
      `The new managers owe their handover reports.`,
  },
};

export type RotationWords = typeof en;

const ru: RotationWords = {
  rotation: {
    title: (today: string) => `Ротация на ${today}`,
    headingPlan: (at: string) => `Ротация на ${at}: план. Пока ничего не передано.`,
    headingApplied: (at: string, when: string, who: string) =>
      `Ротация на ${at} уже проведена ${when}, ${who}: вот какие передачи были сделаны.`,
    summary: (moves: number, unbalanced: number, skipped: number) =>
      `Передаётся: ${ruCount(moves, 'клиент', 'клиента', 'клиентов')}` +
      `${unbalanced > 0 ? `; без баланса: ${ruCount(unbalanced, 'менеджер', 'менеджера', 'менеджеров')}` : ''}` +
      `${skipped > 0 ? `; остаются: ${ruCount(skipped, 'клиент', 'клиента', 'клиентов')}` : ''}` +
      `${unbalanced + skipped > 0 ? ' (причины — на листе)' : ''}.`,
    newBase: 'новая база (без менеджера)',
    blocks: {
      moves: (n: number) => `Передачи (${ruNumber(n)})`,
      balance: 'Баланс по менеджерам: отдал и получил',
      unbalanced: (n: number) => `Без баланса (${ruNumber(n)}): почему`,
      skipped: (n: number) => `Остаются (${ruNumber(n)}): почему`,
      heldOut: (n: number) => `Контрольная группа (${ruNumber(n)}): остаются у своего менеджера, чтобы измерить эффект ротации`,
      away: (n: number) => `Отсутствуют (${ruNumber(n)}): что изменил отпуск`,
    },
    columns: {
      moves: ['Клиент', 'ID клиента', 'От кого', 'Кому', 'Причина', 'Отчёт до'],
      balance: ['Менеджер', 'Уровень', 'Отдал', 'Получил', 'Разница'],
      unbalanced: ['Менеджер', 'Уровень', 'Отдал', 'Получил', 'Почему'],
      skipped: ['Клиент', 'ID клиента', 'Менеджер', 'Почему'],
      heldOut: ['Клиент', 'ID клиента', 'Менеджер'],
      away: ['Менеджер', 'Отсутствует до', 'Остались у него (отсутствует)', 'Не устарели: часы стояли', 'Сроки отчёта сдвинуты'],
    },
    present: 'сегодня на работе',
  },
  offboarding: {
    title: 'Увольнение менеджера',
    choose: 'Выберите увольняющегося менеджера.',
    heading: (name: string, at: string) => `Увольнение: ${name}, ${at}. Куда уйдёт каждый клиент. Пока ничего не изменилось.`,
    summary: (moves: number, skipped: number) =>
      `Передаётся: ${ruCount(moves, 'клиент', 'клиента', 'клиентов')}` +
      `${skipped > 0 ? `; остаются: ${ruCount(skipped, 'клиент', 'клиента', 'клиентов')} (причины — на листе)` : ''}.`,
  },
  jobs: {
    running: {
      rotation: (s: number) => `Передаём клиентов… ${s} с. Большая база — несколько минут; окно можно закрыть: работа продолжится.`,
      offboarding: (s: number) => `Передаём клиентов… ${s} с. Окно можно закрыть: работа продолжится.`,
      'bonus-compute': (s: number) => `Считаем бонусы… ${s} с.`,
      other: (s: number) => `Работаем… ${s} с.`,
    },
    failed: (detail: string, kind: string) =>
      `Не завершилось (${kind}): ${detail || 'база не назвала причину'}. Запустить снова безопасно.`,
    monthClosedAlready: (month: string) => `Месяц ${month} закрыт: расчёты только прочитаны, ничего не изменилось.`,
    computed: (month: string, managers: number, payable: string) =>
      `Бонусы за ${month} рассчитаны: ${ruCount(managers, 'менеджер', 'менеджера', 'менеджеров')}, к выплате всего ${payable}.`,
    alreadyApplied: (at: string, when: string, who: string, moved: number) =>
      `Уже проведена: ротация на ${at} проведена ${when}, ${who} (тогда передано: ` +
      `${ruCount(moved, 'клиент', 'клиента', 'клиентов')}). Сейчас ничего не передано.`,
    applied: (offboarding: boolean, moved: number, skipped: number, unbalanced: number) =>
      `Готово: ${offboarding ? 'передано' : 'перемещено'} ${ruCount(moved, 'клиент', 'клиента', 'клиентов')}` +
      `${skipped > 0 ? `, пропущено ${ruNumber(skipped)}` : ''}` +
      `${unbalanced > 0 ? `, без баланса ${ruCount(unbalanced, 'менеджер', 'менеджера', 'менеджеров')}` : ''}. ` +
      `Новые менеджеры должны сдать отчёты о передаче.`,
  },
};

export const rotationWords = { en, ru };
