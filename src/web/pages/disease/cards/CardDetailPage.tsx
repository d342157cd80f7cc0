import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Spin, Table, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { OnTimeTag, useNotifiableList } from './CardsPage.tsx';
import { ACTION_NAMES, FIELD_NAMES, STATUS_COLORS, type CardDetail } from './card-types.ts';

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? formatTime(String(v)) : String(v));

/** One report card: every field, its status with the actions the user may take, and its history. */
export default function CardDetailPage() {
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useNotifiableList();
  const card = useLoad(() => api<CardDetail>(`/disease/cards/${id}`), [id]);
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function act(path: string, body?: unknown, done = '已完成') {
    setBusy(true);
    try {
      await api(path, { method: 'POST', body: body ?? {} });
      message.success(done);
      setDeleting(false);
      card.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '操作失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  const c = card.data;
  if (!c) return <Spin />;
  const statuses = list.data?.statuses;
  const caseClasses: Record<string, string> = list.data?.caseClasses ?? {};
  return (
    <Card
      title={`传染病报告卡 第 ${c.id} 号`}
      extra={
        <Space>
          {c.actions.includes('check') && <Button type="primary" loading={busy} onClick={() => act(`/disease/cards/${id}/check`, undefined, '已审核')}>乡镇审核通过</Button>}
          {c.actions.includes('confirm') && <Button type="primary" loading={busy} onClick={() => act(`/disease/cards/${id}/confirm`, undefined, '已确认')}>县疾控确认</Button>}
          {c.actions.includes('revise') && <Button onClick={() => navigate(`/disease/cards/${id}/revise`)}>订正</Button>}
          {c.actions.includes('delete') && <Button danger onClick={() => setDeleting(true)}>删除</Button>}
          <BackButton />
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {c.alert && (
          <Alert
            type={c.alert.acknowledgedAt ? 'info' : 'error'}
            showIcon
            title={c.alert.acknowledgedAt ? `甲类预警已由 ${c.alert.acknowledgedBy} 于 ${formatTime(c.alert.acknowledgedAt)} 确认收到` : '甲类（或按甲类管理）传染病：预警尚未确认收到'}
            action={!c.alert.acknowledgedAt && allowed(user.role, 'disease.confirm') ? <Button danger size="small" onClick={() => act(`/disease/card-alerts/${c.alert!.id}/acknowledge`, undefined, '已确认收到预警')}>确认收到</Button> : undefined}
          />
        )}
        {c.status === 'deleted' && <Alert type="warning" showIcon title={`已于 ${formatTime(c.deletedAt)} 由 ${c.deletedBy} 删除：${c.deleteReason}`} />}
        <Descriptions bordered size="small" column={3}>
          <Descriptions.Item label="状态"><Tag color={STATUS_COLORS[c.status]}>{statuses?.[c.status] ?? c.status}</Tag>{c.version > 1 && `第 ${c.version} 版`}</Descriptions.Item>
          <Descriptions.Item label="病种">{c.disease}（{c.diseaseClass}类{c.classA && c.diseaseClass !== 'A' ? '，按甲类管理' : ''}）{c.icd10}</Descriptions.Item>
          <Descriptions.Item label="及时性"><OnTimeTag onTime={c.onTime} hours={c.timeLimitHours} /></Descriptions.Item>
          <Descriptions.Item label="患者">{c.patientName}（{c.sex === 'M' ? '男' : '女'}）</Descriptions.Item>
          <Descriptions.Item label="身份证号">{c.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="出生日期/年龄">{c.birthDate ?? `${c.ageYears} 岁`}</Descriptions.Item>
          <Descriptions.Item label="患儿家长">{c.parentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{c.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="人群分类">{c.occupation}</Descriptions.Item>
          <Descriptions.Item label="现住址">{[c.townshipName, c.areaName, c.address].filter(Boolean).join(' ')}</Descriptions.Item>
          <Descriptions.Item label="工作单位（学校）">{c.workUnit || '—'}</Descriptions.Item>
          <Descriptions.Item label="病例分类">{caseClasses[c.caseClass] ?? c.caseClass}{c.course && `（${list.data?.courses[c.course] ?? c.course}）`}</Descriptions.Item>
          <Descriptions.Item label="发病日期">{c.onsetDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="诊断时间">{formatTime(c.diagnosedAt)}</Descriptions.Item>
          <Descriptions.Item label="死亡日期">{c.deathDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="报告单位">{c.institutionName}</Descriptions.Item>
          <Descriptions.Item label="填卡医生">{c.doctorName}</Descriptions.Item>
          <Descriptions.Item label="报告时间">{formatTime(c.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label="乡镇审核">{c.checkedAt ? `${c.checkedBy} ${formatTime(c.checkedAt)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="县疾控确认">{c.confirmedAt ? `${c.confirmedBy} ${formatTime(c.confirmedAt)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="来源">{c.visitId ? `就诊记录 ${c.visitId}` : '直接填报'}{c.personId && <> · <Link to={`/people/persons/${c.personId}`}>居民档案</Link></>}</Descriptions.Item>
          <Descriptions.Item label="备注" span={3}>{c.remarks || '—'}</Descriptions.Item>
        </Descriptions>
        <Table
          title={() => '处理记录（含历次订正）'}
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={c.history}
          columns={[
            { title: '时间', render: (_, e) => formatTime(e.at) },
            { title: '操作', render: (_, e) => ACTION_NAMES[e.action] },
            { title: '操作人', dataIndex: 'byName' },
            { title: '状态', render: (_, e) => statuses?.[e.toStatus] ?? e.toStatus },
            { title: '版本', dataIndex: 'version' },
            { title: '原因', render: (_, e) => e.reason ?? '' },
            { title: '订正内容', render: (_, e) => e.changes.map((ch) => `${FIELD_NAMES[ch.field] ?? ch.field}：${shown(ch.before)} → ${shown(ch.after)}`).join('；') },
          ]}
        />
      </Space>
      <Modal title="删除报告卡" open={deleting} onCancel={() => setDeleting(false)} okText="删除" okButtonProps={{ danger: true, loading: busy, disabled: !reason.trim() }} onOk={() => act(`/disease/cards/${id}/delete`, { reason }, '报告卡已删除（记录保留）')}>
        <p>删除后报告卡保留在系统中，标记为「已删除」，不再计入统计。请填写删除原因：</p>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={2} placeholder="如：重复录入、误诊" />
      </Modal>
    </Card>
  );
}
