import type { FileRuleCases } from '../types';

const env = 'DATABASE_PASSWORD=secret123\nAPI_KEY=xxx\n';

export const cases: FileRuleCases = {
  ruleId: 'PSG802',
  valid: [
    { name: "the 2026 guide's advice followed: .env in .gitignore", path: '/repo/.env', text: env, gitIgnored: true },
    { name: 'a committed template', path: '/repo/.env.example', text: 'DATABASE_PASSWORD=\nAPI_KEY=\n', gitIgnored: false },
    { name: '.env.sample', path: '/repo/.env.sample', text: env, gitIgnored: false },
    { name: 'no repository: cannot tell', path: '/tmp/.env', text: env, gitIgnored: undefined },
    { name: 'no values', path: '/repo/.env', text: '# fill in\nDATABASE_PASSWORD=\nAPI_KEY=""\n', gitIgnored: false },
    { name: 'only comments', path: '/repo/.env', text: '# DATABASE_PASSWORD=secret123\n', gitIgnored: false },
    { name: 'empty', path: '/repo/.env', text: '', gitIgnored: false },
    { name: 'not a .env file', path: '/repo/settings.env.py', text: env, gitIgnored: false },
    { name: 'ignored .env.production', path: '/repo/.env.production', text: env, gitIgnored: true },
    { name: 'suppressed', path: '/repo/.env', text: 'LOG_LEVEL=debug  # psg-ignore: PSG802 -- no secrets, shared defaults\n', gitIgnored: false },
  ],
  invalid: [
    { name: "the 2026 guide's .env, not ignored", path: '/repo/.env', text: env, gitIgnored: false, findings: [{ text: 'DATABASE_PASSWORD', confidence: 'high', message: 'not ignored by .gitignore' }] },
    { name: '.env.local', path: '/repo/.env.local', text: env, gitIgnored: false, findings: [{ text: 'DATABASE_PASSWORD' }] },
    { name: '.env.production', path: '/repo/.env.production', text: 'SECRET_KEY=abc\n', gitIgnored: false, findings: [{ text: 'SECRET_KEY' }] },
    { name: 'export syntax', path: '/repo/.env', text: 'export TOKEN=abc\n', gitIgnored: false, findings: [{ text: 'TOKEN' }] },
    { name: 'no secret names: medium confidence', path: '/repo/.env', text: 'LOG_LEVEL=debug\nPORT=8000\n', gitIgnored: false, findings: [{ text: 'LOG_LEVEL', confidence: 'medium' }] },
    { name: 'after comments and blank lines', path: '/repo/.env', text: '# local\n\nDB_URL=postgres://u:p@h/db\n', gitIgnored: false, findings: [{ text: 'DB_URL' }] },
    { name: 'quoted values', path: '/repo/.env', text: 'API_TOKEN="abc def"\n', gitIgnored: false, findings: [{ text: 'API_TOKEN' }] },
    { name: 'spaces around =', path: '/repo/.env', text: 'PASSWORD = hunter2\n', gitIgnored: false, findings: [{ text: 'PASSWORD' }] },
    { name: 'Windows path', path: 'C:\\repo\\.env', text: 'KEY=1\r\n', gitIgnored: false, findings: [{ text: 'KEY' }] },
  ],
};
