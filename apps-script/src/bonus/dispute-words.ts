// Disputes, acknowledgements and payroll words, in English and Russian (`ru` typed by `en`);
// `messages.ts` gathers them into `m.disputes`.
import type { DisputeReason } from '../../../functions/src/api/contract.ts';
import { enCount, ruCount } from '../wording.ts';

const en = {
  disputes: {
    menu: {
      dispute: 'My bonus: dispute the selected line…',
      acknowledge: 'My bonus: acknowledge the statement shown',
      load: 'Disputes: load the open ones',
      send: 'Disputes: send decisions',
    },
    reasons: {
      'wrong-amount': 'wrong amount',
      'missing-deal': 'missing deal',
      'wrong-client': 'wrong client',
      'wrong-rule': 'wrong rule',
      other: 'other',
    } satisfies Record<DisputeReason, string>,
    columns: { line: 'Line', dispute: 'Dispute' },
    title: 'Dispute',
    askReason: (line: string) =>
      `Line ${line}. What is wrong? Type its number: 1) a wrong amount, 2) a wrong client, 3) a wrong rule, 4) something else.\n` +
      '(For a deal missing from the statement, select no line.)',
    badReason: (text: string) => `"${text}" is not one of 1, 2, 3 or 4.`,
    askText: (reason: string) => `Dispute (${reason}): say what should be different, and why.`,
    noText: 'A dispute needs a text: nothing was sent.',
    noMonth: 'Show a month on the My bonus sheet first (My bonus…).',
    sent: (month: string) => `Dispute sent for ${month}. The head of sales answers it; its status is on the My bonus sheet.`,
    status: {
      open: 'open',
      accepted: (amount: string, month: string | null) => `accepted: ${amount}${month ? ` paid in ${month}` : ', paid in the next month'}`,
      rejected: (reason: string) => `rejected: ${reason}`,
    },
    missingRow: 'Missing deal',
    notClosed: (month: string) => `${month} is not closed yet: a statement is acknowledged once its month is closed.`,
    acknowledged: (month: string, when: string) => `Statement for ${month} acknowledged (${when}).`,
    sheet: 'Disputes',
    heading: (n: number, days: number) =>
      `Open disputes: ${enCount(n, 'dispute', 'disputes')}. Marked overdue: open more than ${enCount(days, 'day', 'days')}. ` +
      'Type a decision (and the amount to pay, or the reason to reject), then Disputes: send decisions.',
    adminColumns: [
      'Dispute id',
      'Opened',
      'Manager',
      'Month',
      'Line',
      'Client',
      'Reason',
      'Text',
      'Overdue',
      'Decision',
      'Amount',
      'Why rejected',
    ],
    decisions: { accepted: 'accept', rejected: 'reject' },
    overdue: 'OVERDUE',
    noSheet: 'There is no Disputes sheet yet: load the open disputes first.',
    problem: (row: number, what: string) => `Row ${row}: ${what}`,
    needAmount: 'an accepted dispute needs the amount to pay (roubles)',
    needReason: 'a rejected dispute needs the reason',
    badDecision: (text: string) => `"${text}" is neither "accept" nor "reject"`,
    notSent: 'Nothing was sent; fix these rows and send again:',
    nothingDecided: 'No row has a decision: type accept or reject in the Decision column.',
    decided: (done: number, refused: string[]) =>
      `${enCount(done, 'dispute', 'disputes')} resolved.${refused.length > 0 ? `\nRefused by the base:\n${refused.join('\n')}` : ''}`,
    payroll: 'Payroll',
    payrollButton: 'Payroll sheet',
    payrollHeading: (month: string) =>
      `Payroll for ${month} (closed): what each manager is paid, adjustments and accepted disputes included.`,
    payrollColumns: ['Manager', 'Manager id', 'E-mail', 'Payable', 'Lines', 'Adjustments', 'Accepted disputes', 'Acknowledged'],
    payrollLinesTitle: 'Every payable line',
    payrollLineColumns: ['Manager id', 'Line', 'Rule', 'Client', 'Deal', 'Amount', 'Why'],
    payrollShown: (month: string, n: number) => `Payroll for ${month}: ${enCount(n, 'manager', 'managers')} on the Payroll sheet.`,
    yes: 'yes',
    no: 'no',
  },
};

export type DisputeWords = typeof en;

