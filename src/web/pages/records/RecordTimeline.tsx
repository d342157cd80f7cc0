import { useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Select, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { TimelineEvent, TimelinePage, TimelineWarning } from './types.ts';

/** Every module's services for the resident, newest first, a page at a time, with a module filter. */
export function RecordTimeline({ personId, refreshKey }: { personId: number; refreshKey: number }) {
  const { message } = App.useApp();
  const [modules, setModules] = useState<string[]>([]);
  const [known, setKnown] = useState<TimelinePage['modules']>([]);
  const [items, setItems] = useState<TimelineEvent[]>([]);
  const [warnings, setWarnings] = useState<TimelineWarning[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function load(before?: string) {
    setLoading(true);
    try {
      const page = await api<TimelinePage>(`/records/persons/${personId}/timeline`, { query: { before, modules: modules.join(','), limit: 30 } });
      setItems((shown) => (before ? [...shown, ...page.items] : page.items));
      setWarnings(page.warnings);
      setKnown(page.modules);
      setNext(page.nextBefore);
    } catch (error) {
      message.error(error instanceof Error ? error.message : '服务记录加载失败');
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load();
  }, [personId, modules.join(','), refreshKey]);

  const labelOf = (module: string) => known.find((k) => k.module === module)?.label ?? module;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>只看：</span>
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 280 }}
          placeholder="全部模块"
          value={modules}
          onChange={setModules}
          options={known.map((k) => ({ value: k.module, label: k.label }))}
          aria-label="按模块筛选"
        />
        <Tag color="green">健康服务</Tag>
        <Tag>档案与户籍事项</Tag>
      </Space>
      {warnings.map((w) => (
        <Alert key={w.module} type="warning" showIcon title={w.message} />
      ))}
      {items.length === 0 && !loading ? (
        <Empty description="暂无记录" />
      ) : (
        <Timeline
          items={items.map((e, i) => ({
            key: `${e.date}-${e.module}-${i}`,
            color: e.service ? 'green' : 'gray',
            content: (
              <div>
                <Typography.Text strong>{e.date}</Typography.Text> <Tag>{labelOf(e.module)}</Tag>
                {e.link ? <Link to={e.link}>{e.title}</Link> : <span>{e.title}</span>}
                {e.institutionName && <Typography.Text type="secondary">（{e.institutionName}）</Typography.Text>}
                {e.detail && <div style={{ color: '#666' }}>{e.detail}</div>}
              </div>
            ),
          }))}
        />
      )}
      {next && (
        <Button loading={loading} onClick={() => load(next)}>
          加载更早的记录
        </Button>
      )}
    </Space>
  );
}
