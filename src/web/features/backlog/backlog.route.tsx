import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { BacklogPage } from './backlog-page.tsx';
import { BoardPage } from './board-page.tsx';
import './backlog.css';

/** /p/:productKey/backlog (list, ?item= opens the detail panel) and /backlog/board. */
export function Component() {
  return (
    <Routes>
      <Route index element={<BacklogPage />} />
      <Route path="board" element={<BoardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
