import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, PrinterOutlined, UserSwitchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api, ApiError, apiUrl } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { dateStringField } from '../../../components/date-field.ts';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { todayInShanghai } from '../../../lib/format.ts';
import { CLAIM_KINDS } from '../../../../ncms/claims/vocabulary.ts';
import type { ClaimView, YearToDateSummary } from '../ncms-types.ts';
import { fenText } from '../money.ts';
import { newRequestId } from '../request-id.ts';
import { rowField } from '../request-rows.ts';
import { ClaimBreakdown } from './ClaimBreakdown.tsx';
import { CostLinesEditor, withSpareRow, type LineError } from './CostLinesEditor.tsx';
import { attemptFor, linesRequest, lineTotals, type CostLine } from './cost-lines.ts';

interface Header {
  kind: keyof typeof CLAIM_KINDS;
  admittedOn: string;
  dischargedOn?: string;
  diagnosis?: string;
  referred?: boolean;
}

type Attempt = { content: string; key: string };

/** Everything typed for the patient in hand, kept until settled: a reload or a lost connection costs nothing. */
interface Draft {
  idNumber: string;
  header: Header;
  lines: CostLine[];
  /** Set once the claim is registered: a retry settles that claim instead of registering again. */
  claimId?: number;
  claimNo?: string;
  registerAttempt?: Attempt;
  settleAttempt?: Attempt;
}

const isAdmission = (kind: string) => kind === 'inpatient' || kind === 'delivery';
const freshHeader = (): Header => ({ kind: 'inpatient', admittedOn: todayInShanghai(), dischargedOn: todayInShanghai(), referred: false });

/**
 * 即时结报: find the patient by ID number, register the admission or visit with its cost lines, settle at discharge.
 * Each submission carries an idempotency key made once per attempt (same content, same key), and the registered
 * claim is remembered, so a double click, a retry or a reload never registers or settles twice.
 */
