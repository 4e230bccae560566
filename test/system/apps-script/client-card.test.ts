import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, companyToday } from '../../../functions/src/core/calendar.ts';
import { closeSidebarBrowser, type AddonHarness, type SidebarPage } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { withdrawConsent } from '../../../functions/src/store/consent-store.ts';
import { registerSignup } from '../../../functions/src/store/signup-store.ts';
import { col, openCardOf, startAddonWorld, type AddonWorld } from './addon-world.ts';

// The client card as the manager uses it: the built sidebar page in headless Chromium, its
// google.script.run calls answered by the built bundle, which calls the real API.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
let world: AddonWorld;
let addon: AddonHarness;
let card: SidebarPage;
let clientId: string;

beforeAll(async () => {
  world = await startAddonWorld('addon-card');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  clientId = (await seedBook(world.db, { managerId: 'anna', count: 3, today, contactKeys: true }))[0]!;
  addon = await world.open({ as: 'anna' });
  const opened = await openCardOf(addon, clientId);
  expect(opened.title).toBe(`Client: Client anna-00000`);
  card = opened.card;
}, 90_000);
afterAll(async () => {
  await card?.close();
  await closeSidebarBrowser();
  await world?.close();
});

const page = () => card.page;
const text = async (selector: string) => ((await page().textContent(selector)) ?? '').trim();

