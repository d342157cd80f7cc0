import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Space, Table, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import type { ClusterDetail } from './deaths-types.ts';

type Case = ClusterDetail['cases'][number];

/** One cluster: its facts, the cases behind it, and closing it with the CDC's finding. */
export default function ClusterDetailPage() {
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ finding: string }>();
  const [closing, setClosing] = useState(false);
  const { data, loading, reload } = useLoad(() => api<ClusterDetail>(`/disease/clusters/${id}`), [id]);

  async function close(values: { finding: string }) {
    setClosing(true);
    try {
      await api(`/disease/clusters/${id}/close`, { method: 'POST', body: values });
      message.success('已结案');
      reload();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setClosing(false);
    }
  }

  return (
    <Card title={data ? `${data.diseaseName}聚集性疫情 · ${data.areaName}` : '聚集性疫情'} extra={<BackButton />} loading={loading && !data}>
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="状态">{data.status === 'open' ? <Tag color="red">未结案</Tag> : <Tag>已结案</Tag>}</Descriptions.Item>
            <Descriptions.Item label="病例数">{data.caseCount}</Descriptions.Item>
            <Descriptions.Item label="首例日期">{data.firstDate}</Descriptions.Item>
            <Descriptions.Item label="末例日期">{data.lastDate}</Descriptions.Item>
            <Descriptions.Item label="发现时间">{formatTime(data.openedAt)}</Descriptions.Item>
            {data.closedAt && <Descriptions.Item label="结案">{`${formatTime(data.closedAt)} ${data.closedByName ?? ''}`}</Descriptions.Item>}
            {data.finding && <Descriptions.Item label="调查结论" span={2}>{data.finding}</Descriptions.Item>}
          </Descriptions>
          <Table<Case>
            rowKey={(c) => `${c.source}:${c.sourceId}`}
            size="small"
            dataSource={data.cases}
            pagination={false}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '患者', dataIndex: 'patientName' },
              { title: '诊断', dataIndex: 'diagnosis' },
              { title: '来源', render: (_, c) => (c.source === 'card' ? '报告卡' : '就诊记录') },
              { title: '机构', dataIndex: 'institutionName' },
            ]}
          />
          {data.status === 'open' && allowed(user.role, 'disease.confirm') && (
            <Form form={form} layout="vertical" onFinish={close} style={{ maxWidth: 640 }}>
              <Form.Item name="finding" label="调查结论" rules={[{ required: true, message: '请填写调查结论后再结案' }]}>
                <Input.TextArea rows={3} placeholder="如：经核实为东岭小学学生聚集，已落实隔离和晨检，连续两周无新发病例" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={closing}>
                结案
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Card>
  );
}
