// Types of build-state.mjs for the TypeScript tests.

export declare const PROJECT_ROOT: string;
export declare const BUILD_DIR: string;
export declare const BUILT_FOLDERS: string[];
export declare const STAMP_FILE: string;
export declare function sourceFiles(root?: string): string[];
export declare function buildIsFresh(root?: string): boolean;
