import { Route, Routes, useParams } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { AgreementPage } from './agreement-page.tsx';
import { AgreementsPage } from './agreements-page.tsx';
import { VersionEditor } from './version-editor.tsx';
import './agreements.css';

/** /p/:productKey/agreements/*: working agreements, one agreement, the editor of a new version. */
export function Component() {
  return (
    <Routes>
      <Route index element={<AgreementsPage />} />
      <Route path="new" element={<VersionEditor agreementId={null} />} />
      <Route path=":agreementId" element={<AgreementRoute />} />
      <Route path=":agreementId/propose" element={<EditorRoute />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function AgreementRoute() {
  const { agreementId = '' } = useParams();
  return <AgreementPage agreementId={agreementId} />;
}

function EditorRoute() {
  const { agreementId = '' } = useParams();
  return <VersionEditor agreementId={agreementId} />;
}
