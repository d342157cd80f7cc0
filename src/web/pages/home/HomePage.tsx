import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { menuFor } from '../../layout/menu.tsx';
import { OverviewPanel } from './OverviewPanel.tsx';
import { allowed } from '../../auth/permissions.ts';
import { FundWarningCard } from '../ncms/monitoring/FundWarningCard.tsx';
import { DashboardLink } from '../supervision/DashboardLink.tsx';

// What each section is for, in a line a clerk understands.
const BLURBS: Record<string, string> = {
  '/areas': '查看本辖区的乡镇、村（社区）及其变更历史',
  '/people': '按身份证号或姓名查找居民和家庭户，登记新家庭户，导出名单',
  '/institutions': '查看辖区内医疗机构及其人员',
  '/users': '管理系统账号、角色和管辖范围',
  '/audit': '查看谁在何时改了什么，并校验日志是否被篡改',
};

export default function HomePage() {
  const user = useCurrentUser();
  const links = menuFor(user.role).filter((entry) => entry.path !== '/');
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{user.displayName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label="角色">{user.roleName}</Descriptions.Item>
          <Descriptions.Item label="管辖区域">{user.areaName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
        </Descriptions>
      </Card>
      {allowed(user.role, 'supervision.read') && <DashboardLink />}
      {allowed(user.role, 'ncms.read') && <FundWarningCard />}
      <OverviewPanel />
      <Row gutter={[16, 16]}>
        {links.map((entry) => (
          <Col key={entry.path} xs={24} sm={12} lg={8}>
            <Link to={entry.path}>
              <Card hoverable title={<span>{entry.icon} {entry.label}</span>}>
                {BLURBS[entry.path]}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
