// Output formats the help text lists and the commands check: one array each (help and code never disagree).
export const VALIDATE_FORMATS = ['text', 'json', 'github'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export const RUN_FORMATS = ['text', 'json', 'junit'] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];

export const REPORT_FORMATS = ['text', 'csv', 'json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Report formats a file name implies, so `report --out scores.csv` needs no --format. */
const REPORT_EXTENSIONS: Record<string, ReportFormat> = {
  '.txt': 'text',
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
};

/** The format a report file's extension names, or undefined when it names none (the caller refuses). */
export function reportFormatFromPath(file: string): ReportFormat | undefined {
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') ? REPORT_EXTENSIONS[file.slice(dot).toLowerCase()] : undefined;
}

export const REPORT_EXTENSION_LIST = Object.keys(REPORT_EXTENSIONS).join(', ');

export const CONVERT_FORMATS = ['yaml', 'gift', 'moodle-xml', 'aiken', 'markdown'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

export const PROGRESS_EXPORTS = ['anki'] as const;
export type ProgressExport = (typeof PROGRESS_EXPORTS)[number];
