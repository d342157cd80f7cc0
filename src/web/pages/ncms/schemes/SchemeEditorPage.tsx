import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Space, Spin } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { BackButton } from '../../../components/BackButton.tsx';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft.ts';
import type { StoredScheme } from '../ncms-types.ts';
import { documentToForm, emptySchemeForm, type SchemeForm } from './scheme-form.ts';
import { SchemeDocumentTabs, SchemeProblemList, schemeProblemsOf, useSchemeDocument, type SchemeDocumentDraft } from './SchemeDocumentEditor.tsx';

type Values = SchemeForm & { note?: string };

/** What is kept between visits: the form, the JSON text, the tab in use and the document being edited (for the fields the form lacks). */
interface Draft extends SchemeDocumentDraft {
  values: Values;
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
  const edit = useSchemeDocument(form, restored);
  const { setBase, tab, json, base, setProblems } = edit;
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

  async function save() {
    setBusy(true);
    setProblems([]);
    const note = (form.getFieldValue('note') as string | undefined)?.trim() || null;
    try {
      const document = edit.documentToSend();
      const saved = await api<StoredScheme>('/ncms/schemes', { method: 'POST', body: { document, note } });
      clearDraft(draftKey);
      message.success(`已保存为 ${saved.pool} ${saved.year} 年度第 ${saved.version} 版（草稿），核对无误后可启用`);
      navigate(`/ncms/schemes/${saved.id}`, { replace: true });
    } catch (error) {
      message.error(error instanceof Error ? error.message : '保存失败，请稍后重试');
      edit.showProblems(schemeProblemsOf(error));
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
      <SchemeProblemList problems={edit.problems} title={`方案有 ${edit.problems.length} 处需要改正，改好后再保存：`} testId="scheme-problems" />
      <Spin spinning={loading}>
        <Form<Values>
          form={form}
          name="scheme"
          layout="vertical"
          initialValues={restored?.values ?? emptySchemeForm()}
        >
          <SchemeDocumentTabs
            form={form}
            state={edit}
            formLabel="表单填写"
            jsonLabel="JSON（高级）"
            jsonName="方案 JSON"
            jsonHint="直接编辑方案文件（格式 jiceng.ncms.scheme/v1）。可加入本系统暂不使用的字段，它们会原样保存。切换回“表单填写”时以此为准。"
            rows={{ minRows: 20, maxRows: 40 }}
          />
        </Form>
      </Spin>
    </Card>
  );
}
