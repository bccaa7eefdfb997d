import { z } from 'zod';
import { Id, IsoDateTime, text } from './common.ts';

/** The longest backlog URL search string a view may hold (filters, sort, columns). */
export const VIEW_QUERY_MAX = 2000;

export const ViewName = text({ min: 1, max: 80, minMessage: 'Enter a name' });

/** The backlog URL's search string, e.g. `?status=ready&sort=wsjf`; opening a view navigates to it. */
export const ViewQuery = text({
  max: VIEW_QUERY_MAX,
  trim: false,
  maxMessage: `At most ${VIEW_QUERY_MAX} characters`,
}).refine((q) => q === '' || q.startsWith('?'), { message: 'Must be a URL search string starting with ?' });

/** A saved backlog view; each person sees only their own. */
export const BacklogView = z.object({
  id: Id,
  name: z.string(),
  query: z.string(),
  createdAt: IsoDateTime,
});
export type BacklogView = z.infer<typeof BacklogView>;

export const BacklogViewList = z.object({ views: z.array(BacklogView) });
export type BacklogViewList = z.infer<typeof BacklogViewList>;

/** Saving under a name the caller already uses replaces that view's query (same id). */
export const SaveViewBody = z.object({ name: ViewName, query: ViewQuery });
export type SaveViewBody = z.infer<typeof SaveViewBody>;

export const ViewParams = z.object({ productId: Id, viewId: Id });
