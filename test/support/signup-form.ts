export type SignupFormFields = { name: string; phone?: string; email?: string; sms?: boolean; mail?: boolean };

let ipSeq = 0;

/**
 * Posts the public sign-up form as the website sends it, each time from another documentation-range
 * address (RFC 5737), so the per-IP rate limit never decides a test.
 */
export function postSignupForm(url: string, fields: SignupFormFields): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${(++ipSeq % 250) + 1}` },
    body: JSON.stringify({
      name: fields.name,
      phone: fields.phone ?? '',
      email: fields.email ?? '',
      consents: { sms: fields.sms ?? false, email: fields.mail ?? false },
      formId: 'site-footer',
      consentTextVersion: '2026-05',
    }),
  });
}
