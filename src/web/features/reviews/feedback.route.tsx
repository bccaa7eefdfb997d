import { FeedbackPage } from './feedback-page.tsx';

/** /feedback/:token, loaded on its own: a phone on a personal link downloads only this page. */
export const Component = FeedbackPage;
