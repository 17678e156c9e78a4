// Output formats the help text lists and the commands check: one array each (help and code never disagree).
export const VALIDATE_FORMATS = ['text', 'json', 'github'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export const RUN_FORMATS = ['text', 'json', 'junit'] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];

export const REPORT_FORMATS = ['text', 'csv', 'json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
