import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Spin, Tabs, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { BackButton } from '../../../components/BackButton.tsx';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft.ts';
import { nearestField } from '../../../lib/form-errors.ts';
import type { StoredScheme } from '../ncms-types.ts';
import { documentToForm, emptySchemeForm, formToDocument, problemPath, type SchemeForm } from './scheme-form.ts';
import { fieldLabel } from './scheme-labels.ts';
import { SchemeFormFields } from './SchemeFormFields.tsx';

type Values = SchemeForm & { note?: string };
type Tab = 'form' | 'json';

/** What is kept between visits: the form, the JSON text, the tab in use and the document being edited (for the fields the form lacks). */
interface Draft {
  values: Values;
  json: string;
  tab: Tab;
  base: unknown;
}

interface Problem {
  field: string;
  message: string;
}

/** The problems a refused save names: every one of a refused scheme, else the single field at fault. */
function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const listed = error.details?.problems;
  if (Array.isArray(listed)) return listed as Problem[];
  return error.field ? [{ field: error.field.replace(/^document\.?/, ''), message: error.message }] : [];
}

/**
 * 编辑补偿方案: a structured form of the v1 fields, or the JSON itself for advanced users; saving stores a new draft
 * version (never changes a saved one). Every problem the server finds is listed and shown on its field.
 */
export default function SchemeEditorPage() {
  const [params] = useSearchParams();
  const from = params.get('from');
  const user = useCurrentUser();
  const draftKey = `ncms.scheme.${from ?? 'new'}.${user.id}`;
  const [form] = Form.useForm<Values>();
  const [restored] = useState(() => loadDraft<Draft>(draftKey));
  const [base, setBase] = useState<unknown>(restored?.base ?? {});
  const [tab, setTab] = useState<Tab>(restored?.tab ?? 'form');
  const [json, setJson] = useState(restored?.json ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [loading, setLoading] = useState(Boolean(from && !restored));
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();

  // Starting from a saved version: its document fills the form (unless a draft of this edit was restored).
  useEffect(() => {
    if (!from || restored) return;
    api<StoredScheme>(`/ncms/schemes/${from}`).then(
      (scheme) => {
        setBase(scheme.document);
        form.setFieldsValue({ ...documentToForm(scheme.document), note: undefined });
        setLoading(false);
      },
      (error: unknown) => {
        message.error(error instanceof Error ? error.message : '方案加载失败');
        setLoading(false);
      },
    );
  }, [from, restored, form, message]);

  const values = Form.useWatch((all: Values) => all, { form, preserve: true });
  useEffect(() => {
    if (values && (form.isFieldsTouched() || tab === 'json')) saveDraft(draftKey, { values, json, tab, base } satisfies Draft);
  }, [values, json, tab, base, form, draftKey]);

  function currentDocument(): Record<string, unknown> {
    return formToDocument(form.getFieldsValue(true) as Values, base);
  }

  function switchTab(next: string) {
    if (next === 'json') {
      setJson(JSON.stringify(currentDocument(), null, 2));
      setTab('json');
      return;
    }
    try {
      const parsed: unknown = JSON.parse(json);
      setBase(parsed);
      form.setFieldsValue(documentToForm(parsed));
      setTab('form');
    } catch (error) {
      message.error(`JSON 格式有误，请先改正再切换到表单：${(error as Error).message}`);
    }
  }

  function showProblems(list: Problem[]) {
    setProblems(list);
    if (tab !== 'form') return;
    // Several problems may belong to one field (e.g. two disease codes): each field shows all of its own.
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const problem of list) {
      const name = nearestField(form, problemPath(problem.field));
      if (!name) continue;
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(problem.message);
      byField.set(key, entry);
    }
    const fields = [...byField.values()];
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    if (fields[0]) form.scrollToField(fields[0].name);
  }

  async function save() {
    setBusy(true);
    setProblems([]);
    const note = (form.getFieldValue('note') as string | undefined)?.trim() || null;
    try {
      const document = tab === 'form' ? currentDocument() : json;
      const saved = await api<StoredScheme>('/ncms/schemes', { method: 'POST', body: { document, note } });
      clearDraft(draftKey);
      message.success(`已保存为 ${saved.pool} ${saved.year} 年度第 ${saved.version} 版（草稿），核对无误后可启用`);
      navigate(`/ncms/schemes/${saved.id}`, { replace: true });
    } catch (error) {
      message.error(error instanceof Error ? error.message : '保存失败，请稍后重试');
      showProblems(problemsOf(error));
      setBusy(false);
    }
  }

  function discardDraft() {
    clearDraft(draftKey);
    window.location.reload();
  }

  return (
    <Card
      title={from ? '修改补偿方案（保存为新版本）' : '新建补偿方案'}
      extra={
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()}>
            保存草稿
          </Button>
          <BackButton />
        </Space>
      }
    >
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="已恢复上次未提交的内容"
          action={<Button size="small" onClick={discardDraft}>放弃草稿</Button>}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={`方案有 ${problems.length} 处需要改正，改好后再保存：`}
          description={
            <ul style={{ margin: 0 }} data-testid="scheme-problems">
              {problems.map((p, index) => (
                <li key={index}>
                  <Typography.Text strong>{fieldLabel(p.field)}</Typography.Text>：{p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Spin spinning={loading}>
        <Form<Values>
          form={form}
          name="scheme"
          layout="vertical"
          initialValues={restored?.values ?? emptySchemeForm()}
        >
          <Tabs
            activeKey={tab}
            onChange={switchTab}
            items={[
              { key: 'form', label: '表单填写', children: <SchemeFormFields form={form} /> },
              {
                key: 'json',
                label: 'JSON（高级）',
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Text type="secondary">
                      直接编辑方案文件（格式 jiceng.ncms.scheme/v1）。可加入本系统暂不使用的字段，它们会原样保存。切换回“表单填写”时以此为准。
                    </Typography.Text>
                    <Input.TextArea
                      value={json}
                      onChange={(event) => setJson(event.target.value)}
                      autoSize={{ minRows: 20, maxRows: 40 }}
                      spellCheck={false}
                      style={{ fontFamily: 'monospace', fontSize: 13 }}
                      aria-label="方案 JSON"
                    />
                  </Space>
                ),
              },
            ]}
          />
        </Form>
      </Spin>
    </Card>
  );
}
