// Every word the add-on says to people, in English and Russian, chosen by the spreadsheet's locale:
// each feature keeps its own `{ en, ru }` catalog beside its code (`clients/clients-words.ts`,
// `card/card-words.ts`, …); this module gathers them into one `Messages` and keeps the words
// every feature shares (menus, connection, errors, forms). Codes the API speaks are translated
// in those catalogs and nowhere else.

import { clientsWords } from './clients/clients-words.ts';
import { cardWords } from './card/card-words.ts';
import { bonusWords } from './bonus/bonus-words.ts';
import { dealsWords } from './deals/deals-words.ts';
import { enAdmin, ruAdmin } from './admin-messages.ts';
import { enCount, ruCount, type Locale } from './wording.ts';

export type { Locale };

/** `ru_RU`, `ru`, `be_BY`… read as Russian; everything else as English. */
export function localeOf(spreadsheetLocale: string | null | undefined): Locale {
  return /^ru(\b|_|-)/i.test(spreadsheetLocale ?? '') ? 'ru' : 'en';
}

export type { DepartureCounts, RefreshSummary, SaveSummary } from './clients/clients-words.ts';

const en = {
  appName: 'clientbase',
  menu: {
    refresh: 'Load / refresh my clients',
    save: 'Save changes',
    card: 'Client card (selected row)',
    keepMine: 'Conflicts: keep mine (selected rows)',
    takeTheirs: 'Conflicts: take theirs (selected rows)',
    tasks: 'My handover reports',
    bonus: 'My bonus…',
    connection: 'Check connection',
  },
  sheets: { myClients: 'My clients', myBonus: 'My bonus' },
  validation: {
    choice: 'Choose a value from the list.',
    day: 'A day, as YYYY-MM-DD.',
    upToToday: 'A day that has come: today or earlier, as YYYY-MM-DD.',
    fromToday: 'A day still to come: today or later, as YYYY-MM-DD.',
  },
  ...clientsWords.en,
  ...cardWords.en,
  ...bonusWords.en,
  ...dealsWords.en,
  connection: {
    ok: (name: string, role: string, level: number, url: string) => `Connected to ${url} as ${name} (${role}, level ${level}).`,
    roles: { manager: 'sales manager', admin: 'head of sales' },
    audience: (aud: string) =>
      `For whoever installs the add-on: its sign-in tokens are issued for ${aud}; the API's API_AUDIENCE setting must list this value.`,
  },
  errors: {
    title: 'clientbase',
    busy: 'Another clientbase action is still running in this spreadsheet. Wait for it to finish and try again.',
    notConfigured:
      'The add-on does not know where the client base is (no API address). Ask whoever installed it to build and ' +
      'push it with ADDON_API_URL set to the API: only that puts the address in its allowed URLs.',
    missingScope: (url: string | null) =>
      `clientbase is not allowed to confirm who you are or to reach the base: some permissions were not granted. ` +
      `${
        url
          ? `Open this link and allow everything it asks for, then try again:\n${url}`
          : 'Open Extensions → clientbase again and allow every permission it asks for.'
      }`,
    missingEmailScope:
      'clientbase was not allowed to see your e-mail address, so the base cannot tell who you are. Remove the ' +
      "add-on's access in your Google account, open it again and allow every permission.",
    notOnRoster: (email: string) =>
      `${email || 'Your account'} is not on the staff roster. If you work here, ask the head of sales to add this ` +
      `e-mail; if you use several Google accounts, open the spreadsheet in a window signed in to your work account only.`,
    deactivated:
      'Your access to the client base has ended: you are no longer active staff. If that is a mistake, talk to the head of sales.',
    adminOnly: 'Only the head of sales (admin) can do this.',
    unauthenticated:
      'The base did not accept your Google sign-in. Reload the spreadsheet and try again; if it keeps happening, tell ' +
      "the head of sales (the add-on's OAuth client and the API's API_AUDIENCE must match).",
    network: 'The client base could not be reached. Check your connection and try again in a minute.',
    networkUnknownOutcome:
      'The connection to the base broke before its answer arrived: the change may or may not have been saved. Refresh ' +
      'your clients before trying again.',
    rateLimited: (seconds: number | null) =>
      `The base is busy right now. Wait ${seconds !== null ? enCount(seconds, 'second', 'seconds') : 'a minute'} and try again.`,
    unavailable: 'The base is temporarily unavailable. Try again in a few minutes.',
    unavailableUnknownOutcome: 'The base did not answer in time: the change may or may not have been saved. Refresh before trying again.',
    invalid: (detail: string) => `The base refused the request: ${detail}`,
    notFound: 'This client is not among yours any more (it may have been moved to a colleague). Refresh your clients.',
    conflict: 'Someone changed this client meanwhile. Reload and try again.',
    duplicate: 'This client is already in the base.',
    tooLarge: 'Too much at once for the base. Save fewer rows at a time.',
    server: (status: number, detail: string) =>
      `The base could not complete the request (error ${status}${detail ? `: ${detail}` : ''}). Try again; if it ` +
      `repeats, tell the head of sales.`,
    unexpected: (detail: string) => `Something went wrong in clientbase: ${detail}`,
    twoAccounts:
      'Google refused the call (PERMISSION_DENIED). This happens when several Google accounts are signed in: open the ' +
      'spreadsheet in a window signed in to one account only.',
    partialSave: (saved: number) =>
      `${enCount(saved, 'row was', 'rows were')} saved before this happened; the others are still unsaved. Press Save ` +
      `again when the base answers.`,
  },
  form: {
    required: 'is required',
    badDay: 'must be a date YYYY-MM-DD',
    money: {
      empty: 'is required',
      'not-a-number': 'must be an amount in roubles, e.g. 1 234,56',
      ambiguous: 'is ambiguous: write 12500 for twelve and a half thousand, 12,50 for twelve and a half',
      'too-precise': 'at most two digits after the decimal point (kopecks)',
      'too-large': 'is too large',
    },
  },
  admin: enAdmin,
};

