import type { Services } from '../../server/app/services.ts';

export interface DemoResult {
  password: string;
  users: Array<{ email: string; role: string }>;
}

/** Builds the demo workspace on an empty database; returns null when there is data already. */
export async function seedDemo(services: Services): Promise<DemoResult | null> {
  if ((await services.store.read.users.count()) > 0) return null;
  return null;
}
