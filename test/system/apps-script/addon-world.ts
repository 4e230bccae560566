import { fileURLToPath } from 'node:url';
import type { Firestore } from 'firebase-admin/firestore';
import { startDevIdentity, type DevIdentity } from '../../../functions/src/local/dev-identity.ts';
import type { Manager } from '../../../functions/src/schema/manager.ts';
import { awaitJob } from '../../support/await-job.ts';
import { testFirestore } from '../../support/firestore.ts';
import {
  loadAddon,
  openSidebar,
  startApiProcess,
  type AddonHarness,
  type LoadAddonOptions,
  type SidebarPage,
} from '../../support/apps-script/index.ts';
import { myClientsTable, type ClientColumnKey } from '../../../apps-script/src/clients/client-columns.ts';

export const bundleDir = fileURLToPath(new URL('../../../apps-script/dist', import.meta.url));
export const audience = 'clientbase-addon-test';

/**
 * One base for an add-on test file: the real API in a child process on the real emulator, a local
 * token issuer it trusts, and the built add-on loaded for whichever person the test opens it as.
 */
export type AddonWorld = {
  db: Firestore;
  identity: DevIdentity;
  apiUrl: string;
  /** The API as another person would call it (a colleague, the head of sales), with a fresh token. */
  api: (method: string, path: string, as: string, body?: unknown) => Promise<{ status: number; body: any }>;
  addManager: (m: Partial<Manager> & { id: string }) => Promise<void>;
  /** The add-on opened by `as`; `apiUrl` only to put something in front of the API. */
  open: (options: { as: string } & Partial<Omit<LoadAddonOptions, 'bundleDir' | 'identity' | 'userEmail'>>) => Promise<AddonHarness>;
  /** Waits for a 202 job of the admin API to finish. */
  awaitJob: (started: { status: number; body: any }, as: string) => Promise<any>;
  close: () => Promise<void>;
};

export async function startAddonWorld(label: string): Promise<AddonWorld> {
  const { db, projectId, host } = testFirestore(label);
  const identity = await startDevIdentity({ audience });
  const apiProcess = await startApiProcess({ emulatorHost: host, projectId, audience, certsUrl: identity.certsUrl });
  const harnesses: AddonHarness[] = [];
  const api: AddonWorld['api'] = async (method, path, as, body) => {
    const res = await fetch(apiProcess.url + path.replace(/^\//, ''), {
      method,
      headers: {
        authorization: `Bearer ${identity.mint({ email: `${as}@example.com` })}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // stays text
    }
    return { status: res.status, body: parsed };
  };
  return {
    db,
    identity,
    apiUrl: apiProcess.url,
    api,
    async addManager(m) {
      await db
        .collection('managers')
        .doc(m.id)
        .set({ name: m.id, email: `${m.id}@example.com`, level: 1, active: true, role: 'manager', ...m });
    },
    async open(options) {
      const { as, ...rest } = options;
      const harness = await loadAddon({ bundleDir, apiUrl: apiProcess.url, identity, userEmail: `${as}@example.com`, ...rest });
      harnesses.push(harness);
      return harness;
    },
    awaitJob: async (started, as) => (await awaitJob(started, (poll) => api('GET', poll, as))).body,
    async close() {
      for (const h of harnesses) await h.close();
      await apiProcess.stop();
      await identity.close();
    },
  };
}

/** The "My clients" sheet's columns as the add-on lays them out (A = 1), from its column spec: a column added moves none of these. */
export const col = Object.fromEntries(myClientsTable.columns.map((c, i) => [c.key, i + 1])) as Record<ClientColumnKey, number>;

/** The card of one client as the person opens it: My clients loaded, the client's row selected, the menu item chosen. */
export async function openCardOf(addon: AddonHarness, clientId: string): Promise<{ title: string; card: SidebarPage }> {
  addon.call('menuRefreshMyClients');
  const sheet = 'My clients';
  const row = addon.spreadsheet.grid(sheet).findIndex((line) => line[col.clientId - 1] === clientId) + 1;
  addon.spreadsheet.userSelect(sheet, `B${row}`);
  addon.call('menuOpenClientCard');
  const shown = addon.ui.lastSidebar!;
  const card = await openSidebar(addon, shown.content);
  await card.settle();
  return { title: shown.title, card };
}
