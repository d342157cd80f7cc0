import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { ClassANotice } from './ClassANotice.tsx';
import { STATUS_COLORS, type CardSummary, type NotifiableList } from './card-types.ts';

export function useNotifiableList() {
  return useLoad(() => api<NotifiableList>('/disease/notifiable'), []);
}

export function OnTimeTag({ onTime, hours }: { onTime: boolean; hours: number }) {
  return onTime ? <Tag color="green">及时（{hours} 小时内）</Tag> : <Tag color="red">迟报（超过 {hours} 小时）</Tag>;
}

/** 传染病报告卡 list: filters in the address bar, status by colour, the class A notice on top. */
export default function CardsPage() {
  const user = useCurrentUser();
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const list = useNotifiableList();
  const filter = {
    status: text('status'),
    diseaseId: text('diseaseId'),
    areaId: number('areaId'),
    from: text('from'),
    to: text('to'),
    onTime: text('onTime'),
    classA: text('classA'),
    q: text('q'),
  };
  const cards = useLoad(() => api<{ items: CardSummary[]; total: number }>('/disease/cards', { query: { ...filter, page, pageSize } }), [JSON.stringify(filter), page, pageSize]);
  const statuses: Partial<Record<string, string>> = list.data?.statuses ?? {};
  const { message } = App.useApp();
  // 审核 and 确认 straight from the list: they depend only on the role and the status (the server checks the scope).
  const quick = (c: CardSummary) =>
    allowed(user.role, 'disease.check') && (c.status === 'entered' || c.status === 'revised')
      ? { action: 'check', label: '审核', done: '已审核' }
      : allowed(user.role, 'disease.confirm') && c.status === 'checked'
        ? { action: 'confirm', label: '确认', done: '已确认' }
        : undefined;
  async function act(c: CardSummary, step: NonNullable<ReturnType<typeof quick>>) {
    try {
      await api(`/disease/cards/${c.id}/${step.action}`, { method: 'POST', body: {} });
      message.success(`第 ${c.id} 号${step.done}`);
      cards.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '操作失败，请稍后重试');
    }
  }

  return (
    <Card
      title="传染病报告卡"
      extra={
        allowed(user.role, 'disease.report') && (
          <Link to="/disease/cards/new">
            <Button type="primary" icon={<PlusOutlined />}>填报报告卡</Button>
          </Link>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <ClassANotice />
        <Form layout="inline">
          <Form.Item label="姓名/身份证号">
            <Input.Search allowClear defaultValue={filter.q} onSearch={(q) => update({ q })} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="病种">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={filter.diseaseId}
              onChange={(diseaseId) => update({ diseaseId })}
              style={{ width: 200 }}
              placeholder="全部"
              options={(list.data?.diseases ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.class}类）` }))}
            />
          </Form.Item>
          <Form.Item label="状态">
            <Select allowClear value={filter.status} onChange={(status) => update({ status })} style={{ width: 160 }} placeholder="全部（不含已删除）" options={Object.entries(statuses).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="现住址">
            <AreaSelect value={filter.areaId} onChange={(areaId) => update({ areaId })} placeholder="全部（本人管辖范围）" />
          </Form.Item>
          <Form.Item label="诊断日期">
            <DatePicker.RangePicker
              value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
              onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label="及时性">
            <Select allowClear value={filter.onTime} onChange={(onTime) => update({ onTime })} style={{ width: 110 }} placeholder="全部" options={[{ value: 'true', label: '及时' }, { value: 'false', label: '迟报' }]} />
          </Form.Item>
          <Form.Item label="甲类">
            <Select allowClear value={filter.classA} onChange={(classA) => update({ classA })} style={{ width: 150 }} placeholder="全部" options={[{ value: 'true', label: '甲类及按甲类管理' }]} />
          </Form.Item>
        </Form>
        <Table<CardSummary>
          rowKey="id"
          size="middle"
          loading={cards.loading}
          dataSource={cards.data?.items}
          pagination={pagination(cards.data?.total, (n) => `共 ${n} 张`)}
          columns={[
            { title: '卡号', dataIndex: 'id', render: (id: number) => <Link to={`/disease/cards/${id}`}>{id}</Link> },
            { title: '患者', render: (_, c) => `${c.patientName}（${c.sex === 'M' ? '男' : '女'}）` },
            { title: '病种', render: (_, c) => (c.classA ? <Typography.Text type="danger">{c.disease}（{c.diseaseClass}类{c.diseaseClass !== 'A' ? '，按甲类管理' : ''}）</Typography.Text> : `${c.disease}（${c.diseaseClass}类）`) },
            { title: '现住址', dataIndex: 'areaName' },
            { title: '报告单位', dataIndex: 'institutionName' },
            { title: '诊断时间', render: (_, c) => formatTime(c.diagnosedAt) },
            { title: '报告时间', render: (_, c) => formatTime(c.reportedAt) },
            { title: '及时性', render: (_, c) => <OnTimeTag onTime={c.onTime} hours={c.timeLimitHours} /> },
            { title: '状态', render: (_, c) => <Tag color={STATUS_COLORS[c.status]}>{statuses[c.status] ?? c.status}{c.version > 1 ? `（第 ${c.version} 版）` : ''}</Tag> },
            {
              title: '操作',
              render: (_, c) => {
                const step = quick(c);
                return step && <Button size="small" onClick={() => act(c, step)}>{step.label}</Button>;
              },
            },
          ]}
        />
      </Space>
    </Card>
  );
}
