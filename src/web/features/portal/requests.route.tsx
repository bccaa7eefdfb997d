import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { RequestsPage } from './requests-page.tsx';
import './portal.css';

/** /p/:productKey/requests: a stakeholder's own and published requests to +1; the PO's triage list. */
export function Component() {
  return (
    <Routes>
      <Route index element={<RequestsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
