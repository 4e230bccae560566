import type { Firestore } from 'firebase-admin/firestore';
import { splitClientDoc } from '../schema/client.ts';
import type { Deal, DealDoc } from '../schema/deal.ts';
import type { HistoryEntry } from '../schema/history.ts';
import type { Manager } from '../schema/manager.ts';
import type { RulesConfig } from '../schema/rules-config.ts';
import { collections } from './collections.ts';
import { managerFromDoc } from './manager-store.ts';
import { readRules } from './rules-store.ts';

export type Snapshot = {
  config?: RulesConfig;
  managers: Manager[];
  clients: Record<string, unknown>[];
  deals: Deal[];
  history: HistoryEntry[];
};

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The whole base as the import snapshot: export → import → export gives the same JSON. */
export async function exportSnapshot(db: Firestore): Promise<Snapshot> {
  const [rules, managers, clients, deals, history] = await Promise.all([
    readRules(db),
    db.collection(collections.managers).get(),
    db.collection(collections.clients).get(),
    db.collection(collections.deals).get(),
    db.collectionGroup(collections.history).get(),
  ]);
  const snapshot: Snapshot = {
    managers: managers.docs.map((d) => managerFromDoc(d.data())).sort(byId),
    clients: clients.docs
      .map((d) => splitClientDoc(d.data()).own as Record<string, unknown>)
      .sort((a, b) => byId(a as { id: string }, b as { id: string })),
    deals: deals.docs
      .map((d) => {
        const { seq: _seq, ...deal } = d.data() as DealDoc;
        return deal;
      })
      .sort(byId),
    history: history.docs
      .filter((d) => d.ref.parent.parent?.parent.id === collections.clients)
      .map((d) => d.data() as HistoryEntry)
      .sort((a, b) => (a.clientId !== b.clientId ? (a.clientId < b.clientId ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  if (rules.version > 0) return { config: rules.rules, ...snapshot };
  return snapshot;
}
