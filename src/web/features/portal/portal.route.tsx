import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { PortalPage } from './portal-page.tsx';
import './portal.css';

/** /p/:productKey/portal: a stakeholder's home for the product. */
export function Component() {
  return (
    <Routes>
      <Route index element={<PortalPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
