import { useState } from 'react';
import { App, Button, Form, Card, Result, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../api/client.ts';
import type { RegisterImportResult } from './immunization-types.ts';
import { ClinicSelect } from './ClinicSelect.tsx';
import { XlsxUpload } from '../../components/XlsxUpload.tsx';

/** 历史接种登记册导入: a clinic's old register (.xlsx), imported whole or not at all, every bad row listed. */
export default function RegisterImportPage() {
  const { message } = App.useApp();
  const [institutionId, setInstitutionId] = useState<number>();
  const [done, setDone] = useState<{ name: string; result: RegisterImportResult }>();

  async function template() {
    try {
      await download('/immunization/import/template.xlsx', {}, '接种登记册导入模板.xlsx');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '模板下载失败');
    }
  }

  return (
    <Card title="导入历史接种登记">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Form.Item label="接种单位" style={{ marginBottom: 0 }}>
            <ClinicSelect value={institutionId} onChange={setInstitutionId} />
          </Form.Item>
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            下载导入模板
          </Button>
        </Space>
        <Typography.Text type="secondary">
          按模板填写（身份证号请用文本格式）；尚未建档的儿童随导入建档。整份文件全部导入或全部不导入：有任何一行出错则不导入，错误逐行列出。
        </Typography.Text>
        <XlsxUpload<RegisterImportResult>
          path="/immunization/import"
          query={{ institutionId }}
          hint="历史接种不扣减库存，批号按登记册原样保存"
          checking="正在逐行核对并导入"
          refusedTitle={(name) => `「${name}」未导入（没有导入任何记录）`}
          onDone={(result, name) => {
            setDone({ name, result });
            message.success(`导入成功：${result.doses} 剂次`);
          }}
        />
        {done && (
          <Result
            status="success"
            title={`「${done.name}」已导入`}
            subTitle={`共 ${done.result.rows} 行：${done.result.children} 名儿童（其中新建档 ${done.result.newChildren} 名），${done.result.doses} 剂次。`}
          />
        )}
      </Space>
    </Card>
  );
}
