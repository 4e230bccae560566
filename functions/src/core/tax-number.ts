/** Russian INN (taxpayer number) check digits: 10 digits for organisations, 12 for individuals. */
const weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  return (sum % 11) % 10;
}

export type InnCheck = { ok: true; inn: string } | { ok: false; message: string };

export function checkInn(raw: string): InnCheck {
  const inn = raw.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(inn)) return { ok: false, message: 'must contain digits only' };
  const d = [...inn].map(Number);
  if (inn.length === 10) {
    return checkDigit(d, weights10) === d[9] ? { ok: true, inn } : { ok: false, message: 'has a wrong check digit (not a valid INN)' };
  }
  if (inn.length === 12) {
    const ok = checkDigit(d, weights11) === d[10] && checkDigit(d, weights12) === d[11];
    return ok ? { ok: true, inn } : { ok: false, message: 'has wrong check digits (not a valid INN)' };
  }
  return { ok: false, message: 'must have 10 digits (organisation) or 12 digits (individual)' };
}

/** Appends check digits to a 9- or 10-digit prefix; used by the demo seed and tests. */
export function completeInn(prefix: string): string {
  const d = [...prefix].map(Number);
  if (d.length === 9) return prefix + checkDigit(d, weights10);
  if (d.length === 10) {
    const n11 = checkDigit(d, weights11);
    return prefix + n11 + checkDigit([...d, n11], weights12);
  }
  throw new Error('completeInn takes 9 or 10 digits');
}
