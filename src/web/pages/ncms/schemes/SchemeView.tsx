import { createContext, useContext, type ReactNode } from 'react';
import { Card, Descriptions, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SchemeDifference } from '../ncms-types.ts';
import { documentToForm, LEVEL_NAMES, LEVELS, OUTPATIENT_LEVELS, type Figure as FigureValue } from './scheme-form.ts';
import { percent, showFigure, yuan } from './scheme-labels.ts';

/** The differences to mark, by path (set by the comparison view). */
const Changes = createContext<SchemeDifference[]>([]);

/** The differences at `path`, its parts (「inpatient.county」 holds 「inpatient.county.ratio」) or the whole it belongs to. */
function changesAt(changes: SchemeDifference[], path: string): SchemeDifference[] {
  return changes.filter((d) => d.path === path || d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`) || path.startsWith(`${d.path}.`));
}

/** One figure of the scheme; when the comparison says it changed, marked with what it was. */
function Fig({ path, children }: { path: string; children: ReactNode }) {
  const changes = changesAt(useContext(Changes), path);
  if (changes.length === 0) return <>{children}</>;
  const exact = changes.find((d) => d.path === path);
  const was = exact ? `原为 ${showFigure(path, exact.old)}` : '与原方案不同';
  return (
    <Tooltip title={was}>
      <Typography.Text mark data-changed={path}>
        {children}
      </Typography.Text>
    </Tooltip>
  );
}

const money = (value: FigureValue) => (value === undefined || value === null || value === '' ? '—' : yuan(value));
const ratio = (value: FigureValue) => (value === undefined || value === null || value === '' ? '—' : percent(value));

function DiseaseList({ path, codes }: { path: string; codes: string[] }) {
  if (codes.length === 0) return <Typography.Text type="secondary">（未列病种）</Typography.Text>;
  return (
    <Fig path={path}>
      <Space size={[4, 4]} wrap>
        {codes.map((code, index) => (
          <Tag key={`${code}-${index}`}>{code}</Tag>
        ))}
      </Space>
    </Fig>
  );
}

/**
 * A scheme document as the clerk reads it: financing, inpatient levels (deductible, ratio as %), outpatient pooling,
 * chronic and major disease lists, delivery and caps. With `changes`, the figures that differ from the other scheme
 * are marked and tell their old value.
 */
export function SchemeView({ document, changes = [] }: { document: unknown; changes?: SchemeDifference[] }) {
  const scheme = documentToForm(document);
  const { individual, government } = scheme.financing;
  const total = Number(individual) + Number(government);
  const inpatientRows = LEVELS.map((level) => ({ level, ...scheme.inpatient[level] }));
  const outpatientRows = OUTPATIENT_LEVELS.map((level) => ({ level, ...scheme.outpatient[level] }));

  return (
    <Changes.Provider value={changes}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title="基本信息与筹资">
          <Descriptions.Item label="统筹区代码"><Fig path="pool">{scheme.pool}</Fig></Descriptions.Item>
          <Descriptions.Item label="方案年度"><Fig path="year">{scheme.year}</Fig></Descriptions.Item>
          <Descriptions.Item label="年度封顶线（住院+慢病）"><Fig path="annualCap">{money(scheme.annualCap)}</Fig></Descriptions.Item>
          <Descriptions.Item label="个人缴费（每人每年）"><Fig path="financing.individual">{money(individual)}</Fig></Descriptions.Item>
          <Descriptions.Item label="政府补助（每人每年）"><Fig path="financing.government">{money(government)}</Fig></Descriptions.Item>
          <Descriptions.Item label="筹资合计">{Number.isFinite(total) ? yuan(total) : '—'}</Descriptions.Item>
        </Descriptions>

        <Card size="small" title="住院补偿">
          <Table
            rowKey="level"
            size="small"
            pagination={false}
            dataSource={inpatientRows}
            columns={[
              { title: '医疗机构级别', dataIndex: 'level', width: 140, render: (level: keyof typeof LEVEL_NAMES) => LEVEL_NAMES[level] },
              {
                title: '起付线',
                render: (_, row) => (row.covered ? <Fig path={`inpatient.${row.level}.deductible`}>{money(row.deductible)}</Fig> : <Fig path={`inpatient.${row.level}`}><Tag>不予报销</Tag></Fig>),
              },
              { title: '报销比例', render: (_, row) => row.covered && <Fig path={`inpatient.${row.level}.ratio`}>{ratio(row.ratio)}</Fig> },
              {
                title: '未转诊报销比例',
                render: (_, row) =>
                  row.level === 'outside' && row.covered ? <Fig path="inpatient.outside.unreferredRatio">{row.unreferredRatio === undefined ? '同上（未单设）' : ratio(row.unreferredRatio)}</Fig> : '',
              },
            ]}
          />
        </Card>

        <Card size="small" title="门诊统筹" extra={<span>年度封顶：<Fig path="outpatient.annualCap">{money(scheme.outpatient.annualCap)}</Fig></span>}>
          <Table
            rowKey="level"
            size="small"
            pagination={false}
            dataSource={outpatientRows}
            columns={[
              { title: '医疗机构级别', dataIndex: 'level', width: 140, render: (level: keyof typeof LEVEL_NAMES) => LEVEL_NAMES[level] },
              {
                title: '报销比例',
                render: (_, row) => (row.covered ? <Fig path={`outpatient.${row.level}.ratio`}>{ratio(row.ratio)}</Fig> : <Fig path={`outpatient.${row.level}`}><Tag>不设门诊统筹</Tag></Fig>),
              },
              { title: '每次封顶额', render: (_, row) => row.covered && <Fig path={`outpatient.${row.level}.perVisitCap`}>{money(row.perVisitCap)}</Fig> },
            ]}
          />
        </Card>

        <Card size="small" title="特殊慢病（门诊大病）">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={`病种（${scheme.chronic.diseases.length} 种）`}>
              <DiseaseList path="chronic.diseases" codes={scheme.chronic.diseases} />
            </Descriptions.Item>
            <Descriptions.Item label="报销比例">同级别住院报销比例（不设起付线）</Descriptions.Item>
            <Descriptions.Item label="年度封顶"><Fig path="chronic.annualCap">{money(scheme.chronic.annualCap)}</Fig></Descriptions.Item>
          </Descriptions>
        </Card>

        <Card size="small" title="重大疾病">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={`病种（${scheme.major.diseases.length} 种）`}>
              <DiseaseList path="major.diseases" codes={scheme.major.diseases} />
            </Descriptions.Item>
            <Descriptions.Item label="报销比例（按住院总费用）"><Fig path="major.ratio">{ratio(scheme.major.ratio)}</Fig></Descriptions.Item>
            <Descriptions.Item label="年度封顶"><Fig path="major.annualCap">{money(scheme.major.annualCap)}</Fig></Descriptions.Item>
          </Descriptions>
        </Card>

        <Descriptions bordered size="small" column={1} title="住院分娩">
          <Descriptions.Item label="定额补助（每例）"><Fig path="delivery.fixed">{money(scheme.delivery.fixed)}</Fig></Descriptions.Item>
        </Descriptions>
        {document === undefined && <Empty description="没有方案内容" />}
      </Space>
    </Changes.Provider>
  );
}
