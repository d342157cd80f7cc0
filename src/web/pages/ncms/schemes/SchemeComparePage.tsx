import { Alert, Card, Result, Space, Spin, Table, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import type { SchemeDifference, SchemeSummary, StoredScheme } from '../ncms-types.ts';
import { SchemeView } from './SchemeView.tsx';
import { schemeTitle } from './SchemeDetailPage.tsx';
import { fieldLabel, showFigure } from './scheme-labels.ts';

interface Comparison {
  a: SchemeSummary;
  b: SchemeSummary;
  differences: SchemeDifference[];
}

/** Up or down for two numeric figures; nothing for added, removed or non-numeric ones. */
function Direction({ difference }: { difference: SchemeDifference }) {
  const [before, after] = [Number(difference.old), Number(difference.new)];
  if (typeof difference.old === 'object' || typeof difference.new === 'object' || !Number.isFinite(before) || !Number.isFinite(after)) {
    return difference.old === undefined ? <Tag color="blue">新增</Tag> : difference.new === undefined ? <Tag>删除</Tag> : <Tag color="orange">改变</Tag>;
  }
  return after > before ? (
    <Tag color="red" icon={<ArrowUpOutlined />}>提高</Tag>
  ) : (
    <Tag color="green" icon={<ArrowDownOutlined />}>降低</Tag>
  );
}

/** 方案对比: every figure that differs between two schemes (e.g. last year's and this year's), and the newer one with them marked. */
export default function SchemeComparePage() {
  const [params] = useSearchParams();
  const a = params.get('a');
  const b = params.get('b');
  const comparison = useLoad(() => api<Comparison>('/ncms/schemes/compare', { query: { a, b } }), [a, b]);
  const newer = useLoad(() => api<StoredScheme>(`/ncms/schemes/${b}`), [b]);
  const data = comparison.data;

  if (comparison.error && !data) return <Result status="warning" title={comparison.error.message} extra={<BackButton />} />;
  if (!data) return <Spin spinning style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <span>
            方案对比：<Link to={`/ncms/schemes/${data.a.id}`}>{schemeTitle(data.a)}</Link> → <Link to={`/ncms/schemes/${data.b.id}`}>{schemeTitle(data.b)}</Link>
          </span>
        }
        extra={<BackButton />}
      >
        {data.differences.length === 0 ? (
          <Alert type="success" showIcon message="两个方案的内容完全相同" />
        ) : (
          <Table<SchemeDifference>
            rowKey="path"
            size="small"
            pagination={false}
            dataSource={data.differences}
            columns={[
              { title: '项目', dataIndex: 'path', render: (path: string) => fieldLabel(path) },
              { title: schemeTitle(data.a), dataIndex: 'old', render: (value: unknown, d) => showFigure(d.path, value) },
              { title: schemeTitle(data.b), dataIndex: 'new', render: (value: unknown, d) => <strong>{showFigure(d.path, value)}</strong> },
              { title: '变化', key: 'direction', width: 90, render: (_, d) => <Direction difference={d} /> },
            ]}
          />
        )}
      </Card>
      {newer.data && (
        <Card title={`${schemeTitle(data.b)}（变化处已标出，鼠标停留可见原值）`}>
          <SchemeView document={newer.data.document} changes={data.differences} />
        </Card>
      )}
    </Space>
  );
}
