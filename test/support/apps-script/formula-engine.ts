import { columnLetters, columnNumber, quoteSheetName } from './a1-notation.ts';
import { dateToSerial, type CellValue } from './cell-values.ts';

/**
 * The spreadsheet double's small formula engine. Formulas are kept as text exactly as Sheets keeps
 * them; references in them are re-pointed when rows or columns are inserted, deleted or moved, and
 * same-row references follow their row when a sort moves it (as Sheets does for relative references).
 * Values are computed for simple formulas: arithmetic, comparison, `&`, references and ranges on any
 * sheet, and SUM MIN MAX AVERAGE COUNT COUNTA LEN UPPER LOWER TRIM LEFT RIGHT CONCATENATE CONCAT IF
 * IFERROR AND OR NOT ROUND ABS ISBLANK TODAY DATE. Any other function reads as Sheets' "#NAME?" — the
 * formula text itself stays readable through getFormulas().
 */
export type RefEnd = { row?: number; column?: number; rowAbsolute: boolean; columnAbsolute: boolean };
export type Ref = { sheet?: string; start: RefEnd; end?: RefEnd };

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'ref'; ref: Ref; start: number; end: number }
  | { kind: 'func'; name: string }
  | { kind: 'name'; name: string }
  | { kind: 'op'; op: string }
  | { kind: '(' | ')' | ',' };

export class FormulaError {
  readonly code: string;
  constructor(code: string) {
    this.code = code;
  }
}

const cellPart = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const columnPart = /^(\$?)([A-Za-z]{1,3})$/;
const rowPart = /^(\$?)(\d+)$/;

function refEnd(text: string): RefEnd | undefined {
  let m = cellPart.exec(text);
  if (m) return { column: columnNumber(m[2]!), row: Number(m[4]), columnAbsolute: m[1] === '$', rowAbsolute: m[3] === '$' };
  m = columnPart.exec(text);
  if (m) return { column: columnNumber(m[2]!), columnAbsolute: m[1] === '$', rowAbsolute: false };
  m = rowPart.exec(text);
  if (m) return { row: Number(m[2]), rowAbsolute: m[1] === '$', columnAbsolute: false };
  return undefined;
}

function formatEnd(end: RefEnd): string {
  const col = end.column === undefined ? '' : `${end.columnAbsolute ? '$' : ''}${columnLetters(end.column)}`;
  const row = end.row === undefined ? '' : `${end.rowAbsolute ? '$' : ''}${end.row}`;
  return col + row;
}

export function formatRef(ref: Ref): string {
  const prefix = ref.sheet === undefined ? '' : `${quoteSheetName(ref.sheet)}!`;
  return prefix + formatEnd(ref.start) + (ref.end ? `:${formatEnd(ref.end)}` : '');
}

// A reference: an optional sheet prefix (quoted or bare), a cell, column or row, optionally `:` and a second one.
const sheetPrefix = "((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?";
const referencePart = String.raw`(\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+)`;
const reference = new RegExp(`^${sheetPrefix}${referencePart}(?::${referencePart})?(?![A-Za-z0-9_(.!])`);
const errorLiteral = /^#(REF!|N\/A|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|ERROR!)/;

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const s = formula;
  let i = s.startsWith('=') ? 1 : 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= s.length) throw new FormulaError('#ERROR!');
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += s[j++];
      }
      tokens.push({ kind: 'string', value: text });
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const m = errorLiteral.exec(s.slice(i));
      if (!m) throw new FormulaError('#ERROR!');
      tokens.push({ kind: 'error', value: m[0] });
      i += m[0].length;
      continue;
    }
    // A reference, possibly with a sheet prefix and a second part; or a name, function, number.
    const rest = s.slice(i);
    const ref = reference.exec(rest);
    if (ref && (ref[1] || ref[3] || cellPart.test(ref[2]!))) {
      const start = refEnd(ref[2]!)!;
      const end = ref[3] ? refEnd(ref[3]) : undefined;
      if (!end && (start.row === undefined || start.column === undefined)) {
        // "A" or "12" alone is not a reference.
      } else {
        const sheet = ref[1] ? ref[1].slice(0, -1) : undefined;
        const sheetName = sheet === undefined ? undefined : sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
        tokens.push({
          kind: 'ref',
          ref: { ...(sheetName === undefined ? {} : { sheet: sheetName }), start, ...(end ? { end } : {}) },
          start: i,
          end: i + ref[0].length,
        });
        i += ref[0].length;
        continue;
      }
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      tokens.push({ kind: 'number', value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (word) {
      const after = s.slice(i + word[0].length).trimStart();
      if (after.startsWith('(')) tokens.push({ kind: 'func', name: word[0].toUpperCase() });
      else if (/^(TRUE|FALSE)$/i.test(word[0])) tokens.push({ kind: 'bool', value: word[0].toUpperCase() === 'TRUE' });
      else tokens.push({ kind: 'name', name: word[0] });
      i += word[0].length;
      continue;
    }
    const op = /^(<=|>=|<>|[-+*/^&=<>%])/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', op: op[0] });
      i += op[0].length;
      continue;
    }
    if (ch === '(' || ch === ')') tokens.push({ kind: ch });
    else if (ch === ',' || ch === ';') tokens.push({ kind: ',' });
    else throw new FormulaError('#ERROR!');
    i++;
  }
  return tokens;
}

