// Leaves as a person types them in one cell (the Team sheet, managers.csv):
// "2027-01-10..2027-01-24; 2027-03-01..2027-03-05". No dependencies: the add-on bundles it.

export type AbsenceText = { from: string; to: string };

/** Splits the cell into leaves; a lone day is a one-day leave. The days themselves are the schema's to judge. */
export function parseAbsenceText(text: string): AbsenceText[] {
  return text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const range = /^(.*?)\s*(?:\.\.|–|—)\s*(.*)$/.exec(part);
      return range ? { from: range[1]!, to: range[2]! } : { from: part, to: part };
    });
}

/** Always `from..to`, even for one day: a bare day in a cell would be read back as a date. */
export function absenceText(absences: ReadonlyArray<AbsenceText> | undefined): string {
  return (absences ?? []).map((a) => `${a.from}..${a.to}`).join('; ');
}
