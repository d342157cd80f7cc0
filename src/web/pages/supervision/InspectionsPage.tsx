import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { allowed } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useLoad } from '../../lib/useLoad.ts';

interface Problem {
  id: number;
  description: string;
  responsibleAreaName: string;
  deadline: string;
  status: 'open' | 'rectified' | 'closed';
  overdue: boolean;
  rectification: string | null;
  rectifiedByName: string | null;
  reviewNote: string | null;
  closedByName: string | null;
}
interface Inspection {
  id: number;
  inspectedOn: string;
  areaName: string;
  topic: string;
  inspectors: string;
  summary: string;
  problems: Problem[];
}
type Summary = Omit<Inspection, 'problems'> & { problems: number; open: number; overdue: number };
interface NewForm {
  inspectedOn: Dayjs;
  areaId: number;
  topic: string;
  inspectors: string;
  summary?: string;
  problems: Array<{ description: string; responsibleAreaId: number; deadline: Dayjs }>;
}

const STATUS = { open: ['待整改', 'orange'], rectified: ['已整改待复查', 'blue'], closed: ['已销号', 'green'] } as const;

/** 督查: inspection visits and their problems, followed up to closure (回头看). */
export default function InspectionsPage() {
  const user = useCurrentUser();
  const { message, modal } = App.useApp();
  const manage = allowed(user.role, 'supervision.manage');
  const list = useLoad(() => api<Summary[]>('/supervision/inspections'), []);
  const [form] = Form.useForm<NewForm>();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<Inspection>();
  const open = (id: number) => api<Inspection>(`/supervision/inspections/${id}`).then(setShown, (e: Error) => message.error(e.message));

  // Asks for a text (整改情况 / 退回原因) and posts it; the dialog stays open with the text when the server refuses.
  const ask = (title: string, send: (text: string) => Promise<unknown>) => {
    let value = '';
    modal.confirm({
      title,
      content: <Input.TextArea rows={3} onChange={(e) => (value = e.target.value)} />,
      onOk: () =>
        send(value).then(
          () => shown && open(shown.id).then(list.reload),
          (e: Error) => {
            message.error(e.message);
            throw e;
          },
        ),
    });
  };

  return (
    <Card title="督查与整改" extra={manage && <Button type="primary" onClick={() => setCreating(true)}>登记督查</Button>}>
      <Table<Summary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        columns={[
          { title: '督查日期', dataIndex: 'inspectedOn' },
          { title: '督查地点', dataIndex: 'areaName' },
          { title: '督查内容', render: (_, r) => <a onClick={() => open(r.id)}>{r.topic}</a> },
          { title: '督查人员', dataIndex: 'inspectors' },
          { title: '问题', render: (_, r) => `${r.problems} 个，未销号 ${r.open} 个` },
          { title: '逾期', render: (_, r) => (r.overdue ? <Tag color="red">{r.overdue} 个逾期</Tag> : '—') },
        ]}
      />
      <Modal open={!!shown} width={900} footer={null} onCancel={() => setShown(undefined)} title={shown && `${shown.inspectedOn} ${shown.areaName}：${shown.topic}`}>
        {shown && (
          <>
            <p>督查人员：{shown.inspectors}</p>
            {shown.summary && <p>{shown.summary}</p>}
            <Table<Problem>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={shown.problems}
              columns={[
                { title: '问题', dataIndex: 'description' },
                { title: '责任单位', dataIndex: 'responsibleAreaName' },
                { title: '整改期限', render: (_, p) => (<>{p.deadline} {p.overdue && <Tag color="red">逾期</Tag>}</>) },
                { title: '状态', render: (_, p) => <Tag color={STATUS[p.status][1]}>{STATUS[p.status][0]}</Tag> },
                { title: '整改情况', render: (_, p) => (<>{p.rectification ?? '—'}{p.reviewNote && <div style={{ color: '#888' }}>复查：{p.reviewNote}</div>}</>) },
                {
                  title: '操作',
                  render: (_, p) => (
                    <Space>
                      {p.status === 'open' && (manage || user.role === 'township_staff') && (
                        <a onClick={() => ask('填报整改情况', (text) => api(`/supervision/problems/${p.id}/rectification`, { method: 'POST', body: { rectification: text } }))}>填报整改</a>
                      )}
                      {p.status === 'rectified' && manage && (
                        <>
                          <a onClick={() => api(`/supervision/problems/${p.id}/review`, { method: 'POST', body: { accept: true } }).then(() => open(shown.id).then(list.reload), (e: Error) => message.error(e.message))}>复查通过销号</a>
                          <a onClick={() => ask('退回重新整改（请写明原因）', (text) => api(`/supervision/problems/${p.id}/review`, { method: 'POST', body: { accept: false, note: text } }))}>退回</a>
                        </>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </Modal>
      <FormModal<NewForm>
        title="登记督查"
        open={creating}
        form={form}
        width={800}
        initialValues={{ problems: [] }}
        onClose={() => setCreating(false)}
        onSave={async (v) => {
          await api('/supervision/inspections', {
            method: 'POST',
            body: {
              inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
              areaId: v.areaId,
              topic: v.topic,
              inspectors: v.inspectors,
              summary: v.summary,
              problems: (v.problems ?? []).map((p) => ({ description: p.description, responsibleAreaId: p.responsibleAreaId, deadline: p.deadline.format('YYYY-MM-DD') })),
            },
          });
          list.reload();
          return '督查已登记';
        }}
      >
        <Form.Item name="inspectedOn" label="督查日期" rules={[{ required: true, message: '请选择督查日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="areaId" label="督查地点（乡镇或村）" rules={[{ required: true, message: '请选择督查地点' }]}>
          <AreaSelect />
        </Form.Item>
        <Form.Item name="topic" label="督查内容" rules={[{ required: true, message: '请填写督查内容' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="inspectors" label="督查人员" rules={[{ required: true, message: '请填写督查人员' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label="总体情况">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'description']} label={`问题 ${i + 1}`} rules={[{ required: true, message: '请描述问题' }]}>
                    <Input style={{ width: 260 }} maxLength={1000} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'responsibleAreaId']} label="责任单位" rules={[{ required: true, message: '请选择责任乡镇或村' }]}>
                    <AreaSelect style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'deadline']} label="整改期限" rules={[{ required: true, message: '请选择期限' }]}>
                    <DatePicker />
                  </Form.Item>
                  <a onClick={() => remove(field.name)}>删除</a>
                </Space>
              ))}
              <Button onClick={() => add()}>添加问题</Button>
            </>
          )}
        </Form.List>
      </FormModal>
    </Card>
  );
}