/**
 * The formula with each reference replaced by what `map` says (the same ref, a moved one, or null for a
 * deleted cell: Sheets writes "#REF!"). Formulas that do not parse are returned unchanged.
 */
export function rewriteReferences(formula: string, map: (ref: Ref) => Ref | null): string {
  let tokens: Token[];
  try {
    tokens = tokenize(formula);
  } catch {
    return formula;
  }
  let out = '';
  let at = 0;
  for (const token of tokens) {
    if (token.kind !== 'ref') continue;
    const mapped = map(token.ref);
    out += formula.slice(at, token.start) + (mapped ? formatRef(mapped) : '#REF!');
    at = token.end;
  }
  return at === 0 ? formula : out + formula.slice(at);
}

/** What evaluation needs from the spreadsheet. */
export type FormulaScope = {
  /** Values of a rectangle of a sheet (undefined sheet = the formula's own), or a FormulaError. */
  values: (sheet: string | undefined, ref: Ref) => CellValue[][] | FormulaError;
  timeZone: string;
  today: () => Date;
};

type Value = number | string | boolean | Date | FormulaError | CellValue[][];

/** The value of a formula as getValues() returns it; errors read as their code ("#DIV/0!"). */
export function evaluateFormula(formula: string, scope: FormulaScope): CellValue {
  let result: Value;
  try {
    const parser = new Parser(tokenize(formula), scope);
    result = parser.parse();
  } catch (e) {
    if (e instanceof FormulaError) return e.code;
    throw e;
  }
  if (result instanceof FormulaError) return result.code;
  if (Array.isArray(result)) return result[0]?.[0] ?? '';
  return result;
}

class Parser {
  readonly #tokens: Token[];
  readonly #scope: FormulaScope;
  #i = 0;
  constructor(tokens: Token[], scope: FormulaScope) {
    this.#tokens = tokens;
    this.#scope = scope;
  }

  parse(): Value {
    const v = this.#comparison();
    if (this.#i < this.#tokens.length) throw new FormulaError('#ERROR!');
    return v;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#i];
  }

  #isOp(...ops: string[]): string | undefined {
    const t = this.#peek();
    return t?.kind === 'op' && ops.includes(t.op) ? t.op : undefined;
  }

