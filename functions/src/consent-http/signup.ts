import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';
import { setTimeout as delay } from 'node:timers/promises';
import type { Firestore } from 'firebase-admin/firestore';
import { normaliseContacts } from '../core/contact-normalisation.ts';
import { AppError, formatPath, parseOrThrow } from '../errors.ts';
import { requireFormBody } from '../http/body-envelope.ts';
import { clientIp } from '../http/client-ip.ts';
import { sendProblem } from '../http/problem.ts';
import { signupFormSchema } from '../schema/signup.ts';
import { openFirestore } from '../store/db.ts';
import { hitRateLimit } from '../store/rate-limit-store.ts';
import { readRules } from '../store/rules-store.ts';
import { registerSignup, type SignupOutcome } from '../store/signup-store.ts';
import { proxyHopsFromEnv } from './request-input.ts';

export type SignupOptions = {
  db?: () => Firestore;
  now?: () => Date;
  /** Largest accepted body; a form is a few hundred bytes. */
  maxBodyBytes?: number;
  /** Proxies that append to X-Forwarded-For in front of the function (SIGNUP_TRUSTED_PROXY_HOPS, default 1). */
  trustedProxyHops?: number;
  /** Origins allowed to post from a browser script (SIGNUP_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: string[];
  /** Where a plain HTML form post is sent after success (SIGNUP_THANKS_URL); JSON callers get JSON. */
  thanksUrl?: string;
  /** Sees each registration (logging, tests); never changes the answer. */
  onRegistered?: (outcome: SignupOutcome) => void;
  /**
   * No registration is answered sooner than this after the request came in. Attaching to a known
   * client and creating a new one take different work; without a floor the answer time would tell
   * a stranger whether a phone or e-mail is already in the base.
   */
  answerFloorMs?: number;
};

/** Well above a registration's usual work (tens of ms), still unnoticeable on a web form. */
export const defaultAnswerFloorMs = 300;

/** The same answer whether the person was new or already in the base: nothing about the base leaks. */
// A consent given here waits for the person's confirmation: the answer says so, the same for everyone.
const received = {
  status: 'received',
  message: 'Thank you! Your details have been received. If you agreed to hear from us, we will send you a link to confirm it.',
} as const;

/**
 * Public sign-up from the website or a questionnaire (no login). Rate-limited per IP before any
 * work; oversized, non-form or malformed bodies are refused naming the fields; nothing is
 * written for a refused request.
 */
export function signupHandler(options: SignupOptions = {}): HttpFunction {
  const maxBytes = options.maxBodyBytes ?? 16 * 1024;
  const hops = options.trustedProxyHops ?? proxyHopsFromEnv(process.env);
  const origins =
    options.allowedOrigins ??
    (process.env.SIGNUP_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const thanksUrl = options.thanksUrl ?? (process.env.SIGNUP_THANKS_URL || undefined);
  let db: Firestore | undefined;
  const floorMs = options.answerFloorMs ?? defaultAnswerFloorMs;
  return async (req: Request, res: Response) => {
    const started = performance.now();
    try {
      allowOrigin(req, res, origins);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      if (req.method !== 'POST') throw new AppError('method-not-allowed', 'send the sign-up form with POST');
      db ??= (options.db ?? openFirestore)();
      const now = options.now?.() ?? new Date();
      const ip = clientIp(req, hops);
      const { rules } = await readRules(db);
      const rate = await hitRateLimit(db, { key: ip ?? 'unknown', limit: rules.intake.signupsPerMinutePerIp, windowSeconds: 60, now });
      if (!rate.allowed) {
        res.set('Retry-After', String(rate.retryAfterSeconds));
        throw new AppError('rate-limited', `too many sign-ups from this address; try again in ${rate.retryAfterSeconds} s`, {
          details: { retryAfterSeconds: rate.retryAfterSeconds },
        });
      }
      const body = requireFormBody(req, maxBytes);
      const form = parseOrThrow(signupFormSchema, body, 'sign-up form');
      const { contacts, issues } = normaliseContacts({
        phones: form.phone !== undefined ? [form.phone] : [],
        emails: form.email !== undefined ? [form.email] : [],
      });
      if (issues.length > 0) {
        throw new AppError('invalid-input', 'invalid sign-up form', {
          issues: issues.map((i) => ({ path: formatPath('', [i.path[0] === 'phones' ? 'phone' : 'email']), message: i.message })),
        });
      }
      let outcome: SignupOutcome;
      try {
        outcome = await registerSignup(
          db,
          { ...form, phone: contacts.phones[0], email: contacts.emails[0] },
          { at: now.toISOString(), ip },
        );
      } finally {
        // Whatever the base held, success or failure: the answer leaves no sooner than the floor.
        await delay(Math.max(0, started + floorMs - performance.now()));
      }
      options.onRegistered?.(outcome);
      if (thanksUrl !== undefined && req.is('application/x-www-form-urlencoded')) res.redirect(303, thanksUrl);
      else res.status(200).json(received);
    } catch (e) {
      sendProblem(res, e);
    }
  };
}

function allowOrigin(req: Request, res: Response, origins: string[]): void {
  const origin = req.get('origin');
  if (origin === undefined || !origins.includes(origin)) return;
  res.set('Access-Control-Allow-Origin', origin);
  res.set('Vary', 'Origin');
  res.set('Access-Control-Allow-Methods', 'POST');
  res.set('Access-Control-Allow-Headers', 'Content-Type');
  res.set('Access-Control-Max-Age', '3600');
}
