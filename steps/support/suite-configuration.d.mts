// Types of suite-configuration.mjs for TypeScript callers (`sm-conformance run`).

/** What worldParameters may hold: plain JSON. */
export type WorldValue = string | number | boolean | null | WorldValue[] | { [key: string]: WorldValue };

export declare const FEATURE_PATHS: string[];
export declare const SUPPORT_IMPORTS: string[];
export declare function reportFormats(reports: string, messagesOnly?: boolean): string[];

export interface SuiteSettings {
  reports: string;
  worldParameters: Record<string, WorldValue>;
  parallel?: number;
  stdoutFormat?: string;
  tags?: string;
  retry?: number;
  retryTagFilter?: string;
  shard?: string;
  messagesOnly?: boolean;
}

export interface SuiteConfiguration {
  paths: string[];
  import: string[];
  format: string[];
  formatOptions: { junit: { suiteName: string } };
  worldParameters: Record<string, WorldValue>;
  parallel: number;
  tags?: string;
  retry?: number;
  retryTagFilter?: string;
  shard?: string;
}

export declare function suiteConfiguration(settings: SuiteSettings): SuiteConfiguration;
