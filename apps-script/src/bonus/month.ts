/** A month as the person typed it, `YYYY-MM`, or null: the base checks it again. */
export function monthOf(text: string): string | null {
  const month = text.trim();
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null;
}
