import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { InstitutionSelect } from '../cards/InstitutionSelect.tsx';
import type { ApiKeyRow } from './visit-types.ts';

/** 医院接口密钥: the bureau issues each hospital system its own key (shown once) and revokes it. */
export default function ApiKeysPage() {
  const { message } = App.useApp();
  const keys = useLoad(() => api<ApiKeyRow[]>('/disease/visit-keys'), []);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ key: string; institution: string }>();

  async function revoke(row: ApiKeyRow) {
    try {
      await api(`/disease/visit-keys/${row.id}/revoke`, { method: 'POST' });
      message.success(`已收回 ${row.institutionName} 的密钥 ${row.keyPrefix}…`);
      keys.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '收回失败，请稍后重试');
    }
  }

  return (
    <Card
      title="医院接口密钥"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
          发放密钥
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          医院信息系统（HIS）凭本机构的密钥，通过接口 POST /api/disease/visits 报送就诊数据（请求头 X-Api-Key，接口说明见 /api/docs）。密钥只在发放时显示一次，系统只保存其校验值；遗失或更换厂商时请收回旧密钥，再发放新密钥。
        </Typography.Paragraph>
        <Table<ApiKeyRow>
          rowKey="id"
          size="middle"
          loading={keys.loading}
          dataSource={keys.data}
          pagination={false}
          columns={[
            { title: '机构', dataIndex: 'institutionName' },
            { title: '密钥开头', dataIndex: 'keyPrefix', render: (p: string) => <Typography.Text code>{`${p}…`}</Typography.Text> },
            { title: '用途说明', dataIndex: 'label' },
            { title: '发放', render: (_: unknown, r) => `${formatTime(r.createdAt)} ${r.createdByName}` },
            { title: '最近使用', dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatTime(v) : '未使用') },
            {
              title: '状态',
              render: (_: unknown, r) => (r.revokedAt ? <Tag>{`已收回（${formatTime(r.revokedAt)} ${r.revokedByName ?? ''}）`}</Tag> : <Tag color="green">有效</Tag>),
            },
            {
              title: '',
              width: 90,
              render: (_: unknown, r) =>
                !r.revokedAt && (
                  <Popconfirm title="收回后该机构用这个密钥报送会被拒绝，确定收回？" okText="收回" cancelText="取消" onConfirm={() => void revoke(r)}>
                    <Button size="small" danger>
                      收回
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
      {issuing && (
        <IssueModal
          onClose={(result) => {
            setIssuing(false);
            if (result) {
              setIssued(result);
              keys.reload();
            }
          }}
        />
      )}
      <Modal open={issued !== undefined} title="密钥已发放" okText="我已妥善保存" cancelButtonProps={{ style: { display: 'none' } }} closable={false} onOk={() => setIssued(undefined)}>
        <Alert type="warning" showIcon title="密钥只显示这一次，关闭后无法再查看" description={`请复制下面的密钥交给${issued?.institution ?? ''}的信息系统厂商，填入请求头 X-Api-Key。`} />
        <Typography.Paragraph copyable={{ text: issued?.key ?? '' }} code style={{ marginTop: 16, wordBreak: 'break-all' }} data-testid="issued-key">
          {issued?.key}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

function IssueModal({ onClose }: { onClose: (issued?: { key: string; institution: string }) => void }) {
  const [institution, setInstitution] = useState<number>();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function save() {
    if (!institution) {
      setError('请选择机构');
      return;
    }
    setSaving(true);
    try {
      const result = await api<{ key: string }>('/disease/visit-keys', { method: 'POST', body: { institutionId: institution, label: label.trim() || undefined } });
      const name = (await api<{ name: string }>(`/institutions/${institution}`)).name;
      onClose({ key: result.key, institution: name });
    } catch (e) {
      setError(e instanceof Error ? e.message : '发放失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title="发放接口密钥" okText="发放" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={() => onClose()}>
      <Form layout="vertical">
        <Form.Item label="机构" required>
          <InstitutionSelect
            value={institution}
            onChange={(id) => {
              setInstitution(id);
              setError(undefined);
            }}
          />
        </Form.Item>
        <Form.Item label="用途说明">
          <Input value={label} maxLength={100} placeholder="如：县医院 HIS（某某厂商）" onChange={(e) => setLabel(e.target.value)} />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
