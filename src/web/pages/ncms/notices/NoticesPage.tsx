import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, download } from '../../../api/client.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { formatTime, todayInShanghai } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { fenAmount } from '../money.ts';
import { lastCompleteMonth, type BoardRow, type NoticeJobView } from './types.ts';
import { NOTICE_SETTINGS_DEFAULTS, NoticeSettingsFields, type NoticeSettings } from './NoticeSettingsFields.tsx';

/** 村级公示: every village of the user's area for a month, published or not; downloads; publishing all at once with progress. */
export default function NoticesPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { text, number, update } = useQueryParams();
  const month = text('month') ?? lastCompleteMonth(todayInShanghai());
  const areaId = number('areaId');
  const board = useLoad(() => api<BoardRow[]>('/ncms/notices', { query: { month, areaId } }), [month, areaId]);
  const manage = allowed(user.role, 'ncms.manage');
  const [jobForm] = Form.useForm<NoticeSettings>();
  const [jobOpen, setJobOpen] = useState(false);
  const [job, setJob] = useState<NoticeJobView>();

  // Poll the job until it ends, then show the board again.
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      api<NoticeJobView>(`/ncms/notices/jobs/${job.id}`).then(
        (next) => {
          setJob(next);
          if (next.status !== 'running') board.reload();
        },
        (error: Error) => message.error(error.message),
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const rows = board.data ?? [];
  const published = rows.filter((r) => r.notice).length;
  const file = (r: BoardRow, extension: 'pdf' | 'xlsx') => download(`/ncms/notices/${r.notice!.id}/notice.${extension}`, {}, `公示.${extension}`).catch((e: Error) => message.error(e.message));

  return (
    <Card title="新农合村级公示">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>
          公示月份{' '}
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && update({ month: d.format('YYYY-MM') })} />
        </span>
        <AreaSelect value={areaId} onChange={(value) => update({ areaId: value })} placeholder="全部管辖范围" />
        {manage && (
          <Button type="primary" onClick={() => setJobOpen(true)} disabled={job?.status === 'running'}>
            生成并发布全部村公示
          </Button>
        )}
      </Space>
      {job && (
        <Alert
          style={{ marginBottom: 16 }}
          type={job.status === 'failed' ? 'error' : job.status === 'done' ? 'success' : 'info'}
          message={job.status === 'running' ? `正在生成 ${job.month} 的公示…` : job.status === 'done' ? `${job.month} 公示已生成` : '生成中断'}
          description={
            <>
              <Progress percent={job.total ? Math.floor((job.done / job.total) * 100) : 0} status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'} />
              <Typography.Text>{`共 ${job.total} 个村，已处理 ${job.done} 个：新发布 ${job.published} 个（其中本月无补偿 ${job.empty} 个），已有公示保持不变 ${job.already} 个。`}</Typography.Text>
              {job.error && <div>{job.error}</div>}
            </>
          }
        />
      )}
      <Typography.Paragraph type="secondary">{`${rows.length} 个村，已发布 ${published} 个。公示发布后内容冻结，下载的文件每次相同；如需更正，在公示页面填写更正说明后发布新版本。`}</Typography.Paragraph>
      <Table<BoardRow>
        rowKey="areaId"
        loading={board.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: true }}
        columns={[
          { title: '乡镇', dataIndex: 'township' },
          { title: '村（社区）', dataIndex: 'village', render: (v: string, r) => <Link to={`/ncms/notices/${r.areaId}/${month}`}>{v}</Link> },
          {
            title: '状态',
            render: (_, r) => (r.notice ? <Tag color="green">{`已发布（第 ${r.notice.version} 版）`}</Tag> : <Tag>未发布</Tag>),
          },
          { title: '补偿笔数', align: 'right', render: (_, r) => (r.notice ? (r.notice.claimCount === 0 ? '本月无补偿' : r.notice.claimCount) : '') },
          { title: '补偿金额（元）', align: 'right', render: (_, r) => (r.notice ? fenAmount(r.notice.payFen) : '') },
          { title: '发布', render: (_, r) => (r.notice ? `${r.notice.publishedByName} ${formatTime(r.notice.publishedAt)}` : '') },
          {
            title: '操作',
            render: (_, r) => (
              <Space>
                <Link to={`/ncms/notices/${r.areaId}/${month}`}>{r.notice ? '查看' : '预览 / 发布'}</Link>
                {r.notice && <a onClick={() => file(r, 'pdf')}>PDF</a>}
                {r.notice && <a onClick={() => file(r, 'xlsx')}>Excel</a>}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<NoticeSettings>
        title={`生成并发布 ${month} 全部村的公示`}
        open={jobOpen}
        form={jobForm}
        initialValues={NOTICE_SETTINGS_DEFAULTS}
        onClose={() => setJobOpen(false)}
        onSave={async (values) => {
          const started = await api<NoticeJobView>('/ncms/notices/jobs', { method: 'POST', body: { month, areaId, ...values } });
          setJob(started);
          return '已开始生成，请稍候查看进度';
        }}
      >
        <Typography.Paragraph type="secondary">已发布的村保持不变；其余每个村发布第 1 版（本月无补偿的村发布「本月无补偿」）。</Typography.Paragraph>
        <NoticeSettingsFields />
      </FormModal>
    </Card>
  );
}
