import { useState } from 'react';
import { App, Button, Card, Result, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { download } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { XlsxUpload } from '../../../components/XlsxUpload.tsx';
import type { ReceiveResult } from './visit-types.ts';

/** 就诊数据导入: a clinic's outpatient log (.xlsx or CSV) for the user's own institution, all rows or none. */
export default function VisitImportPage() {
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [done, setDone] = useState<{ name: string; result: ReceiveResult }>();

  async function template() {
    try {
      await download('/disease/visits/template.xlsx', {}, '就诊登记导入模板.xlsx');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '模板下载失败，请稍后重试');
    }
  }

  return (
    <Card title="就诊数据导入">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            下载导入模板
          </Button>
          <Typography.Text type="secondary">第二页“填写说明”写明了每一栏怎么填。</Typography.Text>
        </Space>
        {user.institutionId === null ? (
          <Result status="warning" title="您的账号没有关联医疗机构" subTitle="就诊数据按机构导入。请联系卫健局管理员在用户管理中设置您所在的机构后再导入。" />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              导入的是本机构的门诊日志：每行一次就诊，诊断填 ICD-10 编码（多个用分号隔开）。整个文件要么全部导入，要么一行都不导入：有错误时下面会列出每个出错的行号和原因，在文件里改正后重新上传整个文件即可。已导入过的就诊编号会被识别，不会重复。
            </Typography.Paragraph>
            <XlsxUpload<ReceiveResult>
              csv
              path="/disease/visits/import"
              query={{}}
              hint="Excel（.xlsx）或逗号分隔的 CSV 文件，最多 10000 行"
              checking="正在逐行核对、匹配居民并导入"
              refusedTitle={(name) => `「${name}」未导入（一行都没有保存）`}
              onDone={(result, name) => {
                setDone({ name, result });
                message.success(`导入完成：新增 ${result.received} 条`);
              }}
            />
          </>
        )}
        {done && (
          <Result
            status="success"
            title={`「${done.name}」已导入`}
            subTitle={
              <>
                新增就诊 {done.result.received} 条（匹配到居民 {done.result.matched} 条，未匹配 {done.result.unmatched} 条）；以前已导入、本次跳过 {done.result.repeated} 条。
                {done.result.unmatched > 0 && (
                  <>
                    {' '}
                    未匹配的请到 <Link to="/disease/visits?unmatched=true">就诊记录 · 未匹配</Link> 中人工关联。
                  </>
                )}
              </>
            }
          />
        )}
      </Space>
    </Card>
  );
}
