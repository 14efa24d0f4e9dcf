export declare const OLD_SPACE_MB: number;
export declare function bodyLimitPreload(root?: string): string;
export declare function serverNodeFlags(env?: NodeJS.ProcessEnv, root?: string): string[];
export declare function clearRouteCache(distDir: string): void;
