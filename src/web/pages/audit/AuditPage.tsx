import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { Forbidden } from '../../components/Forbidden.tsx';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, formatTime, nameOf } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { AuditJson } from './AuditJson.tsx';

const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label }));

interface Filters {
  entity?: string;
  entityId?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Query {
  entity?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export default function AuditPage() {
  const me = useCurrentUser();
  if (!allowed(me.role, 'audit.read')) return <Forbidden />;
  return <AuditLog />;
}

// The API takes calendar days (Beijing), both ends included.
const day = (value: Dayjs | null | undefined) => value?.format('YYYY-MM-DD');

/** 审计日志: who changed what and when, filterable, with a check that the hash chain is unbroken. */
function AuditLog() {
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const list = useLoad(() => api<Page<AuditEntry>>('/audit', { query: { ...query } }), [JSON.stringify(query)]);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyResult>();
  const { message } = App.useApp();

  function search(values: Filters) {
    setQuery({
      entity: values.entity?.trim() || undefined,
      entityId: values.entityId?.trim() || undefined,
      actor: values.actor?.trim() || undefined,
      from: day(values.range?.[0]),
      to: day(values.range?.[1]),
      page: 1,
      pageSize: query.pageSize,
    });
  }

  async function verify() {
    setVerifying(true);
    try {
      setVerified(await api<AuditVerifyResult>('/audit/verify'));
    } catch (error) {
      message.error(error instanceof Error ? error.message : '校验失败');
    } finally {
      setVerifying(false);
    }
  }

  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
          校验哈希链
        </Button>
      }
    >
      {verified && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable
          onClose={() => setVerified(undefined)}
          type={verified.ok ? 'success' : 'error'}
          message={verified.ok ? `校验通过：共 ${verified.rows} 条日志，哈希链完整，未发现篡改。` : `校验未通过：共 ${verified.rows} 条日志，发现 ${verified.problems.length} 处问题。`}
          description={
            verified.ok ? undefined : (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {verified.problems.slice(0, 20).map((problem) => (
                  <li key={`${problem.seq}-${problem.problem}`}>{problem.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="对象类型" name="entity">
          <Select placeholder="全部" style={{ width: 140 }} allowClear options={ENTITY_OPTIONS} />
        </Form.Item>
        <Form.Item label="对象编号" name="entityId">
          <Input style={{ width: 100 }} allowClear />
        </Form.Item>
        <Form.Item label="操作人" name="actor">
          <Input style={{ width: 120 }} allowClear />
        </Form.Item>
        <Form.Item label="时间" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form>
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items}
        expandable={{ expandedRowRender: (entry) => <AuditJson before={entry.before} after={entry.after} /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (page, pageSize) => setQuery({ ...query, page: pageSize !== query.pageSize ? 1 : page, pageSize }),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间（北京时间）', dataIndex: 'at', render: (at: string) => formatTime(at), width: 180 },
          { title: '操作人', dataIndex: 'actorName' },
          { title: '操作', dataIndex: 'action', render: (action: string) => nameOf(AUDIT_ACTIONS, action) },
          { title: '对象类型', dataIndex: 'entity', render: (entity: string) => nameOf(AUDIT_ENTITIES, entity) },
          { title: '对象编号', dataIndex: 'entityId' },
          { title: '区划', dataIndex: 'areaName' },
        ]}
      />
    </Card>
  );
}
