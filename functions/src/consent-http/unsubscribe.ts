import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';
import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { isStopReply } from '../core/consent/sms-stop.ts';
import { verifyConsentToken } from '../core/consent/unsubscribe-token.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import { requireFormBody } from '../http/body-envelope.ts';
import { clientIp } from '../http/client-ip.ts';
import { sendProblem } from '../http/problem.ts';
import { boundedText } from '../schema/common.ts';
import { channelSchema, type Channel } from '../schema/consent.ts';
import { confirmConsent, markContactDead, withdrawByAddress, withdrawConsent } from '../store/consent-store.ts';
import { openFirestore } from '../store/db.ts';
import { proxyHopsFromEnv, secretMatches } from './request-input.ts';
import { unsubscribeConfigFromEnv, type UnsubscribeConfig } from './unsubscribe-config.ts';

export type UnsubscribeOptions = {
  db?: () => Firestore;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  trustedProxyHops?: number;
};

const smsStopSchema = z.object({ phone: boundedText(40).min(1, 'must not be empty'), text: boundedText(1600) }).strip();
const bounceSchema = z
  .object({ channel: channelSchema, address: boundedText(254).min(1, 'must not be empty'), reason: boundedText(500).optional() })
  .strip();

/**
 * `unsubscribe` (no login):
 * - `GET ?t=TOKEN`: a confirmation page with a button, so mail scanners that follow links do not
 *   unsubscribe anyone; `POST ?t=TOKEN` (the button, or RFC 8058 one-click with the body
 *   `List-Unsubscribe=One-Click`) withdraws the consent at once. Idempotent; an unknown, forged
 *   or mangled token gets exactly the same answer as a valid one.
 * - `GET /confirm?t=TOKEN`: the page confirming a public sign-up (double opt-in), with a button for
 *   the same reason; `POST /confirm?t=TOKEN` grants the pending consent with proof. Idempotent, the
 *   same answer for any token; an unsubscribe token never confirms, nor a confirmation token unsubscribes.
 * - `POST /sms-stop` (header X-Gateway-Secret = SMS_GATEWAY_SECRET): an SMS reply `{ phone, text }`;
 *   a STOP reply withdraws the sms consent of every client with that phone.
 * - `POST /bounce` (X-Gateway-Secret = the channel's own secret: ESP_WEBHOOK_SECRET for e-mail,
 *   SMS_GATEWAY_SECRET for sms): `{ channel, address, reason? }` marks the contact dead on that channel.
 */
export function unsubscribeHandler(options: UnsubscribeOptions = {}): HttpFunction {
  const env = options.env ?? process.env;
  const hops = options.trustedProxyHops ?? proxyHopsFromEnv(env);
  let db: Firestore | undefined;
  let config: UnsubscribeConfig | undefined;
  const deps: Deps = {
    env,
    hops,
    db: () => (db ??= (options.db ?? openFirestore)()),
    config: () => (config ??= unsubscribeConfigFromEnv(env)),
  };
  return async (req: Request, res: Response) => {
    try {
      const now = (options.now?.() ?? new Date()).toISOString();
      const endpoint = endpoints[endpointOf(req.path)];
      const handle = Object.hasOwn(endpoint.methods, req.method) ? endpoint.methods[req.method] : undefined;
      if (handle === undefined) throw new AppError('method-not-allowed', endpoint.refusal);
      await handle(req, res, deps, now);
    } catch (e) {
      sendProblem(res, e);
    }
  };
}

type Deps = { env: NodeJS.ProcessEnv; hops: number; db: () => Firestore; config: () => UnsubscribeConfig };
type Handler = (req: Request, res: Response, deps: Deps, now: string) => Promise<void>;
type Endpoint = { methods: Partial<Record<string, Handler>>; refusal: string };
type EndpointName = 'sms-stop' | 'bounce' | 'confirm' | 'unsubscribe';

