import { createRoot } from 'react-dom/client';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN}>
    <div>基层</div>
  </ConfigProvider>,
);
