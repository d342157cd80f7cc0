import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { InstitutionDetail, InstitutionMeta } from '../../api/types.ts';
import { ActiveSwitch } from '../../components/ActiveSwitch.tsx';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { InstitutionSelect } from '../../components/InstitutionSelect.tsx';

interface Values {
  code: string;
  name: string;
  kind: string;
  level: string;
  areaId: number;
  parentId?: number | null;
  designations: string[];
  address?: string;
  phone?: string;
  active: boolean;
}

interface Props {
  /** The institution being edited, or null to create one; undefined keeps the dialog closed. */
  editing: InstitutionDetail | null | undefined;
  meta: InstitutionMeta | undefined;
  onClose: () => void;
  onSaved: () => void;
}

function formValues(inst: InstitutionDetail): Values {
  const { code, name, kind, level, areaId, parentId, designations, address, phone, active } = inst;
  return { code, name, kind, level, areaId, parentId, designations, address, phone: phone ?? undefined, active };
}

/** 新增机构 / 编辑机构: the levels offered follow the kind, and the areas offered follow the level. */
export function InstitutionFormModal({ editing, meta, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const open = editing !== undefined;
  const kind = Form.useWatch('kind', form);
  const level = Form.useWatch('level', form);
  const kindLevels = meta?.kinds.find((k) => k.kind === kind)?.levels ?? [];
  const levelName = new Map(meta?.levels.map((l) => [l.level, l.name]));
  const areaLevel = kindLevels.find((l) => l.level === level)?.areaLevel;
  const areaLevelName = meta?.areaLevels.find((l) => l.level === areaLevel)?.name;

  function kindChanged(next: string) {
    // Keep the level when the new kind allows it, otherwise take the kind's first.
    const allowedLevels = meta?.kinds.find((k) => k.kind === next)?.levels ?? [];
    if (!allowedLevels.some((l) => l.level === form.getFieldValue('level'))) form.setFieldValue('level', allowedLevels[0]?.level);
  }

  return (
    <FormModal
      title={editing ? `编辑机构：${editing.name}` : '新增机构'}
      open={open}
      form={form}
      width={760}
      initialValues={editing ? formValues(editing) : { designations: [], active: true }}
      onClose={onClose}
      onSave={async ({ active, ...values }) => {
        const body = { ...values, name: values.name.trim(), parentId: values.parentId ?? null, address: values.address?.trim() ?? '', phone: values.phone?.trim() || null };
        if (editing) {
          await api(`/institutions/${editing.id}`, { method: 'PATCH', body: { ...body, active } });
          onSaved();
          return '机构信息已保存';
        }
        const created = await api<InstitutionDetail>('/institutions', { method: 'POST', body });
        onSaved();
        navigate(`/institutions/${created.id}`);
        return `已新增「${created.name}」`;
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item label="机构代码" name="code" rules={[{ required: true, whitespace: true, message: '请填写机构代码' }]}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={meta?.kinds.map((k) => ({ value: k.kind, label: k.name }))} onChange={kindChanged} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="级别" name="level" rules={[{ required: true, message: '请选择级别' }]} extra={kind ? undefined : '先选择类别'}>
            <Select options={kindLevels.map((l) => ({ value: l.level, label: levelName.get(l.level) ?? l.level }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label="所属区划"
            name="areaId"
            rules={[{ required: true, message: '请选择所属区划' }]}
            extra={areaLevelName && `此类机构设在${areaLevelName}`}
          >
            <AreaSelect allowClear={false} onlyLevel={areaLevel} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="上级机构" name="parentId">
            <InstitutionSelect load={open} excludeId={editing?.id} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="资质标识" name="designations">
        <Checkbox.Group options={meta?.designations.map((d) => ({ value: d.designation, label: d.name }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item label="地址" name="address">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="电话" name="phone">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      {editing && <ActiveSwitch on="在用" off="停用" />}
    </FormModal>
  );
}