export default function SettlePage() {
  const user = useCurrentUser();
  const draftKey = `ncms.settle.${user.id}`;
  const [restored] = useState(() => loadDraft<Draft>(draftKey));
  const [form] = Form.useForm<Header>();
  const [idNumber, setIdNumber] = useState(restored?.idNumber ?? '');
  const [patient, setPatient] = useState<YearToDateSummary>();
  const [lookupError, setLookupError] = useState<string>();
  const [lines, setLines] = useState<CostLine[]>(() => withSpareRow(restored?.lines ?? []));
  const [claim, setClaim] = useState<{ id: number; claimNo: string } | undefined>(restored?.claimId ? { id: restored.claimId, claimNo: restored.claimNo ?? '' } : undefined);
  const [attempts, setAttempts] = useState<{ register?: Attempt | undefined; settle?: Attempt | undefined }>({ register: restored?.registerAttempt, settle: restored?.settleAttempt });
  const [lineError, setLineError] = useState<LineError>();
  const [result, setResult] = useState<ClaimView>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const header = Form.useWatch((all: Header) => all, { form, preserve: true });
  const kind = header?.kind ?? 'inpatient';

  useEffect(() => {
    if (result || !header) return;
    saveDraft(draftKey, {
      idNumber,
      header,
      lines,
      ...(claim ? { claimId: claim.id, claimNo: claim.claimNo } : {}),
      registerAttempt: attempts.register,
      settleAttempt: attempts.settle,
    } satisfies Draft);
  }, [idNumber, header, lines, claim, attempts, result, draftKey]);

  // A restored patient is looked up again, so the clerk sees whom the draft was for.
  useEffect(() => {
    if (restored?.idNumber) void findPatient(restored.idNumber);
  }, []);

  async function findPatient(value: string) {
    const id = value.trim().toUpperCase();
    setIdNumber(id);
    setPatient(undefined);
    setLookupError(undefined);
    if (!id) return;
    const year = Number((form.getFieldValue('dischargedOn') ?? form.getFieldValue('admittedOn') ?? todayInShanghai()).slice(0, 4));
    try {
      setPatient(await api<YearToDateSummary>('/ncms/claims/year-to-date', { query: { idNumber: id, year } }));
    } catch (error) {
      setLookupError(error instanceof ApiError && error.status === 404 ? `没有找到身份证号为 ${id} 的居民，请核对号码` : error instanceof Error ? error.message : '查询失败');
    }
  }

  /** Where a refusal belongs: a cost line cell, a header field, or just the message. */
  function placeError(error: unknown, rowOf: number[]) {
    const field = error instanceof ApiError ? error.field : undefined;
    const line = field ? /^lines\.(\d+)(?:\.(\w+))?/.exec(rowField(field, 'lines', rowOf)) : null;
    if (line) {
      setLineError({ row: Number(line[1]), ...(line[2] ? { field: line[2] } : {}), message: (error as Error).message });
      message.error((error as Error).message);
      return;
    }
    showFormError(form, error, (text) => message.error(text));
  }

  async function settle() {
    if (!patient) {
      message.error('请先输入患者身份证号并查询');
      return;
    }
    let values: Header;
    try {
      values = await form.validateFields();
    } catch {
      message.error('请先改正标红的栏目');
      return;
    }
    const { lines: sent, rowOf } = linesRequest(lines);
    if (!claim && sent.length === 0) {
      message.error('请至少录入一项费用');
      return;
    }
    setBusy(true);
    setLineError(undefined);
    let registered = claim;
    try {
      if (!registered) {
        const body = {
          idNumber,
          kind: values.kind,
          admittedOn: values.admittedOn,
          ...(isAdmission(values.kind) && values.dischargedOn ? { dischargedOn: values.dischargedOn } : {}),
          diagnosis: values.diagnosis?.trim().toUpperCase() || null,
          referred: Boolean(values.referred),
          lines: sent,
        };
        const register = attemptFor(attempts.register, body, newRequestId);
        setAttempts((a) => ({ ...a, register }));
        const created = await api<ClaimView>('/ncms/claims', { method: 'POST', body: { ...body, requestId: register.key } });
        registered = { id: created.id, claimNo: created.claimNo };
        setClaim(registered);
      }
      const settleBody = isAdmission(values.kind) && values.dischargedOn ? { dischargedOn: values.dischargedOn } : {};
      const attempt = attemptFor(attempts.settle, { claimId: registered.id, ...settleBody }, newRequestId);
      setAttempts((a) => ({ ...a, settle: attempt }));
      const settled = await api<ClaimView>(`/ncms/claims/${registered.id}/settle`, { method: 'POST', body: { ...settleBody, requestId: attempt.key } });
      clearDraft(draftKey);
      setResult(settled);
      message.success(settled.status === 'settled' ? `结算完成：统筹支付 ${fenText(settled.settlement?.payFen ?? 0)}` : '结算完成：不予报销');
    } catch (error) {
      placeError(error, rowOf);
    } finally {
      setBusy(false);
    }
  }

  function nextPatient() {
    clearDraft(draftKey);
    setResult(undefined);
    setClaim(undefined);
    setAttempts({});
    setPatient(undefined);
    setIdNumber('');
    setLines(withSpareRow([]));
    setLineError(undefined);
    form.setFieldsValue({ ...freshHeader(), diagnosis: undefined });
  }

  if (result) {
    return (
      <Card
        title={`结算结果：${result.personName}（单号 ${result.claimNo}）`}
        extra={
          <Space>
            <a href={apiUrl(`/ncms/claims/${result.id}/receipt.pdf`)} target="_blank" rel="noreferrer">
              <Button type="primary" icon={<PrinterOutlined />}>打印结算单</Button>
            </a>
            <Button icon={<UserSwitchOutlined />} onClick={nextPatient}>
              下一位患者
            </Button>
          </Space>
        }
      >
        <ClaimBreakdown claim={result} />
      </Card>
    );
  }

  const totals = lineTotals(lines);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="即时结报" extra={<Link to="/ncms/claims">报销单据查询</Link>}>
        {restored && !claim && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="已恢复上次未提交的内容" />}
        {claim && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`单据已登记（单号 ${claim.claimNo}），尚未结算完成`}
            description="费用明细已保存，请直接点“结算”重试；不会重复登记或重复结算。"
            action={<Link to={`/ncms/claims/${claim.id}`}>查看单据</Link>}
          />
        )}
        <Space wrap align="start" size="large">
          <Input.Search
            placeholder="患者身份证号"
            enterButton="查找患者"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            onSearch={(value) => void findPatient(value)}
            style={{ width: 340 }}
            maxLength={18}
            disabled={Boolean(claim)}
            aria-label="患者身份证号"
          />
          {lookupError && <Typography.Text type="danger">{lookupError}</Typography.Text>}
        </Space>
        {patient && (
          <div data-testid="patient" style={{ marginTop: 12 }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="姓名">{patient.personName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{patient.idNumberMasked}</Descriptions.Item>
            <Descriptions.Item label={`${patient.year} 年度参合`}>
              {patient.enrolled ? <Tag color="green">已参合</Tag> : <Tag color="red">未参合（结算将不予报销）</Tag>}
            </Descriptions.Item>
            {patient.caps.map((cap) => (
              <Descriptions.Item key={cap.cap} label={cap.name}>{`已补偿 ${fenText(cap.usedFen)}，尚可 ${fenText(cap.remainingFen)}`}</Descriptions.Item>
            ))}
          </Descriptions>
          </div>
        )}
      </Card>
      <Card title="就诊信息">
        <Form<Header> form={form} name="claim" layout="inline" initialValues={restored?.header ?? freshHeader()} disabled={Boolean(claim)}>
          <Form.Item name="kind" label="补偿类别" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={Object.entries(CLAIM_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="admittedOn" label={isAdmission(kind) ? '入院日期' : '就诊日期'} rules={[{ required: true, message: '请选择日期' }]} {...dateStringField}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          {isAdmission(kind) && (
            <Form.Item name="dischargedOn" label="出院日期" rules={[{ required: true, message: '请选择出院日期' }]} {...dateStringField}>
              <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          )}
          <Form.Item name="diagnosis" label="诊断编码" tooltip="ICD-10，如 K35、I10、C92.0；普通门诊可不填">
            <Input style={{ width: 120 }} maxLength={20} />
          </Form.Item>
          <Form.Item name="referred" valuePropName="checked">
            <Checkbox>已办理转诊</Checkbox>
          </Form.Item>
        </Form>
      </Card>
      <Card title="费用明细" extra={<Typography.Text type="secondary">回车跳到下一格，单价后回车进入下一行</Typography.Text>}>
        {lineError && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`第 ${lineError.row + 1} 行：${lineError.message}`} />}
        <CostLinesEditor lines={lines} onChange={setLines} error={lineError} disabled={Boolean(claim)} />
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" size="large" icon={<CalculatorOutlined />} loading={busy} onClick={() => void settle()}>
            {claim ? '重试结算' : `结算（合计 ${fenText(totals.totalFen)}）`}
          </Button>
          {(restored || claim) && (
            <Button onClick={nextPatient} disabled={busy}>
              放弃，换下一位
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
