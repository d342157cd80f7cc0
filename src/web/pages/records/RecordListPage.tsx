import { Alert, Card, DatePicker, Form, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { SEX_NAMES } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { RECORD_LIST_STATUSES } from '../../../publichealth/records/list-statuses.ts';
import { percent } from './format.ts';
import type { RecordList, RecordListItem } from './types.ts';

const MEDIUM = { electronic: '电子', paper: '纸质' } as const;

/** 健康档案名单: an area's residents with their record (建档、完整、动态使用) as of a day; filters in the address bar, so the supervision tables link here filtered. */
export default function RecordListPage() {
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const filter = { areaId: number('areaId'), status: text('status'), to: text('to') };
  const list = useLoad(() => api<RecordList>('/records', { query: { ...filter, page, pageSize } }), [JSON.stringify(filter), page, pageSize]);
  const s = list.data?.summary;

  return (
    <Card title="健康档案名单">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="区划">
            <AreaSelect value={filter.areaId} onChange={(areaId) => update({ areaId })} placeholder="全部（本人管辖范围）" />
          </Form.Item>
          <Form.Item label="档案情况">
            <Select allowClear value={filter.status} onChange={(status?: string) => update({ status })} style={{ width: 160 }} placeholder="全部在册居民" options={Object.entries(RECORD_LIST_STATUSES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="截至">
            <DatePicker value={filter.to ? dayjs(filter.to) : null} placeholder="今天" disabledDate={(d) => d.isAfter(dayjs(), 'day')} onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })} />
          </Form.Item>
        </Form>
        {list.error && <Alert type="warning" showIcon title={list.error.message} />}
        {s && list.data && (
          <Typography.Text type="secondary">
            在册居民 {s.counts.residents} 人，已建档 {s.counts.records}（建档率 {percent(s.recordRate)}），其中必填项目齐全 {s.counts.complete}（完整率 {percent(s.completenessRate)}），
            {list.data.period.from} 至 {list.data.period.to} 有动态记录 {s.counts.dynamic}（使用率 {percent(s.useRate)}）。口径与健康档案指标相同。
          </Typography.Text>
        )}
        <Table<RecordListItem>
          rowKey={(r) => r.person.id}
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items}
          pagination={pagination(list.data?.total, (n) => (list.data?.totalCapped ? `超过 ${n} 人，请缩小范围` : `共 ${n} 人`))}
          scroll={{ x: 1100 }}
          columns={[
            { title: '姓名', render: (_, r) => <Link to={`/people/persons/${r.person.id}`}>{r.person.name}</Link> },
            { title: '性别', width: 60, render: (_, r) => SEX_NAMES[r.person.sex] },
            { title: '出生日期', width: 110, render: (_, r) => r.person.birthDate },
            { title: '村（社区）', render: (_, r) => r.person.areaName },
            { title: '户号', render: (_, r) => <Link to={`/people/households/${r.person.householdId}`}>{r.person.householdNo}</Link> },
            { title: '档案', width: 90, render: (_, r) => (r.record ? <Tag color="green">已建档</Tag> : <Tag color="red">未建档</Tag>) },
            { title: '档案编号', render: (_, r) => r.record?.recordNo },
            { title: '建档日期', width: 110, render: (_, r) => r.record?.createdOn },
            { title: '形式', width: 70, render: (_, r) => r.record && MEDIUM[r.record.medium] },
            {
              title: '完整性',
              render: (_, r) =>
                r.record &&
                (r.record.complete ? (
                  <Tag color="green">齐全</Tag>
                ) : (
                  <Tooltip title={r.record.missing.join('、')}>
                    <Tag color="orange">缺 {r.record.missing.length} 项</Tag>
                  </Tooltip>
                )),
            },
            { title: '动态使用', render: (_, r) => r.record && (r.record.inUse ? <Tag color="green">有</Tag> : <Tag>无</Tag>) },
          ]}
        />
      </Space>
    </Card>
  );
}
