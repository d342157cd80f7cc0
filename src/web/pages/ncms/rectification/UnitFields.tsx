import { DatePicker, Form, Radio, Select } from 'antd';
import { api } from '../../../api/client.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { dateStringField } from '../../../components/date-field.ts';
import { useLoad } from '../../../lib/useLoad.ts';

interface InstitutionOption {
  id: number;
  name: string;
  code: string;
}

/** 责任单位 (a township or an institution) and 整改期限, as form fields under `prefix` (e.g. ['unit']). */
export function UnitFields({ prefix = [], required = true }: { prefix?: string[]; required?: boolean }) {
  const institutions = useLoad(() => api<{ items: InstitutionOption[] }>('/institutions', { query: { pageSize: 200 } }), []);
  const kind = Form.useWatch([...prefix, 'unitKind']);
  const rules = required ? [{ required: true, message: '请选择' }] : [];
  return (
    <>
      <Form.Item name={[...prefix, 'unitKind']} label="责任单位类型" rules={rules}>
        <Radio.Group options={[{ value: 'township', label: '乡镇' }, { value: 'institution', label: '医疗机构' }]} />
      </Form.Item>
      {kind === 'township' && (
        <Form.Item name={[...prefix, 'townshipId']} label="乡镇" rules={[{ required: true, message: '请选择负责整改的乡镇' }]}>
          <AreaSelect onlyLevel="township" placeholder="选择乡镇" />
        </Form.Item>
      )}
      {kind === 'institution' && (
        <Form.Item name={[...prefix, 'institutionId']} label="医疗机构" rules={[{ required: true, message: '请选择负责整改的医疗机构' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={institutions.loading}
            options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
            placeholder="选择医疗机构"
          />
        </Form.Item>
      )}
      {kind && (
        <Form.Item name={[...prefix, 'deadline']} label="整改期限" rules={[{ required: true, message: '请填写整改期限' }]} {...dateStringField}>
          <DatePicker />
        </Form.Item>
      )}
    </>
  );
}
