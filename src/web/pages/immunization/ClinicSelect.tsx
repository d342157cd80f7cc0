import { Select } from 'antd';
import { api } from '../../api/client.ts';
import { useLoad } from '../../lib/useLoad.ts';

interface Institution {
  id: number;
  name: string;
  designations: string[];
}

/** The immunization clinics (接种单位, designation 预防接种门诊) the user can see; empty means the user's own. */
export function ClinicSelect({ value, onChange, id }: { value?: number; onChange?: (id: number | undefined) => void; id?: string }) {
  const { data, loading } = useLoad(() => api<{ items: Institution[] }>('/institutions', { query: { pageSize: 200 } }), []);
  const clinics = (data?.items ?? []).filter((i) => i.designations.includes('immunization_clinic'));
  return (
    <Select
      id={id}
      value={value}
      onChange={(next: number | undefined) => onChange?.(next ?? undefined)}
      allowClear
      loading={loading}
      placeholder="本人所在接种单位"
      style={{ width: 260 }}
      options={clinics.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
