import { Col, Row, Typography } from 'antd';

function Block({ title, value }: { title: string; value: unknown }) {
  return (
    <Col xs={24} md={12}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, maxHeight: 360, overflow: 'auto', fontSize: 12, margin: '4px 0 0' }}>
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </Col>
  );
}

/** The before and after of one audit entry, side by side. */
export function AuditJson({ before, after }: { before: unknown; after: unknown }) {
  return (
    <Row gutter={16}>
      <Block title="修改前" value={before} />
      <Block title="修改后" value={after} />
    </Row>
  );
}
