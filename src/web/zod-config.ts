import { z } from 'zod';

// zod compiles parsers with `new Function` when it may; the CSP forbids eval, and even zod's
// probe for it is reported as a violation. Interpreted parsing is fast enough for our payloads.
// Imported first by main.tsx, so it holds before any module parses anything.
z.config({ jitless: true });
