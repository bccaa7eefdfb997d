import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { CurrentSprintRedirect } from './current-sprint-redirect.tsx';
import { SprintListPage } from './sprint-list-page.tsx';
import { SprintPage } from './sprint-page.tsx';
import { SprintReportPage } from './sprint-report-page.tsx';
import './sprints.css';
import './sprint-charts.css';

/** /p/:productKey/sprints/*: the list, the running sprint, one sprint (planning or board), its report. */
export function Component() {
  return (
    <Routes>
      <Route index element={<SprintListPage />} />
      <Route path="current" element={<CurrentSprintRedirect />} />
      <Route path=":sprintId" element={<SprintPage tab="main" />} />
      <Route path=":sprintId/plan" element={<SprintPage tab="plan" />} />
      <Route path=":sprintId/report" element={<SprintReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
