import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { formatTime, SEX_NAMES } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { InstitutionSelect } from '../cards/InstitutionSelect.tsx';
import { PersonPicker } from '../deaths/PersonPicker.tsx';
import { MATCH_METHOD, type VisitRow } from './visit-types.ts';

/**
 * 就诊记录: visits received from the institutions in the user's scope, by institution, date and diagnosis; the
 * unmatched ones can be linked to a resident by hand.
 */
export default function VisitsPage() {
  const user = useCurrentUser();
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const [q, setQ] = useState(text('q') ?? '');
  const [icd10, setIcd10] = useState(text('icd10') ?? '');
  const [linking, setLinking] = useState<VisitRow>();
  const query = { institutionId: number('institutionId'), from: text('from'), to: text('to'), icd10: text('icd10'), q: text('q'), unmatched: text('unmatched'), page, pageSize };
  const list = useLoad(() => api<{ items: VisitRow[]; total: number; totalCapped: boolean }>('/disease/visits', { query }), [JSON.stringify(query)]);
  const canLink = allowed(user.role, 'visits.import');

  return (
    <Card title="就诊记录">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item>
            <Segmented
              value={text('unmatched') === 'true' ? 'unmatched' : 'all'}
              onChange={(v) => update({ unmatched: v === 'unmatched' ? 'true' : undefined })}
              options={[
                { value: 'all', label: '全部' },
                { value: 'unmatched', label: '未匹配居民' },
              ]}
            />
          </Form.Item>
          <Form.Item label="就诊机构">
            <InstitutionSelect value={number('institutionId')} onChange={(id) => update({ institutionId: id })} />
          </Form.Item>
          <Form.Item label="就诊日期">
            <DatePicker.RangePicker
              value={text('from') && text('to') ? [dayjs(text('from')), dayjs(text('to'))] : null}
              onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label="诊断">
            <Input.Search allowClear placeholder="如 B26 或 B26.9" value={icd10} onChange={(e) => setIcd10(e.target.value)} onSearch={(v) => update({ icd10: v.trim() })} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item label="患者">
            <Input.Search allowClear placeholder="姓名或身份证号" value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => update({ q: v.trim() })} style={{ width: 200 }} />
          </Form.Item>
        </Form>
        <Table<VisitRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items}
          pagination={pagination(list.data?.total, (n) => `共 ${n}${list.data?.totalCapped ? '+' : ''} 条`)}
          scroll={{ x: 1100 }}
          columns={[
            { title: '就诊时间', dataIndex: 'visitedAt', width: 170, render: (v: string) => formatTime(v) },
            { title: '就诊机构', dataIndex: 'institutionName', width: 160 },
            { title: '就诊编号', dataIndex: 'visitId', width: 120 },
            {
              title: '患者',
              render: (_: unknown, r) => (
                <>
                  {r.patientName}
                  <Typography.Text type="secondary">{` ${r.sex ? SEX_NAMES[r.sex] : ''} ${r.birthDate ?? ''}`}</Typography.Text>
                </>
              ),
            },
            { title: '住址 / 所在村', render: (_: unknown, r) => r.residenceAreaName ?? r.address ?? '' },
            { title: '科室', dataIndex: 'department', width: 80 },
            { title: '诊断', render: (_: unknown, r) => r.diagnoses.map((d) => `${d.code}${d.name ? ` ${d.name}` : ''}`).join('；') },
            {
              title: '匹配',
              width: 170,
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Tag color={MATCH_METHOD[r.matchMethod].color}>{MATCH_METHOD[r.matchMethod].name}</Tag>
                  {r.matchMethod === 'unmatched' && canLink && (
                    <Button size="small" type="link" onClick={() => setLinking(r)}>
                      关联居民
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      {linking && (
        <LinkModal
          visit={linking}
          onClose={(linked) => {
            setLinking(undefined);
            if (linked) list.reload();
          }}
        />
      )}
    </Card>
  );
}

/** Picks the resident an unmatched visit belongs to; the server checks scope and the sender's area. */
function LinkModal({ visit, onClose }: { visit: VisitRow; onClose: (linked: boolean) => void }) {
  const { message } = App.useApp();
  const [personId, setPersonId] = useState<number>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  async function save() {
    if (!personId) {
      setError('请先查找并选择一位居民');
      return;
    }
    setSaving(true);
    try {
      await api(`/disease/visits/${visit.id}/link`, { method: 'POST', body: { personId } });
      message.success(`已把就诊 ${visit.visitId} 关联到所选居民`);
      onClose(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : '关联失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title="关联居民" okText="关联" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={() => onClose(false)}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {`就诊 ${visit.visitId}（${visit.institutionName}，${formatTime(visit.visitedAt)}）：${visit.patientName}${visit.birthDate ? `，生于 ${visit.birthDate}` : ''}${visit.address ? `，${visit.address}` : ''}`}
        </Typography.Text>
        <Typography.Text type="secondary">按身份证号或姓名查找居民，核对出生日期和住址后选择。关联会记入操作日志，关联后不能再改。</Typography.Text>
        <PersonPicker
          value={personId}
          onChange={(id) => {
            setPersonId(id);
            setError(undefined);
          }}
        />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
    </Modal>
  );
}
