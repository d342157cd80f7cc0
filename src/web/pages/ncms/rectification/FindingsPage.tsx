import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, download } from '../../../api/client.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { XlsxUpload } from '../../../components/XlsxUpload.tsx';
import { dateStringField } from '../../../components/date-field.ts';
import { allowed } from '../../../auth/permissions.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { UnitFields } from './UnitFields.tsx';
import { CATEGORIES, SEVERITIES, SEVERITY_COLORS, STATUSES, STATUS_COLORS, type AuditView, type FindingSummary, type FindingView } from './types.ts';

interface AuditForm {
  title: string;
  auditor: string;
  reportNo?: string;
  auditedOn: string;
}
interface FindingForm {
  number: number;
  text: string;
  category: string;
  severity: string;
  assign?: boolean;
  unit?: { unitKind: string; townshipId?: number; institutionId?: number; deadline: string };
}

/** 审计整改: an audit's findings with status and overdue filters; recording audits and findings (form or .xlsx). */
export default function FindingsPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const manage = allowed(user.role, 'ncms.manage');
  const { text, number, update } = useQueryParams();
  const audits = useLoad(() => api<AuditView[]>('/ncms/audits'), []);
  const auditId = number('auditId') ?? audits.data?.[0]?.id;
  const status = text('status');
  const overdue = text('overdue') === 'true';
  const findings = useLoad(
    async () => (audits.data ? api<FindingSummary[]>('/ncms/findings', { query: { auditId, status, overdue: overdue ? 'true' : undefined } }) : []),
    [audits.data, auditId, status, overdue],
  );
  const [open, setOpen] = useState<'audit' | 'finding' | 'import'>();
  const [auditForm] = Form.useForm<AuditForm>();
  const [findingForm] = Form.useForm<FindingForm>();
  const assign = Form.useWatch('assign', findingForm);
  const audit = audits.data?.find((a) => a.id === auditId);
  const reload = () => {
    audits.reload();
    findings.reload();
  };

  return (
    <Card title="新农合审计整改">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={auditId}
          placeholder="选择审计"
          style={{ width: 340 }}
          onChange={(id: number) => update({ auditId: id })}
          options={(audits.data ?? []).map((a) => ({ value: a.id, label: `${a.title}（${a.auditedOn}）` }))}
        />
        <Select
          value={status}
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          onChange={(value?: string) => update({ status: value })}
          options={Object.entries(STATUSES).map(([value, label]) => ({ value, label }))}
        />
        <span>
          只看逾期 <Switch checked={overdue} onChange={(on) => update({ overdue: on ? 'true' : undefined })} />
        </span>
        {manage && <Button onClick={() => setOpen('audit')}>登记审计</Button>}
        {manage && audit && <Button onClick={() => setOpen('finding')}>登记问题</Button>}
        {manage && audit && <Button onClick={() => setOpen('import')}>从 Excel 导入问题</Button>}
      </Space>
      {audit && (
        <Typography.Paragraph>
          {`${audit.auditor}${audit.reportNo ? `（${audit.reportNo}）` : ''}：共 ${audit.findings} 个问题，已销号 ${audit.closed} 个，`}
          <Typography.Text type={audit.overdue ? 'danger' : undefined}>{`逾期未销号 ${audit.overdue} 个`}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Table<FindingSummary>
        rowKey="id"
        loading={findings.loading}
        dataSource={findings.data ?? []}
        pagination={{ pageSize: 50 }}
        onRow={(f) => ({ style: f.overdue ? { background: '#fff1f0' } : undefined })}
        columns={[
          { title: '序号', dataIndex: 'number', width: 70 },
          { title: '问题', dataIndex: 'text', render: (v: string, f) => <Link to={`/ncms/rectification/findings/${f.id}`}>{v}</Link> },
          { title: '类别', dataIndex: 'category', width: 120 },
          { title: '严重程度', width: 100, render: (_, f) => <Tag color={SEVERITY_COLORS[f.severity]}>{f.severityName}</Tag> },
          { title: '责任单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '未分派' },
          {
            title: '整改期限',
            width: 140,
            render: (_, f) => (f.deadline ? <span>{f.deadline} {f.overdue && <Tag color="red">逾期</Tag>}</span> : ''),
          },
          { title: '状态', width: 110, render: (_, f) => <Tag color={STATUS_COLORS[f.status]}>{f.statusName}</Tag> },
        ]}
      />

      <FormModal<AuditForm>
        title="登记审计"
        open={open === 'audit'}
        form={auditForm}
        onClose={() => setOpen(undefined)}
        onSave={async (values) => {
          const { id } = await api<{ id: number }>('/ncms/audits', { method: 'POST', body: values });
          update({ auditId: id });
          reload();
          return '审计已登记，请登记或导入审计发现的问题';
        }}
      >
        <Form.Item name="title" label="审计名称" rules={[{ required: true, message: '请填写审计名称' }]}>
          <Input placeholder="如：2025 年度新农合基金省级专项审计" maxLength={200} />
        </Form.Item>
        <Form.Item name="auditor" label="审计单位" rules={[{ required: true, message: '请填写审计单位' }]}>
          <Input placeholder="如：省审计厅" maxLength={100} />
        </Form.Item>
        <Form.Item name="reportNo" label="审计报告文号">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="auditedOn" label="审计日期" rules={[{ required: true, message: '请填写审计日期' }]} {...dateStringField}>
          <DatePicker />
        </Form.Item>
      </FormModal>

      <FormModal<FindingForm>
        title={`登记问题：${audit?.title ?? ''}`}
        open={open === 'finding'}
        form={findingForm}
        width={640}
        initialValues={{ number: (audit?.findings ?? 0) + 1, severity: 'general' }}
        onClose={() => setOpen(undefined)}
        onSave={async ({ assign: withUnit, unit, ...values }) => {
          const saved = await api<FindingView>(`/ncms/audits/${auditId}/findings`, { method: 'POST', body: { ...values, ...(withUnit ? { unit } : {}) } });
          reload();
          return `已登记第 ${saved.number} 号问题`;
        }}
      >
        <Form.Item name="number" label="序号" rules={[{ required: true, message: '请填写序号' }]}>
          <InputNumber min={1} />
        </Form.Item>
        <Form.Item name="text" label="问题描述" rules={[{ required: true, message: '请填写问题描述' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="severity" label="严重程度" rules={[{ required: true, message: '请选择严重程度' }]}>
          <Select options={Object.entries(SEVERITIES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="assign" label="现在分派责任单位" valuePropName="checked">
          <Switch />
        </Form.Item>
        {assign && <UnitFields prefix={['unit']} />}
      </FormModal>

      <Modal title={`导入问题：${audit?.title ?? ''}`} open={open === 'import'} footer={null} onCancel={() => setOpen(undefined)} width={720} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button onClick={() => download('/ncms/audits/findings-template.xlsx', {}, '审计发现问题清单模板.xlsx').catch((e: Error) => message.error(e.message))}>下载模板</Button>
          <XlsxUpload<{ imported: number }>
            path={`/ncms/audits/${auditId}/findings/import`}
            query={{}}
            hint="栏目：序号、问题描述、问题类别、严重程度（必填），责任单位、整改期限（可选，同时填写）。有任何错误时整份文件不导入，并列出每一处错误。"
            checking="正在检查问题清单…"
            refusedTitle={(name) => `「${name}」未导入，请改正以下错误后重新上传`}
            onDone={(result) => {
              message.success(`已导入 ${result.imported} 个问题`);
              setOpen(undefined);
              reload();
            }}
          />
        </Space>
      </Modal>
    </Card>
  );
}
