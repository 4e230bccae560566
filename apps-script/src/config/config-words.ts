// The Config sheet's and the rules history's words, in English and Russian (`ru` typed by `en`);
// `admin-messages.ts` gathers them into `m.admin`.
import { capitalise, enCount, enNumber, ruCount, ruNumber } from '../wording.ts';
import type { SettingKey } from './config-layout.ts';

export type MergeSummary = {
  version: number;
  who: string;
  when: string;
  changes: string[];
  taken: number;
  conflicts: number;
  notShown: number;
};

const en = {
  config: {
    columns: { section: 'Section', setting: 'Setting', value: 'Value', unit: 'Unit', about: 'What it sets', key: 'Key', loaded: 'Loaded' },
    sections: { general: 'General', rotation: 'Rotation', bonus: 'Bonus', mailing: 'Mailing', intake: 'Intake' },
    settings: {
      timeZone: {
        label: 'Time zone',
        unit: 'IANA zone',
        about: "The company's clock: days, months, deadlines and the month a deal counts in.",
      },
      'rotation.holdMonths': {
        label: 'Hold months',
        unit: 'months',
        about: 'A client held this long without result becomes a rotation candidate.',
      },
      'rotation.noDealMonths': {
        label: 'No-deal months',
        unit: 'months',
        about: 'A client whose last deal is this old becomes a rotation candidate.',
      },
      'rotation.noReturnRotations': {
        label: 'No-return rotations',
        unit: 'rotations',
        about: 'A client never goes back to a manager who held it within this many rotations.',
      },
      'rotation.reportDays': {
        label: 'Report days',
        unit: 'days',
        about: 'The new manager reports on a handed-over client within this many days.',
      },
      'rotation.writesPerSecond': {
        label: 'Write pace',
        unit: 'writes / s',
        about: 'How fast the rotation writes to the base at first (it speeds up by half every 5 minutes).',
      },
      'rotation.minDealAmount': {
        label: 'Minimum deal for rotation',
        unit: '₽',
        about: 'A deal below this amount does not count as activity: the rotation clock keeps running (0: every deal counts).',
      },
      'bonus.base': {
        label: 'Rate applies to',
        unit: 'profit / amount',
        about: "Whether rates are taken of a deal's profit or of its amount.",
      },
      'bonus.normalRate': { label: 'Normal rate', unit: '%', about: "A manager's share of each deal (type 5 for 5 %)." },
      'bonus.newClientMultiplier': {
        label: 'New-client multiplier',
        unit: '×',
        about:
          'The first deal with a client the manager attracted earns this many times the normal rate (2 to 3); each ' +
          'next deal half of the last, down to normal.',
      },
      'bonus.retentionMonths': {
        label: 'Retention months',
        unit: 'months',
        about: 'The part above normal is paid only if the client is still with the company this long after its first deal.',
      },
      'bonus.campaign.from': {
        label: 'Campaign from',
        unit: 'day',
        about: 'Raised rates only for clients whose first deal falls in the campaign (leave both empty for always).',
      },
      'bonus.campaign.to': { label: 'Campaign to', unit: 'day', about: 'The last day of the campaign.' },
      'bonus.attractionBonus': {
        label: 'Attraction bonus',
        unit: '₽ per client',
        about: 'A fixed amount per newly attracted client (its first deal), when no tier below applies.',
      },
      'bonus.dealConfirmation': {
        label: 'Deals confirmed by',
        unit: 'rule',
        about:
          'With "the head of sales", a deal a manager records is paid only once you confirm it on Deals to confirm; ' +
          'your own entries and imports count at once.',
      },
      'bonus.minDealAmount': {
        label: 'Minimum deal for new-client pay',
        unit: '₽',
        about: 'A deal below this amount earns no attraction bonus and no new-client rate (0: every deal counts).',
      },
      'mailing.smsCadenceDays': {
        label: 'SMS cadence',
        unit: 'days',
        about: 'Nobody gets an SMS list entry more often than once in this many days.',
      },
      'mailing.emailCadenceDays': {
        label: 'E-mail cadence',
        unit: 'days',
        about: 'Nobody gets an e-mail list entry more often than once in this many days.',
      },
      'intake.rule': { label: 'New sign-ups go', unit: 'rule', about: 'Round robin by level, or all to one intake manager.' },
      'intake.level': {
        label: 'Round-robin level',
        unit: 'level',
        about: 'The level whose managers take sign-ups in turn (empty: the lowest level with anyone active).',
      },
      'intake.managerId': {
        label: 'Intake manager',
        unit: 'manager id',
        about: 'Who takes every sign-up when the rule is "one intake manager".',
      },
      'intake.signupsPerMinutePerIp': {
        label: 'Sign-ups per minute',
        unit: 'per address',
        about: 'More sign-ups than this from one internet address in a minute are refused.',
      },
      'protection.maxDestructiveEditsPerDay': {
        label: 'Destructive edits a day',
        unit: 'clients per manager',
        about: 'A manager may remove contacts from or clear fields of this many clients a day; more are refused and you are alerted.',
      },
    } satisfies Record<SettingKey, { label: string; unit: string; about: string }>,
    tiers: {
      'bonus.attractionTiers': {
        title: 'Attraction tiers',
        first: 'From, new clients a month',
        second: 'Bonus per client',
        unit: 'clients → ₽',
        about: 'The bonus per new client of the highest tier the month reaches; empty rows add tiers.',
      },
      'bonus.cohortTiers': {
        title: 'Cohort tiers',
        first: 'Retained, at least',
        second: 'Rate',
        unit: '% → %',
        about: "A share of a month's new clients still with the company after the retention months earns this rate of their profit.",
      },
    },
    base: { profit: 'Profit', amount: 'Amount' },
    intakeRules: { 'round-robin': 'Round robin by level', fixed: 'One intake manager' },
    dealConfirmations: { required: 'The head of sales', 'not-required': 'Nobody: count at once' },
    problems: {
      wholeNumber: 'must be a whole number',
      number: 'must be a number',
      percent: 'must be a percentage, e.g. 5 or 7.5',
      money: 'must be an amount in roubles, e.g. 1000',
      between: (min: string, max: string) => `must be between ${min} and ${max}`,
      atLeast: (min: string) => `must be at least ${min}`,
      atMost: (max: string) => `must be at most ${max}`,
    },
    schemaMessages: {
      'must not be negative': 'must not be negative',
      'from must not be after to': 'the campaign must not end before it starts',
      'must be an IANA time zone such as Europe/Moscow': 'must be a time zone such as Europe/Moscow',
      'is required when rule is fixed': 'is required when sign-ups go to one intake manager',
      'must be a date YYYY-MM-DD': 'must be a date YYYY-MM-DD',
    },
    notSet: '(not set)',
    statusSection: 'Rules in force',
    version: (n: number) => `Version ${n}`,
    neverPublished: 'the defaults: never published',
    publishedBy: (when: string, who: string) => `published ${when} by ${who}`,
    validationHelp: {
      number: (min: number, max: number) => `A number from ${enNumber(min)} to ${enNumber(max)}.`,
      percent: 'A percentage: type 5 for 5 %.',
      money: 'Roubles, e.g. 1000.',
      day: 'A date, e.g. 2026-03-01.',
    },
    layoutBroken: "The Config sheet is missing some of clientbase's columns. Choose Config: load the rules in force to lay it out again.",
    loadTitle: 'Load the rules in force',
    dropEdits: (n: number) =>
      `${enCount(n, 'setting on the Config sheet was', 'settings on the Config sheet were')} changed and not ` +
      `published. Loading the rules in force replaces them. Load anyway?`,
    loaded: (version: number) => (version === 0 ? 'Config loaded: the defaults (never published).' : `Config loaded: version ${version}.`),
    wholeConfig: 'The rules as a whole',
    noSheet: 'There is no Config sheet yet: choose Config: load the rules in force first.',
    missingRows: (list: string) =>
      `The Config sheet has lost the row(s) of ${list}. Choose Config: load the rules in force (note your changes first).`,
    conflictNote: (theirs: string, who: string, when: string) =>
      `${who} published ${theirs} here on ${when}, while you were editing. Your value is kept: publish to put it in force, or type theirs.`,
    conflict: (s: MergeSummary) =>
      [
        `${s.who} published version ${s.version} on ${s.when} while you were editing, so nothing was published.`,
        s.changes.length > 0 ? `What changed in it:\n${s.changes.map((c) => `• ${c}`).join('\n')}` : '',
        s.taken > 0
          ? `${enCount(s.taken, 'setting you had not touched now shows', 'settings you had not touched now show')} the new value.`
          : '',
        s.conflicts > 0
          ? `${enCount(s.conflicts, 'setting you changed was', 'settings you changed were')} changed by them too: ` +
            `tinted orange, with their value in the note. Keep yours or type theirs, then publish again.`
          : 'Your changes are kept: publish again to put them in force.',
        s.notShown > 0
          ? `The new version has ${enCount(s.notShown, 'tier', 'tiers')} this sheet has no row for: load the rules in force to see them.`
          : '',
      ]
        .filter((l) => l !== '')
        .join('\n\n'),
    conflictTitle: 'Someone published meanwhile',
    published: (version: number) => `Published: version ${version} is now in force.`,
    errorsTitle: 'Config: errors',
    notPublished: (n: number) => `Not published: ${enCount(n, 'error', 'errors')} (red cells). The rules in force did not change.`,
    rowGone: (label: string) => `The row of ${label} is no longer on the Config sheet.`,
  },
  history: {
    heading: (version: number) => `Rules history: version ${version} is in force. Each version shows what differs from it.`,
    more: (n: number) => `The ${enNumber(n)} latest versions are shown.`,
    columns: ['Version', 'Published', 'By', 'Differs from the rules in force'],
    inForce: 'in force',
    same: 'the same as the rules in force',
    defaults: 'defaults',
    shown: (n: number) => `Rules history: ${enCount(n, 'version', 'versions')}.`,
  },
};

