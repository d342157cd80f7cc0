import { useEffect, useRef } from 'react';
import { Alert, Button } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import type { AlertItem } from './card-types.ts';

/** How often the open class A alerts are asked for again while a disease page is open. */
const POLL_MS = 30_000;

/** A red notice while class A cards wait for the CDC to acknowledge them; asks again every 30 s. */
export function ClassANotice() {
  const open = useLoad(() => api<{ items: AlertItem[]; open: number }>('/disease/card-alerts', { query: { open: true } }), []);
  // reload is a new function each render: keep the latest in a ref so the timer is set once.
  const reload = useRef(open.reload);
  reload.current = open.reload;
  useEffect(() => {
    const timer = setInterval(() => reload.current(), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const count = open.data?.open ?? 0;
  if (count === 0) return null;
  const latest = open.data!.items[0];
  return (
    <Alert
      type="error"
      showIcon
      title={`甲类（或按甲类管理）传染病预警 ${count} 条未确认收到`}
      description={latest ? `最新：${latest.institutionName} 报告 ${latest.areaName} ${latest.patientName}，${latest.disease}。请立即核实处置。` : undefined}
      action={
        <Link to="/disease/alerts">
          <Button danger size="small">查看预警</Button>
        </Link>
      }
    />
  );
}