export type Messages = typeof en;

const ru: Messages = {
  appName: 'clientbase',
  menu: {
    refresh: 'Загрузить / обновить моих клиентов',
    save: 'Сохранить изменения',
    card: 'Карточка клиента (выбранная строка)',
    keepMine: 'Конфликты: оставить моё (выбранные строки)',
    takeTheirs: 'Конфликты: взять из базы (выбранные строки)',
    tasks: 'Мои отчёты о передаче',
    bonus: 'Мой бонус…',
    connection: 'Проверить подключение',
  },
  sheets: { myClients: 'Мои клиенты', myBonus: 'Мой бонус' },
  validation: {
    choice: 'Выберите значение из списка.',
    day: 'Дата в виде ГГГГ-ММ-ДД.',
    upToToday: 'Дата, которая уже наступила: сегодня или раньше, в виде ГГГГ-ММ-ДД.',
    fromToday: 'Дата, которая ещё впереди: сегодня или позже, в виде ГГГГ-ММ-ДД.',
  },
  ...clientsWords.ru,
  ...cardWords.ru,
  ...bonusWords.ru,
  ...dealsWords.ru,
  connection: {
    ok: (name: string, role: string, level: number, url: string) => `Подключено к ${url}: ${name} (${role}, уровень ${level}).`,
    roles: { manager: 'менеджер', admin: 'руководитель отдела продаж' },
    audience: (aud: string) =>
      `Для того, кто устанавливает дополнение: токены входа выдаются для ${aud}; этот идентификатор должен быть в ` +
      `настройке API_AUDIENCE у API.`,
  },
  errors: {
    title: 'clientbase',
    busy: 'В этой таблице ещё выполняется другое действие clientbase. Дождитесь его окончания и повторите.',
    notConfigured:
      'Дополнение не знает, где находится база (не задан адрес API). Попросите того, кто его установил, собрать и ' +
      'загрузить его с ADDON_API_URL, указывающим на API: только так адрес попадает в список разрешённых.',
    missingScope: (url: string | null) =>
      `clientbase не может подтвердить, кто вы, или связаться с базой: выданы не все разрешения. ` +
      `${
        url
          ? `Откройте ссылку, разрешите всё, что будет запрошено, и повторите:\n${url}`
          : 'Откройте «Расширения → clientbase» ещё раз и разрешите всё, что будет запрошено.'
      }`,
    missingEmailScope:
      'clientbase не получил разрешения видеть ваш адрес e-mail, поэтому база не знает, кто вы. Отзовите доступ ' +
      'дополнения в аккаунте Google, откройте его снова и разрешите всё.',
    notOnRoster: (email: string) =>
      `${email || 'Ваш аккаунт'} нет в списке сотрудников. Если вы работаете в отделе, попросите руководителя ` +
      `добавить этот адрес; если у вас несколько аккаунтов Google, откройте таблицу в окне, где выполнен вход только в рабочий.`,
    deactivated: 'Ваш доступ к базе закрыт: вы больше не числитесь действующим сотрудником. Если это ошибка, обратитесь к руководителю.',
    adminOnly: 'Это может сделать только руководитель отдела продаж (администратор).',
    unauthenticated:
      'База не приняла ваш вход Google. Перезагрузите таблицу и повторите; если не помогает, сообщите руководителю ' +
      '(OAuth-клиент дополнения и API_AUDIENCE API должны совпадать).',
    network: 'Не удалось связаться с базой. Проверьте подключение и повторите через минуту.',
    networkUnknownOutcome:
      'Связь с базой прервалась до ответа: изменение могло сохраниться, а могло и нет. Обновите клиентов, прежде чем повторять.',
    rateLimited: (seconds: number | null) =>
      `База сейчас перегружена. Подождите ${seconds !== null ? `${seconds} с` : 'минуту'} и повторите.`,
    unavailable: 'База временно недоступна. Повторите через несколько минут.',
    unavailableUnknownOutcome:
      'База не ответила вовремя: изменение могло сохраниться, а могло и нет. Обновите данные, прежде чем повторять.',
    invalid: (detail: string) => `База отклонила запрос: ${detail}`,
    notFound: 'Этот клиент больше не ваш (возможно, передан коллеге). Обновите список клиентов.',
    conflict: 'Клиента тем временем изменили. Обновите и повторите.',
    duplicate: 'Этот клиент уже есть в базе.',
    tooLarge: 'Слишком много за один раз. Сохраняйте меньше строк.',
    server: (status: number, detail: string) =>
      `База не смогла выполнить запрос (ошибка ${status}${detail ? `: ${detail}` : ''}). Повторите; если ошибка ` +
      `повторится, сообщите руководителю.`,
    unexpected: (detail: string) => `Сбой в clientbase: ${detail}`,
    twoAccounts:
      'Google отклонил вызов (PERMISSION_DENIED). Так бывает, когда выполнен вход в несколько аккаунтов Google: ' +
      'откройте таблицу в окне, где выполнен вход только в один.',
    partialSave: (saved: number) =>
      `До этого успели сохраниться: ${ruCount(saved, 'строка', 'строки', 'строк')}; остальные не сохранены. Нажмите ` +
      `«Сохранить» ещё раз, когда база ответит.`,
  },
  form: {
    required: 'обязательное поле',
    badDay: 'нужна дата в виде ГГГГ-ММ-ДД',
    money: {
      empty: 'обязательное поле',
      'not-a-number': 'нужна сумма в рублях, например 1 234,56',
      ambiguous: 'неоднозначно: напишите 12500 для двенадцати с половиной тысяч или 12,50 для двенадцати с половиной',
      'too-precise': 'не больше двух знаков после запятой (копейки)',
      'too-large': 'слишком большая сумма',
    },
  },
  admin: ruAdmin,
};