const ru: DisputeWords = {
  disputes: {
    menu: {
      dispute: 'Мой бонус: оспорить выбранную строку…',
      acknowledge: 'Мой бонус: подтвердить показанный расчёт',
      load: 'Оспаривания: загрузить открытые',
      send: 'Оспаривания: отправить решения',
    },
    reasons: {
      'wrong-amount': 'неверная сумма',
      'missing-deal': 'нет сделки',
      'wrong-client': 'не тот клиент',
      'wrong-rule': 'не то правило',
      other: 'другое',
    },
    columns: { line: 'Строка', dispute: 'Оспаривание' },
    title: 'Оспаривание',
    askReason: (line: string) =>
      `Строка ${line}. Что не так? Введите номер: 1) неверная сумма, 2) не тот клиент, 3) не то правило, 4) другое.\n` +
      '(Если в расчёте нет сделки, не выделяйте строку.)',
    badReason: (text: string) => `«${text}» — не 1, 2, 3 или 4.`,
    askText: (reason: string) => `Оспаривание (${reason}): напишите, что должно быть иначе и почему.`,
    noText: 'Оспаривание без текста не отправлено.',
    noMonth: 'Сначала выведите месяц на лист «Мой бонус» (пункт «Мой бонус…»).',
    sent: (month: string) => `Оспаривание за ${month} отправлено. Ответит руководитель отдела; статус — на листе «Мой бонус».`,
    status: {
      open: 'открыто',
      accepted: (amount: string, month: string | null) =>
        `принято: ${amount}${month ? `, выплата в ${month}` : ', выплата в следующем месяце'}`,
      rejected: (reason: string) => `отклонено: ${reason}`,
    },
    missingRow: 'Нет сделки',
    notClosed: (month: string) => `Месяц ${month} ещё не закрыт: расчёт подтверждают после закрытия месяца.`,
    acknowledged: (month: string, when: string) => `Расчёт за ${month} подтверждён (${when}).`,
    sheet: 'Оспаривания',
    heading: (n: number, days: number) =>
      `Открытые оспаривания: ${ruCount(n, 'оспаривание', 'оспаривания', 'оспариваний')}. ` +
      `Открытые дольше ${ruCount(days, 'дня', 'дней', 'дней')} ` +
      'помечены как просроченные. Введите решение (и сумму к выплате или причину отказа) и выберите «Оспаривания: отправить решения».',
    adminColumns: [
      'ID оспаривания',
      'Открыто',
      'Менеджер',
      'Месяц',
      'Строка',
      'Клиент',
      'Причина',
      'Текст',
      'Просрочено',
      'Решение',
      'Сумма',
      'Причина отказа',
    ],
    decisions: { accepted: 'принять', rejected: 'отклонить' },
    overdue: 'ПРОСРОЧЕНО',
    noSheet: 'Листа «Оспаривания» ещё нет: сначала загрузите открытые оспаривания.',
    problem: (row: number, what: string) => `Строка ${row}: ${what}`,
    needAmount: 'для принятого оспаривания нужна сумма к выплате (в рублях)',
    needReason: 'для отклонённого оспаривания нужна причина',
    badDecision: (text: string) => `«${text}» — не «принять» и не «отклонить»`,
    notSent: 'Ничего не отправлено; исправьте эти строки и отправьте снова:',
    nothingDecided: 'Ни в одной строке нет решения: введите «принять» или «отклонить» в столбце «Решение».',
    decided: (done: number, refused: string[]) =>
      `Решено: ${ruCount(done, 'оспаривание', 'оспаривания', 'оспариваний')}.` +
      (refused.length > 0 ? `\nБаза отказала:\n${refused.join('\n')}` : ''),
    payroll: 'Ведомость',
    payrollButton: 'Ведомость на лист',
    payrollHeading: (month: string) =>
      `Ведомость за ${month} (месяц закрыт): к выплате каждому менеджеру, с корректировками и принятыми оспариваниями.`,
    payrollColumns: ['Менеджер', 'ID менеджера', 'E-mail', 'К выплате', 'Строк', 'Корректировки', 'Принятых оспариваний', 'Подтвердил'],
    payrollLinesTitle: 'Все строки к выплате',
    payrollLineColumns: ['ID менеджера', 'Строка', 'Правило', 'Клиент', 'Сделка', 'Сумма', 'Пояснение'],
    payrollShown: (month: string, n: number) =>
      `Ведомость за ${month}: ${ruCount(n, 'менеджер', 'менеджера', 'менеджеров')} на листе «Ведомость».`,
    yes: 'да',
    no: 'нет',
  },
};

export const disputeWords = { en, ru };