  #comparison(): Value {
    let left = this.#concat();
    for (let op = this.#isOp('=', '<>', '<', '>', '<=', '>='); op; op = this.#isOp('=', '<>', '<', '>', '<=', '>=')) {
      this.#i++;
      const right = this.#concat();
      left = this.#compare(op, left, right);
    }
    return left;
  }

  #concat(): Value {
    let left = this.#additive();
    while (this.#isOp('&')) {
      this.#i++;
      const right = this.#additive();
      const l = this.#scalar(left);
      const r = this.#scalar(right);
      if (l instanceof FormulaError) return l;
      if (r instanceof FormulaError) return r;
      left = text(l) + text(r);
    }
    return left;
  }

  #additive(): Value {
    let left = this.#term();
    for (let op = this.#isOp('+', '-'); op; op = this.#isOp('+', '-')) {
      this.#i++;
      left = this.#arith(op, left, this.#term());
    }
    return left;
  }

  #term(): Value {
    let left = this.#power();
    for (let op = this.#isOp('*', '/'); op; op = this.#isOp('*', '/')) {
      this.#i++;
      left = this.#arith(op, left, this.#power());
    }
    return left;
  }

  #power(): Value {
    let left = this.#unary();
    while (this.#isOp('^')) {
      this.#i++;
      left = this.#arith('^', left, this.#unary());
    }
    return left;
  }

  #unary(): Value {
    const op = this.#isOp('-', '+');
    if (op) {
      this.#i++;
      const v = this.#unary();
      return op === '-' ? this.#arith('-', 0, v) : this.#arith('+', 0, v);
    }
    let v = this.#primary();
    while (this.#isOp('%')) {
      this.#i++;
      v = this.#arith('/', v, 100);
    }
    return v;
  }

  #primary(): Value {
    const t = this.#tokens[this.#i++];
    if (!t) throw new FormulaError('#ERROR!');
    switch (t.kind) {
      case 'number':
      case 'string':
      case 'bool':
        return t.value;
      case 'error':
        return new FormulaError(t.value);
      case 'ref': {
        const values = this.#scope.values(t.ref.sheet, t.ref);
        return values;
      }
      case 'name':
        return new FormulaError('#NAME?');
      case '(': {
        const v = this.#comparison();
        if (this.#tokens[this.#i++]?.kind !== ')') throw new FormulaError('#ERROR!');
        return v;
      }
      case 'func':
        return this.#call(t.name);
      default:
        throw new FormulaError('#ERROR!');
    }
  }

  #call(name: string): Value {
    this.#i++; // (
    const args: Value[] = [];
    if (this.#peek()?.kind !== ')') {
      for (;;) {
        args.push(this.#comparison());
        const t = this.#tokens[this.#i];
        if (t?.kind === ',') {
          this.#i++;
          continue;
        }
        break;
      }
    }
    if (this.#tokens[this.#i++]?.kind !== ')') throw new FormulaError('#ERROR!');
    const fn = functions[name];
    if (!fn) return new FormulaError('#NAME?');
    return fn(args, this.#scope);
  }

  #scalar(v: Value): Exclude<Value, CellValue[][]> {
    if (Array.isArray(v)) return v.length === 1 && v[0]!.length === 1 ? v[0]![0]! : new FormulaError('#VALUE!');
    return v;
  }

  #arith(op: string, a: Value, b: Value): Value {
    const x = toNumber(this.#scalar(a), this.#scope);
    const y = toNumber(this.#scalar(b), this.#scope);
    if (x instanceof FormulaError) return x;
    if (y instanceof FormulaError) return y;
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return y === 0 ? new FormulaError('#DIV/0!') : x / y;
      default:
        return x ** y;
    }
  }

  #compare(op: string, a: Value, b: Value): Value {
    const x = this.#scalar(a);
    const y = this.#scalar(b);
    if (x instanceof FormulaError) return x;
    if (y instanceof FormulaError) return y;
    const norm = (v: CellValue): number | string | boolean =>
      v instanceof Date ? dateToSerial(v, this.#scope.timeZone) : typeof v === 'string' ? v.toLowerCase() : v;
    let nx = norm(x);
    let ny = norm(y);
    // An empty cell equals 0, "" and FALSE.
    if (x === '' && typeof ny !== 'string') nx = typeof ny === 'number' ? 0 : false;
    if (y === '' && typeof nx !== 'string') ny = typeof nx === 'number' ? 0 : false;
    const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
    const c = rank(nx) !== rank(ny) ? rank(nx) - rank(ny) : nx < ny ? -1 : nx > ny ? 1 : 0;
    return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[op]!;
  }
}

function text(v: CellValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function toNumber(v: Exclude<Value, CellValue[][]>, scope: FormulaScope): number | FormulaError {
  if (v instanceof FormulaError) return v;
  if (v instanceof Date) return dateToSerial(v, scope.timeZone);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v.trim() === '') return 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : new FormulaError('#VALUE!');
}

function flat(args: Value[]): (CellValue | FormulaError)[] {
  return args.flatMap((a) => (Array.isArray(a) ? a.flat() : [a]));
}

function numbersOf(args: Value[], scope: FormulaScope): number[] | FormulaError {
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) {
      // Ranges: only numbers (and dates) count; text and blanks are skipped, as in Sheets.
      for (const v of a.flat())
        if (typeof v === 'number') out.push(v);
        else if (v instanceof Date) out.push(dateToSerial(v, scope.timeZone));
    } else {
      const n = toNumber(a, scope);
      if (n instanceof FormulaError) return n;
      out.push(n);
    }
  }
  return out;
}

function one(args: Value[], i: number): Exclude<Value, CellValue[][]> {
  const a = args[i];
  if (a === undefined) return new FormulaError('#N/A');
  if (Array.isArray(a)) return a.length === 1 && a[0]!.length === 1 ? a[0]![0]! : new FormulaError('#VALUE!');
  return a;
}