export function messagesFor(locale: Locale): Messages {
  return locale === 'ru' ? ru : en;
}

/** The strings a sidebar needs, as plain data (functions do not cross google.script.run). */
export type SidebarStrings = Omit<
  Messages['sidebar'],
  'dealLine' | 'transferLine' | 'lostLine' | 'consentLine' | 'reportLine' | 'incentiveLine'
> & {
  labels: Pick<
    Messages,
    'kinds' | 'sizes' | 'sources' | 'contactChannels' | 'consentChannels' | 'consentStatuses' | 'consentMethods' | 'outcomes'
  >;
  errors: { twoAccounts: string; unexpected: string };
};

export function sidebarStrings(m: Messages): SidebarStrings {
  const { dealLine: _d, transferLine: _t, lostLine: _l, consentLine: _c, reportLine: _r, incentiveLine: _i, ...plain } = m.sidebar;
  return {
    ...plain,
    labels: {
      kinds: m.kinds,
      sizes: m.sizes,
      sources: m.sources,
      contactChannels: m.contactChannels,
      consentChannels: m.consentChannels,
      consentStatuses: m.consentStatuses,
      consentMethods: m.consentMethods,
      outcomes: m.outcomes,
    },
    errors: { twoAccounts: m.errors.twoAccounts, unexpected: m.errors.unexpected('') },
  };
}
