import { Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { LEVEL_NAMES, LEVELS, OUTPATIENT_LEVELS, type Level, type OutpatientLevel, type SchemeForm } from './scheme-form.ts';
import { percent } from './scheme-labels.ts';

interface ControlProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T | null) => void;
  disabled?: boolean;
}

/** Yuan, at most two decimals; no range here: the server explains any figure it refuses, on this field. */
function MoneyInput(props: ControlProps<number>) {
  return <InputNumber {...props} style={{ width: 160 }} suffix="元" />;
}

/** A ratio as the document holds it (0.75), with the percentage it means shown alongside. */
function RatioInput(props: ControlProps<number>) {
  return (
    <Space>
      <InputNumber {...props} step={0.05} style={{ width: 120 }} placeholder="如 0.75" />
      <Typography.Text type="secondary">{props.value !== undefined && props.value !== null ? `= ${percent(props.value)}` : ''}</Typography.Text>
    </Space>
  );
}

/** ICD-10 codes typed one after another (Enter, comma, space or 、 between them). */
function DiseaseCodes(props: ControlProps<string[]>) {
  return (
    <Select
      {...props}
      mode="tags"
      open={false}
      suffixIcon={null}
      tokenSeparators={[',', '，', ' ', '、', ';', '；']}
      placeholder="输入 ICD-10 编码后按回车，如 I10、E11、C92.0"
      style={{ width: '100%' }}
    />
  );
}

function InpatientLevelRow({ form, level }: { form: FormInstance<SchemeForm>; level: Level }) {
  const covered = Form.useWatch(['inpatient', level, 'covered'], form) as boolean | undefined;
  return (
    <Row gutter={16} align="top">
      <Col flex="150px">
        <Form.Item label={`${LEVEL_NAMES[level]}住院`} name={['inpatient', level, 'covered']} valuePropName="checked">
          <Switch checkedChildren="予以报销" unCheckedChildren="不予报销" />
        </Form.Item>
      </Col>
      {covered && (
        <>
          <Col>
            <Form.Item label="起付线" name={['inpatient', level, 'deductible']}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="报销比例" name={['inpatient', level, 'ratio']}>
              <RatioInput />
            </Form.Item>
          </Col>
          {level === 'outside' && (
            <Col>
              <Form.Item label="未转诊报销比例" name={['inpatient', level, 'unreferredRatio']} tooltip="县外就医未办理转诊时使用；不填则与上栏相同">
                <RatioInput />
              </Form.Item>
            </Col>
          )}
        </>
      )}
    </Row>
  );
}

function OutpatientLevelRow({ form, level }: { form: FormInstance<SchemeForm>; level: OutpatientLevel }) {
  const covered = Form.useWatch(['outpatient', level, 'covered'], form) as boolean | undefined;
  return (
    <Row gutter={16} align="top">
      <Col flex="150px">
        <Form.Item label={`${LEVEL_NAMES[level]}门诊`} name={['outpatient', level, 'covered']} valuePropName="checked">
          <Switch checkedChildren="设门诊统筹" unCheckedChildren="不设" />
        </Form.Item>
      </Col>
      {covered && (
        <>
          <Col>
            <Form.Item label="报销比例" name={['outpatient', level, 'ratio']}>
              <RatioInput />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="每次封顶额" name={['outpatient', level, 'perVisitCap']}>
              <MoneyInput />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

/** The v1 fields of a scheme, section by section, named by their document paths (so the server's problems land on them). */
export function SchemeFormFields({ form }: { form: FormInstance<SchemeForm> }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="基本信息与筹资标准">
        <Row gutter={16}>
          <Col>
            <Form.Item label="统筹区代码" name="pool" tooltip="县级行政区划代码的前 6 位，如 430702">
              <Input style={{ width: 160 }} maxLength={12} />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="方案年度" name="year">
              <InputNumber style={{ width: 120 }} placeholder="如 2026" />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="个人缴费（每人每年）" name={['financing', 'individual']}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="政府补助（每人每年）" name={['financing', 'government']}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="年度封顶线（住院+慢病）" name="annualCap">
              <MoneyInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="版本说明" name="note">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder="如：依据县政府 2026 年 3 号文件调整县级报销比例" />
        </Form.Item>
      </Card>
      <Card size="small" title="住院补偿（起付线以上的费用按比例报销）">
        {LEVELS.map((level) => (
          <InpatientLevelRow key={level} form={form} level={level} />
        ))}
      </Card>
      <Card size="small" title="门诊统筹（只设村级、乡级）">
        {OUTPATIENT_LEVELS.map((level) => (
          <OutpatientLevelRow key={level} form={form} level={level} />
        ))}
        <Form.Item label="门诊统筹年度封顶" name={['outpatient', 'annualCap']}>
          <MoneyInput />
        </Form.Item>
      </Card>
      <Card size="small" title="特殊慢病（门诊大病，比例同级别住院比例）">
        <Form.Item label="病种" name={['chronic', 'diseases']}>
          <DiseaseCodes />
        </Form.Item>
        <Form.Item label="慢病年度封顶" name={['chronic', 'annualCap']}>
          <MoneyInput />
        </Form.Item>
      </Card>
      <Card size="small" title="重大疾病（按住院总费用的比例补偿）">
        <Form.Item label="病种" name={['major', 'diseases']}>
          <DiseaseCodes />
        </Form.Item>
        <Row gutter={16}>
          <Col>
            <Form.Item label="报销比例" name={['major', 'ratio']}>
              <RatioInput />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label="重大疾病年度封顶" name={['major', 'annualCap']}>
              <MoneyInput />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="住院分娩">
        <Form.Item label="定额补助（每例）" name={['delivery', 'fixed']}>
          <MoneyInput />
        </Form.Item>
      </Card>
    </Space>
  );
}
