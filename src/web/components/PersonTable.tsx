import { Table, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import type { PersonSummary } from '../api/types.ts';
import { nameOf, RELATION_NAMES, SEX_NAMES } from '../lib/format.ts';
import { PersonStatusTag } from './PersonStatusTag.tsx';

type Column = NonNullable<TableProps<PersonSummary>['columns']>[number];

const COLUMNS = {
  name: { title: '姓名', dataIndex: 'name', render: (name: string, p) => <Link to={`/people/persons/${p.id}`}>{name}</Link> },
  idNumber: { title: '身份证号', dataIndex: 'idNumber', render: (id: string | null) => id ?? '（未办理）' },
  sex: { title: '性别', dataIndex: 'sex', width: 64, render: (sex: string) => nameOf(SEX_NAMES, sex) },
  birthDate: { title: '出生日期', dataIndex: 'birthDate', width: 110 },
  relation: { title: '与户主关系', dataIndex: 'relation', width: 100, render: (code: string | null) => nameOf(RELATION_NAMES, code) },
  status: { title: '状态', dataIndex: 'status', width: 130, render: (s: string, p) => <PersonStatusTag status={s} date={p.statusDate} /> },
  householdNo: {
    title: '户号',
    dataIndex: 'householdNo',
    render: (no: string | null, p) => (p.householdId ? <Link to={`/people/households/${p.householdId}`}>{no}</Link> : '—'),
  },
  areaName: { title: '所属区划', dataIndex: 'areaName' },
} satisfies Record<string, Column>;

/** Persons as a table; `columns` picks which of the standard columns to show, in order. */
export function PersonTable({ columns, ...props }: { columns: (keyof typeof COLUMNS)[] } & Omit<TableProps<PersonSummary>, 'columns'>) {
  return <Table<PersonSummary> rowKey="id" size="middle" columns={columns.map((key) => ({ key, ...COLUMNS[key] }))} {...props} />;
}
