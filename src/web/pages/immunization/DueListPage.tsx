import { Alert, App, Button, Card, DatePicker, Form, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api, download } from '../../api/client.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import type { DueList, ListArea, ListedChild, ListedDose, OverdueList } from './immunization-types.ts';

type DueRow = DueList['children'][number];
type OverdueRow = OverdueList['children'][number];

function DoseTag({ dose, extra }: { dose: ListedDose; extra?: string }) {
  const text = `${dose.vaccineName} 第${dose.dose}剂`;
  return (
    <Tooltip title={[`满月龄日 ${dose.dueDate}`, `最早可种 ${dose.earliest}`, extra, dose.note].filter(Boolean).join('；')}>
      <Tag color={dose.status === 'overdue' ? 'red' : 'blue'}>{dose.status === 'overdue' ? `${text}（逾期）` : text}</Tag>
    </Tooltip>
  );
}

const childColumns = [
  { title: '儿童', render: (_: unknown, c: ListedChild) => <Link to={`/immunization/children?id=${c.childId}`}>{c.name}</Link> },
  { title: '出生日期', dataIndex: 'birthDate' },
  { title: '月龄', dataIndex: 'age' },
  { title: '现居住村', dataIndex: 'areaName' },
  { title: '监护人', dataIndex: 'guardianName' },
  { title: '联系电话', render: (_: unknown, c: ListedChild) => c.guardianPhone ?? <Typography.Text type="secondary">未登记</Typography.Text> },
];

function Problems({ problems }: { problems: DueList['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={`${problems.length} 名儿童的接种记录有误，未能排程，请核对档案：`}
      description={problems.map((p) => `${p.areaName} ${p.name}：${p.message}`).join('；')}
    />
  );
}

/** 应种/漏种名单: the vaccination day's due list (to notify families, downloadable) and the overdue list, most late first. */
export default function DueListPage() {
  const { text, number, update } = useQueryParams();
  const { message } = App.useApp();
  const date = text('date') ?? todayInShanghai();
  const areaId = number('areaId');
  const tab = text('tab') ?? 'due';
  const due = useLoad(() => api<DueList & ListArea>('/immunization/due-list', { query: { areaId, date } }), [areaId, date]);
  const overdue = useLoad(() => api<OverdueList & ListArea>('/immunization/overdue', { query: { areaId, date } }), [areaId, date]);

  async function downloadDue() {
    try {
      await download('/immunization/due-list.xlsx', { areaId, date }, `接种通知名单-${date}.xlsx`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : '下载失败，请稍后重试');
    }
  }

  return (
    <Card title="应种 / 漏种名单">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="村或乡镇">
            <AreaSelect value={areaId} onChange={(id) => update({ areaId: id })} placeholder="全部（本人管辖范围）" />
          </Form.Item>
          <Form.Item label="接种日">
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && update({ date: d.format('YYYY-MM-DD') })} />
          </Form.Item>
        </Form>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'due' ? undefined : key })}
          items={[
            {
              key: 'due',
              label: `应种名单${due.data ? `（${due.data.children.length} 人）` : ''}`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Button icon={<DownloadOutlined />} onClick={() => void downloadDue()} disabled={!due.data}>
                      下载通知名单（Excel）
                    </Button>
                    {due.data && (
                      <Typography.Text type="secondary">
                        {`${due.data.areaName} ${due.data.date}：当天可接种的应种、逾期剂次`}
                        {due.data.heldBack > 0 && `；另有 ${due.data.heldBack} 剂因间隔要求须改日接种，未列入`}
                      </Typography.Text>
                    )}
                  </Space>
                  {due.error && <Alert type="warning" showIcon title={due.error.message} />}
                  {due.data && <Problems problems={due.data.problems} />}
                  <Table<DueRow>
                    rowKey="childId"
                    size="small"
                    loading={due.loading}
                    dataSource={due.data?.children ?? []}
                    pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 人` }}
                    columns={[
                      ...childColumns,
                      { title: '应种疫苗', render: (_, c) => c.doses.map((d) => <DoseTag key={`${d.vaccine}-${d.dose}`} dose={d} />) },
                      { title: '最早可种', render: (_, c) => c.doses.map((d) => d.earliest).sort()[0] },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'overdue',
              label: `漏种名单${overdue.data ? `（${overdue.data.children.length} 人）` : ''}`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {overdue.error && <Alert type="warning" showIcon title={overdue.error.message} />}
                  {overdue.data && <Problems problems={overdue.data.problems} />}
                  <Table<OverdueRow>
                    rowKey="childId"
                    size="small"
                    loading={overdue.loading}
                    dataSource={overdue.data?.children ?? []}
                    pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 人` }}
                    columns={[
                      ...childColumns,
                      { title: '最长逾期', align: 'right', render: (_, c) => `${c.maxDaysOverdue} 天` },
                      {
                        title: '逾期疫苗',
                        render: (_, c) => c.doses.map((d) => <DoseTag key={`${d.vaccine}-${d.dose}`} dose={d} extra={`${d.overdueSince} 起逾期 ${d.daysOverdue} 天`} />),
                      },
                    ]}
                  />
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
