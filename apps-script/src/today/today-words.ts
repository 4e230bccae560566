// The Today sheet's words, in English and Russian (`ru` typed by `en`).
import { enCount, ruCount } from '../wording.ts';

const en = {
  today: {
    menu: 'Today: what to do now',
    sheet: 'Today',
    heading: (day: string) => `Today, ${day}: what to do now`,
    hint: "To open a client's card, select its row and choose clientbase › Client card (selected row).",
    protection: 'the Today sheet is rewritten each time you open it: read-only',
    aboutToRotate: (n: number, days: number) =>
      `About to rotate (within ${enCount(days, 'day', 'days')}): ${enCount(n, 'client', 'clients')}`,
    reportsDue: (n: number) => `Handover reports due: ${enCount(n, 'report', 'reports')}`,
    followUps: (n: number) => `Follow-ups due: ${enCount(n, 'client', 'clients')}`,
    newToMe: (n: number, days: number) => `New to me (last ${enCount(days, 'day', 'days')}): ${enCount(n, 'client', 'clients')}`,
    columns: {
      client: 'Client',
      rotationOn: 'Rotation on',
      daysLeft: 'Days left',
      keeps: 'What keeps it',
      reportDue: 'Report due',
      status: 'Status',
      nextContactOn: 'Next contact on',
      receivedOn: 'Received on',
      how: 'How',
      from: 'From',
      card: 'Card',
      clientId: 'Client id',
    },
    keptBy: (amount: string, day: string) => `A confirmed deal of at least ${amount} before ${day}`,
    overdue: 'Overdue',
    open: 'Open',
    how: { rotation: 'Rotation', offboarding: 'Offboarding', intake: 'New client', reassigned: 'Moved by the head of sales' },
    none: 'Nothing here.',
    openCard: 'Open card ›',
    selectRow: "Select a client's row on the Today or My clients sheet, then open the card.",
    rotatingSoon: (n: number) => `${enCount(n, 'client is', 'clients are')} about to rotate: see Today.`,
  },
};

const ru: typeof en = {
  today: {
    menu: 'Сегодня: что сделать сейчас',
    sheet: 'Сегодня',
    heading: (day: string) => `Сегодня, ${day}: что сделать сейчас`,
    hint: 'Чтобы открыть карточку клиента, выделите его строку и выберите clientbase › «Карточка клиента (выбранная строка)».',
    protection: 'лист «Сегодня» пересобирается при каждом открытии: только для чтения',
    aboutToRotate: (n: number, days: number) =>
      `Скоро уйдут в ротацию (в ближайшие ${days} дн.): ${ruCount(n, 'клиент', 'клиента', 'клиентов')}`,
    reportsDue: (n: number) => `Отчёты о передаче: ${ruCount(n, 'отчёт', 'отчёта', 'отчётов')}`,
    followUps: (n: number) => `Пора связаться: ${ruCount(n, 'клиент', 'клиента', 'клиентов')}`,
    newToMe: (n: number, days: number) => `Новые у меня (за ${days} дн.): ${ruCount(n, 'клиент', 'клиента', 'клиентов')}`,
    columns: {
      client: 'Клиент',
      rotationOn: 'Ротация с',
      daysLeft: 'Осталось дней',
      keeps: 'Что сохранит клиента',
      reportDue: 'Отчёт до',
      status: 'Статус',
      nextContactOn: 'Следующий контакт',
      receivedOn: 'Получен',
      how: 'Как',
      from: 'От кого',
      card: 'Карточка',
      clientId: 'ID клиента',
    },
    keptBy: (amount: string, day: string) => `Подтверждённая сделка не меньше ${amount} до ${day}`,
    overdue: 'Просрочен',
    open: 'Открыт',
    how: { rotation: 'Ротация', offboarding: 'Увольнение', intake: 'Новый клиент', reassigned: 'Передан руководителем' },
    none: 'Ничего нет.',
    openCard: 'Открыть карточку ›',
    selectRow: 'Выделите строку клиента на листе «Сегодня» или «Мои клиенты» и откройте карточку.',
    rotatingSoon: (n: number) =>
      `${ruCount(n, 'клиент скоро уйдёт', 'клиента скоро уйдут', 'клиентов скоро уйдут')} в ротацию: см. лист «Сегодня».`,
  },
};

export const todayWords = { en, ru };
