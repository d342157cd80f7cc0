import { Result } from 'antd';

export function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的角色不能使用此功能，如有需要请联系卫健局管理员。" />;
}
