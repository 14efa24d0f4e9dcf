export declare const OLD_SPACE_MB: number;
export declare const BODY_LIMIT_PRELOAD: string;
export declare function serverNodeFlags(env?: NodeJS.ProcessEnv): string[];
export declare function clearRouteCache(distDir: string): void;
