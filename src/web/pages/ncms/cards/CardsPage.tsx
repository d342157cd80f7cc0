import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, InputNumber, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileExcelOutlined, IdcardOutlined } from '@ant-design/icons';
import { api, apiUrl, download } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { findArea, useAreaTree } from '../../../lib/useAreaTree.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { CardReconciliation, EnrolledHouseholdRow, RegisterRow, VillageCardRegister, VillageIssueResult } from '../ncms-types.ts';
import { fenText } from '../money.ts';
import { currentYear } from '../enrollment/year.ts';
import { HandoverDialog, ReissueDialog } from './CardDialogs.tsx';

/** A PDF the server draws, opened in a new tab to print. */
function PdfLink({ path, query, children }: { path: string; query: Record<string, number>; children: string }) {
  return (
    <a href={apiUrl(path, query)} target="_blank" rel="noreferrer">
      <FilePdfOutlined /> {children}
    </a>
  );
}

function handoverText(row: RegisterRow): string {
  const h = row.card.handover;
  return h ? `${h.handedOn} ${h.receiverName}（${h.receiverRelationName}）领取，经手 ${h.handedByName}` : '';
}

/**
 * 合作医疗证: a village's card register (issued, handed over, reissued), issuing cards to every enrolled household at
 * once, the hand-over register, the reconciliation of enrolled households against cards, and the printable documents.
 */
