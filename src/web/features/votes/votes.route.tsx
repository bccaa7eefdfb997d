import { Route, Routes, useParams } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { useCan } from '#web/app/product-context.tsx';
import { BallotPage } from './ballot-page.tsx';
import { ReleasePage } from './release-page.tsx';
import { ReleasesPage } from './releases-page.tsx';
import './votes.css';

/** /p/:productKey/votes/*: releases and their votes; stakeholders get their ballot instead. */
export function Component() {
  return (
    <Routes>
      <Route index element={<ReleasesPage />} />
      <Route path=":releaseId" element={<ReleaseOrBallot />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ReleaseOrBallot() {
  const { releaseId = '' } = useParams();
  const reader = useCan(ROLES.readers);
  return reader ? <ReleasePage releaseId={releaseId} /> : <BallotPage releaseId={releaseId} />;
}
