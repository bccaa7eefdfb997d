import { describe, expect, it } from 'vitest';
import { signInLines } from './sign-ins.ts';

describe('the demo sign-ins on the console', () => {
  it('say who belongs to which product in which role, one line per person', () => {
    const lines = signInLines(
      {
        password: 'tandem-demo',
        vipLink: { name: 'Bruno Alvarez', email: 'bruno.alvarez.2@vip.demo', path: '/link/sil_abc' },
        users: [
          { email: 'admin@tandem.demo', role: 'workspace admin', products: [] },
          {
            email: 'paul@tandem.demo',
            role: 'Product Owner',
            products: [
              { name: 'VIP Meetings', role: 'owner' },
              { name: 'League Platform', role: 'owner' },
            ],
          },
          {
            email: 'sam@tandem.demo',
            role: 'stakeholder',
            products: [{ name: 'VIP Meetings', role: 'stakeholder' }],
          },
          {
            email: 'vera@tandem.demo',
            role: 'viewer and QA',
            products: [
              { name: 'League Platform', role: 'viewer' },
              { name: 'VIP Meetings', role: 'team' },
            ],
          },
        ],
      },
      'http://localhost:3000/',
    );
    expect(lines.join('\n')).toContain('password for all: tandem-demo');
    expect(lines).toContain('  http://localhost:3000/link/sil_abc');
    expect(lines).toContain('  paul@tandem.demo   Product Owner — owner in VIP Meetings, League Platform');
    expect(lines).toContain('  sam@tandem.demo    stakeholder — stakeholder in VIP Meetings');
    expect(lines).toContain(
      '  vera@tandem.demo   viewer and QA — viewer in League Platform; team in VIP Meetings',
    );
    expect(lines).toContain('  admin@tandem.demo  workspace admin — no product role');
  });
});
