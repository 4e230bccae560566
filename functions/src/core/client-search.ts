import type { ClientDoc } from '../schema/client.ts';

/** What "my clients" can be narrowed by, besides the holder. */
export type ClientFilter = {
  q?: string;
  kind?: 'person' | 'company';
  size?: 'regular' | 'large';
  lost?: boolean;
};

export function hasFilter(filter: ClientFilter): boolean {
  return filter.q !== undefined || filter.kind !== undefined || filter.size !== undefined || filter.lost !== undefined;
}

/**
 * Text matches the name, id, e-mails or INN case-insensitively, or, with three or more digits,
 * any phone by its digits: a manager types "916 123" or "8916123" and finds +79161234567.
 */
export function clientMatcher(
  filter: ClientFilter,
): (doc: Pick<ClientDoc, 'id' | 'name' | 'kind' | 'size' | 'phones' | 'emails' | 'taxNumber' | 'lostAt'>) => boolean {
  const text = filter.q?.trim().toLowerCase();
  const digits = text?.replace(/\D/g, '') ?? '';
  return (doc) => {
    if (filter.kind !== undefined && doc.kind !== filter.kind) return false;
    if (filter.size !== undefined && (doc.size ?? 'regular') !== filter.size) return false;
    if (filter.lost !== undefined && (doc.lostAt !== undefined) !== filter.lost) return false;
    if (text) {
      const inText = [doc.name, doc.id, ...(doc.emails ?? []), doc.taxNumber ?? ''].some((s) => s.toLowerCase().includes(text));
      const inPhones =
        digits.length >= 3 &&
        (doc.phones ?? []).some((p) => p.replace(/\D/g, '').includes(digits) || p.replace(/\D/g, '').replace(/^7/, '8').includes(digits));
      if (!inText && !inPhones) return false;
    }
    return true;
  };
}
