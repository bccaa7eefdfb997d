import type { TestProject } from 'vitest/node';
import { prepareTemplate } from './global-db.ts';

export default async function setup(project: TestProject) {
  const t = await prepareTemplate('embedded');
  project.provide('db', { serverUrl: t.serverUrl, template: t.template, prefix: t.prefix, kind: 'embedded' });
  return t.teardown;
}
