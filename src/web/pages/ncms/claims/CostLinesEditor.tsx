import { memo, useCallback, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import { Button, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { LINE_CATEGORIES } from '../../../../ncms/claims/vocabulary.ts';
import { fenAmount } from '../money.ts';
import { isBlank, lineAmountFen, lineTotals, newLine, type CostLine } from './cost-lines.ts';

const CATEGORY_OPTIONS = Object.entries(LINE_CATEGORIES).map(([value, label]) => ({ value, label }));

export interface LineError {
  row: number;
  /** name, category, inCatalog, quantity or unitPrice; absent for the whole row. */
  field?: string;
  message: string;
}

/** Always one blank row at the end, so the keyboard never has to leave the table to add a line. */
export function withSpareRow(lines: CostLine[]): CostLine[] {
  const last = lines.at(-1);
  return last && isBlank(last) ? lines : [...lines, newLine()];
}

const cellId = (row: number, field: string) => `cost-${row}-${field}`;

/**
 * Moves the cursor at once when the cell exists (a fast typist's next keys must land there, not in the cell left),
 * else after React has drawn the row just added.
 */
function focusCell(row: number, field: string) {
  const focus = () => {
    const element = document.getElementById(cellId(row, field)) as HTMLInputElement | null;
    element?.focus();
    element?.select?.();
    return element !== null;
  };
  if (!focus()) setTimeout(focus, 0);
}

interface RowProps {
  line: CostLine;
  row: number;
  error?: LineError | undefined;
  disabled: boolean;
  onChange: (row: number, change: Partial<CostLine>) => void;
  onRemove: (row: number) => void;
}

/** One line; memoised so typing in one row does not redraw the others (a long bill on a modest PC). */
const LineRow = memo(function LineRow({ line, row, error, disabled, onChange, onRemove }: RowProps) {
  const status = (field: string) => (error && (error.field === field || !error.field) ? 'error' : undefined);
  const enterTo = (field: string) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    focusCell(field === 'name' ? row + 1 : row, field);
  };
  const amount = lineAmountFen(line);
  return (
    <tr className="cost-line">
      <td style={{ width: 36, textAlign: 'right', color: '#999' }}>{row + 1}</td>
      <td>
        <Input
          id={cellId(row, 'name')}
          value={line.name}
          onChange={(e) => onChange(row, { name: e.target.value })}
          onKeyDown={enterTo('quantity')}
          placeholder="药品、检查、治疗项目名称"
          status={status('name')}
          disabled={disabled}
          maxLength={100}
          aria-label={`第 ${row + 1} 行名称`}
        />
      </td>
      <td style={{ width: 110 }}>
        <Select
          id={cellId(row, 'category')}
          value={line.category}
          onChange={(category: string) => onChange(row, { category })}
          options={CATEGORY_OPTIONS}
          status={status('category')}
          disabled={disabled}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          aria-label={`第 ${row + 1} 行类别`}
        />
      </td>
      <td style={{ width: 80, textAlign: 'center' }}>
        <Checkbox
          id={cellId(row, 'inCatalog')}
          checked={line.inCatalog}
          onChange={(e) => onChange(row, { inCatalog: e.target.checked })}
          disabled={disabled}
          aria-label={`第 ${row + 1} 行目录内`}
        />
      </td>
      <td style={{ width: 100 }}>
        <InputNumber
          id={cellId(row, 'quantity')}
          value={line.quantity as number | null | undefined}
          onChange={(quantity) => onChange(row, { quantity })}
          onKeyDown={enterTo('unitPrice')}
          min={0}
          status={status('quantity')}
          disabled={disabled}
          style={{ width: '100%' }}
          aria-label={`第 ${row + 1} 行数量`}
        />
      </td>
      <td style={{ width: 130 }}>
        <InputNumber
          id={cellId(row, 'unitPrice')}
          value={line.unitPrice as number | null | undefined}
          onChange={(unitPrice) => onChange(row, { unitPrice })}
          onKeyDown={enterTo('name')}
          min={0}
          status={status('unitPrice')}
          disabled={disabled}
          style={{ width: '100%' }}
          aria-label={`第 ${row + 1} 行单价`}
        />
      </td>
      <td style={{ width: 120, textAlign: 'right' }} data-testid={`cost-amount-${row}`}>
        {amount === undefined ? (isBlank(line) ? '' : <Typography.Text type="warning">待填</Typography.Text>) : fenAmount(amount)}
      </td>
      <td style={{ width: 40 }}>
        {!isBlank(line) && <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => onRemove(row)} disabled={disabled} aria-label={`删除第 ${row + 1} 行`} />}
      </td>
    </tr>
  );
});

/**
 * 费用明细: one row per item, typed straight through with the keyboard (Enter moves name → quantity → price → next
 * row's name; Tab reaches category and 目录内), amounts and totals worked out live in fen.
 */
export function CostLinesEditor({
  lines,
  onChange,
  error,
  disabled = false,
}: {
  lines: CostLine[];
  /** A state setter: rows update from the latest lines, so unchanged rows keep their props and are not redrawn. */
  onChange: Dispatch<SetStateAction<CostLine[]>>;
  error?: LineError | undefined;
  disabled?: boolean;
}) {
  const totals = lineTotals(lines);
  const change = useCallback(
    (row: number, patch: Partial<CostLine>) => onChange((current) => withSpareRow(current.map((line, i) => (i === row ? { ...line, ...patch } : line)))),
    [onChange],
  );
  const remove = useCallback((row: number) => onChange((current) => withSpareRow(current.filter((_, i) => i !== row))), [onChange]);

  return (
    <div>
      <table style={{ width: '100%', borderCollapse: 'separate', borderSpacing: '4px 4px' }}>
        <thead>
          <tr style={{ textAlign: 'left', color: '#666', fontWeight: 500 }}>
            <th />
            <th>项目名称</th>
            <th>类别</th>
            <th style={{ textAlign: 'center' }}>目录内</th>
            <th>数量</th>
            <th>单价（元）</th>
            <th style={{ textAlign: 'right' }}>金额（元）</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line, row) => (
            <LineRow key={line.key} line={line} row={row} error={error?.row === row ? error : undefined} disabled={disabled} onChange={change} onRemove={remove} />
          ))}
        </tbody>
      </table>
      <Space size="large" wrap style={{ marginTop: 8, fontSize: 15 }} data-testid="cost-totals">
        <span>
          合计 <strong>{fenAmount(totals.totalFen)}</strong> 元（{totals.lines} 项）
        </span>
        <span>目录内 {fenAmount(totals.inCatalogFen)} 元</span>
        <span>目录外（自付）{fenAmount(totals.outOfCatalogFen)} 元</span>
        {totals.incomplete > 0 && <Typography.Text type="warning">{`另有 ${totals.incomplete} 行数量或单价未填好，未计入合计`}</Typography.Text>}
      </Space>
    </div>
  );
}
