import { describe, expect, it } from 'vitest';
import { isStopReply } from '../../../../functions/src/core/consent/sms-stop.ts';

describe('sms stop replies', () => {
  it('reads STOP words in either language, case and punctuation aside', () => {
    for (const t of ['STOP', ' stop!', 'Стоп', 'ОТПИСКА please', 'unsubscribe']) expect(isStopReply(t)).toBe(true);
    for (const t of ['thanks', 'when is the sale?', 'stopwatch', '']) expect(isStopReply(t)).toBe(false);
  });
});
