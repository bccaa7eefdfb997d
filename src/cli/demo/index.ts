import type { Services } from '../../server/app/services.ts';
import { DEMO_PASSWORD, seedCore } from './core.ts';

export interface DemoResult {
  password: string;
  users: Array<{ email: string; role: string }>;
}

/**
 * Builds the demo workspace from the stories in shared/seeds on an empty database; returns null
 * when the database already has people in it. Each capability adds its part after the core.
 */
export async function seedDemo(services: Services): Promise<DemoResult | null> {
  if ((await services.store.read.users.count()) > 0) return null;
  const { ctx, people } = await seedCore(services);
  void ctx;
  return { password: DEMO_PASSWORD, users: people };
}
