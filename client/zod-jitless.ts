import { z } from 'zod';

// Imported first by main.tsx, before any schema is built: the server's CSP allows no eval, and zod
// would otherwise try it (reported as a violation) before falling back to its plain parser.
z.config({ jitless: true });