export default function CardsPage() {
  const { number, update } = useQueryParams();
  const user = useCurrentUser();
  const tree = useAreaTree();
  const own = tree && findArea(tree, user.areaId)?.level === 'village' ? user.areaId : undefined;
  const areaId = number('areaId') ?? own;
  const year = number('year') ?? currentYear();
  const mayEnroll = allowed(user.role, 'ncms.enroll');
  const mayManage = allowed(user.role, 'ncms.manage');
  const { message, modal } = App.useApp();
  const [handing, setHanding] = useState<RegisterRow>();
  const [reissuing, setReissuing] = useState<RegisterRow>();
  const [busy, setBusy] = useState<string>();

  const register = useLoad(() => (areaId ? api<VillageCardRegister>(`/ncms/cards/villages/${areaId}/register`) : Promise.resolve(undefined)), [areaId]);
  const check = useLoad(
    () => (areaId ? api<CardReconciliation>(`/ncms/cards/villages/${areaId}/reconciliation`, { query: { year } }) : Promise.resolve(undefined)),
    [areaId, year],
  );
  const reload = () => {
    register.reload();
    check.reload();
  };

  async function issueVillage() {
    setBusy('village');
    try {
      const result = await api<VillageIssueResult>('/ncms/cards/issue-village', { method: 'POST', body: { areaId, year } });
      modal.success({
        title: `本次发证 ${result.issued.length} 户`,
        content: `${year} 年度参合 ${result.enrolledHouseholds} 户；已持有效证 ${result.alreadyHeld} 户（未重复发证）${result.movedAway ? `；${result.movedAway} 户已迁往他村，请在现住村发证` : ''}。`,
      });
      reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '发证失败，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  }

  async function issueOne(row: EnrolledHouseholdRow) {
    setBusy(`h${row.householdId}`);
    try {
      await api('/ncms/cards/issue', { method: 'POST', body: { householdId: row.householdId, year } });
      message.success(`${row.householdNo} 户已发证`);
      reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '发证失败，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  }

  async function collectionExcel() {
    try {
      await download(`/ncms/cards/villages/${areaId}/collection.xlsx`, { year }, '参合费收缴清单.xlsx');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '下载失败');
    }
  }

  const c = check.data;
  const registerColumns = [
    { title: '户编号', dataIndex: 'householdNo', width: 90 },
    { title: '户主', dataIndex: 'headName', width: 100 },
    { title: '合作医疗证号', dataIndex: 'cardNo', width: 180 },
    { title: '版本', key: 'version', width: 80, render: (_: unknown, r: RegisterRow) => `第 ${r.card.version} 版` },
    { title: '发证日期', key: 'issuedOn', width: 110, render: (_: unknown, r: RegisterRow) => r.card.issuedOn },
    {
      title: '发放',
      key: 'delivered',
      render: (_: unknown, r: RegisterRow) => (r.delivered ? <Typography.Text>{handoverText(r)}</Typography.Text> : <Tag color="orange">未发放</Tag>),
    },
    {
      title: '',
      key: 'actions',
      width: 260,
      render: (_: unknown, r: RegisterRow) => (
        <Space size="small" wrap>
          {mayEnroll && !r.delivered && (
            <Button size="small" type="primary" onClick={() => setHanding(r)}>
              发放登记
            </Button>
          )}
          <PdfLink path={`/ncms/cards/households/${r.householdId}/card.pdf`} query={{ year }}>打印证</PdfLink>
          <PdfLink path={`/ncms/cards/households/${r.householdId}/receipt.pdf`} query={{ year }}>收据</PdfLink>
          {mayManage && (
            <Button size="small" onClick={() => setReissuing(r)}>
              补发
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <HandoverDialog row={handing} onClose={() => setHanding(undefined)} onSaved={reload} />
      <ReissueDialog row={reissuing} onClose={() => setReissuing(undefined)} onSaved={reload} />
      <Card title="合作医疗证">
        <Space wrap>
          <AreaSelect value={areaId} onChange={(value) => update({ areaId: value })} onlyLevel="village" placeholder="选择村" allowClear={false} style={{ width: 240 }} />
          <span>
            参合年度 <InputNumber value={year} min={1900} max={2100} onChange={(value) => value && update({ year: value })} style={{ width: 100 }} />
          </span>
          {areaId && mayEnroll && (
            <Button type="primary" icon={<IdcardOutlined />} loading={busy === 'village'} onClick={() => void issueVillage()}>
              为本村已参合户批量发证
            </Button>
          )}
          {areaId && (
            <>
              <PdfLink path={`/ncms/cards/villages/${areaId}/cards.pdf`} query={{ year }}>批量打印本村医疗证</PdfLink>
              <PdfLink path={`/ncms/cards/villages/${areaId}/collection.pdf`} query={{ year }}>参合费收缴清单</PdfLink>
              <Button type="link" icon={<FileExcelOutlined />} onClick={() => void collectionExcel()}>
                收缴清单 Excel
              </Button>
            </>
          )}
        </Space>
      </Card>
      {!areaId && <Empty description="请先选择一个村" />}
      {c && (
        <Card title={`卡证核对：${c.areaName}（${c.year} 年度）`} extra={c.balanced ? <Tag color="green">参合户与有效证一一对应</Tag> : <Tag color="red">证户不符，请核对下表</Tag>}>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={4}><Statistic title="参合户数" value={c.enrolledHouseholds} /></Col>
            <Col xs={12} md={4}><Statistic title="参合人数" value={c.enrolledPersons} /></Col>
            <Col xs={12} md={4}><Statistic title="有效证" value={c.validCards} /></Col>
            <Col xs={12} md={4}><Statistic title="参合户已发证" value={c.enrolledWithCard} /></Col>
            <Col xs={12} md={4}><Statistic title="已发放到户" value={c.enrolledDelivered} /></Col>
          </Row>
          <Tabs
            items={[
              {
                key: 'without',
                label: `已参合未发证（${c.enrolledWithoutCard.length}）`,
                children: (
                  <Table<EnrolledHouseholdRow>
                    rowKey="householdId"
                    size="small"
                    pagination={false}
                    dataSource={c.enrolledWithoutCard}
                    columns={[
                      { title: '户编号', dataIndex: 'householdNo', width: 90 },
                      { title: '户主', dataIndex: 'headName' },
                      { title: '参合人数', dataIndex: 'enrolledPersons', width: 90 },
                      { title: '个人缴费', dataIndex: 'paidFen', width: 130, render: (fen: number) => fenText(fen) },
                      {
                        title: '',
                        key: 'issue',
                        width: 90,
                        render: (_, row) =>
                          mayEnroll && (
                            <Button size="small" loading={busy === `h${row.householdId}`} onClick={() => void issueOne(row)}>
                              发证
                            </Button>
                          ),
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'notEnrolled',
                label: `持证未参合（${c.cardWithoutEnrollment.length}）`,
                children: <Table<RegisterRow> rowKey="householdId" size="small" pagination={false} dataSource={c.cardWithoutEnrollment} columns={registerColumns.slice(0, 5)} />,
              },
              {
                key: 'notDelivered',
                label: `已发证未发放（${c.notDelivered.length}）`,
                children: <Table<RegisterRow> rowKey="householdId" size="small" pagination={false} dataSource={c.notDelivered} columns={registerColumns} />,
              },
            ]}
          />
        </Card>
      )}
      {register.data && (
        <Card
          title={`发证登记簿：${register.data.areaName}`}
          extra={<Typography.Text type="secondary">{`有效证 ${register.data.issued} 本，已发放 ${register.data.delivered}，未发放 ${register.data.notDelivered}，作废（补发替换）${register.data.voided}`}</Typography.Text>}
        >
          {register.data.rows.length === 0 ? (
            <Alert type="info" showIcon message="本村还没有发过合作医疗证" />
          ) : (
            <Table<RegisterRow> rowKey="householdId" size="small" dataSource={register.data.rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} columns={registerColumns} />
          )}
        </Card>
      )}
    </Space>
  );
}
