import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, apiUrl, download } from '../../../api/client.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { fenAmount } from '../money.ts';
import type { BoardRow, NoticeContent, NoticeRow, NoticeView } from './types.ts';
import { NOTICE_SETTINGS_DEFAULTS, NoticeSettingsFields, type NoticeSettings } from './NoticeSettingsFields.tsx';

interface PublishForm extends NoticeSettings {
  correctionReason?: string;
}

/** What the notice says: the table of reimbursements, totals and the fund's figures. */
function ContentView({ content }: { content: NoticeContent }) {
  const f = content.fund;
  return (
    <>
      {content.count === 0 && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本月本村无新农合补偿（报销）记录，公示将注明「本月无补偿」。" />}
      <Table<NoticeRow>
        rowKey="claimNo"
        size="small"
        dataSource={content.rows}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '序号', render: (_, __, i) => i + 1, width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'idNumber' },
          { title: '就诊机构', dataIndex: 'institution' },
          { title: '类别', dataIndex: 'kind' },
          { title: '入院/就诊日期', dataIndex: 'admittedOn' },
          { title: '出院日期', dataIndex: 'dischargedOn' },
          { title: '总费用（元）', align: 'right', render: (_, r) => fenAmount(r.totalFen) },
          { title: '补偿金额（元）', align: 'right', render: (_, r) => fenAmount(r.payFen) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={7}>{`合计 ${content.count} 人次`}</Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">{fenAmount(content.totalFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">{fenAmount(content.payFen)}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Descriptions title={`基金收支（统筹区 ${f?.pool ?? '—'}）`} size="small" column={2} style={{ marginTop: 16 }}>
        {f ? (
          <>
            <Descriptions.Item label="本月收入">{`${fenAmount(f.monthIncomeFen)} 元`}</Descriptions.Item>
            <Descriptions.Item label="本月支出">{`${fenAmount(f.monthSpendingFen)} 元`}</Descriptions.Item>
            <Descriptions.Item label="本年累计收入">{`${fenAmount(f.yearIncomeFen)} 元`}</Descriptions.Item>
            <Descriptions.Item label="本年累计支出">{`${fenAmount(f.yearSpendingFen)} 元`}</Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item label="基金">本年度基金账目尚未建立</Descriptions.Item>
        )}
        <Descriptions.Item label="公示单位">{content.publisher}</Descriptions.Item>
        <Descriptions.Item label="监督电话">{content.complaintPhone || '（未填，打印后手写）'}</Descriptions.Item>
        <Descriptions.Item label="公示期">{`${content.objectionDays} 天`}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** One village's notice of a month: the published version (any version chosen), or a preview; download, publish or correct. */
export default function NoticeDetailPage() {
  const { areaId, month } = useParams();
  const [params, setParams] = useSearchParams();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const manage = allowed(user.role, 'ncms.manage');
  const [form] = Form.useForm<PublishForm>();
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);

  const board = useLoad(() => api<BoardRow[]>('/ncms/notices', { query: { month, areaId } }), [month, areaId, round]);
  const row = board.data?.find((r) => String(r.areaId) === areaId);
  const chosen = Number(params.get('id')) || row?.notice?.id;
  const notice = useLoad(async () => (chosen ? api<NoticeView>(`/ncms/notices/${chosen}`) : undefined), [chosen, round]);
  const canPreview = allowed(user.role, 'ncms.read');
  const preview = useLoad(
    async () => (board.data && !row?.notice && canPreview ? api<NoticeContent>('/ncms/notices/preview', { query: { areaId, month } }) : undefined),
    [board.data, row?.notice?.id],
  );
  const n = notice.data;
  const content = n?.content ?? preview.data;

  async function publish(values: PublishForm) {
    setBusy(true);
    try {
      const published = await api<NoticeView>('/ncms/notices', { method: 'POST', body: { areaId: Number(areaId), month, ...values } });
      message.success(`已发布第 ${published.version} 版公示`);
      form.setFieldValue('correctionReason', undefined);
      setParams({});
      setRound((x) => x + 1);
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  const file = (extension: 'pdf' | 'xlsx') => download(`/ncms/notices/${n!.id}/notice.${extension}`, {}, `公示.${extension}`).catch((e: Error) => message.error(e.message));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${row?.township ?? ''}${row?.village ?? ''} ${month} 新农合补偿公示`}
        extra={<BackButton />}
        loading={board.loading}
      >
        {n ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>{`第 ${n.version} 版，${n.publishedByName} 于 ${formatTime(n.publishedAt)} 发布`}</Typography.Text>
              {n.versions.length > 1 && (
                <Select
                  value={n.id}
                  style={{ width: 260 }}
                  onChange={(id: number) => setParams({ id: String(id) })}
                  options={n.versions.map((v) => ({ value: v.id, label: `第 ${v.version} 版（${formatTime(v.publishedAt)}）${v.id === n.versions[0]!.id ? ' 现行' : ' 已更正'}` }))}
                />
              )}
              <Button onClick={() => file('pdf')}>下载 PDF</Button>
              <Button onClick={() => file('xlsx')}>下载 Excel</Button>
            </Space>
            {n.correctionReason && <Alert type="warning" message={`更正说明：${n.correctionReason}`} />}
          </Space>
        ) : preview.data ? (
          <Space wrap>
            <Alert type="info" message="尚未发布，以下为预览（根据目前的结算数据）" />
            <Button href={apiUrl('/ncms/notices/preview.pdf', { areaId, month })} target="_blank">预览 PDF</Button>
          </Space>
        ) : (
          !board.loading && <Alert type="info" message="该村本月的公示尚未发布。" />
        )}
        {content && <div style={{ marginTop: 16 }}><ContentView content={content} /></div>}
      </Card>
      {manage && board.data && (
        <Card title={row?.notice ? '更正公示（发布新版本）' : '发布公示'}>
          <Form form={form} layout="vertical" onFinish={publish} initialValues={NOTICE_SETTINGS_DEFAULTS} style={{ maxWidth: 520 }}>
            <NoticeSettingsFields />
            {row?.notice && (
              <Form.Item name="correctionReason" label="更正说明" rules={[{ required: true, message: '更正已发布的公示须写明原因，如：补录漏报的补偿' }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              {row?.notice ? '发布更正版' : '发布（发布后内容冻结）'}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