/** The endpoint is the path's last segment (the function may be served under any prefix); anything else unsubscribes. */
function endpointOf(path: string): EndpointName {
  const trimmed = path.replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return last === 'sms-stop' || last === 'bounce' || last === 'confirm' ? last : 'unsubscribe';
}

/** The gateway's report, after its shared secret: `allowed` are the secrets that may send it. */
function gatewayBody(req: Request, allowed: Array<string | undefined>): Record<string, unknown> {
  if (allowed.every((s) => s === undefined || s.length < 16))
    throw new AppError('unavailable', 'gateway reports are not configured: set SMS_GATEWAY_SECRET (at least 16 characters)');
  if (!secretMatches(req.get('x-gateway-secret'), allowed))
    throw new AppError('unauthenticated', 'send the gateway secret in X-Gateway-Secret');
  return requireFormBody(req, 16 * 1024);
}

const smsStop: Handler = async (req, res, deps, now) => {
  const body = gatewayBody(req, [deps.env.SMS_GATEWAY_SECRET]);
  const db = deps.db();
  const reply = parseOrThrow(smsStopSchema, body, 'SMS reply');
  if (!isStopReply(reply.text)) {
    res.status(200).json({ status: 'ignored', stop: false });
    return;
  }
  const results = await withdrawByAddress(db, {
    channel: 'sms',
    address: reply.phone,
    at: now,
    by: 'sms-gateway',
    proof: { recordedBy: 'sms-gateway', note: reply.text.slice(0, 500) },
  });
  res.status(200).json({ status: 'ok', stop: true, withdrawn: results.filter((r) => r.outcome === 'withdrawn').length });
};

/** Each channel's gateway holds its own secret: the e-mail provider's cannot mark phones dead, nor the SMS gateway's e-mails. */
const gatewaySecretOf = { sms: 'SMS_GATEWAY_SECRET', email: 'ESP_WEBHOOK_SECRET' } as const satisfies Record<Channel, string>;

const bounce: Handler = async (req, res, deps, now) => {
  const body = gatewayBody(req, [deps.env.SMS_GATEWAY_SECRET, deps.env.ESP_WEBHOOK_SECRET]);
  const db = deps.db();
  const report = parseOrThrow(bounceSchema, body, 'bounce report');
  const own = gatewaySecretOf[report.channel];
  if (!secretMatches(req.get('x-gateway-secret'), [deps.env[own]]))
    throw new AppError('forbidden', `${report.channel} bounces are reported only with the ${report.channel} gateway's secret (${own})`, {
      issues: [{ path: 'channel', message: `needs ${own} in X-Gateway-Secret` }],
    });
  const results = await markContactDead(db, {
    channel: report.channel,
    address: report.address,
    at: now,
    by: 'bounce-report',
    ...(report.reason !== undefined ? { note: report.reason } : {}),
  });
  res.status(200).json({ status: 'ok', marked: results.filter((r) => r.outcome === 'dead').length });
};

const confirm: Handler = async (req, res, deps, now) => {
  const claim = verifyConsentToken(deps.config().verifySecrets, 'confirm', tokenOf(req));
  const ip = clientIp(req, deps.hops);
  if (claim !== undefined) await confirmConsent(deps.db(), { ...claim, at: now, ip });
  page(res, signupConfirmedPage());
};

const unsubscribe: Handler = async (req, res, deps, now) => {
  const claim = verifyConsentToken(deps.config().verifySecrets, 'unsubscribe', tokenOf(req));
  const ip = clientIp(req, deps.hops);
  if (claim !== undefined) {
    const oneClick = bodyField(req, 'List-Unsubscribe') === 'One-Click';
    await withdrawConsent(deps.db(), {
      clientId: claim.clientId,
      channel: claim.channel,
      address: claim.address,
      at: now,
      by: 'unsubscribe',
      proof: {
        recordedBy: 'unsubscribe',
        note: oneClick ? 'one-click (RFC 8058)' : 'unsubscribe page',
        ...(ip !== undefined ? { ip: ip.slice(0, 64) } : {}),
      },
    });
  }
  page(res, donePage());
};

