import { addDays, format, subDays } from 'date-fns';
import { completeInn } from '../core/tax-number.ts';

/**
 * A realistic demo company as an import snapshot: about 20 managers on 3 levels, a few thousand
 * clients, two years of deals up to `today`, some large and some lost clients, consents. The same
 * `today` and `seed` always give the same company.
 */
export type DemoOptions = { today: Date; clients?: number; seed?: number };

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Anna',
  'Boris',
  'Vera',
  'Gleb',
  'Daria',
  'Egor',
  'Zoya',
  'Ilya',
  'Kira',
  'Lev',
  'Maria',
  'Nikita',
  'Olga',
  'Pavel',
  'Raisa',
  'Semyon',
  'Tatiana',
  'Fedor',
  'Yulia',
  'Timur',
  'Alla',
  'Denis',
];
const lastNames = [
  'Ivanova',
  'Petrov',
  'Smirnova',
  'Kuznetsov',
  'Popova',
  'Sokolov',
  'Lebedeva',
  'Kozlov',
  'Novikova',
  'Morozov',
  'Volkova',
  'Fedorov',
  'Orlova',
  'Belov',
  'Zaitseva',
  'Gusev',
];
const companyWords = [
  'Romashka',
  'Vektor',
  'Sever',
  'Almaz',
  'Granit',
  'Orion',
  'Vostok',
  'Kedr',
  'Luch',
  'Sigma',
  'Polyus',
  'Rubin',
  'Start',
  'Titan',
  'Yantar',
  'Zenit',
];
const forms = ['OOO', 'AO', 'IP'];
const competitors = ['Vasilek Trade', 'Best Supply', 'Mega Opt', undefined];
const lostReasons = ['went to a competitor', 'closed the business', 'no longer needs our products', 'price too high'];
const mobilePrefixes = ['916', '925', '903', '905', '926', '985', '915', '910'];
const sources = ['questionnaire', 'website', 'event', 'referral', 'import', 'cold-call'] as const;

export function demoCompany(options: DemoOptions): Record<string, unknown> {
  const rnd = prng(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const day = (d: Date) => format(d, 'yyyy-MM-dd');
  const today = options.today;
  const clientCount = options.clients ?? 3000;

  const levels = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3];
  const managers: Record<string, unknown>[] = levels.map((level, i) => ({
    id: `m${String(i + 1).padStart(2, '0')}`,
    name: `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`,
    email: `manager${i + 1}@demo.clientbase.dev`,
    level,
    active: true,
    role: 'manager',
  }));
  managers.push({ id: 'head', name: 'Head of Sales', email: 'head@demo.clientbase.dev', level: 3, active: true, role: 'admin' });
  const sellers = managers.filter((m) => m.role === 'manager');

  const clients: Record<string, unknown>[] = [];
  const deals: Record<string, unknown>[] = [];
  let dealNo = 0;
  for (let n = 1; n <= clientCount; n++) {
    const id = `c${String(n).padStart(5, '0')}`;
    const company = rnd() < 0.7;
    const large = company && rnd() < 0.08;
    const unassigned = rnd() < 0.05;
    const holder = unassigned ? null : (pick(sellers) as { id: string; level: number });
    // Large clients sit with senior managers more often.
    const manager =
      holder && large && holder.level === 1 && rnd() < 0.6
        ? (pick(sellers.filter((m) => (m.level as number) >= 2)) as { id: string })
        : holder;
    const createdAt = subDays(today, Math.floor(rnd() * 1000) + 30);
    const assignedAt = addDays(createdAt, Math.floor(rnd() * 60));
    const attractedBy = manager && rnd() < 0.6 ? manager.id : rnd() < 0.5 ? (pick(sellers) as { id: string }).id : undefined;
    const phone = `+7${mobilePrefixes[n % mobilePrefixes.length]}${String((n * 7_654_321) % 10_000_000).padStart(7, '0')}`;
    const client: Record<string, unknown> = {
      id,
      name: company ? `${pick(forms)} ${pick(companyWords)}-${n}` : `${pick(firstNames)} ${pick(lastNames)}`,
      kind: company ? 'company' : 'person',
      size: large ? 'large' : 'regular',
      phones: [phone],
      emails: rnd() < 0.8 ? [`client${n}@demo-clients.ru`] : [],
      source: pick(sources),
      managerId: manager ? manager.id : null,
      createdAt: day(createdAt),
    };
    if (company) client.taxNumber = completeInn(String(100000000 + n * 37).slice(0, 9));
    if (manager) client.assignedAt = day(assignedAt < today ? assignedAt : today);
    if (attractedBy) client.attractedBy = attractedBy;
    if (rnd() < 0.04) {
      client.lostAt = day(subDays(today, Math.floor(rnd() * 200)));
      client.lostReason = pick(lostReasons);
      const competitor = pick(competitors);
      if (competitor && client.lostReason === 'went to a competitor') client.competitor = competitor;
    }
    if (manager && rnd() < 0.01) client.pinned = true;
    const consents: Record<string, unknown>[] = [];
    if ((client.emails as string[]).length > 0 && rnd() < 0.5) {
      consents.push({
        channel: 'email',
        status: rnd() < 0.9 ? 'granted' : 'withdrawn',
        at: day(createdAt),
        method: 'questionnaire',
        proof: { formId: 'paper-2025', recordedBy: String(attractedBy ?? 'import') },
      });
    }
    if (rnd() < 0.4)
      consents.push({
        channel: 'sms',
        status: 'granted',
        at: day(createdAt),
        method: pick(['website', 'event', 'questionnaire'] as const),
        proof: { formId: 'site-signup-v3' },
      });
    if (consents.length > 0) client.consents = consents;
    clients.push(client);

    // Deals: some clients buy regularly, many are dormant (rotation candidates).
    if (!manager || rnd() < 0.35) continue;
    const count = Math.floor(rnd() * 8);
    const horizon = Math.max(1, Math.floor((today.getTime() - assignedAt.getTime()) / 86_400_000));
    const span = Math.min(horizon, 730);
    for (let k = 0; k < count; k++) {
      const date = subDays(today, Math.floor(rnd() * span));
      if (date < assignedAt) continue;
      const amount = Math.round((large ? 500_000 : 50_000) * (0.5 + rnd() * 3)) * 100;
      deals.push({
        id: `d${String(++dealNo).padStart(6, '0')}`,
        clientId: id,
        managerId: manager.id,
        date: day(date),
        amount,
        profit: Math.round(amount * (0.1 + rnd() * 0.2)),
      });
    }
  }

  return {
    config: {
      timeZone: 'Europe/Moscow',
      rotation: { holdMonths: 6, noDealMonths: 12, noReturnRotations: 2, reportDays: 14 },
      bonus: {
        base: 'profit',
        normalRate: 0.05,
        newClientMultiplier: 3,
        retentionMonths: 3,
        attractionBonus: 100_000,
        cohortTiers: [
          { minShare: 1, rate: 0.04 },
          { minShare: 0.4, rate: 0.03 },
          { minShare: 0, rate: 0.02 },
        ],
      },
    },
    managers,
    clients,
    deals,
  };
}