export type ConfigWords = typeof en;

const ru: ConfigWords = {
  config: {
    columns: {
      section: 'Раздел',
      setting: 'Параметр',
      value: 'Значение',
      unit: 'Единица',
      about: 'Что задаёт',
      key: 'Ключ',
      loaded: 'Загружено',
    },
    sections: { general: 'Общее', rotation: 'Ротация', bonus: 'Бонусы', mailing: 'Рассылки', intake: 'Новые клиенты' },
    settings: {
      timeZone: {
        label: 'Часовой пояс',
        unit: 'пояс IANA',
        about: 'Часы компании: дни, месяцы, сроки и месяц, в котором засчитывается сделка.',
      },
      'rotation.holdMonths': {
        label: 'Срок закрепления',
        unit: 'мес.',
        about: 'Клиент, который столько времени у менеджера без результата, становится кандидатом на ротацию.',
      },
      'rotation.noDealMonths': {
        label: 'Без сделок',
        unit: 'мес.',
        about: 'Клиент, чья последняя сделка настолько давняя, становится кандидатом на ротацию.',
      },
      'rotation.noReturnRotations': {
        label: 'Без возврата',
        unit: 'ротаций',
        about: 'Клиент не возвращается к менеджеру, у которого был в течение стольких ротаций.',
      },
      'rotation.reportDays': {
        label: 'Срок отчёта',
        unit: 'дней',
        about: 'Новый менеджер отчитывается о принятом клиенте в течение стольких дней.',
      },
      'rotation.writesPerSecond': {
        label: 'Темп записи',
        unit: 'записей/с',
        about: 'С какой скоростью ротация начинает писать в базу (каждые 5 минут — в полтора раза быстрее).',
      },
      'rotation.minDealAmount': {
        label: 'Минимальная сделка для ротации',
        unit: '₽',
        about: 'Сделка меньше этой суммы не считается активностью: срок до ротации не сбрасывается (0 — считается любая).',
      },
      'bonus.base': { label: 'Ставка от', unit: 'прибыль / сумма', about: 'Считать ставки от прибыли сделки или от её суммы.' },
      'bonus.normalRate': { label: 'Обычная ставка', unit: '%', about: 'Доля менеджера с каждой сделки (введите 5 для 5 %).' },
      'bonus.newClientMultiplier': {
        label: 'Множитель за нового клиента',
        unit: '×',
        about:
          'Первая сделка с привлечённым клиентом даёт во столько раз больше обычной ставки (от 2 до 3); каждая ' +
          'следующая — вдвое меньше предыдущей, до обычной.',
      },
      'bonus.retentionMonths': {
        label: 'Срок удержания',
        unit: 'мес.',
        about: 'Часть сверх обычной ставки выплачивается, только если клиент остаётся с компанией столько после первой сделки.',
      },
      'bonus.campaign.from': {
        label: 'Кампания с',
        unit: 'дата',
        about: 'Повышенные ставки — только для клиентов с первой сделкой в период кампании (оставьте обе даты пустыми — всегда).',
      },
      'bonus.campaign.to': { label: 'Кампания по', unit: 'дата', about: 'Последний день кампании.' },
      'bonus.attractionBonus': {
        label: 'Бонус за привлечение',
        unit: '₽ за клиента',
        about: 'Фиксированная сумма за каждого нового клиента (его первую сделку), если не действует ступень ниже.',
      },
      'bonus.dealConfirmation': {
        label: 'Сделки подтверждает',
        unit: 'правило',
        about:
          'При «руководитель отдела» сделка, записанная менеджером, оплачивается только после вашего подтверждения на ' +
          'листе «Сделки на подтверждение»; ваши записи и импорт учитываются сразу.',
      },
      'bonus.minDealAmount': {
        label: 'Минимальная сделка для бонуса за нового',
        unit: '₽',
        about: 'Сделка меньше этой суммы не даёт бонуса за привлечение и повышенной ставки (0 — считается любая).',
      },
      'mailing.smsCadenceDays': {
        label: 'Частота SMS',
        unit: 'дней',
        about: 'Никто не попадает в список SMS чаще, чем раз в столько дней.',
      },
      'mailing.emailCadenceDays': {
        label: 'Частота e-mail',
        unit: 'дней',
        about: 'Никто не попадает в список e-mail чаще, чем раз в столько дней.',
      },
      'intake.rule': { label: 'Новые заявки', unit: 'правило', about: 'По очереди внутри уровня или все одному менеджеру по приёму.' },
      'intake.level': {
        label: 'Уровень очереди',
        unit: 'уровень',
        about: 'Менеджеры какого уровня получают заявки по очереди (пусто — самый младший уровень, где кто-то работает).',
      },
      'intake.managerId': {
        label: 'Менеджер по приёму',
        unit: 'ID менеджера',
        about: 'Кто получает все заявки, если выбрано правило «одному менеджеру».',
      },
      'intake.signupsPerMinutePerIp': {
        label: 'Заявок в минуту',
        unit: 'с адреса',
        about: 'Больше заявок с одного интернет-адреса за минуту не принимается.',
      },
      'protection.maxDestructiveEditsPerDay': {
        label: 'Удалений в день',
        unit: 'клиентов на менеджера',
        about: 'Стольким клиентам в день менеджер может удалить контакты или очистить поля; больше не сохраняется, а вам приходит сигнал.',
      },
    },
    tiers: {
      'bonus.attractionTiers': {
        title: 'Ступени привлечения',
        first: 'От, новых клиентов в месяц',
        second: 'Бонус за клиента',
        unit: 'клиенты → ₽',
        about: 'Бонус за нового клиента по самой высокой ступени, которой достиг месяц; пустые строки — для новых ступеней.',
      },
      'bonus.cohortTiers': {
        title: 'Ступени удержания',
        first: 'Удержано, не менее',
        second: 'Ставка',
        unit: '% → %',
        about: 'Если такая доля новых клиентов месяца осталась с компанией после срока удержания, с их прибыли начисляется эта ставка.',
      },
    },
    base: { profit: 'Прибыль', amount: 'Сумма' },
    intakeRules: { 'round-robin': 'По очереди в уровне', fixed: 'Одному менеджеру по приёму' },
    dealConfirmations: { required: 'Руководитель отдела', 'not-required': 'Никто: учитывать сразу' },
    problems: {
      wholeNumber: 'нужно целое число',
      number: 'нужно число',
      percent: 'нужны проценты, например 5 или 7,5',
      money: 'нужна сумма в рублях, например 1000',
      between: (min: string, max: string) => `должно быть от ${min} до ${max}`,
      atLeast: (min: string) => `должно быть не меньше ${min}`,
      atMost: (max: string) => `должно быть не больше ${max}`,
    },
    schemaMessages: {
      'must not be negative': 'не может быть отрицательным',
      'from must not be after to': 'кампания не может закончиться раньше, чем началась',
      'must be an IANA time zone such as Europe/Moscow': 'нужен часовой пояс, например Europe/Moscow',
      'is required when rule is fixed': 'обязательно, когда все заявки идут одному менеджеру',
      'must be a date YYYY-MM-DD': 'нужна дата в виде ГГГГ-ММ-ДД',
    },
    notSet: '(не задано)',
    statusSection: 'Действующие правила',
    version: (n: number) => `Версия ${n}`,
    neverPublished: 'по умолчанию: ещё не публиковались',
    publishedBy: (when: string, who: string) => `опубликовано ${when}, ${who}`,
    validationHelp: {
      number: (min: number, max: number) => `Число от ${ruNumber(min)} до ${ruNumber(max)}.`,
      percent: 'Проценты: введите 5 для 5 %.',
      money: 'Рубли, например 1000.',
      day: 'Дата, например 2026-03-01.',
    },
    layoutBroken:
      'На листе «Правила» не хватает столбцов clientbase. Выберите «Правила: загрузить действующие», чтобы разметить его заново.',
    loadTitle: 'Загрузить действующие правила',
    dropEdits: (n: number) =>
      `На листе «Правила» изменено и не опубликовано: ${ruCount(n, 'параметр', 'параметра', 'параметров')}. Загрузка ` +
      `действующих правил их заменит. Всё равно загрузить?`,
    loaded: (version: number) =>
      version === 0 ? 'Правила загружены: значения по умолчанию (ещё не публиковались).' : `Правила загружены: версия ${version}.`,
    wholeConfig: 'Правила в целом',
    noSheet: 'Листа «Правила» ещё нет: сначала выберите «Правила: загрузить действующие».',
    missingRows: (list: string) =>
      `На листе «Правила» пропали строки: ${list}. Выберите «Правила: загрузить действующие» (сначала запишите свои правки).`,
    conflictNote: (theirs: string, who: string, when: string) =>
      `${who} опубликовал(а) здесь ${theirs} ${when}, пока вы редактировали. Ваше значение оставлено: опубликуйте, ` +
      `чтобы оно вступило в силу, или введите их значение.`,
    conflict: (s: MergeSummary) =>
      [
        `${s.who} опубликовал(а) версию ${s.version} ${s.when}, пока вы редактировали, поэтому ничего не опубликовано.`,
        s.changes.length > 0 ? `Что в ней изменилось:\n${s.changes.map((c) => `• ${c}`).join('\n')}` : '',
        s.taken > 0
          ? `${capitalise(ruCount(s.taken, 'параметр', 'параметра', 'параметров'))}, которые вы не трогали, теперь ` +
            `показывают новое значение.`
          : '',
        s.conflicts > 0
          ? `${capitalise(ruCount(s.conflicts, 'параметр', 'параметра', 'параметров'))}, которые вы изменили, ` +
            `изменены и там: они оранжевые, их значение — в примечании. Оставьте своё или введите их, затем опубликуйте снова.`
          : 'Ваши правки сохранены на листе: опубликуйте снова, чтобы они вступили в силу.',
        s.notShown > 0
          ? `В новой версии есть ступени, для которых на листе нет строк (${ruNumber(s.notShown)}): загрузите ` +
            `действующие правила, чтобы их увидеть.`
          : '',
      ]
        .filter((l) => l !== '')
        .join('\n\n'),
    conflictTitle: 'Кто-то опубликовал правила раньше вас',
    published: (version: number) => `Опубликовано: действует версия ${version}.`,
    errorsTitle: 'Правила: ошибки',
    notPublished: (n: number) => `Не опубликовано: ошибок — ${ruNumber(n)} (красные ячейки). Действующие правила не изменились.`,
    rowGone: (label: string) => `Строки «${label}» больше нет на листе «Правила».`,
  },
  history: {
    heading: (version: number) =>
      `История правил: действует версия ${version}. Для каждой версии показано, чем она отличается от действующей.`,
    more: (n: number) => `Показаны последние версии: ${ruNumber(n)}.`,
    columns: ['Версия', 'Опубликована', 'Кем', 'Отличия от действующих правил'],
    inForce: 'действует',
    same: 'совпадает с действующими правилами',
    defaults: 'по умолчанию',
    shown: (n: number) => `История правил: ${ruCount(n, 'версия', 'версии', 'версий')}.`,
  },
};

export const configWords = { en, ru };
