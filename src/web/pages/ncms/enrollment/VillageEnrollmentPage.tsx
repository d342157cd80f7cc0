import { useMemo, useState } from 'react';
import { Button, Card, Input, InputNumber, Result, Space, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { HouseholdDetail, HouseholdSummary, Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { PersonStatusTag } from '../../../components/PersonStatusTag.tsx';
import { findArea, useAreaTree } from '../../../lib/useAreaTree.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { ContributionCategory, EnrollmentView } from '../ncms-types.ts';
import { EnrollHouseholdModal } from './EnrollHouseholdModal.tsx';
import { allEnrollments, byHousehold, householdEnrollment } from './enrollment-logic.ts';
import { currentYear } from './year.ts';
import { yuan } from '../schemes/scheme-labels.ts';

const STATUS_TAGS = {
  all: <Tag color="green">全户已参合</Tag>,
  some: <Tag color="orange">部分参合</Tag>,
  none: <Tag>未参合</Tag>,
};

/** A household's members with this year's enrollment of each, loaded when the row is opened. */
function HouseholdMembers({ householdId, enrollments }: { householdId: number; enrollments: EnrollmentView[] }) {
  const { data, loading } = useLoad(() => api<HouseholdDetail>(`/households/${householdId}`), [householdId]);
  const byPerson = new Map(enrollments.map((e) => [e.personId, e]));
  return (
    <Table
      rowKey="id"
      size="small"
      loading={loading}
      pagination={false}
      dataSource={data?.members}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '身份证号', dataIndex: 'idNumber', width: 190 },
        { title: '状态', dataIndex: 'status', width: 130, render: (status: string, m) => <PersonStatusTag status={status} date={m.statusDate} /> },
        {
          title: '本年度参合',
          key: 'enrolled',
          render: (_, m) => {
            const e = byPerson.get(m.id);
            return e ? (
              <Space>
                <Tag color="green">已参合</Tag>
                {e.categoryName}
                <Typography.Text type="secondary">{`${e.payer === 'individual' ? yuan(e.amountFen / 100) : e.payerName} · 收据 ${e.receiptNo ?? '无'} · ${e.collectedOn} ${e.collectedByName}`}</Typography.Text>
              </Space>
            ) : (
              <Tag>未参合</Tag>
            );
          },
        },
      ]}
    />
  );
}

/** 村参合登记: the village's households, who in each is enrolled this year, and enrolling a household. */
export default function VillageEnrollmentPage() {
  const areaId = Number(useParams().areaId);
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const year = number('year') ?? currentYear();
  const q = text('q') ?? '';
  const [typed, setTyped] = useState(q);
  const [enrolling, setEnrolling] = useState<number>();
  const tree = useAreaTree();
  const mayEnroll = allowed(useCurrentUser().role, 'ncms.enroll');

  const households = useLoad(() => api<Page<HouseholdSummary>>('/households', { query: { areaId, q: q.trim(), page, pageSize } }), [areaId, q, page, pageSize]);
  const enrollments = useLoad(() => allEnrollments(year, areaId), [year, areaId]);
  const categories = useLoad(() => api<ContributionCategory[]>('/ncms/contribution-categories'), []);
  const grouped = useMemo(() => byHousehold(enrollments.data ?? []), [enrollments.data]);
  const enrolledIds = useMemo(() => new Set((enrollments.data ?? []).map((e) => e.personId)), [enrollments.data]);
  const village = tree && findArea(tree, areaId);

  if (households.error && !households.data) return <Result status="warning" title={households.error.message} extra={<BackButton />} />;

  return (
    <Card title={`参合登记：${village?.name ?? ''}（${year} 年度）`} extra={<BackButton />}>
      <EnrollHouseholdModal
        householdId={enrolling}
        year={year}
        categories={categories.data ?? []}
        enrolledIds={enrolledIds}
        onClose={() => setEnrolling(undefined)}
        onDone={enrollments.reload}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <span>
          参合年度 <InputNumber value={year} min={1900} max={2100} onChange={(value) => value && update({ year: value })} style={{ width: 100 }} />
        </span>
        <Input.Search
          placeholder="户编号、户主姓名或成员身份证号"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          enterButton="查询"
          allowClear
          style={{ width: 320 }}
        />
        <Typography.Text type="secondary">{`本村本年度已参合 ${enrollments.data?.length ?? '…'} 人`}</Typography.Text>
        <Link to={`/ncms/enrollment/import?year=${year}`}>导入花名册</Link>
      </Space>
      <Table<HouseholdSummary>
        rowKey="id"
        size="middle"
        loading={households.loading || enrollments.loading}
        dataSource={households.data?.items}
        pagination={pagination(households.data?.total, (n) => `共 ${n} 户`)}
        expandable={{ expandedRowRender: (h) => <HouseholdMembers householdId={h.id} enrollments={grouped.get(h.id) ?? []} /> }}
        columns={[
          { title: '户编号', dataIndex: 'householdNo', width: 100, render: (no: string, h) => <Link to={`/people/households/${h.id}`}>{no}</Link> },
          { title: '户主', dataIndex: 'headName', width: 100 },
          { title: '地址', dataIndex: 'address', ellipsis: true },
          { title: '在册人数', dataIndex: 'memberCount', width: 90 },
          {
            title: '本年度参合',
            key: 'enrolled',
            width: 170,
            render: (_, h) => {
              const count = grouped.get(h.id)?.length ?? 0;
              return (
                <Space>
                  {STATUS_TAGS[householdEnrollment(count, h.memberCount)]}
                  {`${count}/${h.memberCount} 人`}
                </Space>
              );
            },
          },
          {
            title: '',
            key: 'action',
            width: 120,
            render: (_, h) =>
              mayEnroll &&
              householdEnrollment(grouped.get(h.id)?.length ?? 0, h.memberCount) !== 'all' && (
                <Button size="small" type="primary" icon={<UserAddOutlined />} onClick={() => setEnrolling(h.id)}>
                  登记参合
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
