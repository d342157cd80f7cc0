import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, apiUrl, download } from '../../api/client.ts';
import { allowed } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { showFormError } from '../../lib/form-errors.ts';
import { formatTime, todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { lastMonth, type BulletinContent, type BulletinSummary } from './types.ts';

/** The bulletin's text and tables, for a preview or a published version. */
function BulletinView({ content }: { content: BulletinContent }) {
  return (
    <>
      <Typography.Title level={4} style={{ textAlign: 'center' }}>{content.title}</Typography.Title>
      <Typography.Paragraph>{content.text}</Typography.Paragraph>
      <Typography.Title level={5}>一、综合得分排名</Typography.Title>
      <Table
        rowKey="areaId"
        size="small"
        pagination={false}
        dataSource={content.ranking}
        columns={[
          { title: '名次', dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
          { title: '乡镇（街道）', dataIndex: 'name' },
          { title: '综合得分', dataIndex: 'score', render: (v: number | null) => (v === null ? '无数据' : v.toFixed(1)) },
          { title: '上月名次', dataIndex: 'previousRank', render: (v: number | null) => v ?? '—' },
          { title: '得分变化', dataIndex: 'scoreChange', render: (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : v) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>二、未达标指标及责任单位</Typography.Title>
      <Table
        rowKey={(r) => `${r.township}:${r.indicator}`}
        size="small"
        pagination={false}
        dataSource={content.belowTarget}
        locale={{ emptyText: '本月各项考核指标均已达标' }}
        columns={[
          { title: '乡镇（街道）', dataIndex: 'township' },
          { title: '责任单位', dataIndex: 'unit' },
          { title: '指标', dataIndex: 'indicatorName' },
          { title: '本月', dataIndex: 'value' },
          { title: '目标', dataIndex: 'target' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>三、全县主要指标与上月比较</Typography.Title>
      <Table
        rowKey="indicator"
        size="small"
        pagination={false}
        dataSource={content.countyFigures}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '本月', dataIndex: 'value' },
          { title: '上月', dataIndex: 'previous' },
          { title: '变化', dataIndex: 'change' },
        ]}
      />
      {(content.sections ?? []).map((section, i) => (
        <div key={section.title}>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{`${'四五六七八'[i] ?? i + 4}、${section.title}`}</Typography.Title>
          {section.lines.map((line) => (
            <Typography.Paragraph key={line} style={{ marginBottom: 4 }}>{line}</Typography.Paragraph>
          ))}
        </div>
      ))}
    </>
  );
}

/** 月通报: published bulletins with downloads; the bureau previews a month, publishes it, or publishes a correction. */
export default function BulletinsPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const manage = allowed(user.role, 'supervision.manage');
  const list = useLoad(() => api<BulletinSummary[]>('/supervision/bulletins'), []);
  const [month, setMonth] = useState(lastMonth(todayInShanghai()));
  const [preview, setPreview] = useState<BulletinContent>();
  const [shown, setShown] = useState<{ summary: BulletinSummary; content: BulletinContent }>();
  const [form] = Form.useForm<{ correctionReason?: string }>();
  const [publishing, setPublishing] = useState(false);
  const published = (list.data ?? []).some((b) => b.month === month);

  const generate = () => api<BulletinContent>('/supervision/bulletins/preview', { query: { month } }).then(setPreview, (e: Error) => message.error(e.message));
  const publish = async () => {
    setPublishing(true);
    try {
      const values = form.getFieldsValue();
      await api('/supervision/bulletins', { method: 'POST', body: { month, correctionReason: values.correctionReason || undefined } });
      message.success(`${month} 通报已发布`);
      setPreview(undefined);
      form.resetFields();
      list.reload();
    } catch (e) {
      showFormError(form, e, message.error);
    } finally {
      setPublishing(false);
    }
  };
  const file = (b: BulletinSummary, extension: 'pdf' | 'xlsx') => download(`/supervision/bulletins/${b.id}/bulletin.${extension}`, {}, `通报.${extension}`).catch((e: Error) => message.error(e.message));
  const open = (b: BulletinSummary) => api<{ content: BulletinContent }>(`/supervision/bulletins/${b.id}`).then((r) => setShown({ summary: b, content: r.content }), (e: Error) => message.error(e.message));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {manage && (
        <Card title="生成月通报">
          <Space wrap>
            <span>
              月份 <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && (setMonth(d.format('YYYY-MM')), setPreview(undefined))} />
            </span>
            <Button onClick={generate}>生成预览</Button>
            <Button href={apiUrl('/supervision/bulletins/preview.pdf', { month })} target="_blank">
              预览 PDF
            </Button>
          </Space>
          {preview && (
            <div style={{ marginTop: 16 }}>
              <BulletinView content={preview} />
              <Form form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 600 }}>
                {published && (
                  <Form.Item name="correctionReason" label="更正说明" extra="本月通报已发布，发布后的通报不能修改；填写更正说明后发布为新版本" rules={[{ required: true, message: '请填写更正说明' }]}>
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                )}
                <Button type="primary" loading={publishing} onClick={publish}>
                  {published ? '发布更正版本' : '发布通报'}
                </Button>
              </Form>
            </div>
          )}
        </Card>
      )}
      <Card title="已发布的月通报">
        <Table<BulletinSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          columns={[
            { title: '月份', dataIndex: 'month' },
            { title: '标题', render: (_, b) => <a onClick={() => open(b)}>{b.title}</a> },
            { title: '版本', render: (_, b) => (<>第 {b.version} 版 {b.current ? <Tag color="green">现行</Tag> : <Tag>已被更正</Tag>}</>) },
            { title: '更正说明', render: (_, b) => b.correctionReason ?? '—' },
            { title: '发布', render: (_, b) => `${formatTime(b.publishedAt)} ${b.publishedByName}` },
            { title: '下载', render: (_, b) => (<Space><a onClick={() => file(b, 'pdf')}>PDF</a><a onClick={() => file(b, 'xlsx')}>Excel</a></Space>) },
          ]}
        />
      </Card>
      <Modal open={!!shown} width={900} footer={null} onCancel={() => setShown(undefined)} title={shown && `第 ${shown.summary.version} 版`}>
        {shown && (
          <>
            <Descriptions size="small" items={[{ label: '发布', children: `${formatTime(shown.summary.publishedAt)} ${shown.summary.publishedByName}` }, ...(shown.summary.correctionReason ? [{ label: '更正说明', children: shown.summary.correctionReason }] : [])]} />
            <BulletinView content={shown.content} />
          </>
        )}
      </Modal>
    </Space>
  );
}
