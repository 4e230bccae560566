// What the client card shows, as plain data for the sidebar (no functions, no Dates: only what
// google.script.run carries). Pure: labels and money come from the messages module.
import type { HistoryEntry } from '../../../functions/src/schema/history.ts';
import type { CardDeal, ClientCardAnswer, DealEstimate, HandoverTask } from '../../../functions/src/api/contract.ts';
import type { Locale, Messages } from '../messages.ts';
import { formatRoubles } from '../money.ts';
import { isoDay } from '../sheet/cell-values.ts';

export type CardFact = { label: string; value: string };
export type CardHistoryLine = { at: string; type: string; text: string; by: string };
export type CardTask = { id: string; dueDate: string; overdue: boolean };
/** `status`: the deal's review status, for the page's tint; `statusText` says it in words. */
export type CardDealLine = { date: string; text: string; status: CardDeal['status']; statusText: string; by: string };
/** A contact a sign-up gave for the client, awaiting the holder's decision; `text` says where it came from. */
export type CardContactToVerify = { channel: 'sms' | 'email'; address: string; text: string };

export type CardView = {
  clientId: string;
  name: string;
  version: number;
  lost: boolean;
  /** What stands between the holder and pay for this client, in words; null when nothing does. */
  payBlock: string | null;
  /** What the holder's next deal on it would earn, in words (the My clients cell); null when nobody holds it. */
  nextDeal: string | null;
  /** A lost client takes no deals, contacts or consents until the head of sales reinstates it. */
  recordingClosed: boolean;
  deals: { title: string; empty: string; lines: CardDealLine[] };
  facts: CardFact[];
  consents: CardFact[];
  contactsToVerify: CardContactToVerify[];
  history: CardHistoryLine[];
  tasks: CardTask[];
  today: string;
  nextContactOn: string | null;
};

export type CardContext = { m: Messages; locale: Locale; myId: string; today: string; formatWhen: (iso: string) => string };

function label<T extends string>(labels: Record<T, string>, code: string | undefined | null): string {
  return code ? ((labels as Record<string, string>)[code] ?? code) : '';
}

/** One history entry in words. */
export function historyText(entry: HistoryEntry, ctx: CardContext): string {
  const { m, locale } = ctx;
  switch (entry.type) {
    case 'contact':
      return `${label(m.contactChannels, entry.channel)}: ${entry.text}`;
    case 'note':
      return entry.text;
    case 'deal':
      return m.sidebar.dealLine(formatRoubles(entry.amount, locale), formatRoubles(entry.profit, locale));
    case 'transfer':
      return m.sidebar.transferLine(label(m.transferReasons, entry.reason));
    case 'consent':
      return m.sidebar.consentLine(
        label(m.consentChannels, entry.channel),
        label(m.consentStatuses, entry.status),
        label(m.consentMethods, entry.method),
      );
    case 'report':
      return m.sidebar.reportLine(label(m.outcomes, entry.outcome), entry.text);
    case 'lost':
      return m.sidebar.lostLine(entry.reason, entry.competitor ?? '');
    case 'incentive':
      return m.sidebar.incentiveLine(label(m.incentiveKinds, entry.kind), entry.reference ?? '');
    case 'edit':
      return entry.changes
        .map((c) => `${label(m.columns, c.field)}: ${editedValue(c.field, c.before, ctx)} → ${editedValue(c.field, c.after, ctx)}`)
        .join('; ');
    default:
      // An entry of a kind newer than this add-on: say it exists rather than show nothing.
      return m.sidebar.unknownEntry;
  }
}

type EditedValue = Extract<HistoryEntry, { type: 'edit' }>['changes'][number]['before'];

/** A field's value in an edit entry, in words: codes translated, lists joined, empty as a dash. */
function editedValue(field: string, value: EditedValue, ctx: CardContext): string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return '—';
  if (Array.isArray(value)) return value.join(', ');
  const labels: Record<string, Record<string, string>> = { kind: ctx.m.kinds, size: ctx.m.sizes, source: ctx.m.sources };
  return labels[field] ? label(labels[field], value) : value;
}

/** The client's deals, oldest first, each with whether it counts yet and why not. */
export function dealLines(deals: readonly CardDeal[], ctx: CardContext): CardDealLine[] {
  const { m, locale } = ctx;
  return [...deals]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))
    .map((d) => ({
      date: isoDay(d.date),
      text: m.deals.cardLine(formatRoubles(d.amount, locale), formatRoubles(d.profit, locale)),
      status: d.status,
      statusText: d.status === 'rejected' && d.reason ? m.deals.rejectedWith(d.reason) : m.deals.statuses[d.status],
      by: d.managerId === ctx.myId ? m.sidebar.you : d.managerId,
    }));
}

/** The caller's disputes about lines on this client, as facts: month, reason, and where it stands. */
export type CardDispute = { month: string; reason: string; status: string };

