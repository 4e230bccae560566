/** Replies that mean "stop sending me messages" (Russian and English, as gateways forward them). */
const stopWords = new Set(['stop', 'стоп', 'unsubscribe', 'отписка', 'отписаться', 'отпиши', 'cancel', 'end', 'quit', 'stopall', 'нет']);

/** Whether an SMS reply asks to stop: its first word, case and punctuation aside, is a stop word. */
export function isStopReply(text: string): boolean {
  const first = text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  return stopWords.has(first.replace(/[^\p{L}]/gu, ''));
}
