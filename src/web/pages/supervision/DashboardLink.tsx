import { Button, Card, Typography } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';

/** The home page's way into the supervision dashboard (its figures load there, not on every home page view). */
export function DashboardLink() {
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Text>
        <DashboardOutlined /> 督导看板：全县重点指标与目标、近 12 个月趋势、各乡镇对比，可逐级点开到乡镇、村和名单。
      </Typography.Text>{' '}
      <Link to="/supervision/dashboard">
        <Button type="primary">打开督导看板</Button>
      </Link>
    </Card>
  );
}
