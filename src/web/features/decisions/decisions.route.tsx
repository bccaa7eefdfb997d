import { Route, Routes, useParams } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { DecisionForm } from './decision-form.tsx';
import { DecisionPage } from './decision-page.tsx';
import { DecisionsPage } from './decisions-page.tsx';
import './decisions.css';

/** /p/:productKey/decisions/*: the decision records, one decision, a new one. */
export function Component() {
  return (
    <Routes>
      <Route index element={<DecisionsPage />} />
      <Route path="new" element={<DecisionForm />} />
      <Route path=":decisionId" element={<DecisionById />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function DecisionById() {
  const { decisionId = '' } = useParams();
  return <DecisionPage decisionId={decisionId} />;
}
