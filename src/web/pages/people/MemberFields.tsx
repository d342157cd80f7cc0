import { Col, DatePicker, Form, Input, Row, Select, type FormInstance } from 'antd';
import type { Relation } from '../../../core/people/relations.ts';
import { dateStringField } from '../../components/date-field.ts';
import { RELATIONS, SEX_NAMES } from '../../lib/format.ts';
import { identityFrom, idNumberRule } from '../../lib/resident-identity.ts';

export interface MemberInput {
  name?: string;
  idNumber?: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  relation?: Relation;
  phone?: string;
  ethnicity?: string;
}

const SEX_OPTIONS = Object.entries(SEX_NAMES).map(([value, label]) => ({ value, label }));
const RELATION_OPTIONS = RELATIONS.map((r) => ({ value: r.code, label: r.name }));

interface Props {
  form: FormInstance;
  /** The fields' name prefix as Form.Item sees it: [row] inside a Form.List, [] in a form of one member. */
  name: (string | number)[];
  /** The same prefix from the form's root (["members", row], or []), to read and fill sibling fields. */
  path: (string | number)[];
}

/** The fields of one household member; sex and birth date are filled from the ID number as it is typed. */
export function MemberFields({ form, name, path }: Props) {
  function fillFromId(idNumber: string) {
    const id = identityFrom(idNumber);
    if (id) {
      form.setFields([
        { name: [...path, 'sex'], value: id.sex, errors: [] },
        { name: [...path, 'birthDate'], value: id.birthDate, errors: [] },
      ]);
    }
  }
  const withoutId = (): boolean => !form.getFieldValue([...path, 'idNumber'])?.trim();

  return (
    <Row gutter={12}>
      <Col xs={24} sm={12} md={6}>
        <Form.Item label="姓名" name={[...name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item
          label="与户主关系"
          name={[...name, 'relation']}
          rules={[{ required: true, message: '请选择与户主关系' }]}
        >
          <Select options={RELATION_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={12}>
        <Form.Item
          label="身份证号"
          name={[...name, 'idNumber']}
          extra="新生儿尚未办理可不填，但须填写性别和出生日期"
          rules={[idNumberRule]}
        >
          <Input maxLength={20} onChange={(event) => fillFromId(event.target.value)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item
          label="性别"
          name={[...name, 'sex']}
          dependencies={[[...path, 'idNumber']]}
          rules={[{ validator: async (_, value) => { if (!value && withoutId()) throw new Error('没有身份证号时必须填写性别'); } }]}
        >
          <Select options={SEX_OPTIONS} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item
          label="出生日期"
          name={[...name, 'birthDate']}
          dependencies={[[...path, 'idNumber']]}
          rules={[{ validator: async (_, value) => { if (!value && withoutId()) throw new Error('没有身份证号时必须填写出生日期'); } }]}
          {...dateStringField}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item label="联系电话" name={[...name, 'phone']}>
          <Input maxLength={20} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item label="民族" name={[...name, 'ethnicity']}>
          <Input maxLength={20} placeholder="如：汉族" />
        </Form.Item>
      </Col>
    </Row>
  );
}