const showPage =
  (html: (token: string) => string): Handler =>
  async (req, res) =>
    page(res, html(tokenOf(req)));

const endpoints: Record<EndpointName, Endpoint> = {
  'sms-stop': { methods: { POST: smsStop }, refusal: 'gateways report with POST' },
  bounce: { methods: { POST: bounce }, refusal: 'gateways report with POST' },
  confirm: {
    methods: { GET: showPage(signupConfirmationPage), HEAD: showPage(signupConfirmationPage), POST: confirm },
    refusal: 'open the link, then press the button',
  },
  unsubscribe: {
    methods: { GET: showPage(confirmationPage), HEAD: showPage(confirmationPage), POST: unsubscribe },
    refusal: 'open the link, then press the button',
  },
};

function tokenOf(req: Request): string {
  const q = req.query.t;
  if (typeof q === 'string') return q;
  const b = bodyField(req, 't');
  return typeof b === 'string' ? b : '';
}

function bodyField(req: Request, name: string): unknown {
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) return (body as Record<string, unknown>)[name];
  return undefined;
}

function page(res: Response, html: string): void {
  res.set('Cache-Control', 'no-store');
  res.set('Referrer-Policy', 'no-referrer');
  res.set('X-Robots-Tag', 'noindex');
  res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  res.status(200).type('text/html; charset=utf-8').send(html);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}' +
  'button{font-size:1rem;padding:.6rem 1.2rem}';

/** A small page in Russian with an English line under each paragraph; never cached, indexed or framed. */
function htmlPage(title: string, body: string): string {
  return [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">',
    `<title>${title}</title><style>${style}</style></head><body>`,
    body,
    '</body></html>',
  ].join('\n');
}

/** The button that does what the link is for: opening a link (a mail scanner) changes nothing. */
function buttonForm(token: string, label: string): string {
  const field = `<input type="hidden" name="t" value="${escapeHtml(token.slice(0, 2048))}">`;
  return `<form method="post">${field}<button type="submit">${label}</button></form>`;
}

function confirmationPage(token: string): string {
  return htmlPage(
    'Отписка от рассылки',
    [
      '<h1>Отписаться от рассылки?</h1>',
      '<p>Нажмите кнопку, и мы больше не будем присылать вам рекламные сообщения по этому каналу.<br>',
      '<small>Press the button to stop receiving our advertising messages on this channel.</small></p>',
      buttonForm(token, 'Отписаться / Unsubscribe'),
    ].join('\n'),
  );
}

function donePage(): string {
  return htmlPage(
    'Вы отписаны',
    [
      '<h1>Вы отписаны</h1>',
      '<p>Мы больше не будем присылать вам рекламные сообщения по этому каналу.<br>',
      '<small>You are unsubscribed: we will send you no more advertising on this channel.</small></p>',
    ].join('\n'),
  );
}

function signupConfirmationPage(token: string): string {
  return htmlPage(
    'Подтверждение подписки',
    [
      '<h1>Подтвердить подписку?</h1>',
      '<p>Нажмите кнопку, если это вы оставили этот адрес и согласны получать наши рекламные сообщения',
      'по этому каналу. Если это были не вы, просто закройте страницу.<br>',
      '<small>Press the button if you left this address and agree to receive our advertising on this channel.',
      'If it was not you, just close this page.</small></p>',
      buttonForm(token, 'Подтвердить / Confirm'),
    ].join('\n'),
  );
}

function signupConfirmedPage(): string {
  return htmlPage(
    'Спасибо',
    [
      '<h1>Спасибо!</h1>',
      '<p>Если ссылка была действительной, подписка подтверждена. Отписаться можно в любой момент',
      'по ссылке в каждом сообщении.<br>',
      '<small>If the link was valid, your subscription is confirmed. You can unsubscribe at any time',
      'with the link in every message.</small></p>',
    ].join('\n'),
  );
}
