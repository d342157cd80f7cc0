import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Input, Space, Table, Tag, Tooltip } from 'antd';
import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { api, apiUrl } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { SEX_NAMES } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import type { ChildRecord, ChildSummary, DoseView, PlannedDose } from './immunization-types.ts';
import { statusTag } from './immunization-logic.ts';
import { DoseForm } from './DoseForm.tsx';
import { RegisterChildModal } from './RegisterChildModal.tsx';
import { DeleteDoseButton } from './DeleteDoseButton.tsx';

const SOURCE_NAMES: Record<DoseView['source'], string> = { clinic: '本单位', import: '历史登记导入', other_place: '外地' };
const RESIDENCE_NAMES = { local: '本地', migrant_in: '流入（流动儿童）' } as const;
const STATUS_NAMES = { active: '在管', moved_away: '迁出', dead: '死亡' } as const;
const CONDITION_NAMES: Record<string, string> = { mother_hbsag_positive: '母亲HBsAg阳性', birth_weight_under_2000g: '出生体重<2000克' };

/** 儿童接种档案: find a child, read its certificate, doses and plan, record a dose; register a new child. */
export default function ChildRecordPage() {
  const { text, number, update } = useQueryParams();
  const user = useCurrentUser();
  const canWrite = allowed(user.role, 'immunization.write');
  const q = text('q');
  const id = number('id');
  const [registering, setRegistering] = useState(false);
  const found = useLoad(() => (q ? api<{ items: ChildSummary[]; total: number }>('/immunization/children', { query: { q } }) : Promise.resolve(undefined)), [q]);

  return (
    <Card
      title="儿童接种档案"
      extra={canWrite && <Button icon={<PlusOutlined />} onClick={() => setRegistering(true)}>儿童建档</Button>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          enterButton="查找"
          placeholder="接种证号、完整身份证号或完整姓名"
          style={{ maxWidth: 480 }}
          onSearch={(value) => update({ q: value.trim() || undefined, id: undefined })}
        />
        {q && (
          <Table<ChildSummary>
            rowKey="id"
            size="small"
            loading={found.loading}
            dataSource={found.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: `没有找到「${q}」：请输入完整的姓名、身份证号或接种证号` }}
            onRow={(c) => ({ onClick: () => update({ id: c.id }), style: { cursor: 'pointer' } })}
            rowClassName={(c) => (c.id === id ? 'ant-table-row-selected' : '')}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '出生日期', dataIndex: 'birthDate' },
              { title: '身份证号', render: (_, c) => c.idNumber ?? '—' },
              { title: '现居住村', dataIndex: 'areaName' },
              { title: '接种证号', render: (_, c) => c.certificateNo ?? '未发证' },
              { title: '状态', render: (_, c) => STATUS_NAMES[c.status] },
            ]}
          />
        )}
        {id ? <ChildDetail key={id} id={id} canWrite={canWrite} /> : !q && <Empty description="输入姓名、身份证号或接种证号查找儿童" />}
      </Space>
      <RegisterChildModal
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(record) => {
          setRegistering(false);
          update({ q: record.name, id: record.id });
        }}
      />
    </Card>
  );
}