function textArg(args: Value[], i: number): string | FormulaError {
  const v = one(args, i);
  return v instanceof FormulaError ? v : text(v);
}

function truthy(v: Exclude<Value, CellValue[][]>, scope: FormulaScope): boolean | FormulaError {
  if (v instanceof FormulaError) return v;
  if (typeof v === 'string')
    return v.toUpperCase() === 'TRUE' ? true : v.toUpperCase() === 'FALSE' || v === '' ? false : new FormulaError('#VALUE!');
  const n = toNumber(v, scope);
  return n instanceof FormulaError ? n : n !== 0;
}

const numeric = (f: (xs: number[]) => number | FormulaError) => (args: Value[], scope: FormulaScope) => {
  const xs = numbersOf(args, scope);
  return xs instanceof FormulaError ? xs : f(xs);
};
const textual = (f: (s: string, args: Value[], scope: FormulaScope) => Value) => (args: Value[], scope: FormulaScope) => {
  const s = textArg(args, 0);
  return s instanceof FormulaError ? s : f(s, args, scope);
};

const functions: Record<string, (args: Value[], scope: FormulaScope) => Value> = {
  SUM: numeric((xs) => xs.reduce((s, x) => s + x, 0)),
  MIN: numeric((xs) => (xs.length ? Math.min(...xs) : 0)),
  MAX: numeric((xs) => (xs.length ? Math.max(...xs) : 0)),
  AVERAGE: numeric((xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : new FormulaError('#DIV/0!'))),
  COUNT: (args) => flat(args).filter((v) => typeof v === 'number' || v instanceof Date).length,
  COUNTA: (args) => flat(args).filter((v) => v !== '').length,
  LEN: textual((s) => s.length),
  UPPER: textual((s) => s.toUpperCase()),
  LOWER: textual((s) => s.toLowerCase()),
  TRIM: textual((s) => s.trim().replace(/ +/g, ' ')),
  LEFT: textual((s, args, scope) => {
    const n = args.length > 1 ? toNumber(one(args, 1), scope) : 1;
    return n instanceof FormulaError ? n : s.slice(0, n);
  }),
  RIGHT: textual((s, args, scope) => {
    const n = args.length > 1 ? toNumber(one(args, 1), scope) : 1;
    return n instanceof FormulaError ? n : n === 0 ? '' : s.slice(-n);
  }),
  CONCATENATE: (args) => {
    const parts = flat(args);
    const error = parts.find((p) => p instanceof FormulaError);
    return error ?? parts.map((p) => text(p as CellValue)).join('');
  },
  CONCAT: (args, scope) => functions.CONCATENATE!(args, scope),
  IF: (args, scope) => {
    const c = truthy(one(args, 0), scope);
    if (c instanceof FormulaError) return c;
    return c ? (args[1] ?? true) : (args[2] ?? false);
  },
  IFERROR: (args) => {
    const v = one(args, 0);
    return v instanceof FormulaError ? (args[1] ?? '') : (args[0] as Value);
  },
  AND: (args, scope) => {
    for (const v of flat(args)) {
      if (v === '') continue;
      const t = truthy(v, scope);
      if (t !== true) return t;
    }
    return true;
  },
  OR: (args, scope) => {
    let any = false;
    for (const v of flat(args)) {
      if (v === '') continue;
      const t = truthy(v, scope);
      if (t instanceof FormulaError) return t;
      any ||= t;
    }
    return any;
  },
  NOT: (args, scope) => {
    const t = truthy(one(args, 0), scope);
    return t instanceof FormulaError ? t : !t;
  },
  ROUND: (args, scope) => {
    const x = toNumber(one(args, 0), scope);
    const d = args.length > 1 ? toNumber(one(args, 1), scope) : 0;
    if (x instanceof FormulaError) return x;
    if (d instanceof FormulaError) return d;
    const f = 10 ** d;
    return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  },
  ABS: (args, scope) => {
    const x = toNumber(one(args, 0), scope);
    return x instanceof FormulaError ? x : Math.abs(x);
  },
  ISBLANK: (args) => one(args, 0) === '',
  TODAY: (_args, scope) => Math.floor(dateToSerial(scope.today(), scope.timeZone)),
  DATE: (args, scope) => {
    const [y, m, d] = [0, 1, 2].map((i) => toNumber(one(args, i), scope));
    const error = [y, m, d].find((v) => v instanceof FormulaError);
    if (error) return error;
    return Date.UTC(y as number, (m as number) - 1, d as number) / 86_400_000 + 25569;
  },
};
