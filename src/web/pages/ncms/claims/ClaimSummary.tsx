import { Table, Tag, type DescriptionsProps } from 'antd';
import type { ClaimLineView, ClaimView } from '../ncms-types.ts';
import { fenAmount } from '../money.ts';

/** Who, where, when and why: the lines a claim is known by at the head of its page and of its review. */
export function claimHeadingItems(claim: ClaimView): NonNullable<DescriptionsProps['items']> {
  return [
    { key: 'person', label: '患者', children: claim.personName },
    { key: 'idNumber', label: '身份证号', children: claim.idNumberMasked ?? '—' },
    { key: 'kind', label: '补偿类别', children: claim.kindName },
    { key: 'institution', label: '医疗机构', children: `${claim.institutionName}（${claim.levelName}）` },
    { key: 'admitted', label: '入院/就诊', children: claim.admittedOn },
    { key: 'discharged', label: '出院', children: claim.dischargedOn ?? '—' },
    { key: 'diagnosis', label: '诊断', children: claim.diagnosis || '—' },
  ];
}

/** The claim's cost lines; what is outside the catalogue (paid by the patient) is marked. */
export function ClaimLinesTable({ lines }: { lines: ClaimLineView[] }) {
  return (
    <Table<ClaimLineView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={lines}
      columns={[
        { title: '项目名称', dataIndex: 'name' },
        { title: '类别', dataIndex: 'categoryName', width: 80 },
        { title: '目录', dataIndex: 'inCatalog', width: 120, render: (inside: boolean) => (inside ? '目录内' : <Tag color="orange">目录外（自付）</Tag>) },
        { title: '数量', dataIndex: 'quantity', width: 80, align: 'right' },
        { title: '单价（元）', dataIndex: 'unitPriceFen', width: 120, align: 'right', render: fenAmount },
        { title: '金额（元）', dataIndex: 'amountFen', width: 120, align: 'right', render: fenAmount },
      ]}
    />
  );
}
