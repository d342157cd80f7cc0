import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Space, Tag, Timeline, Typography, Upload, type FormInstance, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api, download } from '../../../api/client.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { UnitFields } from './UnitFields.tsx';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, SEVERITY_COLORS, STATUS_COLORS, type FindingView } from './types.ts';

const EVENT_COLORS: Record<string, string> = { created: 'gray', assigned: 'blue', progress: 'blue', submitted: 'gold', returned: 'red', closed: 'green' };

/** A file as base64 (the part after "data:…;base64,"). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(new Error(`无法读取文件「${file.name}」`));
    reader.readAsDataURL(file);
  });
}

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** One finding: where it stands, its timeline with evidence, and the forms of whoever acts next. */
export default function FindingDetailPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const manage = allowed(user.role, 'ncms.manage');
  const finding = useLoad(() => api<FindingView>(`/ncms/findings/${id}`), [id]);
  const f = finding.data;
  const [progressForm] = Form.useForm<{ note: string; submit?: boolean }>();
  const [assignForm] = Form.useForm();
  const [decisionForm] = Form.useForm<{ note?: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState<string>();

  async function run(what: string, form: FormInstance<any>, send: () => Promise<FindingView>, done: string) {
    setBusy(what);
    try {
      await send();
      message.success(done);
      form.resetFields();
      finding.reload();
      return true;
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
      return false;
    } finally {
      setBusy(undefined);
    }
  }

  async function report(values: { note: string; submit?: boolean }) {
    const chosen = files.map((x) => x.originFileObj).filter((x): x is NonNullable<typeof x> => !!x);
    const big = chosen.find((x) => x.size > EVIDENCE_MAX_BYTES);
    if (big) return message.error(`文件「${big.name}」超过 5 MB，请压缩或拆分后上传`);
    const payload = { ...values, files: await Promise.all(chosen.map(async (x) => ({ fileName: x.name, contentType: x.type, base64: await base64Of(x) }))) };
    const ok = await run('report', progressForm, () => api<FindingView>(`/ncms/findings/${id}/progress`, { method: 'POST', body: payload }), values.submit ? '已申请销号，等待合管办验收' : '整改进展已报送');
    if (ok) setFiles([]);
  }

  const reassignable = f && ['pending', 'in_progress', 'returned'].includes(f.status);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={f ? `第 ${f.number} 号问题` : '审计发现问题'} extra={<BackButton />} loading={finding.loading}>
        {f && (
          <Descriptions column={2} size="small">
            <Descriptions.Item label="审计" span={2}>{f.auditTitle}</Descriptions.Item>
            <Descriptions.Item label="问题" span={2}>{f.text}</Descriptions.Item>
            <Descriptions.Item label="类别">{f.category}</Descriptions.Item>
            <Descriptions.Item label="严重程度"><Tag color={SEVERITY_COLORS[f.severity]}>{f.severityName}</Tag></Descriptions.Item>
            <Descriptions.Item label="责任单位">{f.unitName ?? '未分派'}</Descriptions.Item>
            <Descriptions.Item label="整改期限">
              {f.deadline ?? '—'} {f.overdue && <Tag color="red">已逾期</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="状态"><Tag color={STATUS_COLORS[f.status]}>{f.statusName}</Tag></Descriptions.Item>
            {f.closedAt && <Descriptions.Item label="销号时间">{formatTime(f.closedAt)}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>

      {f && (
        <Card title="整改时间线">
          <Timeline
            items={f.events.map((e) => ({
              color: EVENT_COLORS[e.kind],
              children: (
                <>
                  <Typography.Text strong>{e.kindName}</Typography.Text>
                  <Typography.Text type="secondary">{`　${e.actorName}　${formatTime(e.at)}`}</Typography.Text>
                  {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  {e.evidence.map((x) => (
                    <div key={x.id}>
                      <a onClick={() => download(`/ncms/findings/evidence/${x.id}`, {}, x.fileName).catch((err: Error) => message.error(err.message))}>{`📎 ${x.fileName}`}</a>
                      <Typography.Text type="secondary">{`（${sizeText(x.sizeBytes)}）`}</Typography.Text>
                    </div>
                  ))}
                </>
              ),
            }))}
          />
        </Card>
      )}

      {f?.canReport && (
        <Card title="报送整改情况">
          <Form form={progressForm} layout="vertical" onFinish={report} style={{ maxWidth: 640 }}>
            <Form.Item name="note" label="整改进展 / 完成情况" rules={[{ required: true, message: '请填写整改进展' }]}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Form.Item label={`佐证材料（每个文件不超过 5 MB，最多 ${EVIDENCE_MAX_FILES} 个）`}>
              <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(0, EVIDENCE_MAX_FILES))} multiple>
                <Button icon={<UploadOutlined />}>选择文件</Button>
              </Upload>
            </Form.Item>
            <Form.Item name="submit" valuePropName="checked">
              <Checkbox>整改已完成，申请销号</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy === 'report'}>报送</Button>
          </Form>
        </Card>
      )}

      {f?.canDecide && (
        <Card title="验收">
          <Form form={decisionForm} layout="vertical" style={{ maxWidth: 640 }}>
            <Form.Item name="note" label="验收意见（退回时必填：写明原因和需要补充的内容）">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Space>
              <Button type="primary" loading={busy === 'close'} onClick={() => run('close', decisionForm, () => api<FindingView>(`/ncms/findings/${id}/decision`, { method: 'POST', body: { accept: true, note: decisionForm.getFieldValue('note') } }), '已验收销号')}>
                同意销号
              </Button>
              <Button danger loading={busy === 'return'} onClick={() => run('return', decisionForm, () => api<FindingView>(`/ncms/findings/${id}/decision`, { method: 'POST', body: { accept: false, note: decisionForm.getFieldValue('note') } }), '已退回责任单位重新整改')}>
                退回重改
              </Button>
            </Space>
          </Form>
        </Card>
      )}

      {manage && reassignable && (
        <Card title={f.unitName ? '改派责任单位或调整期限' : '分派责任单位'}>
          <Form form={assignForm} layout="vertical" style={{ maxWidth: 640 }} onFinish={(values) => run('assign', assignForm, () => api<FindingView>(`/ncms/findings/${id}/assign`, { method: 'POST', body: values }), '已分派')}>
            <UnitFields />
            <Form.Item name="note" label="说明">
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy === 'assign'}>{f.unitName ? '改派' : '分派'}</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
