import { useState } from 'react';
import { App, Button, Card, Form, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { usePeriod, PeriodFilter } from './PeriodFilter.tsx';
import type { ClusterItem } from './deaths-types.ts';

/** 聚集性疫情: the alerts the threshold check opened, open ones first; the CDC can run the check at once. */
export default function ClustersPage() {
  const { text, number, update } = useQueryParams();
  const areaId = number('areaId');
  const status = text('status');
  const { from, to } = usePeriod();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [checking, setChecking] = useState(false);
  const { data, loading, reload } = useLoad(() => api<{ items: ClusterItem[] }>('/disease/clusters', { query: { areaId, status } }), [areaId, status]);

  async function checkNow() {
    setChecking(true);
    try {
      const result = await api<{ opened: number[]; extended: number[] }>('/disease/clusters/check', { method: 'POST', body: { areaId, since: from, until: to } });
      message.success(`检查完成：新发现 ${result.opened.length} 起，更新 ${result.extended.length} 起`);
      reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '检查失败，请稍后重试');
    } finally {
      setChecking(false);
    }
  }

  return (
    <Card title="聚集性疫情">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="区划">
            <AreaSelect value={areaId} onChange={(id) => update({ areaId: id })} placeholder="全部（本人管辖范围）" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Segmented options={[{ label: '全部', value: '' }, { label: '未结案', value: 'open' }, { label: '已结案', value: 'closed' }]} value={status ?? ''} onChange={(v) => update({ status: v || undefined })} />
          </Form.Item>
          {allowed(user.role, 'disease.confirm') && (
            <Form.Item label="立即检查">
              <Space>
                <PeriodFilter />
                <Button onClick={() => void checkNow()} loading={checking}>
                  检查
                </Button>
              </Space>
            </Form.Item>
          )}
        </Form>
        <Typography.Text type="secondary">按《突发公共卫生事件相关信息报告标准》的阈值，以村为单位检查就诊诊断和传染病报告卡（同一人只计一次），每次保存就诊数据或报告卡后自动检查。</Typography.Text>
        <Table<ClusterItem>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '疾病', render: (_, c) => <Link to={`/disease/clusters/${c.id}`}>{c.diseaseName}</Link> },
            { title: '村（社区）', dataIndex: 'areaName' },
            { title: '病例数', dataIndex: 'caseCount', align: 'right' },
            { title: '首例', dataIndex: 'firstDate' },
            { title: '末例', dataIndex: 'lastDate' },
            { title: '发现时间', render: (_, c) => formatTime(c.openedAt) },
            { title: '状态', render: (_, c) => (c.status === 'open' ? <Tag color="red">未结案</Tag> : <Tag>已结案</Tag>) },
          ]}
        />
      </Space>
    </Card>
  );
}
