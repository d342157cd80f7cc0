import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { BackButton } from '../../../components/BackButton.tsx';
import { dateStringField } from '../../../components/date-field.ts';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useNotifiableList } from './CardsPage.tsx';
import type { CardDetail } from './card-types.ts';

/** What the missed-report list hands over when a card is reported from a visit. */
export interface FromVisit {
  visitId: number;
  patientName: string;
  icd10: string;
  visitedAt: string;
}

/** A time picker whose form value is an ISO timestamp (the API's diagnosedAt). */
const timeField = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.toISOString() : undefined),
};

const DRAFT = 'disease-card-new';

function fromCard(c: CardDetail) {
  return {
    areaId: c.areaId, patientName: c.patientName, idNumber: c.idNumber, sex: c.sex, birthDate: c.birthDate, ageYears: c.ageYears, parentName: c.parentName, phone: c.phone,
    occupation: c.occupation, workUnit: c.workUnit, address: c.address, icd10: c.icd10, caseClass: c.caseClass, course: c.course, onsetDate: c.onsetDate,
    diagnosedAt: c.diagnosedAt, deathDate: c.deathDate, doctorName: c.doctorName, remarks: c.remarks,
  };
}

/** 填报 / 订正 a report card. A new card's input is kept as a draft in the browser until it is saved. */
export default function CardFormPage() {
  const { id } = useParams();
  const revising = id !== undefined;
  const user = useCurrentUser();
  const navigate = useNavigate();
  const visit = (useLocation().state as { fromVisit?: FromVisit } | null)?.fromVisit;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [duplicateOf, setDuplicateOf] = useState<number>();
  const list = useNotifiableList();
  const existing = useLoad(() => (revising ? api<CardDetail>(`/disease/cards/${id}`) : Promise.resolve(undefined)), [id]);

  useEffect(() => {
    if (revising) {
      if (existing.data) form.setFieldsValue(fromCard(existing.data));
      return;
    }
    const draft = loadDraft<Record<string, unknown>>(DRAFT);
    const prefill = visit ? { patientName: visit.patientName, icd10: visit.icd10, diagnosedAt: visit.visitedAt } : {};
    form.setFieldsValue({ sex: 'M', caseClass: 'clinical', doctorName: user.displayName, ...(visit ? {} : draft), ...prefill });
  }, [revising, existing.data]);

  async function submit(values: Record<string, unknown>) {
    setSaving(true);
    setDuplicateOf(undefined);
    try {
      const body = { ...values, visitId: visit?.visitId };
      const saved = revising ? await api<CardDetail>(`/disease/cards/${id}`, { method: 'PUT', body }) : await api<CardDetail>('/disease/cards', { method: 'POST', body });
      if (!revising) clearDraft(DRAFT);
      message.success(revising ? '报告卡已订正，等待乡镇重新审核' : `报告卡已提交（${saved.onTime ? '及时' : '已超过报告时限，记为迟报'}）`);
      navigate(`/disease/cards/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'duplicate_card') setDuplicateOf(Number(error.details?.cardId));
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  }

  if (revising && !existing.data) return <Spin />;
  const choices = list.data;
  return (
    <Card title={revising ? `订正报告卡（第 ${id} 号）` : '填报传染病报告卡'} extra={<BackButton />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {visit && <Alert type="info" showIcon title={`从就诊记录填报：${visit.patientName}，诊断 ${visit.icd10}。请补全其余信息。`} />}
        {duplicateOf !== undefined && (
          <Alert type="warning" showIcon title="该患者已有同一病种的报告卡" description={<Link to={`/disease/cards/${duplicateOf}`}>打开已有的第 {duplicateOf} 号报告卡（如需修改请在该卡上订正）</Link>} />
        )}
        <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(_, all) => !revising && !visit && saveDraft(DRAFT, all)} disabled={saving}>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="patientName" label="患者姓名" rules={[{ required: true, message: '请填写患者姓名' }]}><Input maxLength={40} /></Form.Item></Col>
            <Col span={6}><Form.Item name="idNumber" label="身份证号"><Input maxLength={20} placeholder="有则必填" /></Form.Item></Col>
            <Col span={4}><Form.Item name="sex" label="性别" rules={[{ required: true }]}><Radio.Group options={[{ value: 'M', label: '男' }, { value: 'F', label: '女' }]} /></Form.Item></Col>
            <Col span={4}><Form.Item name="birthDate" label="出生日期" {...dateStringField}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={4}><Form.Item name="ageYears" label="年龄（出生日期不详时）"><InputNumber min={0} max={150} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="parentName" label="患儿家长姓名（14 岁以下）"><Input maxLength={40} /></Form.Item></Col>
            <Col span={6}><Form.Item name="phone" label="联系电话"><Input maxLength={20} /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name="occupation" label="人群分类" rules={[{ required: true, message: '请选择人群分类' }]}>
                <Select options={(choices?.occupations ?? []).map((o) => ({ value: o, label: o }))} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="workUnit" label="工作单位（学校）"><Input maxLength={100} /></Form.Item></Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="areaId" label="现住址（村、社区）" rules={[{ required: true, message: '请选择现住址所在村（社区）' }]}><AreaSelect onlyLevel="village" style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={16}><Form.Item name="address" label="详细地址"><Input maxLength={200} /></Form.Item></Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="icd10" label="诊断（ICD-10 编码）" rules={[{ required: true, message: '请填写诊断编码' }]} extra="如 B26.9 流行性腮腺炎、A09.0 其它感染性腹泻"><Input maxLength={20} /></Form.Item></Col>
            <Col span={10}>
              <Form.Item name="caseClass" label="病例分类" rules={[{ required: true }]}>
                <Radio.Group options={Object.entries(choices?.caseClasses ?? {}).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="course" label="急性/慢性（乙肝、丙肝、血吸虫病填写）">
                <Radio.Group options={Object.entries(choices?.courses ?? {}).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="onsetDate" label="发病日期" {...dateStringField}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name="diagnosedAt" label="诊断时间" rules={[{ required: true, message: '请填写诊断时间' }]} {...timeField}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="deathDate" label="死亡日期（如已死亡）" {...dateStringField}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="doctorName" label="填卡医生"><Input maxLength={40} /></Form.Item></Col>
          </Row>
          <Form.Item name="remarks" label="备注"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
          {revising && (
            <Form.Item name="reason" label="订正原因" rules={[{ required: true, message: '请填写订正原因' }]}><Input maxLength={200} placeholder="如：诊断变更为风疹" /></Form.Item>
          )}
          {choices && <Alert type="info" style={{ marginBottom: 16 }} title={`报告时限：甲类及按甲类管理的传染病诊断后 ${choices.hours.classA} 小时内，其他 ${choices.hours.other} 小时内（${choices.name}）。报告时间以提交时间为准。`} />}
          <Button type="primary" htmlType="submit" loading={saving}>{revising ? '提交订正' : '提交报告卡'}</Button>
        </Form>
      </Space>
    </Card>
  );
}
