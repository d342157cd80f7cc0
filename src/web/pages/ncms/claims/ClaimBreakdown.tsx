import { Alert, Col, Descriptions, Row, Statistic, Table, Tag } from 'antd';
import type { ClaimView } from '../ncms-types.ts';
import { fenAmount, fenText } from '../money.ts';
import { percent } from '../schemes/scheme-labels.ts';
import { formatTime } from '../../../lib/format.ts';

export const CLAIM_STATUS_COLORS: Record<string, string> = { open: 'blue', settled: 'green', rejected: 'orange', reversed: 'default' };

/**
 * How a claim was settled, in the order the patient asks: what the fund pays and what they pay, then how it was
 * reached (total, out of catalogue, eligible, deductible, ratio), which cap was hit, and the year's totals per cap.
 */
export function ClaimBreakdown({ claim }: { claim: ClaimView }) {
  const s = claim.settlement;
  if (!s) return <Alert type="info" showIcon message="本单据尚未结算" />;
  return (
    <>
      {s.reason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`不予报销：${s.reasonMessage ?? s.reason}`} />}
      {claim.reversal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={`已冲销（原支付 ${fenText(claim.reversal.payFen)}）`}
          description={`原因：${claim.reversal.reason}；${claim.reversal.reversedByName} ${formatTime(claim.reversal.reversedAt)}`}
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title="总费用" value={fenAmount(claim.totalFen)} suffix="元" />
        </Col>
        <Col xs={12} md={6}>
          <div data-testid="claim-pay">
            <Statistic title="新农合统筹支付" value={fenAmount(s.payFen)} suffix="元" valueStyle={{ color: '#389e0d', fontWeight: 600 }} />
          </div>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="个人自付" value={fenAmount(s.selfPayFen)} suffix="元" />
        </Col>
        <Col xs={12} md={6} style={{ paddingTop: 8 }}>
          <Tag color={CLAIM_STATUS_COLORS[claim.status]}>{claim.statusName}</Tag>
          {s.cappedName && <Tag color="red">{`已达${s.cappedName}`}</Tag>}
        </Col>
      </Row>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="总费用">{fenText(claim.totalFen)}</Descriptions.Item>
        <Descriptions.Item label="目录外费用（自付）">{fenText(claim.outOfCatalogFen)}</Descriptions.Item>
        <Descriptions.Item label="目录内可报费用">{fenText(s.eligibleFen)}</Descriptions.Item>
        <Descriptions.Item label="起付线">{fenText(s.deductibleFen)}</Descriptions.Item>
        <Descriptions.Item label="报销比例">{s.ratio === null ? (claim.kind === 'delivery' && !s.reason ? '定额补助' : '—') : percent(s.ratio)}</Descriptions.Item>
        <Descriptions.Item label="封顶">{s.cappedName ?? '未达封顶'}</Descriptions.Item>
        <Descriptions.Item label="统筹支付">
          <strong>{fenText(s.payFen)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label="个人自付">{fenText(s.selfPayFen)}</Descriptions.Item>
        <Descriptions.Item label="补偿方案">{`${s.year} 年度${s.schemeVersion ? ` 第 ${s.schemeVersion} 版` : ''}`}</Descriptions.Item>
        <Descriptions.Item label="结算">{`${s.settledByName} ${formatTime(s.settledAt)}`}</Descriptions.Item>
      </Descriptions>
      {s.yearToDate.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          rowKey="cap"
          size="small"
          pagination={false}
          dataSource={s.yearToDate}
          title={() => '年度累计（本次结算前后）'}
          columns={[
            { title: '封顶项目', dataIndex: 'name' },
            { title: '封顶线', dataIndex: 'limitFen', align: 'right', render: fenText },
            { title: '结算前累计', dataIndex: 'beforeFen', align: 'right', render: fenText },
            { title: '结算后累计', dataIndex: 'afterFen', align: 'right', render: fenText },
            { title: '尚可补偿', key: 'left', align: 'right', render: (_, c) => fenText(Math.max(0, c.limitFen - c.afterFen)) },
          ]}
        />
      )}
    </>
  );
}
