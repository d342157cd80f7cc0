import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Select, Space, Spin, Tabs } from 'antd';
import { CheckCircleOutlined, DiffOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import type { SchemeSummary, StoredScheme } from '../ncms-types.ts';
import { SchemeStatusTag } from './SchemeListPage.tsx';
import { SchemeView } from './SchemeView.tsx';
import { fieldLabel } from './scheme-labels.ts';

export const schemeTitle = (s: Pick<SchemeSummary, 'pool' | 'year' | 'version'>) => `${s.pool} ${s.year} 年度 第 ${s.version} 版`;

/** One scheme version: read it, activate a draft, start a new version from it, compare it with another. */
export default function SchemeDetailPage() {
  const { id } = useParams();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const mayManage = allowed(useCurrentUser().role, 'ncms.manage');
  const { data: scheme, loading, error, reload } = useLoad(() => api<StoredScheme>(`/ncms/schemes/${id}`), [id]);
  // Other versions to compare with: the same pool, any year.
  const others = useLoad(
    () => (scheme ? api<Page<SchemeSummary>>('/ncms/schemes', { query: { pool: scheme.pool, pageSize: 200 } }) : Promise.resolve(undefined)),
    [scheme?.pool],
  );
  const [compareWith, setCompareWith] = useState<number>();

  if (error && !scheme) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!scheme) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;

  function activate() {
    modal.confirm({
      title: `启用${schemeTitle(scheme!)}？`,
      content: `启用后，统筹区 ${scheme!.pool} ${scheme!.year} 年度原来执行中的方案（如有）将自动停用，此后的结报按本方案计算。`,
      okText: '启用',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api(`/ncms/schemes/${scheme!.id}/activate`, { method: 'POST' });
          message.success('方案已启用');
          reload();
        } catch (failure) {
          message.error(failure instanceof Error ? failure.message : '启用失败，请稍后重试');
        }
      },
    });
  }

  function compare() {
    const other = others.data?.items.find((s) => s.id === compareWith);
    if (!other) return;
    const [a, b] = other.year < scheme!.year || (other.year === scheme!.year && other.version < scheme!.version) ? [other, scheme!] : [scheme!, other];
    navigate(`/ncms/schemes/compare?a=${a.id}&b=${b.id}`);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            补偿方案：{schemeTitle(scheme)}
            <SchemeStatusTag scheme={scheme} />
          </Space>
        }
        extra={
          <Space>
            {mayManage && scheme.status === 'draft' && (
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={activate}>
                启用
              </Button>
            )}
            {mayManage && (
              <Link to={`/ncms/schemes/new?from=${scheme.id}`}>
                <Button icon={<EditOutlined />}>以此为底稿修改</Button>
              </Link>
            )}
            <BackButton />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="说明">{scheme.note}</Descriptions.Item>
          <Descriptions.Item label="保存">{`${scheme.createdByName} ${formatTime(scheme.createdAt)}`}</Descriptions.Item>
          <Descriptions.Item label="启用">{scheme.activatedAt ? `${scheme.activatedByName ?? ''} ${formatTime(scheme.activatedAt)}` : '未启用'}</Descriptions.Item>
          {scheme.retiredAt && <Descriptions.Item label="停用">{formatTime(scheme.retiredAt)}</Descriptions.Item>}
        </Descriptions>
        {scheme.warnings.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            message="方案中有本系统（格式 v1）不使用的内容，已原样保存，结报时不起作用："
            description={
              <ul style={{ margin: 0 }}>
                {scheme.warnings.map((w) => (
                  <li key={w.path}>{`${fieldLabel(w.path)}（${w.path}）：${w.message}`}</li>
                ))}
              </ul>
            }
          />
        )}
        <Space style={{ marginTop: 12 }}>
          <Select
            placeholder="选择要比较的其他版本"
            style={{ width: 280 }}
            value={compareWith}
            onChange={setCompareWith}
            loading={others.loading}
            options={others.data?.items.filter((s) => s.id !== scheme.id).map((s) => ({ value: s.id, label: `${schemeTitle(s)}（${s.statusName}）` }))}
          />
          <Button icon={<DiffOutlined />} disabled={!compareWith} onClick={compare}>
            比较
          </Button>
        </Space>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'view', label: '方案内容', children: <SchemeView document={scheme.document} /> },
            { key: 'json', label: 'JSON 原文', children: <pre style={{ fontSize: 12, maxHeight: 600, overflow: 'auto' }}>{JSON.stringify(scheme.document, null, 2)}</pre> },
          ]}
        />
      </Card>
    </Space>
  );
}
