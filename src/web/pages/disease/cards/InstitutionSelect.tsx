import { useState } from 'react';
import { Select } from 'antd';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';

/** Picks an institution by name (searched on the server, the directory has hundreds); empty = all in scope. */
export function InstitutionSelect({ value, onChange }: { value?: number | undefined; onChange: (id: number | undefined) => void }) {
  const [q, setQ] = useState('');
  const found = useLoad(() => api<{ items: Array<{ id: number; name: string }> }>('/institutions', { query: { q, pageSize: 50 } }), [q]);
  const options = (found.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }));
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(id: number | undefined) => onChange(id ?? undefined)}
      loading={found.loading}
      placeholder="全部（本人管辖范围）"
      style={{ width: 240 }}
      options={value !== undefined && !options.some((o) => o.value === value) ? [...options, { value, label: `机构 ${value}` }] : options}
    />
  );
}
