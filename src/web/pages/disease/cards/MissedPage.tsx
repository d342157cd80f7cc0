import { Button, Card, Form, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { InstitutionSelect } from './InstitutionSelect.tsx';
import { usePeriod } from './PeriodPicker.tsx';
import { OUTCOME_NAMES, type MissedItem, type Outcome } from './card-types.ts';
import type { FromVisit } from './CardFormPage.tsx';

const TABS: Outcome[] = ['missed', 'late', 'pending', 'reported'];

/**
 * 漏报名单: visits diagnosed with a notifiable disease and no card within the limit, with the institution that must
 * report. A reporting user of that institution can fill the card from the row.
 */
export default function MissedPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const { from, to, picker } = usePeriod();
  const outcome = (text('outcome') as Outcome | undefined) ?? 'missed';
  // A reporting user of an institution looks at their own institution's list first; 'all' once they clear it.
  const chosen = text('institutionId');
  const institutionId = chosen === 'all' ? undefined : (number('institutionId') ?? (user.role === 'cdc_staff' ? undefined : (user.institutionId ?? undefined)));
  const list = useLoad(
    () => api<{ items: MissedItem[]; total: number; counts: Record<Outcome, number> }>('/disease/missed-reports', { query: { from, to, outcome, institutionId, page, pageSize } }),
    [from, to, outcome, institutionId, page, pageSize],
  );
  const canReport = (row: MissedItem) => allowed(user.role, 'disease.report') && user.institutionId === row.institutionId;
  const report = (row: MissedItem) => {
    const fromVisit: FromVisit = { visitId: row.visitId, patientName: row.patientName, icd10: row.icd10, visitedAt: row.visitedAt };
    navigate('/disease/cards/new', { state: { fromVisit } });
  };

  return (
    <Card title="漏报名单">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          就诊诊断为法定传染病、而在报告时限（甲类及按甲类管理 2 小时，其余 24 小时）内没有对应报告卡的病例。同一患者同一病种、诊断时间相差 7 天内的报告卡（任何单位报告的）都算已报告。责任报告单位为诊断机构。
        </Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label="就诊日期">{picker}</Form.Item>
          <Form.Item label="责任报告单位">
            <InstitutionSelect value={institutionId} onChange={(id) => update({ institutionId: id ?? 'all' })} />
          </Form.Item>
        </Form>
        <Tabs
          activeKey={outcome}
          onChange={(key) => update({ outcome: key === 'missed' ? undefined : key })}
          items={TABS.map((key) => ({ key, label: `${OUTCOME_NAMES[key]}${list.data ? `（${list.data.counts[key]}）` : ''}` }))}
        />
        <Table<MissedItem>
          rowKey={(r) => `${r.visitId}:${r.disease}`}
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items}
          pagination={pagination(list.data?.total, (n) => `共 ${n} 例`)}
          columns={[
            { title: '患者', dataIndex: 'patientName' },
            { title: '现住址', render: (_, r) => r.areaName ?? <Typography.Text type="secondary">未匹配居民</Typography.Text> },
            { title: '诊断', render: (_, r) => <>{r.classA ? <Tag color="red">{r.disease}</Tag> : r.disease} {r.icd10}</> },
            { title: '就诊（诊断）时间', render: (_, r) => formatTime(r.visitedAt) },
            { title: '报告时限截止', render: (_, r) => `${formatTime(r.deadline)}（${r.hours} 小时）` },
            { title: '责任报告单位', dataIndex: 'institutionName' },
            {
              title: outcome === 'missed' || outcome === 'pending' ? '处理' : '报告卡',
              render: (_, r) =>
                r.cardId ? (
                  <Link to={`/disease/cards/${r.cardId}`}>第 {r.cardId} 号{r.cardInstitutionName && r.cardInstitutionName !== r.institutionName ? `（${r.cardInstitutionName}报告）` : ''}</Link>
                ) : canReport(r) ? (
                  <Button size="small" type="primary" onClick={() => report(r)}>补报</Button>
                ) : (
                  '待责任单位补报'
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