async function submit(action: string, fields: Record<string, string>): Promise<void> {
  const form = `form[data-action="${action}"]`;
  if (!(await page().locator(`${form}`).isVisible())) await page().locator(`details:has(${form}) > summary`).click();
  for (const [name, value] of Object.entries(fields)) {
    const input = page().locator(`${form} [name="${name}"]`);
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await page().locator(`${form} button[type="submit"]`).click();
  await card.settle();
}

describe('the client card', () => {
  it('shows the client from the selected row', async () => {
    expect(await text('h2')).toBe('Client anna-00000');
    expect(await text('#app')).toContain('Rotation due on');
    expect(card.errors).toEqual([]);
  });

  it('refuses an amount it cannot read before sending, beside the field', async () => {
    addon.fetches.reset();
    await submit('deal', { date: today, amount: '12,500', profit: '1 000' });
    expect(await text('form[data-action="deal"] [data-error-for="amount"]')).toBe(
      'is ambiguous: write 12500 for twelve and a half thousand, 12,50 for twelve and a half',
    );
    expect(addon.fetches.filter((f) => f.method === 'POST')).toHaveLength(0);
    await submit('deal', { date: today, amount: '12 500', profit: '1 000,50' });
    expect(await text('#status')).toBe('Deal logged.');
    expect(await text('ol.history')).toContain('12,500.00\u00a0₽, profit 1,000.50\u00a0₽');
    const deals = await world.db.collection('deals').where('clientId', '==', clientId).get();
    expect(deals.docs.map((d) => d.get('amount'))).toEqual([1_250_000]);
  });

  // Before the client is marked lost below: a lost client takes no new consent from its holder.
  it('records a consent with its proof, and never receives the identity token', async () => {
    await submit('consent', { channel: 'email', status: 'granted', method: 'questionnaire', formId: 'Q-2026-17' });
    expect(await text('#status')).toBe('Consent recorded.');
    const client = (await world.db.collection('clients').doc(clientId).get()).data()!;
    expect(client.consents).toEqual([
      expect.objectContaining({ channel: 'email', status: 'granted', proof: { formId: 'Q-2026-17', recordedBy: 'anna' } }),
    ]);
    const html = await page().content();
    for (const token of addon.identityTokens()) expect(html).not.toContain(token);
    expect(card.blockedRequests).toEqual([]);
  });

  it('offers to plan the next contact when logging one, refuses a past day beside the field, and sets or clears it', async () => {
    const stored = async () => (await world.db.collection('clients').doc(clientId).get()).data()!;
    const tomorrow = addDaysToDay(today, 1);
    addon.fetches.reset();
    await submit('contact', { channel: 'call', text: 'asked to call back', nextContactOn: addDaysToDay(today, -1) });
    expect(await text('form[data-action="contact"] [data-error-for="nextContactOn"]')).toBe('must be today or later');
    expect(addon.fetches).toHaveLength(0);
    await submit('contact', { channel: 'call', text: 'asked to call back', nextContactOn: tomorrow });
    expect(await text('#status')).toBe('Contact logged.');
    expect((await stored()).nextContactOn).toBe(tomorrow);
    expect(await text('#app')).toContain(`Next contact on${tomorrow}`);
    const line = addon.spreadsheet.grid(sheet).find((l) => l[col.clientId - 1] === clientId)!;
    expect(line[col.nextContactOn - 1]).toBeInstanceOf(Date);
    await submit('next', { nextContactOn: today });
    expect(await text('#status')).toBe('Next contact saved.');
    expect((await stored()).nextContactOn).toBe(today);
    await submit('next', { nextContactOn: '' });
    expect((await stored()).nextContactOn).toBeUndefined();
    expect(await text('#app')).not.toContain('Next contact on2');
  });

  it("shows the base's own field error, then marks the client lost once it is fixed", async () => {
    await submit('lost', { date: today, reason: 'went to a competitor', competitor: 'R'.repeat(250) });
    expect(await text('form[data-action="lost"] [data-error-for="competitor"]')).toBe('must be at most 200 characters');
    expect(await page().getAttribute('form[data-action="lost"] [name="competitor"]', 'aria-invalid')).toBe('true');
    expect((await world.db.collection('clients').doc(clientId).get()).get('lostAt')).toBeUndefined();

    await submit('lost', { date: today, reason: 'went to a competitor', competitor: 'Rival LLC' });
    expect(await text('#status')).toBe('Client marked lost.');
    expect(await text('h2 .badge')).toBe('Lost');
    expect((await world.db.collection('clients').doc(clientId).get()).data()).toMatchObject({
      lostAt: today,
      lostReason: 'went to a competitor',
      competitor: 'Rival LLC',
    });
    // The sheet's row follows without a refresh.
    const line = addon.spreadsheet.grid(sheet).find((l) => l[col.clientId - 1] === clientId)!;
    expect(line[col.lostReason - 1]).toBe('went to a competitor');
    expect(line[col.competitor - 1]).toBe('Rival LLC');
    // The deal recorded above still awaits the head of sales.
    expect(line[col.payHint - 1]).toBe('Lost: ask the head of sales to reinstate it · 1 deal awaiting confirmation');
    // Out of the book: the card says why and offers no deal, contact or consent any more.
    expect(await text('.pay-block')).toBe(
      'This client is lost: ask the head of sales to reinstate it before recording deals, contacts or consents',
    );
    for (const action of ['deal', 'contact', 'consent', 'lost'])
      expect(await page().locator(`form[data-action="${action}"]`).count()).toBe(0);
    expect(await page().locator('form[data-action="note"]').count()).toBe(1);
  });

  it('shows a contact a sign-up gave, for the holder to accept, and the person’s withdrawal with what it takes to undo it', async () => {
    const phone = ((await world.db.collection('clients').doc(clientId).get()).get('phones') as string[])[0]!;
    const form = { formId: 'site', consentTextVersion: 'v1', source: 'website' as const };
    await registerSignup(
      world.db,
      { ...form, name: 'Typed Name', phone, email: 'typed@example.com', consents: { sms: false, email: false } },
      { at: new Date().toISOString(), ip: undefined },
    );
    await withdrawConsent(world.db, {
      clientId,
      channel: 'email',
      address: `${clientId}@example.com`,
      at: new Date().toISOString(),
      by: 'unsubscribe',
      proof: {},
    });
    await submit('note', { text: 'called: asked to stop e-mails' });
    expect(await text('#app')).toContain('Contacts to verify');
    expect(await text('#app')).toContain('typed@example.com, given on');
    expect(await text('#app')).toContain('“Typed Name”');
    expect(await text('#app')).toMatch(/withdrawn by the person on \d{4}-\d\d-\d\d: only their new consent grants it again/);
    await submit('verify', { decision: 'accept' });
    expect(await text('#status')).toBe('Contact added to the client.');
    expect((await world.db.collection('clients').doc(clientId).get()).get('emails')).toContain('typed@example.com');
    expect(await text('#app')).not.toContain('Contacts to verify');
  });

  it('renders something a person can read (not a blank page)', async () => {
    await card.screenshot(process.env.CARD_SCREENSHOT);
    expect(await card.inkRatio()).toBeGreaterThan(0.02);
  });
});
