import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { ReviewRoute } from './review-page.tsx';
import { ReviewsPage } from './reviews-page.tsx';
import './reviews.css';

/** /p/:productKey/reviews/*: the list with the trend, one review (run by the PO, answered by stakeholders). */
export function Component() {
  return (
    <Routes>
      <Route index element={<ReviewsPage />} />
      <Route path=":reviewId" element={<ReviewRoute />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
