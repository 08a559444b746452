// Types of suite-configuration.mjs for TypeScript callers (`sm-conformance run`).

export declare const FEATURE_PATHS: string[];
export declare const SUPPORT_IMPORTS: string[];
export declare function reportFormats(reports: string): string[];

export interface SuiteSettings {
  reports: string;
  worldParameters: Record<string, string | number | boolean | string[]>;
  parallel?: number;
  stdoutFormat?: string;
  tags?: string;
}

export interface SuiteConfiguration {
  paths: string[];
  import: string[];
  format: string[];
  formatOptions: { junit: { suiteName: string } };
  worldParameters: Record<string, string | number | boolean | string[]>;
  parallel: number;
  tags?: string;
}

export declare function suiteConfiguration(settings: SuiteSettings): SuiteConfiguration;