function ChildDetail({ id, canWrite }: { id: number; canWrite: boolean }) {
  const { message } = App.useApp();
  const loaded = useLoad(() => api<ChildRecord>(`/immunization/children/${id}`), [id]);
  const [fresh, setFresh] = useState<ChildRecord>();
  const [preset, setPreset] = useState<{ vaccine: string; dose: number }>();
  const record = fresh ?? loaded.data;
  if (loaded.error) return <Alert type="warning" showIcon title={loaded.error.message} />;
  if (!record) return <Card loading />;

  async function issue() {
    try {
      setFresh(await api<ChildRecord>(`/immunization/children/${id}/certificate`, { method: 'POST', body: {} }));
      message.success('接种证已发放');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '发证失败，请稍后重试');
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="child-record">
      <Descriptions
        title={`${record.name}（${SEX_NAMES[record.sex]}，${record.birthDate} 出生）`}
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        extra={
          record.certificateNo ? (
            <Button icon={<FilePdfOutlined />} href={apiUrl(`/immunization/children/${id}/certificate.pdf`)} target="_blank">
              打印接种证
            </Button>
          ) : (
            canWrite && <Button onClick={() => void issue()}>发放接种证</Button>
          )
        }
      >
        <Descriptions.Item label="接种证号">{record.certificateNo ? `${record.certificateNo}（${record.certificateIssuedOn} 发证）` : '未发证'}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{record.idNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">{STATUS_NAMES[record.status]}{record.statusDate ? `（${record.statusDate}）` : ''}</Descriptions.Item>
        <Descriptions.Item label="现居住">{`${record.areaName} ${record.address}`}</Descriptions.Item>
        <Descriptions.Item label="户籍">{`${record.householdAreaName}（${RESIDENCE_NAMES[record.residence]}）`}</Descriptions.Item>
        <Descriptions.Item label="接种单位">{record.clinicName}</Descriptions.Item>
        <Descriptions.Item label="监护人">{`${record.guardianName} ${record.guardianPhone ?? ''}`}</Descriptions.Item>
        <Descriptions.Item label="儿童情况">{record.conditions.map((c) => CONDITION_NAMES[c] ?? c).join('、') || '无'}</Descriptions.Item>
      </Descriptions>

      {record.planProblems.length > 0 && (
        <Alert type="error" showIcon title="接种记录有误，无法排出免疫规划：" description={record.planProblems.map((p) => p.message).join('；')} />
      )}

      <Card size="small" title="免疫规划" data-testid="plan">
        <Table<PlannedDose>
          rowKey={(d) => `${d.series}-${d.seriesDose}-${d.vaccine}-${d.dose}`}
          size="small"
          dataSource={record.plan?.doses ?? []}
          pagination={false}
          columns={[
            { title: '疫苗', render: (_, d) => `${d.vaccineName} 第${d.dose}剂` },
            {
              title: '状态',
              render: (_, d) => {
                const tag = statusTag(d);
                return (
                  <Tooltip title={tag.detail}>
                    <Tag color={tag.color}>{tag.text}</Tag>
                  </Tooltip>
                );
              },
            },
            { title: '接种日期 / 应种日期', render: (_, d) => (d.status === 'done' ? d.date : d.status === 'not_to_give' ? '' : d.dueDate) },
            { title: '最早可种', render: (_, d) => ('earliest' in d ? d.earliest : '') },
            { title: '说明', render: (_, d) => (d.status === 'not_to_give' ? d.message : 'note' in d ? d.note : '') },
            {
              title: '',
              render: (_, d) =>
                canWrite && (d.status === 'due' || d.status === 'overdue') ? (
                  <Button size="small" type="link" onClick={() => setPreset({ vaccine: d.vaccine, dose: d.dose })}>
                    登记
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      {canWrite && record.status === 'active' && (
        <Card size="small" title="登记接种">
          <DoseForm child={record} preset={preset} onSaved={setFresh} />
        </Card>
      )}

      <Card size="small" title={`接种记录（${record.doses.length} 剂）`} data-testid="doses">
        <Table<DoseView>
          rowKey="id"
          size="small"
          dataSource={record.doses}
          pagination={false}
          locale={{ emptyText: '尚无接种记录' }}
          columns={[
            { title: '接种日期', dataIndex: 'date' },
            { title: '疫苗', render: (_, d) => `${d.vaccineName} 第${d.dose}剂` },
            { title: '批号', render: (_, d) => [d.batchNo, d.manufacturer].filter(Boolean).join(' ') || '—' },
            { title: '接种单位', render: (_, d) => `${d.placeName ?? ''}（${SOURCE_NAMES[d.source]}）` },
            { title: '接种人员', render: (_, d) => d.vaccinator ?? '' },
            { title: '录入人', dataIndex: 'enteredByName' },
            ...(canWrite ? [{ title: '', render: (_: unknown, d: DoseView) => <DeleteDoseButton dose={d} onDeleted={() => void api<ChildRecord>(`/immunization/children/${id}`).then(setFresh)} /> }] : []),
          ]}
        />
      </Card>
    </Space>
  );
}