export function cardView(
  answer: ClientCardAnswer,
  tasks: readonly HandoverTask[],
  ctx: CardContext,
  disputes: readonly CardDispute[] = [],
): CardView {
  const { m } = ctx;
  const c = answer.client;
  const s = m.sidebar;
  const facts: CardFact[] = [
    { label: m.columns.kind, value: `${label(m.kinds, c.kind)}, ${label(m.sizes, c.size ?? 'regular').toLowerCase()}` },
    { label: s.phones, value: (c.phones ?? []).join(', ') },
    { label: s.emails, value: (c.emails ?? []).join(', ') },
    { label: s.taxNumber, value: c.taxNumber ?? '' },
    { label: s.source, value: label(m.sources, c.source) },
    { label: s.assignedAt, value: c.assignedAt ? ctx.formatWhen(c.assignedAt).slice(0, 10) : '' },
    { label: s.lastDeal, value: isoDay(c.lastDealAt) },
    { label: s.deals, value: String(c.dealCount ?? 0) },
    { label: s.rotationDueOn, value: c.rotationDueOn ?? '' },
    { label: s.reportDueOn, value: c.reportDueOn ?? '' },
    { label: s.nextContactOn, value: c.nextContactOn ?? '' },
  ];
  if (c.lostAt) facts.push({ label: s.lost, value: [isoDay(c.lostAt), c.lostReason, c.competitor].filter(Boolean).join(' · ') });
  for (const d of disputes) facts.push({ label: `${m.disputes.title} ${d.month}`, value: `${d.reason}: ${d.status}` });
  const consents = (['sms', 'email'] as const).map((channel) => {
    const consent = c.consents?.find((x) => x.channel === channel);
    // Dead is per address: a client may stay reachable on another phone or e-mail of the channel.
    const dead = consent?.deadAddresses ?? [];
    const unreachable = dead.length > 0 ? ` · ${label(m.consentStatuses, 'dead')}: ${dead.join(', ')}` : '';
    // Staff cannot grant again what the person withdrew: the card says so before anyone tries.
    const withdrawn = consent?.withdrawnByPersonAt ? ` · ${m.contactChecks.withdrawnByPerson(isoDay(consent.withdrawnByPersonAt))}` : '';
    const state = consent ? `${label(m.consentStatuses, consent.status)}, ${isoDay(consent.at)}` : '';
    const value = consent ? `${state} (${label(m.consentMethods, consent.method)})${unreachable}${withdrawn}` : s.noConsent;
    return { label: m.consentChannels[channel], value };
  });
  // The API answers history in time order; sorting again keeps that true whatever it sends.
  const history = [...answer.history]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
    .map((entry) => ({
      at: ctx.formatWhen(entry.at),
      type: label(m.historyTypes, entry.type),
      text: historyText(entry, ctx),
      by: entry.by === ctx.myId ? s.you : entry.by,
    }));
  return {
    clientId: c.id,
    name: c.name,
    version: c.version,
    lost: Boolean(c.lostAt),
    payBlock: c.payBlock ? m.deals.payBlocks[c.payBlock] : null,
    nextDeal: c.nextDeal ? m.deals.next.earns(c.nextDeal) : null,
    recordingClosed: c.payBlock === 'lost' || Boolean(c.lostAt),
    deals: { title: m.deals.cardTitle, empty: m.deals.noDeals, lines: dealLines(answer.deals, ctx) },
    facts: facts.filter((f) => f.value !== ''),
    consents,
    contactsToVerify: (answer.contactsToVerify ?? []).map((c) => ({
      channel: c.channel,
      address: c.address,
      text: m.contactChecks.toVerifyLine(c.address, c.name, isoDay(c.at), c.consentAsked),
    })),
    history,
    tasks: tasks
      .filter((t) => t.clientId === c.id)
      .map((t) => ({ id: t.id, dueDate: t.dueDate, overdue: t.overdue || t.dueDate < ctx.today })),
    today: ctx.today,
    nextContactOn: c.nextContactOn ?? null,
  };
}

/** The estimator's answer as the card shows it: each line the deal would make, and what they come to. */
export type EstimateView = { title: string; lines: CardFact[]; total: CardFact; note: string | null };

export function estimateView(estimate: DealEstimate, ctx: Pick<CardContext, 'm' | 'locale'>): EstimateView {
  const { m, locale } = ctx;
  const lines = estimate.lines.map((l) => {
    const rate = l.rate === null ? '' : ` ${m.deals.next.percent(l.rate)}`;
    const due = l.status === 'pending' && l.dueDate ? ` ${l.dueDate}` : '';
    const status = `${(m.lineStatuses as Record<string, string>)[l.status] ?? l.status}${due}`;
    return {
      label: `${(m.lineKinds as Record<string, string>)[l.kind] ?? l.kind}${rate}`,
      value: `${formatRoubles(l.amount, locale)} · ${status}`,
    };
  });
  const total = { label: m.bonus.totals.payable, value: formatRoubles(estimate.totals.payable, locale) };
  const pending =
    estimate.totals.pending > 0 ? [{ label: m.bonus.totals.pending, value: formatRoubles(estimate.totals.pending, locale) }] : [];
  return {
    title: m.sidebar.estimateTitle,
    lines: lines.length === 0 ? [{ label: m.sidebar.estimateNothing, value: '' }] : [...lines, ...pending],
    total,
    note: estimate.awaitsConfirmation ? m.sidebar.estimateAwaits : null,
  };
}
