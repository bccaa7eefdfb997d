import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import '#web/features/sprints/sprints.css';
import { PokerListPage } from './poker-list-page.tsx';
import { PokerSessionPage } from './poker-session-page.tsx';
import './poker.css';

/** /p/:productKey/poker/*: sessions of the product and one live session. */
export function Component() {
  return (
    <Routes>
      <Route index element={<PokerListPage />} />
      <Route path=":sessionId" element={<PokerSessionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
