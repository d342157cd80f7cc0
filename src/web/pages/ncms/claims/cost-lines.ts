// The cost lines (费用明细) of a claim as the clerk types them, their amounts and live totals in integer fen, and the
// request they become. Amount = quantity × unit price rounded half up to the fen, exactly as the server computes it
// (src/ncms/claims/claim-input.ts), on integers from the decimal digits: never price × quantity on floats.
import { scaleDecimal, yuanToFen } from '../../../../ncms/scheme/decimal.ts';

export interface CostLine {
  /** The row's own key (rows are added and removed while typing). */
  key: string;
  name?: string;
  category?: string;
  inCatalog: boolean;
  quantity?: number | string | null;
  /** Yuan. */
  unitPrice?: number | string | null;
}

export interface LineRequest {
  name: string;
  category: string;
  inCatalog: boolean;
  quantity: number | string;
  unitPrice: number | string;
}

let counter = 0;
/** A fresh row: in the catalogue, one of it, category 药品 (the commonest line). */
export function newLine(): CostLine {
  counter += 1;
  return { key: `l${Date.now().toString(36)}${counter}`, category: 'drug', inCatalog: true, quantity: 1 };
}

const filled = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';

/** A row with nothing typed in it (the spare row at the end): not sent, not counted. */
export function isBlank(line: CostLine): boolean {
  return !filled(line.name) && !filled(line.unitPrice);
}

/** The row's amount in fen, or undefined while its quantity or price is missing or not a valid figure. */
export function lineAmountFen(line: CostLine): number | undefined {
  const centi = scaleDecimal(line.quantity, 2);
  const price = yuanToFen(line.unitPrice);
  if (typeof centi === 'string' || typeof price === 'string' || centi <= 0 || price < 0) return undefined;
  return Math.floor((centi * price + 50) / 100);
}

export interface LineTotals {
  totalFen: number;
  inCatalogFen: number;
  outOfCatalogFen: number;
  /** Rows with something typed but no valid amount yet: the totals leave them out. */
  incomplete: number;
  lines: number;
}

export function lineTotals(lines: readonly CostLine[]): LineTotals {
  const totals: LineTotals = { totalFen: 0, inCatalogFen: 0, outOfCatalogFen: 0, incomplete: 0, lines: 0 };
  for (const line of lines) {
    if (isBlank(line)) continue;
    const amount = lineAmountFen(line);
    if (amount === undefined) {
      totals.incomplete += 1;
      continue;
    }
    totals.lines += 1;
    totals.totalFen += amount;
    if (line.inCatalog) totals.inCatalogFen += amount;
    else totals.outOfCatalogFen += amount;
  }
  return totals;
}

/** The rows to send (blank ones left out) and, for each, its row on screen (to place the server's "lines.3.quantity"). */
export function linesRequest(lines: readonly CostLine[]): { lines: LineRequest[]; rowOf: number[] } {
  const out: LineRequest[] = [];
  const rowOf: number[] = [];
  lines.forEach((line, row) => {
    if (isBlank(line)) return;
    rowOf.push(row);
    out.push({
      name: (line.name ?? '').trim(),
      category: line.category ?? 'other',
      inCatalog: line.inCatalog,
      quantity: line.quantity ?? '',
      unitPrice: line.unitPrice ?? '',
    });
  });
  return { lines: out, rowOf };
}

/**
 * The idempotency key of a submission attempt: the same content sent again (a double click, a retry after a lost
 * answer) keeps its key, so the server answers the first result; changed content is a new attempt with a new key.
 */
export function attemptFor(previous: { content: string; key: string } | undefined, content: unknown, fresh: () => string): { content: string; key: string } {
  const text = JSON.stringify(content);
  return previous && previous.content === text ? previous : { content: text, key: fresh() };
}
