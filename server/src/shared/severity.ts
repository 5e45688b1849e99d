/** How loudly a finding is shown; the order is `severityOrder` in config/settings.ts. Shared with the client. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
