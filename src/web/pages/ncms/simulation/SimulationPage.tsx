import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Progress, Select, Space, Typography } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { SchemeSummary, StoredScheme } from '../ncms-types.ts';
import { documentToForm, emptySchemeForm, type SchemeForm } from '../schemes/scheme-form.ts';
import { SchemeDocumentTabs, SchemeProblemList, schemeProblemsOf, useSchemeDocument, type SchemeDocumentDraft } from '../schemes/SchemeDocumentEditor.tsx';
import { SimulationResult } from './SimulationResult.tsx';
import type { SimulationJob } from './simulation-types.ts';

/** What the page keeps between visits: the proposed scheme as typed, in either tab, and the document it started from. */
interface Draft extends SchemeDocumentDraft {
  values: SchemeForm;
}

const POLL_MS = 600;
const finished = (job: SimulationJob | undefined) => job?.status === 'done' || job?.status === 'failed';

/**
 * 补偿方案测算: edit a proposed scheme (starting from the one in force or a saved version), replay the year's claims
 * under it and under the scheme in force, and compare. The run is a server job whose progress is polled; its id
 * stays in the address bar, so a reload shows the same result.
 */
export default function SimulationPage() {
  const user = useCurrentUser();
  const canRun = allowed(user.role, 'ncms.manage');
  const draftKey = `ncms.simulation.${user.id}`;
  const { number, text, update } = useQueryParams();
  const years = useLoad(() => api<{ pool: string; year: number }[]>('/ncms/fund/years'), []);
  const year = number('year') ?? years.data?.[0]?.year;
  const pool = text('pool') ?? years.data?.[0]?.pool;
  const jobId = text('job');
  const schemes = useLoad(
    () => (pool ? api<{ items: SchemeSummary[] }>('/ncms/schemes', { query: { pool, pageSize: 100 } }).then((p) => p.items) : Promise.resolve([])),
    [pool],
  );

  const [form] = Form.useForm<SchemeForm>();
  const [restored] = useState(() => loadDraft<Draft>(draftKey));
  const edit = useSchemeDocument(form, restored);
  const { setBase, setJson, setProblems, tab, json, base } = edit;
  const [starting, setStarting] = useState(false);
  const [job, setJob] = useState<SimulationJob>();
  const { message } = App.useApp();
  const loadedOnce = useRef(Boolean(restored));

  const values = Form.useWatch((all: SchemeForm) => all, { form, preserve: true });
  useEffect(() => {
    if (values && loadedOnce.current) saveDraft(draftKey, { values, json, tab, base } satisfies Draft);
  }, [values, json, tab, base, draftKey]);

  function fill(document: unknown) {
    setBase(document);
    form.resetFields();
    form.setFieldsValue(documentToForm(document));
    setJson(JSON.stringify(document, null, 2));
    setProblems([]);
    loadedOnce.current = true;
  }

  async function loadScheme(id: number) {
    try {
      fill((await api<StoredScheme>(`/ncms/schemes/${id}`)).document);
    } catch (error) {
      message.error(error instanceof Error ? error.message : '方案加载失败，请稍后重试');
    }
  }

  const inForce = schemes.data?.find((s) => s.status === 'active' && s.year === year);
  // A first visit starts from the scheme in force; a restored draft is never overwritten unasked.
  useEffect(() => {
    if (!loadedOnce.current && inForce) void loadScheme(inForce.id);
  }, [inForce?.id]); // only when another scheme is in force (another year or pool)

  // Polls the job until it is finished.
  useEffect(() => {
    if (!jobId) return setJob(undefined);
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api<SimulationJob>(`/ncms/simulations/${jobId}`);
        if (stop) return;
        setJob(next);
        if (!finished(next)) timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        if (!stop) message.error(error instanceof Error ? error.message : '测算进度读取失败');
        if (!stop) update({ job: undefined });
      }
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [jobId]); // one poller per job

  async function run() {
    if (!year || !pool) return;
    setStarting(true);
    setProblems([]);
    try {
      const document = edit.documentToSend();
      const started = await api<SimulationJob>('/ncms/simulations', { method: 'POST', body: { year, pool, document } });
      setJob(started);
      update({ job: started.id });
    } catch (error) {
      message.error(error instanceof Error ? error.message : '测算未能开始，请稍后重试');
      // A refused year or pool is not the scheme's problem: only the document's are listed.
      edit.showProblems(schemeProblemsOf(error, { documentOnly: true }));
    } finally {
      setStarting(false);
    }
  }

  const running = Boolean(jobId) && !finished(job);
  const yearOptions = [...new Set((years.data ?? []).map((y) => y.year))];
  const poolOptions = [...new Set((years.data ?? []).map((y) => y.pool))];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="补偿方案测算"
        extra={
          <Space wrap>
            <span>
              重算年度{' '}
              <Select value={year} onChange={(value: number) => update({ year: value, job: undefined })} options={yearOptions.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} />
            </span>
            <span>
              统筹区 <Select value={pool} onChange={(value: string) => update({ pool: value, job: undefined })} options={poolOptions.map((p) => ({ value: p, label: p }))} style={{ width: 120 }} />
            </span>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          把选定年度的全部报销单据分别按现行方案和拟议方案重新结算，对照补偿支出、年末基金结余、各级实际补偿比、达到封顶的人数和个人自付。只做计算，不改动任何报销单据和基金账目。
        </Typography.Paragraph>
        {!canRun && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="您可以查看测算结果；发起测算需要合管办经办或卫健局管理员权限。" />}
        <Space wrap style={{ marginBottom: 16 }}>
          <Button icon={<ReloadOutlined />} disabled={!inForce} onClick={() => inForce && void loadScheme(inForce.id)}>
            {inForce ? `载入现行方案（第 ${inForce.version} 版）` : '该年度没有执行中的方案'}
          </Button>
          <Select<number>
            placeholder="载入已保存的方案版本"
            style={{ width: 280 }}
            value={null as unknown as number}
            onChange={(id) => void loadScheme(id)}
            options={(schemes.data ?? []).map((s) => ({ value: s.id, label: `${s.year} 年度 第 ${s.version} 版（${s.statusName}）${s.note ? ` ${s.note}` : ''}` }))}
          />
          {restored && (
            <Button type="link" onClick={() => { clearDraft(draftKey); if (inForce) void loadScheme(inForce.id); }}>
              放弃上次编辑的内容
            </Button>
          )}
        </Space>
        <SchemeProblemList problems={edit.problems} title={`拟议方案有 ${edit.problems.length} 处需要改正，改好后再测算：`} testId="simulation-problems" />
        <Form<SchemeForm> form={form} name="proposed" layout="vertical" initialValues={restored?.values ?? emptySchemeForm()} onValuesChange={() => (loadedOnce.current = true)}>
          <SchemeDocumentTabs
            form={form}
            state={edit}
            formLabel="拟议方案（表单）"
            jsonLabel="JSON（粘贴或编辑）"
            jsonName="拟议方案 JSON"
            rows={{ minRows: 16, maxRows: 36 }}
            onJsonEdit={() => (loadedOnce.current = true)}
          />
        </Form>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" size="large" icon={<PlayCircleOutlined />} loading={starting || running} disabled={!canRun || !year || !pool} onClick={() => void run()}>
            {running ? '测算中…' : '开始测算'}
          </Button>
          {jobId && job && !finished(job) && (
            <div data-testid="simulation-progress">
              <Progress percent={Math.floor((job.progress?.share ?? 0) * 100)} status="active" />
              <Typography.Text type="secondary">
                {job.status === 'queued' ? '排队中，前面还有测算在进行…' : job.progress ? `${job.progress.label}：${job.progress.done.toLocaleString('zh-CN')} / ${job.progress.total.toLocaleString('zh-CN')} 条` : '准备中…'}
              </Typography.Text>
            </div>
          )}
          {job?.status === 'failed' && <Alert type="error" showIcon message={job.error?.message ?? '测算失败，请稍后重试'} />}
        </Space>
      </Card>
      {job?.status === 'done' && job.report !== null && <SimulationResult report={job.report} />}
    </Space>
  );
}
