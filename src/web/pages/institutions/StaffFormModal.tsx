import { Col, Form, Input, Row, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { InstitutionMeta, Sex, Staff } from '../../api/types.ts';
import { ActiveSwitch } from '../../components/ActiveSwitch.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { SEX_NAMES } from '../../lib/format.ts';
import { identityFrom, idNumberRule } from '../../lib/resident-identity.ts';

interface Values {
  name: string;
  role: string;
  qualification?: string;
  idNumber?: string;
  sex?: Sex;
  phone?: string;
  active: boolean;
}

interface Props {
  institutionId: number;
  /** The staff member being edited, or null to add one; undefined keeps the dialog closed. */
  editing: Staff | null | undefined;
  meta: InstitutionMeta | undefined;
  onClose: () => void;
  onSaved: () => void;
}

const SEX_OPTIONS = Object.entries(SEX_NAMES).map(([value, label]) => ({ value, label }));

/** 新增/编辑人员: sex is read off the ID number as it is typed, and must agree with it. */
export function StaffFormModal({ institutionId, editing, meta, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const idNumber = Form.useWatch('idNumber', form);
  const identity = identityFrom(idNumber);

  return (
    <FormModal
      title={editing ? `编辑人员：${editing.name}` : '新增人员'}
      open={editing !== undefined}
      form={form}
      width={720}
      initialValues={
        editing
          ? { name: editing.name, role: editing.role, qualification: editing.qualification ?? undefined, idNumber: editing.idNumber ?? undefined, sex: editing.sex ?? undefined, phone: editing.phone ?? undefined, active: editing.active }
          : { active: true }
      }
      onClose={onClose}
      onSave={async ({ active, ...values }) => {
        // Cleared fields are sent as null so the server clears them too.
        const body = {
          name: values.name.trim(),
          role: values.role,
          qualification: values.qualification ?? null,
          idNumber: values.idNumber?.trim() || null,
          sex: values.sex ?? null,
          phone: values.phone?.trim() || null,
        };
        if (editing) await api(`/staff/${editing.id}`, { method: 'PATCH', body: { ...body, active } });
        else await api(`/institutions/${institutionId}/staff`, { method: 'POST', body });
        onSaved();
        return editing ? '人员信息已保存' : `已登记「${body.name}」`;
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="岗位" name="role" rules={[{ required: true, message: '请选择岗位' }]}>
            <Select options={meta?.staffRoles.map((r) => ({ value: r.role, label: r.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="执业资格" name="qualification">
            <Select allowClear placeholder="（可不选）" options={meta?.qualifications.map((q) => ({ value: q.qualification, label: q.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label="身份证号"
            name="idNumber"
            rules={[idNumberRule]}
            extra={identity ? `出生日期 ${identity.birthDate}，性别${SEX_NAMES[identity.sex]}（由身份证号读出）` : undefined}
          >
            <Input
              maxLength={20}
              onChange={(event) => {
                const read = identityFrom(event.target.value);
                if (read) form.setFields([{ name: 'sex', value: read.sex, errors: [] }]);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item
            label="性别"
            name="sex"
            dependencies={['idNumber']}
            rules={[
              {
                validator: async (_, value: Sex | undefined) => {
                  const read = identityFrom(form.getFieldValue('idNumber'));
                  if (value && read && read.sex !== value) throw new Error(`性别与身份证号（${SEX_NAMES[read.sex]}）不一致`);
                },
              },
            ]}
          >
            <Select allowClear options={SEX_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item label="电话" name="phone">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      {editing && <ActiveSwitch on="在岗" off="离岗" />}
    </FormModal>
  );
}
