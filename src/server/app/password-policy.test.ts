import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

const ann = { email: 'ann.smith@example.test', name: 'Ann Smith' };

describe('password policy', () => {
  it('refuses the most common passwords whatever their case', () => {
    for (const p of ['12345678', 'password', 'Password1', 'QWERTYUIOP', 'iloveyou', 'football'])
      expect(passwordProblem(p, ann), p).toMatch(/commonly used/);
  });
  it('refuses the email, its local part, the name and only spaces', () => {
    expect(passwordProblem('Ann.Smith@example.test', ann)).toMatch(/email/);
    expect(passwordProblem('ann.smith', ann)).toMatch(/email/);
    expect(passwordProblem('ann smith', ann)).toMatch(/name/);
    expect(passwordProblem('        ', ann)).toMatch(/only spaces/);
  });
  it('accepts a passphrase of its own', () => {
    expect(passwordProblem('correct horse battery', ann)).toBeNull();
    expect(passwordProblem('ann smith rides bikes', ann)).toBeNull();
  });
});
