import { useState } from 'react';
import { App, Button, Card, InputNumber, Result, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { download } from '../../../api/client.ts';
import { XlsxUpload } from '../../../components/XlsxUpload.tsx';
import { BackButton } from '../../../components/BackButton.tsx';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { RosterImportResult } from '../ncms-types.ts';
import { currentYear } from './year.ts';

/**
 * 导入参合花名册: the village's roster (.xlsx) enrolled all at once, or not at all: a refused file lists every bad
 * row (row, column, what is wrong) to correct in Excel and upload again.
 */
export default function RosterImportPage() {
  const { number, update } = useQueryParams();
  const year = number('year') ?? currentYear();
  const [imported, setImported] = useState<{ name: string; result: RosterImportResult } | null>(null);
  const { message } = App.useApp();

  async function template() {
    try {
      await download('/ncms/enrollments/template.xlsx', {}, '参合花名册模板.xlsx');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '模板下载失败');
    }
  }

  return (
    <Card title="导入参合花名册" extra={<BackButton />}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>
            参合年度 <InputNumber value={year} min={1900} max={2100} onChange={(value) => value && update({ year: value })} style={{ width: 100 }} />
          </span>
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            下载花名册模板
          </Button>
          <Typography.Text type="secondary">按模板填写（身份证号请用文本格式），一份文件可含多户；有任何一行出错则整份不导入。</Typography.Text>
        </Space>
        <XlsxUpload<RosterImportResult>
          path="/ncms/enrollments/import"
          query={{ year }}
          hint={`导入为 ${year} 年度参合`}
          checking="正在逐行核对并登记，请稍候（上千行约需几秒）"
          refusedTitle={(name) => `「${name}」未导入（没有登记任何人）`}
          onDone={(result, name) => {
            setImported({ name, result });
            message.success(`导入成功：${result.households} 户 ${result.enrollments} 人`);
          }}
        />
        {imported && (
          <Result
            status="success"
            title={`「${imported.name}」已导入`}
            subTitle={`${imported.result.year} 年度：共 ${imported.result.rows} 行，${imported.result.households} 户 ${imported.result.enrollments} 人登记参合。`}
            extra={<Link to={`/ncms/enrollment?year=${imported.result.year}`}>查看参合率</Link>}
          />
        )}
      </Space>
    </Card>
  );
}
