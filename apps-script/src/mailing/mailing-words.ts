// The mailing list's words, in English and Russian (`ru` typed by `en`); `admin-messages.ts`
// gathers them into `m.admin`.
import { capitalise, enCount, ruCount } from '../wording.ts';

const en = {
  mailing: {
    title: 'Mailing list',
    heading: (channel: string, stamp: string, count: number) =>
      `${channel} list exported ${stamp}: ${enCount(count, 'contact', 'contacts')}, each with consent for ${channel}.`,
    cadence: (days: number) =>
      days > 0
        ? `Cadence applied: nobody listed for this channel within the last ${enCount(days, 'day', 'days')} is on it.`
        : 'No cadence: everybody with consent is on it.',
    exportId: (id: string) => `Export ${id} (audit-logged).`,
    columns: ['Name', 'Client id', 'Address', 'Unsubscribe link'],
    chooseChannel: 'Choose SMS or e-mail.',
    chooseList: 'Choose the mailing list or the confirmation requests.',
    done: (count: number, sheet: string, cadence: number) =>
      `${enCount(count, 'contact', 'contacts')} on the sheet «${sheet}» (cadence ${enCount(cadence, 'day', 'days')}).`,
    confirmHeading: (channel: string, stamp: string, count: number) =>
      `${channel} confirmation requests exported ${stamp}: ${enCount(count, 'contact', 'contacts')} who signed up on the ` +
      'website and have not confirmed yet. Send each its confirmation link: until it is opened, nobody on this sheet is mailed.',
    confirmCap: 'Each contact is asked at most 3 times, and never twice within the cadence.',
    confirmColumns: ['Name', 'Client id', 'Address', 'Confirmation link'],
    confirmDone: (count: number, sheet: string, cadence: number) =>
      `${enCount(count, 'confirmation request', 'confirmation requests')} on the sheet «${sheet}» ` +
      `(cadence ${enCount(cadence, 'day', 'days')}).`,
    nobody: (channel: string, cadence: number) =>
      `Nobody to export for ${channel}: no contact with consent ${
        cadence > 0 ? `who was not listed within the last ${enCount(cadence, 'day', 'days')}` : 'at all'
      }. No sheet was created.`,
    confirmNobody: (channel: string, cadence: number) =>
      `Nobody to ask for ${channel}: no website sign-up awaits a confirmation request ` +
      `(cadence ${enCount(cadence, 'day', 'days')}). No sheet was created.`,
  },
};

export type MailingWords = typeof en;

const ru: MailingWords = {
  mailing: {
    title: 'Список рассылки',
    heading: (channel: string, stamp: string, count: number) =>
      `Список ${channel} выгружен ${stamp}: ${ruCount(count, 'контакт', 'контакта', 'контактов')}, у каждого есть согласие на ${channel}.`,
    cadence: (days: number) =>
      days > 0
        ? `Частота соблюдена: в списке нет никого, кто попадал в рассылку по этому каналу за последние ` +
          `${ruCount(days, 'день', 'дня', 'дней')}.`
        : 'Без ограничения частоты: в списке все, кто дал согласие.',
    exportId: (id: string) => `Выгрузка ${id} (записана в журнал аудита).`,
    columns: ['Имя', 'ID клиента', 'Адрес', 'Ссылка для отписки'],
    chooseChannel: 'Выберите SMS или e-mail.',
    chooseList: 'Выберите список рассылки или запросы подтверждения.',
    done: (count: number, sheet: string, cadence: number) =>
      `${capitalise(ruCount(count, 'контакт', 'контакта', 'контактов'))} на листе «${sheet}» (частота: раз в ` +
      `${ruCount(cadence, 'день', 'дня', 'дней')}).`,
    confirmHeading: (channel: string, stamp: string, count: number) =>
      `Запросы подтверждения ${channel} выгружены ${stamp}: ${ruCount(count, 'контакт', 'контакта', 'контактов')}, ` +
      'оставивших заявку на сайте и ещё не подтвердивших её. Отправьте каждому его ссылку: пока она не открыта, ' +
      'никому с этого листа рассылка не идёт.',
    confirmCap: 'Каждого спрашиваем не больше 3 раз и не чаще, чем позволяет частота рассылки.',
    confirmColumns: ['Имя', 'ID клиента', 'Адрес', 'Ссылка для подтверждения'],
    confirmDone: (count: number, sheet: string, cadence: number) =>
      `${capitalise(ruCount(count, 'запрос', 'запроса', 'запросов'))} подтверждения на листе «${sheet}» (частота: раз в ` +
      `${ruCount(cadence, 'день', 'дня', 'дней')}).`,
    nobody: (channel: string, cadence: number) =>
      `Выгружать некого (${channel}): нет контактов с согласием${
        cadence > 0 ? `, не попадавших в рассылку за последние ${ruCount(cadence, 'день', 'дня', 'дней')}` : ''
      }. Лист не создан.`,
    confirmNobody: (channel: string, cadence: number) =>
      `Спрашивать некого (${channel}): нет заявок с сайта, ждущих запроса подтверждения ` +
      `(частота: раз в ${ruCount(cadence, 'день', 'дня', 'дней')}). Лист не создан.`,
  },
};

export const mailingWords = { en, ru };
